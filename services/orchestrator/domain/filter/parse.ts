import { InvalidArgumentError } from "../../../platform/errors";
import type { DateRef, FilterNode, FilterTerm, PriorityLevel } from "./ast";
import { FILTER_LIMITS } from "./limits";

/**
 * FilterSyntaxError is a query the grammar refuses: an InvalidArgument on the query's field whose
 * description names the offset (UTF-16, from 0) and the token where reading stopped.
 */
export class FilterSyntaxError extends InvalidArgumentError {
  constructor(
    readonly field: string,
    readonly offset: number,
    readonly token: string,
    readonly problem: string,
  ) {
    super([{ field, description: `${problem} at offset ${offset} (${token})` }]);
  }
}

const operatorChars = "&|!()";
const isSpace = (ch: string | undefined) => ch !== undefined && /\s/u.test(ch);
const isStop = (ch: string | undefined) => ch === undefined || isSpace(ch) || operatorChars.includes(ch) || ch === '"';
// Control characters (C0, DEL, C1) but tab and line breaks, which read as spaces.
const forbidden = /(?![\t\n\r])\p{Cc}/u;
const hasWord = (text: string) => /[\p{L}\p{N}]/u.test(text);

const priorityWords: Record<string, PriorityLevel> = { p1: 1, p2: 2, p3: 3, p4: 4 };
const simpleTerms: Record<string, FilterTerm> = {
  today: { kind: "today" },
  tomorrow: { kind: "tomorrow" },
  overdue: { kind: "overdue" },
  completed: { kind: "completed" },
  recurring: { kind: "recurring" },
};

/**
 * parseFilter reads a query of the filter language (docs/filters.md) into its tree. Anything it cannot
 * read is a FilterSyntaxError (InvalidArgument on `field`); it throws nothing else.
 */
export function parseFilter(text: string, field = "filter"): FilterNode {
  return new FilterParser(text, field).parse();
}

class FilterParser {
  private pos = 0;
  private depth = 0;
  private terms = 0;

  constructor(
    private readonly text: string,
    private readonly field: string,
  ) {}

  parse(): FilterNode {
    if (new TextEncoder().encode(this.text).length > FILTER_LIMITS.maxBytes) {
      throw new FilterSyntaxError(this.field, 0, "the whole filter", `is longer than ${FILTER_LIMITS.maxBytes} bytes`);
    }
    const bad = forbidden.exec(this.text);
    if (bad) this.fail(bad.index, "control characters are not allowed");
    this.skipSpace();
    if (this.atEnd()) this.fail(this.pos, "the filter is empty");
    const node = this.parseOr();
    this.skipSpace();
    if (!this.atEnd()) {
      this.fail(this.pos, this.peek() === ")" ? "this ) closes nothing" : "expected & or | between terms");
    }
    return node;
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.skipSpace() && this.peek() === "|") {
      this.pos++;
      left = { kind: "or", left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.skipSpace() && this.peek() === "&") {
      this.pos++;
      left = { kind: "and", left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    this.skipSpace();
    const start = this.pos;
    const ch = this.peek();
    if (ch === "!" || ch === "(") {
      this.enter(start);
      this.pos++;
      const node = ch === "!" ? ({ kind: "not", operand: this.parseUnary() } as const) : this.parseGroup(start);
      this.depth--;
      return node;
    }
    const term = this.parseTerm();
    if (++this.terms > FILTER_LIMITS.maxTerms) this.fail(start, `more than ${FILTER_LIMITS.maxTerms} terms`);
    return term;
  }

  private parseGroup(open: number): FilterNode {
    const node = this.parseOr();
    this.skipSpace();
    if (this.peek() !== ")") {
      this.fail(this.pos, this.atEnd() ? `the ( at offset ${open} is not closed` : "expected ) or & or |");
    }
    this.pos++;
    return node;
  }

  private parseTerm(): FilterTerm {
    const start = this.pos;
    const ch = this.peek();
    if (ch === undefined) this.fail(start, "expected a term");
    if (ch === "#") {
      this.pos++;
      const name = this.peek() === '"' ? this.readQuoted() : this.readWhile((c) => !isStop(c));
      if (!name) this.fail(start, "a tag needs a name after #");
      if (name.length > FILTER_LIMITS.tagChars)
        this.fail(start, `a tag is at most ${FILTER_LIMITS.tagChars} characters`);
      return { kind: "tag", name };
    }
    if (operatorChars.includes(ch) || ch === '"') this.fail(start, "expected a term");
    const word = this.readWhile((c) => /[\p{L}\p{N}]/u.test(c)).toLowerCase();
    if (!word) this.fail(start, "expected a term");
    const simple = simpleTerms[word];
    if (simple) return this.ended(start, simple);
    const level = priorityWords[word];
    if (level) return this.ended(start, { kind: "priority", level });
    switch (word) {
      case "no": {
        this.skipSpace();
        const what = this.readWhile((c) => /[\p{L}\p{N}]/u.test(c)).toLowerCase();
        if (what === "date") return this.ended(start, { kind: "noDate" });
        if (what === "priority") return this.ended(start, { kind: "noPriority" });
        return this.fail(start, 'expected "no date" or "no priority"');
      }
      case "due":
        return this.parseDue(start);
      case "assigned": {
        this.skipSpace();
        if (this.readWhile((c) => /[\p{L}]/u.test(c)).toLowerCase() !== "to")
          this.fail(start, 'expected "assigned to: me"');
        this.expectColon(start, "assigned to");
        this.skipSpace();
        if (this.readWhile((c) => /[\p{L}]/u.test(c)).toLowerCase() !== "me")
          this.fail(start, 'expected "assigned to: me"');
        return this.ended(start, { kind: "assignedToMe" });
      }
      case "project": {
        this.expectColon(start, "project");
        const name = this.readValue(start, "project", FILTER_LIMITS.nameChars);
        return { kind: "project", name };
      }
      case "search": {
        this.expectColon(start, "search");
        const text = this.readValue(start, "search", FILTER_LIMITS.searchChars);
        if (!hasWord(text)) this.fail(start, "search needs a word (letters or digits)");
        return { kind: "search", text };
      }
      default:
        return this.fail(start, "unknown term");
    }
  }

  private parseDue(start: number): FilterTerm {
    this.skipSpace();
    const relation = this.readWhile((c) => /[\p{L}]/u.test(c)).toLowerCase();
    if (relation !== "before" && relation !== "after") this.fail(start, 'expected "due before:" or "due after:"');
    this.expectColon(start, `due ${relation}`);
    this.skipSpace();
    const dateStart = this.pos;
    const date = this.readDate();
    if (!date) this.fail(dateStart, "expected a date: YYYY-MM-DD, today, tomorrow or +N days");
    return this.ended(start, { kind: "due", relation, date });
  }

  private readDate(): DateRef | undefined {
    const rest = this.text.slice(this.pos);
    const iso = /^(\d{4})-(\d{2})-(\d{2})(?![\p{L}\p{N}])/u.exec(rest);
    if (iso) {
      const [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
      const probe = new Date(Date.UTC(year, month - 1, day));
      const real = probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
      if (!real || year < FILTER_LIMITS.minYear || year > FILTER_LIMITS.maxYear) {
        this.fail(this.pos, `not a date between ${FILTER_LIMITS.minYear} and ${FILTER_LIMITS.maxYear}`);
      }
      this.pos += iso[0].length;
      return { kind: "date", date: iso[0] };
    }
    const named = /^(today|tomorrow|yesterday)(?![\p{L}\p{N}])/iu.exec(rest);
    if (named) {
      this.pos += named[0].length;
      const days = { today: 0, tomorrow: 1, yesterday: -1 }[named[1]!.toLowerCase() as "today"];
      return { kind: "offset", days };
    }
    const offset = /^([+-])\s*(\d{1,5})\s*(days?|weeks?)(?![\p{L}\p{N}])/iu.exec(rest);
    if (offset) {
      const days = Number(offset[2]) * (offset[3]!.toLowerCase().startsWith("week") ? 7 : 1);
      if (days > FILTER_LIMITS.offsetDays) this.fail(this.pos, `at most ${FILTER_LIMITS.offsetDays} days away`);
      this.pos += offset[0].length;
      return { kind: "offset", days: offset[1] === "-" ? -days : days };
    }
    return undefined;
  }

  /** readValue reads the rest of a `name:` term: a quoted string, or text up to an operator, trimmed. */
  private readValue(start: number, what: string, maxChars: number): string {
    this.skipSpace();
    const value = (
      this.peek() === '"' ? this.readQuoted() : this.readWhile((c) => !operatorChars.includes(c) && c !== '"')
    ).trim();
    if (!value) this.fail(start, `${what}: needs a value`);
    if (value.length > maxChars) this.fail(start, `${what}: is at most ${maxChars} characters`);
    return value;
  }

  private readQuoted(): string {
    const open = this.pos;
    this.pos++;
    let out = "";
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) return this.fail(open, "the quote is not closed");
      this.pos++;
      if (ch === '"') return out;
      if (ch === "\\") {
        const next = this.peek();
        if (next !== '"' && next !== "\\") this.fail(this.pos - 1, 'only \\" and \\\\ are escapes');
        this.pos++;
        out += next;
      } else {
        out += ch;
      }
    }
  }

  private expectColon(start: number, what: string) {
    this.skipSpace();
    if (this.peek() !== ":") this.fail(start, `expected "${what}:"`);
    this.pos++;
  }

  /** ended checks that a keyword term is not glued to what follows ("todayx", "p1x"). */
  private ended<T extends FilterTerm>(start: number, term: T): T {
    if (!isStop(this.peek())) this.fail(start, "unknown term");
    return term;
  }

  private enter(at: number) {
    if (++this.depth > FILTER_LIMITS.maxDepth) this.fail(at, `nested deeper than ${FILTER_LIMITS.maxDepth}`);
  }

  private readWhile(accept: (ch: string) => boolean): string {
    const start = this.pos;
    while (!this.atEnd() && accept(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** skipSpace moves past whitespace; always true, so it can lead a loop condition. */
  private skipSpace(): true {
    while (isSpace(this.peek())) this.pos++;
    return true;
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  private fail(offset: number, problem: string): never {
    throw new FilterSyntaxError(this.field, offset, describeToken(this.text, offset), problem);
  }
}

/** describeToken quotes the token at an offset for an error message (at most 24 characters). */
function describeToken(text: string, offset: number): string {
  if (offset >= text.length) return "end of filter";
  const first = text[offset]!;
  if (operatorChars.includes(first) || first === '"' || first === "#") {
    const rest = first === "#" ? text.slice(offset + 1).match(/^[^\s&|!()"]*/)![0] : "";
    return JSON.stringify(first + rest.slice(0, 23));
  }
  const token = text.slice(offset).match(/^[^\s&|!()"]*/)![0] || first;
  return JSON.stringify(token.length > 24 ? `${token.slice(0, 24)}…` : token);
}
