import { expect, test } from "bun:test";
import { actorNameFrom, createActorNames } from "./actor-names";

test("a person is shown by their display name, else their email's local part", () => {
  expect(actorNameFrom({ displayName: "Sara Khan", email: "sara@example.com" })).toBe("Sara Khan");
  expect(actorNameFrom({ displayName: "  ", email: "sara.k@example.com" })).toBe("sara.k");
  expect(actorNameFrom({ displayName: "", email: "" })).toBe("");
});

test("names are looked up once a minute per person, and not at all where no lookup is installed", async () => {
  const names = createActorNames();
  expect(await names.nameOf("u1")).toBeUndefined();
  let calls = 0;
  names.lookUpLocally(async (id) => {
    calls++;
    return id === "u1" ? "Sara" : undefined;
  });
  expect([await names.nameOf("u1"), await names.nameOf("u1"), await names.nameOf("u2")]).toEqual([
    "Sara",
    "Sara",
    undefined,
  ]);
  expect(calls).toBe(2);
});
