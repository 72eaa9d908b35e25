/**
 * subjectOf drops an audit summary's English lead-in ("Task completed: "buy milk"" → buy milk): the
 * event's label already says what happened, in the user's language. Other summaries pass unchanged.
 */
export const subjectOf = (summary: string): string =>
  summary.replace(/^[\p{L} ]{1,40}:\s*/u, "").replace(/^["“](.*)["”]$/u, "$1");
