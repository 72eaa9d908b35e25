import type { Span } from "./types";

/**
 * Turns the LLM's evidence (field + quoted text) into spans by finding each text in the input; text
 * that is not in the input is dropped (the model cannot invent spans).
 */
export function locateEvidence(input: string, evidence: ReadonlyArray<{ field: string; text: string }>): Span[] {
  const spans: Span[] = [];
  const lowerInput = input.toLowerCase();
  for (const item of evidence) {
    const needle = item.text.trim();
    if (!needle) continue;
    let start = input.indexOf(needle);
    if (start < 0) start = lowerInput.indexOf(needle.toLowerCase());
    if (start < 0) continue;
    spans.push({
      field: item.field,
      start,
      end: start + needle.length,
      text: input.slice(start, start + needle.length),
    });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** True when a span lies inside double-quoted text, which must never feed a date. */
export function insideQuotes(input: string, span: Span): boolean {
  for (const match of input.matchAll(/"[^"\n]*"|“[^”\n]*”|«[^»\n]*»/g)) {
    const start = match.index;
    const end = start + match[0].length;
    if (span.start >= start && span.end <= end) return true;
  }
  return false;
}
