import type { FilterIntent, FilterPeriod } from "./schema";

const periodTerms: Record<FilterPeriod, string> = {
  overdue: "overdue",
  today: "today",
  tomorrow: "tomorrow",
  this_week: "due before: +7 days",
  next_week: "(due after: +6 days & due before: +14 days)",
  this_month: "due before: +31 days",
  no_date: "no date",
};
const priorityTerms = { urgent: "p1", high: "p2", medium: "p3", low: "p4" } as const;

// The filter language's quoting (docs/filters.md): a tag or name with spaces, operators or quotes is quoted.
const quote = (value: string) => `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
const tagTerm = (tag: string) => `#${/^[^\s&|!()"]+$/u.test(tag) ? tag : quote(tag)}`;
const bareOrQuoted = (value: string) => (/^[^&|!()"\s](?:[^&|!()"]*[^&|!()"\s])?$/u.test(value) ? value : quote(value));

const group = (terms: string[]): string | undefined =>
  terms.length === 0 ? undefined : terms.length === 1 ? terms[0] : `(${terms.join(" | ")})`;

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** emptyFilterIntent is an intent that names nothing yet: no period, priority, tag, project, status or words. */
export const emptyFilterIntent = (): FilterIntent => ({
  periods: [],
  priorities: [],
  tags: [],
  projects: [],
  completed: false,
  recurring: false,
  search: "",
});

/** writeQuery turns an intent into a query of the filter language; "" when it names nothing. */
export function writeQuery(intent: FilterIntent): string {
  const search = intent.search.trim();
  const parts = [
    group(unique(intent.periods).map((period) => periodTerms[period])),
    group(unique(intent.priorities).map((priority) => priorityTerms[priority])),
    group(unique(intent.tags).map(tagTerm)),
    group(unique(intent.projects).map((name) => `project: ${bareOrQuoted(name.trim())}`)),
    intent.completed ? "completed" : undefined,
    intent.recurring ? "recurring" : undefined,
    search ? `search: ${bareOrQuoted(search)}` : undefined,
  ];
  return parts.filter((part): part is string => part !== undefined).join(" & ");
}
