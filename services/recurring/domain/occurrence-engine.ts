import { nextOccurrence, type OccurrenceQuery } from "./next-occurrence";

/**
 * OccurrenceEngine computes a rule's next occurrence. Pluggable so the service can ask the Recurring
 * agent over SkillService (the design's path) or compute it in process (same RFC 5545 semantics).
 */
export interface OccurrenceEngine {
  readonly name: string;
  /** next is the first occurrence strictly after query.after, or null when the rule has ended. */
  next(query: OccurrenceQuery): Promise<Date | null>;
}

/** localOccurrenceEngine computes occurrences in process with the vocabulary's bounded expansion. */
export const localOccurrenceEngine: OccurrenceEngine = {
  name: "local",
  next: (query) => nextOccurrence(query),
};
