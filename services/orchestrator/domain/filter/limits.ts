/** The bounds of a filter: a query past any of them is refused before it reaches the database. */
export const FILTER_LIMITS = {
  /** maxBytes is the UTF-8 length of a query (the contract says the same: max_bytes 1024). */
  maxBytes: 1024,
  /** maxDepth bounds nested parentheses and negations. */
  maxDepth: 16,
  /** maxTerms bounds the conditions one query may hold. */
  maxTerms: 32,
  /** tagChars matches the contract's limit on a task's tag. */
  tagChars: 50,
  /** nameChars bounds a project name in `project:`. */
  nameChars: 120,
  /** searchChars matches ListTasks' search query. */
  searchChars: 200,
  /** offsetDays bounds `+N days` (ten years either way). */
  offsetDays: 3660,
  /** Dates are read between these years, as due dates are. */
  minYear: 1900,
  maxYear: 2200,
} as const;
