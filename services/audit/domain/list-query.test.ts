import { expect, test } from "bun:test";
import { z } from "zod";
import { InvalidArgumentError } from "../../platform/errors";
import { pageTokens } from "../../platform/page-token";
import { auditQuery, decodePageToken, defaultPageSize, encodePageToken, normalizeFilter } from "./list-query";

const filter = { taskId: "task-1", eventTypes: ["TaskCompleted"], occurredAfter: new Date("2025-01-01T00:00:00Z") };

test("short event type names are qualified, deduplicated and sorted", () => {
  expect(
    normalizeFilter({ eventTypes: ["TaskUpdated", "todo.events.v1.TaskCreated", "TaskCreated", ""] }).eventTypes,
  ).toEqual(["todo.events.v1.TaskCreated", "todo.events.v1.TaskUpdated"]);
});

test("a page token round-trips for the same filter", () => {
  const normalized = normalizeFilter(filter);
  expect(decodePageToken(encodePageToken(42, normalized), normalized)).toBe(42);
  expect(auditQuery({ filter, pageSize: 0, pageToken: encodePageToken(42, normalized) })).toMatchObject({
    pageSize: defaultPageSize,
    beforeSequence: 42,
  });
});

test("a token from another filter, or a forged one, is InvalidArgument", () => {
  const token = encodePageToken(42, normalizeFilter(filter));
  expect(() => decodePageToken(token, normalizeFilter({ ...filter, taskId: "task-2" }))).toThrow(InvalidArgumentError);
  expect(() => decodePageToken("not-a-token", normalizeFilter(filter))).toThrow(InvalidArgumentError);
  const negative = pageTokens(z.object({ sequence: z.number() })).encode({ sequence: -1 }, normalizeFilter(filter));
  expect(() => decodePageToken(negative, normalizeFilter(filter))).toThrow(InvalidArgumentError);
});

test("an empty time range is InvalidArgument", () => {
  const at = new Date("2025-01-01T00:00:00Z");
  expect(() =>
    auditQuery({ filter: { eventTypes: [], occurredAfter: at, occurredBefore: at }, pageSize: 10, pageToken: "" }),
  ).toThrow(InvalidArgumentError);
});
