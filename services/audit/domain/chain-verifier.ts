import { genesisHash, type HashedFields, recordHash } from "./audit-hash";

/** ChainRecord is a stored audit record as the verifier reads it. */
export interface ChainRecord extends HashedFields {
  hash: string;
}

/** BreakKind says how a chain is broken. */
type BreakKind = "sequence_gap" | "broken_link" | "hash_mismatch" | "truncated" | "head_mismatch";

/** ChainHead is what the writer remembers of a chain's end: its last sequence and hash. */
export interface ChainHead {
  sequence: number;
  hash: string;
}

/** emptyHead is the head of a chain with no records. */
export const emptyHead: ChainHead = { sequence: 0, hash: genesisHash };

/** ChainBreak is the first place a chain fails, and why. */
export interface ChainBreak {
  kind: BreakKind;
  sequence: number;
  eventId: string;
  reason: string;
}

/** ChainVerdict is the outcome of verifying one user's chain. */
export interface ChainVerdict {
  valid: boolean;
  /** checked counts the records that passed, in sequence order, before any break. */
  checked: number;
  broken?: ChainBreak;
}

/**
 * ChainVerifier checks records fed in sequence order, one batch at a time, so a long chain never has
 * to sit in memory. It stops at the first break; later records are not looked at.
 */
export class ChainVerifier {
  private expectedSequence = 1;
  private previousHash = genesisHash;
  private passed = 0;
  private lastEventId = "";
  private firstBreak: ChainBreak | undefined;

  /** add checks the next record; it returns false once the chain is broken (stop feeding it). */
  add(record: ChainRecord): boolean {
    if (this.firstBreak) return false;
    this.firstBreak = this.check(record);
    if (this.firstBreak) return false;
    this.passed += 1;
    this.expectedSequence = record.sequence + 1;
    this.previousHash = record.hash;
    this.lastEventId = record.eventId;
    return true;
  }

  /**
   * finish closes the chain against the head the writer keeps. Links alone cannot show records
   * removed from the end, nor a last record rewritten together with its own hash; the head can.
   */
  finish(head: ChainHead): ChainVerdict {
    const last = this.expectedSequence - 1;
    if (!this.firstBreak && head.sequence > last) {
      this.firstBreak = {
        kind: "truncated",
        sequence: last + 1,
        eventId: "",
        reason: `records ${last + 1}..${head.sequence} are missing: the chain ends at ${last} but ${head.sequence} were written`,
      };
    } else if (!this.firstBreak && (head.sequence !== last || head.hash !== this.previousHash)) {
      this.firstBreak = {
        kind: "head_mismatch",
        sequence: last,
        eventId: this.lastEventId,
        reason: `the chain's end (record ${last}) does not match the head kept at write time (record ${head.sequence})`,
      };
    }
    return this.firstBreak
      ? { valid: false, checked: this.passed, broken: this.firstBreak }
      : { valid: true, checked: this.passed };
  }

  private check(record: ChainRecord): ChainBreak | undefined {
    const at = { sequence: record.sequence, eventId: record.eventId };
    if (record.sequence !== this.expectedSequence) {
      return {
        ...at,
        kind: "sequence_gap",
        reason: `sequence gap: expected ${this.expectedSequence}, found ${record.sequence}`,
      };
    }
    if (record.previousHash !== this.previousHash) {
      return { ...at, kind: "broken_link", reason: "previous_hash does not match the hash of the record before it" };
    }
    if (recordHash(record) !== record.hash) {
      return {
        ...at,
        kind: "hash_mismatch",
        reason: "hash mismatch: the record's content changed after it was written",
      };
    }
    return undefined;
  }
}

/** verifyChain checks a whole chain held in memory (records in sequence order) against its head. */
export function verifyChain(records: ChainRecord[], head: ChainHead): ChainVerdict {
  const verifier = new ChainVerifier();
  for (const record of records) if (!verifier.add(record)) break;
  return verifier.finish(head);
}
