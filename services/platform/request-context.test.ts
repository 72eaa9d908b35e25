import { expect, test } from "bun:test";
import { correlationIdFrom } from "./request-context";

const fresh = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("a short plain correlation id is kept; anything else is replaced by a fresh UUID", () => {
  for (const kept of ["0190f7a4-0000-7000-8000-000000000001", "req-42.retry:1", "a", "x".repeat(64)]) {
    expect(correlationIdFrom(kept)).toBe(kept);
  }
  for (const replaced of [
    null,
    undefined,
    "",
    "x".repeat(65),
    "x".repeat(12 * 1024),
    "has space",
    "new\nline",
    "nul\u0000",
    "ünï",
    "<script>",
  ]) {
    expect(correlationIdFrom(replaced)).toMatch(fresh);
  }
  expect(correlationIdFrom("bad id")).not.toBe(correlationIdFrom("bad id"));
});
