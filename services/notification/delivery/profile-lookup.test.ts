import { expect, test } from "bun:test";
import { type ProfileLookup, profilesReadAhead } from "./profile-lookup";

const profile = (name: string) => ({ email: `${name}@example.com`, timeZone: "Asia/Karachi", locale: "en", name });

test("profilesReadAhead: what was read ahead answers later lookups without asking again; anything else is asked", async () => {
  const asked: string[] = [];
  let failing = false;
  const lookup: ProfileLookup = async (userId) => {
    asked.push(userId);
    if (failing) throw new Error("orchestrator away");
    return userId === "gone" ? undefined : profile(userId);
  };
  const people = profilesReadAhead(lookup, 1_000);
  await people.ahead(["sara", "ali", "sara", "", "gone"], "c1");
  expect(asked.sort()).toEqual(["ali", "gone", "sara"]);
  asked.length = 0;
  // Inside the transaction: answered from the read ahead (a deleted person too), nothing asked.
  expect(await people("sara", "c1")).toEqual(profile("sara"));
  expect(await people("gone", "c1")).toBeUndefined();
  // Read ahead again (the next event): asked afresh, so a profile changed since counts.
  await people.ahead(["ali"], "c2");
  expect(asked).toEqual(["ali"]);
  asked.length = 0;
  // Someone not read ahead is asked as before.
  expect(await people("bilal", "c1")).toEqual(profile("bilal"));
  expect(asked).toEqual(["bilal"]);
  expect(await people("bilal", "c1")).toEqual(profile("bilal"));
  expect(asked).toEqual(["bilal", "bilal"]);
  // A failed read ahead does not throw and is not kept: the lookup itself asks (and fails the usual way).
  failing = true;
  await people.ahead(["dua"], "c3");
  await expect(people("dua", "c3")).rejects.toThrow("orchestrator away");
});

test("profilesReadAhead: a read older than its time to live is asked again", async () => {
  let calls = 0;
  const people = profilesReadAhead(async (userId) => {
    calls++;
    return profile(userId);
  }, 20);
  await people.ahead(["sara"], "c1");
  await people("sara", "c1");
  expect(calls).toBe(1);
  await Bun.sleep(30);
  await people("sara", "c1");
  expect(calls).toBe(2);
  await people.ahead(["sara"], "c2");
  expect(calls).toBe(3);
});
