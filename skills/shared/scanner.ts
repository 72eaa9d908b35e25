import { asciiDigits } from "./language";
import type { Span } from "./types";

/** Regex source for "no letter, mark or digit before here" (a word start that also works for Urdu). */
export const WORD_START = "(?<![\\p{L}\\p{M}\\p{N}_#@])";
/** Regex source for "no letter, mark or digit after here". */
export const WORD_END = "(?![\\p{L}\\p{M}\\p{N}_])";

/** Builds a global Unicode regex whose alternatives must stand as whole words. */
export function wordRegex(source: string): RegExp {
  return new RegExp(`${WORD_START}(?:${source})${WORD_END}`, "gu");
}

const QUOTED = /"[^"\n]*"|“[^”\n]*”|«[^»\n]*»/g;

const LETTER_VARIANTS: Record<string, string> = {
  "\u064A": "\u06CC", // Arabic yeh → Farsi/Urdu yeh
  "\u0649": "\u06CC", // alef maksura → Urdu yeh
  "\u0643": "\u06A9", // Arabic kaf → keheh
  "\u0647": "\u06C1", // Arabic heh → heh goal
  "\u06C0": "\u06C1", // heh with yeh above (ۀ) → heh goal
  "\u0629": "\u06C1", // teh marbuta → heh goal
};

/** One working character per original code unit: lower case, ASCII digits, Urdu letter variants folded. */
function normalizeForMatching(text: string): string[] {
  const digits = asciiDigits(text);
  const chars: string[] = [];
  for (let i = 0; i < digits.length; i += 1) {
    const char = digits[i] ?? " ";
    const lower = char.toLowerCase();
    const folded = lower.length === 1 ? lower : char;
    chars.push(LETTER_VARIANTS[folded] ?? folded);
  }
  return chars;
}

/**
 * Holds an utterance while rules read it. Rules match against `work` — a normalized copy in which
 * quoted text and already-claimed pieces are blanked — and claim what they use, so no piece of text
 * feeds two fields and quoted text never feeds any.
 */
export class Scanner {
  readonly original: string;
  readonly spans: Span[] = [];
  readonly quoted: Array<{ start: number; end: number }> = [];
  private readonly chars: string[];
  private readonly claimed: boolean[];
  private readonly inQuote: boolean[];
  private cached: string | null = null;

  constructor(text: string) {
    this.original = text;
    this.chars = normalizeForMatching(text);
    this.claimed = new Array<boolean>(text.length).fill(false);
    this.inQuote = new Array<boolean>(text.length).fill(false);
    for (const match of text.matchAll(QUOTED)) {
      const start = match.index;
      const end = start + match[0].length;
      this.quoted.push({ start, end });
      for (let i = start; i < end; i += 1) {
        this.chars[i] = " ";
        this.inQuote[i] = true;
      }
    }
  }

  /** The normalized text with quoted and claimed pieces replaced by spaces (same length as original). */
  get work(): string {
    if (this.cached === null) this.cached = this.chars.join("");
    return this.cached;
  }

  /** True when no character in [start, end) has been claimed or is quoted. */
  isFree(start: number, end: number): boolean {
    for (let i = start; i < end; i += 1) if (this.claimed[i] || this.inQuote[i]) return false;
    return true;
  }

  /** Records a span for a field and blanks it for later rules; trims surrounding spaces. */
  claim(field: string, start: number, end: number): Span {
    let from = start;
    let to = end;
    while (from < to && /\s/.test(this.original[from] ?? "")) from += 1;
    while (to > from && /\s/.test(this.original[to - 1] ?? "")) to -= 1;
    const span: Span = { field, start: from, end: to, text: this.original.slice(from, to) };
    this.spans.push(span);
    this.blank(from, to);
    return span;
  }

  /** Claims the unclaimed, non-quoted runs inside [start, end) as separate spans of one field. */
  claimPieces(field: string, start: number, end: number): Span[] {
    const pieces: Span[] = [];
    let runStart = -1;
    for (let i = start; i <= end; i += 1) {
      const free = i < end && !this.claimed[i] && !this.inQuote[i];
      if (free && runStart < 0) runStart = i;
      if (!free && runStart >= 0) {
        if (this.original.slice(runStart, i).trim().length > 0) pieces.push(this.claim(field, runStart, i));
        runStart = -1;
      }
    }
    return pieces;
  }

  /** Blanks a piece without recording a span (command words such as "add" or "remind me to"). */
  blank(start: number, end: number): void {
    for (let i = start; i < end; i += 1) {
      this.chars[i] = " ";
      this.claimed[i] = true;
    }
    this.cached = null;
  }

  /** True when position i was claimed by a rule. */
  isClaimed(i: number): boolean {
    return this.claimed[i] === true;
  }

  /** All matches of a global regex against the current working text. */
  matches(regex: RegExp): RegExpExecArray[] {
    regex.lastIndex = 0;
    const found: RegExpExecArray[] = [];
    for (let match = regex.exec(this.work); match; match = regex.exec(this.work)) {
      found.push(match);
      if (match[0].length === 0) regex.lastIndex += 1;
    }
    return found;
  }

  /** First match of a global regex against the current working text, or null. */
  first(regex: RegExp): RegExpExecArray | null {
    regex.lastIndex = 0;
    return regex.exec(this.work);
  }

  /** Spans recorded for one field. */
  spansFor(field: string): Span[] {
    return this.spans.filter((span) => span.field === field);
  }
}
