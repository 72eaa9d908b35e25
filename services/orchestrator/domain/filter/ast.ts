/** DateRef is a calendar day in a filter: an ISO date, or a number of days from today (today = 0). */
export type DateRef = { kind: "date"; date: string } | { kind: "offset"; days: number };

/** PriorityLevel is a `p1`…`p4` marker: p1 is the most urgent (vocabulary/priority's markers). */
export type PriorityLevel = 1 | 2 | 3 | 4;

/** FilterTerm is one condition on a task. */
export type FilterTerm =
  | { kind: "today" }
  | { kind: "tomorrow" }
  | { kind: "overdue" }
  | { kind: "noDate" }
  | { kind: "completed" }
  | { kind: "recurring" }
  | { kind: "noPriority" }
  /** assignedToMe: `assigned to: me`, the tasks assigned to whoever runs the filter. */
  | { kind: "assignedToMe" }
  | { kind: "priority"; level: PriorityLevel }
  | { kind: "tag"; name: string }
  | { kind: "project"; name: string }
  | { kind: "search"; text: string }
  | { kind: "due"; relation: "before" | "after"; date: DateRef };

/** FilterNode is a parsed filter: terms joined by `&`, `|` and `!` (binary, left-associative). */
export type FilterNode =
  | FilterTerm
  | { kind: "not"; operand: FilterNode }
  | { kind: "and"; left: FilterNode; right: FilterNode }
  | { kind: "or"; left: FilterNode; right: FilterNode };

/** mentions: does any term of the filter satisfy `test`? */
export function mentions(node: FilterNode, test: (term: FilterTerm) => boolean): boolean {
  switch (node.kind) {
    case "not":
      return mentions(node.operand, test);
    case "and":
    case "or":
      return mentions(node.left, test) || mentions(node.right, test);
    default:
      return test(node);
  }
}
