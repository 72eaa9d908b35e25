import { expect, test } from "bun:test";
import { z } from "zod";
import { InvalidArgumentError } from "../../platform/errors";
import { pageTokens } from "../../platform/page-token";
import { type AuditFilter, auditQuery, defaultPageSize, encodePageToken, normalizeFilter } from "./list-query";

const filter = { taskId: "task-1", eventTypes: ["TaskCompleted"], occurredAfter: new Date("2025-01-01T00:00:00Z") };

test("short event type names are qualified, deduplicated and sorted", () => {
  expect(
    normalizeFilter({ eventTypes: ["TaskUpdated", "todo.events.v1.TaskCreated", "TaskCreated", ""] }).eventTypes,
  ).toEqual(["todo.events.v1.TaskCreated", "todo.events.v1.TaskUpdated"]);
});

const lastId = "0190f0e0-0000-7000-8000-000000000001";
const decode = (pageToken: string, f: AuditFilter) => auditQuery({ filter: f, pageSize: 0, pageToken });

test("a page token round-trips for the same filter", () => {
  const normalized = normalizeFilter(filter);
  expect(decode(encodePageToken({ sequence: 42, id: lastId }, normalized), filter)).toMatchObject({
    pageSize: defaultPageSize,
    beforeSequence: 42,
  });
});

test("a listing of several chains (a project, or shared projects) pages by record id instead of sequence", () => {
  for (const f of [
    { ...filter, projectId: lastId },
    { ...filter, includeShared: true },
  ]) {
    const query = decode(encodePageToken({ sequence: 42, id: lastId }, normalizeFilter(f)), f);
    expect([query.beforeId, query.beforeSequence]).toEqual([lastId, undefined]);
  }
  // A project's listing reads its shared slice anyway: include_shared does not make it another listing.
  expect(normalizeFilter({ ...filter, projectId: lastId, includeShared: true })).toEqual(
    normalizeFilter({ ...filter, projectId: lastId }),
  );
  // A token of the caller's own chain is not one of the shared listing, nor of an actor's.
  const own = encodePageToken({ sequence: 42, id: lastId }, normalizeFilter(filter));
  expect(() => decode(own, { ...filter, includeShared: true })).toThrow(InvalidArgumentError);
  expect(() => decode(own, { ...filter, actorUserId: lastId })).toThrow(InvalidArgumentError);
});

test("a token from another filter, or a forged one, is InvalidArgument", () => {
  const token = encodePageToken({ sequence: 42, id: lastId }, normalizeFilter(filter));
  expect(() => decode(token, { ...filter, taskId: "task-2" })).toThrow(InvalidArgumentError);
  expect(() => decode("not-a-token", filter)).toThrow(InvalidArgumentError);
  const negative = pageTokens(z.object({ sequence: z.number() })).encode({ sequence: -1 }, normalizeFilter(filter));
  expect(() => decode(negative, filter)).toThrow(InvalidArgumentError);
  const notAnId = pageTokens(z.object({ id: z.string() })).encode(
    { id: "1 or 1=1" },
    normalizeFilter({ ...filter, includeShared: true }),
  );
  expect(() => decode(notAnId, { ...filter, includeShared: true })).toThrow(InvalidArgumentError);
});

test("an empty time range is InvalidArgument", () => {
  const at = new Date("2025-01-01T00:00:00Z");
  expect(() =>
    auditQuery({ filter: { eventTypes: [], occurredAfter: at, occurredBefore: at }, pageSize: 10, pageToken: "" }),
  ).toThrow(InvalidArgumentError);
});
