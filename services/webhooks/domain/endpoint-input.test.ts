import { expect, test } from "bun:test";
import { Webhook } from "standardwebhooks";
import { checkEventTypes, newEndpointSecret } from "./endpoint-input";

test("event types are known names, repeats folded; each unknown one is a violation on its index", () => {
  expect(checkEventTypes(["task.created", "task.completed", "task.created"])).toEqual([
    "task.created",
    "task.completed",
  ]);
  expect(checkEventTypes(["task.created", "task.exploded", "nope"])).toEqual([
    { field: "event_types[1]", description: '"task.exploded" is not an event type' },
    { field: "event_types[2]", description: '"nope" is not an event type' },
  ]);
});

test("a secret is whsec_ + 32 random bytes that the Standard Webhooks library accepts", () => {
  const secret = newEndpointSecret();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
  expect(newEndpointSecret()).not.toBe(secret);
  const hook = new Webhook(secret);
  const at = new Date();
  const signature = hook.sign("msg_1", at, "{}");
  expect(
    hook.verify("{}", {
      "webhook-id": "msg_1",
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signature,
    }),
  ).toEqual({});
});
