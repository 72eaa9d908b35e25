/**
 * subjectOf keeps what an audit summary is about: the quoted task title at its end
 * (`Reminder delivered by in_app: "buy milk"` → buy milk), else the text after a short lead-in. The
 * event's label already says what happened, in the user's language. Other summaries pass unchanged.
 */
export function subjectOf(summary: string): string {
  const quoted = /["“]([^"”]+)["”]\s*$/u.exec(summary);
  if (quoted) return quoted[1]!;
  return summary.replace(/^[\p{L} ]{1,40}:\s*/u, "");
}
