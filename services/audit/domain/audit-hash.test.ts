import { expect, test } from "bun:test";
import { canonicalRecord, genesisHash, type HashedFields, recordHash } from "./audit-hash";

const fields: HashedFields = {
  id: "0190f0e0-0000-7000-8000-000000000001",
  userId: "user-1",
  sequence: 1,
  eventId: "event-1",
  eventType: "todo.events.v1.TaskCreated",
  topic: "task-events",
  taskId: "task-1",
  occurredAt: new Date("2025-03-01T10:00:00.123Z"),
  recordedAt: new Date("2025-03-01T10:00:01.000Z"),
  summary: 'Task created: "Buy milk"',
  payloadJson: '{"task":{"id":"task-1","title":"Buy milk"}}',
  previousHash: genesisHash,
};

test("the hash is hex SHA-256 of the canonical form and is stable", () => {
  const hash = recordHash(fields);
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  expect(recordHash({ ...fields })).toBe(hash);
  const expected = new Bun.CryptoHasher("sha256").update(canonicalRecord(fields)).digest("hex");
  expect(hash).toBe(expected);
});

test("every hashed field changes the hash", () => {
  const base = recordHash(fields);
  const changed: Partial<HashedFields>[] = [
    { id: "0190f0e0-0000-7000-8000-000000000002" },
    { userId: "user-2" },
    { sequence: 2 },
    { eventId: "event-2" },
    { eventType: "todo.events.v1.TaskDeleted" },
    { topic: "audit-events" },
    { taskId: "task-2" },
    { occurredAt: new Date("2025-03-01T10:00:00.124Z") },
    { recordedAt: new Date("2025-03-01T10:00:01.001Z") },
    { summary: 'Task created: "Buy bread"' },
    { payloadJson: '{"task":{"id":"task-1","title":"Buy bread"}}' },
    { previousHash: "f".repeat(64) },
  ];
  for (const change of changed) expect(recordHash({ ...fields, ...change })).not.toBe(base);
});

test("a record with a project or an actor is hashed in form v2, which covers both; one with neither keeps form v1", () => {
  const v1 = recordHash(fields);
  expect(recordHash({ ...fields, projectId: "", actorUserId: "" })).toBe(v1);
  expect(canonicalRecord(fields)).toStartWith('["taskmesh.audit.v1",');
  const shared = { ...fields, projectId: "project-1", actorUserId: "user-2" };
  expect(canonicalRecord(shared)).toStartWith('["taskmesh.audit.v2",');
  const v2 = recordHash(shared);
  for (const change of [{ projectId: "project-2" }, { actorUserId: "user-3" }, { projectId: "" }, { actorUserId: "" }])
    expect(recordHash({ ...shared, ...change })).not.toBe(v2);
  // Blanking both falls back to v1's text, which the stored v2 hash does not match.
  expect(recordHash({ ...shared, projectId: "", actorUserId: "" })).not.toBe(v2);
  expect(recordHash({ ...fields, projectId: "p", actorUserId: "" })).not.toBe(
    recordHash({ ...fields, projectId: "", actorUserId: "p" }),
  );
});

test("moving text between adjacent fields changes the hash (no concatenation ambiguity)", () => {
  const a = recordHash({ ...fields, eventId: "ab", eventType: "c" });
  const b = recordHash({ ...fields, eventId: "a", eventType: "bc" });
  expect(a).not.toBe(b);
});
