import { expect, test } from "bun:test";
import fc from "fast-check";
import { writeQuery } from "../../../../skills/filter/filter-intent";
import { writeFilterRules } from "../../../../skills/filter/filter-rules";
import { mentions } from "./ast";
import { parseFilter } from "./parse";

// The Filter skill writes queries without importing the grammar (skills/ import no service); these tests hold
// its writer to the grammar the server parses with.
const name = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim().length > 0 && !/\p{Cc}/u.test(s));

test("every query the skill can write from any intent parses", () => {
  fc.assert(
    fc.property(
      fc.record({
        periods: fc.uniqueArray(
          fc.constantFrom(
            "overdue" as const,
            "today" as const,
            "tomorrow" as const,
            "this_week" as const,
            "next_week" as const,
            "this_month" as const,
            "no_date" as const,
          ),
        ),
        priorities: fc.uniqueArray(
          fc.constantFrom("urgent" as const, "high" as const, "medium" as const, "low" as const),
        ),
        tags: fc.array(
          name.map((s) => s.slice(0, 50)),
          { maxLength: 3 },
        ),
        projects: fc.array(name, { maxLength: 3 }),
        completed: fc.boolean(),
        recurring: fc.boolean(),
        search: fc.oneof(
          fc.constant(""),
          name.filter((s) => /[\p{L}\p{N}]/u.test(s)),
        ),
      }),
      (intent) => {
        const query = writeQuery(intent);
        if (!query) return;
        const node = parseFilter(query);
        for (const tag of intent.tags) expect(mentions(node, (t) => t.kind === "tag" && t.name === tag)).toBe(true);
        for (const project of intent.projects) {
          expect(mentions(node, (t) => t.kind === "project" && t.name === project.trim())).toBe(true);
        }
      },
    ),
    { numRuns: 1000 },
  );
});

test("the rules' queries for sentences in three languages parse", () => {
  const sentences = [
    "my urgent work stuff this week",
    "overdue or today at home",
    "آج اور کل کے ضروری کام",
    "زائد المیعاد فوری کام",
    "is hafte ke home wale kaam",
    "Trip (2027) project tomorrow",
    'anything "about \\ quotes"',
  ];
  for (const sentence of sentences) {
    const result = writeFilterRules(sentence, ["work", "home", 'odd "tag"'], ["Trip (2027)"]);
    expect(result.kind).toBe("ok");
    if (result.kind === "ok") expect(() => parseFilter(result.value.query)).not.toThrow();
  }
});
