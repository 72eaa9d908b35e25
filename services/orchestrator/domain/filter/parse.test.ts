import { describe, expect, test } from "bun:test";
import fc from "fast-check";
import { InvalidArgumentError } from "../../../platform/errors";
import type { DateRef, FilterNode, FilterTerm } from "./ast";
import { explainFilter } from "./describe";
import { FILTER_LIMITS } from "./limits";
import { FilterSyntaxError, parseFilter } from "./parse";
import { printFilter } from "./print";

const syntaxError = (text: string): FilterSyntaxError => {
  try {
    parseFilter(text);
  } catch (error) {
    if (error instanceof FilterSyntaxError) return error;
    throw error;
  }
  throw new Error(`"${text}" parsed`);
};

describe("parseFilter", () => {
  test("every term", () => {
    const cases: [string, FilterTerm][] = [
      ["today", { kind: "today" }],
      ["Tomorrow", { kind: "tomorrow" }],
      ["overdue", { kind: "overdue" }],
      ["no date", { kind: "noDate" }],
      ["no   priority", { kind: "noPriority" }],
      ["completed", { kind: "completed" }],
      ["recurring", { kind: "recurring" }],
      ["assigned to: me", { kind: "assignedToMe" }],
      ["Assigned  To:ME", { kind: "assignedToMe" }],
      ["p1", { kind: "priority", level: 1 }],
      ["P4", { kind: "priority", level: 4 }],
      ["#work", { kind: "tag", name: "work" }],
      ["#کام", { kind: "tag", name: "کام" }],
      ['#"two words"', { kind: "tag", name: "two words" }],
      ["project: Work Stuff ", { kind: "project", name: "Work Stuff" }],
      ['project: "A & B"', { kind: "project", name: "A & B" }],
      ["search: buy milk", { kind: "search", text: "buy milk" }],
      ["due before: 2026-12-31", { kind: "due", relation: "before", date: { kind: "date", date: "2026-12-31" } }],
      ["due before: +7 days", { kind: "due", relation: "before", date: { kind: "offset", days: 7 } }],
      ["due after:-2 weeks", { kind: "due", relation: "after", date: { kind: "offset", days: -14 } }],
      ["due after : tomorrow", { kind: "due", relation: "after", date: { kind: "offset", days: 1 } }],
    ];
    for (const [text, term] of cases) expect(parseFilter(text)).toEqual(term);
  });

  test("& binds tighter than |, ! tighter than &, parentheses override", () => {
    expect(printFilter(parseFilter("today | overdue & #work"))).toBe("today | overdue & #work");
    expect(parseFilter("today | overdue & #work")).toEqual({
      kind: "or",
      left: { kind: "today" },
      right: { kind: "and", left: { kind: "overdue" }, right: { kind: "tag", name: "work" } },
    });
    expect(parseFilter("(today | overdue) & !#work")).toEqual({
      kind: "and",
      left: { kind: "or", left: { kind: "today" }, right: { kind: "overdue" } },
      right: { kind: "not", operand: { kind: "tag", name: "work" } },
    });
    expect(parseFilter("project: Work & p1")).toEqual({
      kind: "and",
      left: { kind: "project", name: "Work" },
      right: { kind: "priority", level: 1 },
    });
  });

  test("errors name the offset and the token", () => {
    const cases: [string, number, string][] = [
      ["today overdue", 6, '"overdue"'],
      ["today & tomorow", 8, '"tomorow"'],
      ["(today | overdue", 16, "end of filter"],
      ["today)", 5, '")"'],
      ["p5", 0, '"p5"'],
      ["#", 0, '"#"'],
      ["search: !!", 0, '"search:"'],
      ["due before: someday", 12, '"someday"'],
      ["due before: 2026-02-30", 12, '"2026-02-30"'],
      ["", 0, "end of filter"],
      ["today &", 7, "end of filter"],
      ["todayx", 0, '"todayx"'],
      ["no dates", 0, '"no"'],
    ];
    for (const [text, offset, token] of cases) {
      const error = syntaxError(text);
      expect([text, error.offset, error.token]).toEqual([text, offset, token]);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.violations).toEqual([
        { field: "filter", description: expect.stringContaining(`at offset ${offset} (${token})`) },
      ]);
    }
  });

  test("limits: length, depth, terms", () => {
    expect(syntaxError("#a".repeat(600)).problem).toContain("1024 bytes");
    expect(syntaxError(`${"(".repeat(17)}today${")".repeat(17)}`).problem).toContain("nested deeper than 16");
    expect(parseFilter(`${"(".repeat(16)}today${")".repeat(16)}`)).toEqual({ kind: "today" });
    expect(syntaxError(`${"!".repeat(17)}today`).problem).toContain("nested deeper");
    const terms = (n: number) => Array.from({ length: n }, (_, i) => `#t${i}`).join(" | ");
    expect(() => parseFilter(terms(FILTER_LIMITS.maxTerms))).not.toThrow();
    expect(syntaxError(terms(FILTER_LIMITS.maxTerms + 1)).problem).toContain("more than 32 terms");
    expect(syntaxError("due after: +9999 days").problem).toContain("at most");
    expect(syntaxError("today\u0000").offset).toBe(5);
    expect(syntaxError("assigned to: you").problem).toBe('expected "assigned to: me"');
    expect(syntaxError("assigned: me").problem).toBe('expected "assigned to: me"');
    expect(syntaxError("assigned to me").problem).toBe('expected "assigned to:"');
    expect(syntaxError("assigned to: mex").problem).toBe('expected "assigned to: me"');
  });

  test("the field name is the caller's", () => {
    expect(() => parseFilter("nope", "query")).toThrow(expect.objectContaining({ field: "query" }));
  });
});

// Values the grammar can carry: no control characters; names and search text trimmed, search with a word.
const freeText = fc
  .string({ unit: fc.constantFrom(...'ab Zz09#&|!()"\\:-_ اردو\u00a0é'.split("")), minLength: 1, maxLength: 12 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);
const dateRef: fc.Arbitrary<DateRef> = fc.oneof(
  fc
    .integer({ min: -FILTER_LIMITS.offsetDays, max: FILTER_LIMITS.offsetDays })
    .map((days) => ({ kind: "offset" as const, days })),
  fc
    .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2200-12-31T00:00:00Z"), noInvalidDate: true })
    .map((d) => ({ kind: "date" as const, date: d.toISOString().slice(0, 10) })),
);
const term: fc.Arbitrary<FilterTerm> = fc.oneof(
  fc.constantFrom<FilterTerm>(
    { kind: "today" },
    { kind: "tomorrow" },
    { kind: "overdue" },
    { kind: "noDate" },
    { kind: "noPriority" },
    { kind: "completed" },
    { kind: "recurring" },
    { kind: "assignedToMe" },
  ),
  fc.constantFrom(1, 2, 3, 4).map((level) => ({ kind: "priority" as const, level: level as 1 | 2 | 3 | 4 })),
  fc
    .string({ minLength: 1, maxLength: 8 })
    .filter((s) => !/\p{Cc}/u.test(s))
    .map((name) => ({ kind: "tag" as const, name })),
  freeText.map((name) => ({ kind: "project" as const, name })),
  freeText.filter((s) => /[\p{L}\p{N}]/u.test(s)).map((text) => ({ kind: "search" as const, text })),
  fc
    .record({ relation: fc.constantFrom("before" as const, "after" as const), date: dateRef })
    .map((d) => ({ kind: "due" as const, ...d })),
);
const tree = fc.letrec<{ node: FilterNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    term,
    fc.record({ kind: fc.constant("not" as const), operand: tie("node") }),
    fc.record({ kind: fc.constantFrom("and" as const, "or" as const), left: tie("node"), right: tie("node") }),
  ),
})).node;

const countTerms = (node: FilterNode): number =>
  node.kind === "not"
    ? countTerms(node.operand)
    : node.kind === "and" || node.kind === "or"
      ? countTerms(node.left) + countTerms(node.right)
      : 1;

describe("properties", () => {
  test("a printed tree parses back to itself", () => {
    fc.assert(
      fc.property(tree, (node) => {
        fc.pre(countTerms(node) <= FILTER_LIMITS.maxTerms);
        const printed = printFilter(node);
        fc.pre(new TextEncoder().encode(printed).length <= FILTER_LIMITS.maxBytes);
        expect(parseFilter(printed)).toEqual(node);
      }),
      { numRuns: 2000 },
    );
  });

  test("any string parses or fails with a FilterSyntaxError, never anything else", () => {
    const alphabet = fc.constantFrom(
      ...'todayoverdue p1#&|!()":+-7 days no date due before after search project completed recurring 2026-01-01\u0000\n'.split(
        "",
      ),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string({ unit: alphabet, maxLength: 80 }),
          fc.string({ unit: "binary", maxLength: 300 }),
        ),
        (text) => {
          try {
            parseFilter(text);
          } catch (error) {
            expect(error).toBeInstanceOf(FilterSyntaxError);
            expect((error as FilterSyntaxError).violations[0]?.field).toBe("filter");
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  test("words glued from the grammar's own tokens never throw anything but a FilterSyntaxError", () => {
    const token = fc.constantFrom(
      "today",
      "overdue",
      "no",
      "date",
      "due",
      "before:",
      "after:",
      "+3 days",
      "&",
      "|",
      "!",
      "(",
      ")",
      "#x",
      "p2",
      "search:",
      "project:",
      '"',
      "\\",
      " ",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), (tokens) => {
        try {
          const node = parseFilter(tokens.join(" "));
          expect(parseFilter(printFilter(node))).toEqual(node);
        } catch (error) {
          expect(error).toBeInstanceOf(FilterSyntaxError);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe("explainFilter", () => {
  test("says what a filter keeps in English, Urdu and Roman Urdu", () => {
    const node = parseFilter("(today | overdue) & #work & !p4");
    expect(explainFilter(node, "en", false)).toBe(
      "Open tasks: (due today or overdue) and tagged #work and not (priority p4)",
    );
    expect(explainFilter(node, "ur", false)).toBe(
      "باقی کام: (آج کے یا جن کا وقت گزر گیا) اور ٹیگ #work اور (ترجیح p4) کے علاوہ",
    );
    expect(explainFilter(parseFilter("completed & due before: +7 days"), "roman-ur", true)).toBe(
      "Kaam: mukammal aur aaj se 7 din baad se pehle",
    );
  });
});
