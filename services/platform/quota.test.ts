import { expect, test } from "bun:test";
import { Code } from "@connectrpc/connect";
import { toConnectError } from "./errors";
import { createTokenBuckets, quotaFrom } from "./quota";

test("a bucket allows its capacity at once, then refills one token per window/capacity", () => {
  const quota = createTokenBuckets(3, 60); // one token every 20 s
  expect([0, 0, 0].map(() => quota.take("u", 0))).toEqual([0, 0, 0]);
  expect(quota.take("u", 0)).toBeCloseTo(20, 5);
  expect(quota.take("u", 10_000)).toBeCloseTo(10, 5);
  expect(quota.take("u", 20_000)).toBe(0);
  expect(quota.take("other", 20_000)).toBe(0);
});

test("enforce throws ResourceExhausted with a retry-after hint in whole seconds", () => {
  const quota = createTokenBuckets(1, 3600, "reminder emails");
  quota.enforce("u");
  let thrown: unknown;
  try {
    quota.enforce("u");
  } catch (error) {
    thrown = error;
  }
  const connectError = toConnectError(thrown);
  expect(connectError.code).toBe(Code.ResourceExhausted);
  expect(Number(connectError.metadata.get("retry-after"))).toBeGreaterThan(3500);
  expect(connectError.rawMessage).toContain("too many reminder emails");
});

test("a quota's count comes from its variable; a bad value is refused, naming it", () => {
  const quota = quotaFrom("chatMessages", { QUOTA_CHAT_MESSAGES_PER_MINUTE: "2" });
  expect([quota.take("u", 0), quota.take("u", 0), quota.take("u", 0) > 0]).toEqual([0, 0, true]);
  expect(() => quotaFrom("chatMessages", { QUOTA_CHAT_MESSAGES_PER_MINUTE: "0x10" })).toThrow(
    "QUOTA_CHAT_MESSAGES_PER_MINUTE",
  );
});
