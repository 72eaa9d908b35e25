import { expect, test } from "bun:test";
import { actorNameFrom, createActorNames } from "./actor-names";

test("a person is shown by their display name, else their email's local part", () => {
  expect(actorNameFrom({ displayName: "Sara Khan", email: "sara@example.com" })).toBe("Sara Khan");
  expect(actorNameFrom({ displayName: "  ", email: "sara.k@example.com" })).toBe("sara.k");
  expect(actorNameFrom({ displayName: "", email: "" })).toBe("");
});

test("names are looked up where a lookup is installed, and not at all elsewhere", async () => {
  const names = createActorNames();
  expect(await names.nameOf("u1")).toBeUndefined();
  names.lookUpLocally(async (id) => (id === "u1" ? "Sara" : undefined));
  expect([await names.nameOf("u1"), await names.nameOf("u2")]).toEqual(["Sara", undefined]);
});
