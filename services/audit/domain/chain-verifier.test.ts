import { describe, expect, test } from "bun:test";
import { genesisHash, recordHash } from "./audit-hash";
import { type ChainHead, type ChainRecord, ChainVerifier, emptyHead, verifyChain } from "./chain-verifier";

/** chain builds n correctly linked records for one user. */
function chain(n: number): ChainRecord[] {
  const records: ChainRecord[] = [];
  let previousHash = genesisHash;
  for (let sequence = 1; sequence <= n; sequence += 1) {
    const fields = {
      id: `id-${sequence}`,
      userId: "user-1",
      sequence,
      eventId: `event-${sequence}`,
      eventType: "todo.events.v1.TaskUpdated",
      topic: "task-events",
      taskId: "task-1",
      occurredAt: new Date(Date.UTC(2025, 0, 1, 0, sequence)),
      recordedAt: new Date(Date.UTC(2025, 0, 1, 0, sequence, 1)),
      summary: `update ${sequence}`,
      payloadJson: JSON.stringify({ n: sequence }),
      previousHash,
    };
    const hash = recordHash(fields);
    records.push({ ...fields, hash });
    previousHash = hash;
  }
  return records;
}

const headOf = (records: ChainRecord[]): ChainHead => {
  const last = records[records.length - 1];
  return last ? { sequence: last.sequence, hash: last.hash } : emptyHead;
};

describe("verifyChain", () => {
  test("an intact chain is valid and counts every record", () => {
    const records = chain(5);
    expect(verifyChain(records, headOf(records))).toEqual({ valid: true, checked: 5 });
  });

  test("an empty chain with an empty head is valid", () => {
    expect(verifyChain([], emptyHead)).toEqual({ valid: true, checked: 0 });
  });

  test("a changed payload is a hash mismatch at that record", () => {
    const records = chain(5);
    const head = headOf(records);
    records[2] = { ...records[2]!, payloadJson: JSON.stringify({ n: 999 }) };
    const verdict = verifyChain(records, head);
    expect(verdict.valid).toBe(false);
    expect(verdict.checked).toBe(2);
    expect(verdict.broken).toMatchObject({ kind: "hash_mismatch", sequence: 3, eventId: "event-3" });
  });

  test("a record rewritten with a recomputed hash breaks the next record's link", () => {
    const records = chain(5);
    const head = headOf(records);
    const forged = { ...records[1]!, summary: "forged" };
    records[1] = { ...forged, hash: recordHash(forged) };
    expect(verifyChain(records, head).broken).toMatchObject({ kind: "broken_link", sequence: 3 });
  });

  test("a removed record is a sequence gap", () => {
    const records = chain(5);
    const head = headOf(records);
    records.splice(1, 1);
    expect(verifyChain(records, head).broken).toMatchObject({ kind: "sequence_gap", sequence: 3, eventId: "event-3" });
  });

  test("records removed from the end are found through the head", () => {
    const records = chain(5);
    const head = headOf(records);
    const verdict = verifyChain(records.slice(0, 3), head);
    expect(verdict).toMatchObject({
      valid: false,
      checked: 3,
      broken: { kind: "truncated", sequence: 4, eventId: "" },
    });
  });

  test("the last record rewritten with its own hash recomputed disagrees with the head", () => {
    const records = chain(3);
    const head = headOf(records);
    const forged = { ...records[2]!, payloadJson: "{}" };
    records[2] = { ...forged, hash: recordHash(forged) };
    expect(verifyChain(records, head).broken).toMatchObject({ kind: "head_mismatch", sequence: 3, eventId: "event-3" });
  });

  test("a chain that does not start at the genesis hash is a broken link at sequence 1", () => {
    const records = chain(2);
    records[0] = { ...records[0]!, previousHash: "1".repeat(64) };
    expect(verifyChain(records, headOf(records)).broken).toMatchObject({ kind: "broken_link", sequence: 1 });
  });
});

test("ChainVerifier checks batch by batch and stops at the first break", () => {
  const records = chain(6);
  records[1] = { ...records[1]!, topic: "reminders" };
  records[4] = { ...records[4]!, topic: "reminders" };
  const verifier = new ChainVerifier();
  expect(records.slice(0, 3).every((r) => verifier.add(r))).toBe(false);
  expect(verifier.add(records[3]!)).toBe(false);
  expect(verifier.finish(headOf(records))).toMatchObject({
    valid: false,
    checked: 1,
    broken: { sequence: 2, kind: "hash_mismatch" },
  });
});
