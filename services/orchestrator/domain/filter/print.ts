import type { DateRef, FilterNode, FilterTerm } from "./ast";

const precedence = { or: 1, and: 2, not: 3, term: 4 } as const;
const levelOf = (node: FilterNode) =>
  node.kind === "or" || node.kind === "and" || node.kind === "not" ? precedence[node.kind] : precedence.term;

/**
 * printFilter writes a tree back as a query, with only the parentheses it needs; parseFilter reads the
 * result back into an equal tree (the property test checks it). Chat, the skill and the UI show this form.
 */
export function printFilter(node: FilterNode): string {
  switch (node.kind) {
    case "or":
    case "and": {
      const level = precedence[node.kind];
      // Left-associative: a left child of the same level needs no parentheses, a right one does.
      const left = wrap(node.left, levelOf(node.left) < level);
      const right = wrap(node.right, levelOf(node.right) <= level);
      return `${left} ${node.kind === "and" ? "&" : "|"} ${right}`;
    }
    case "not":
      return `!${wrap(node.operand, levelOf(node.operand) < precedence.not)}`;
    default:
      return printTerm(node);
  }
}

function wrap(node: FilterNode, parenthesize: boolean): string {
  const text = printFilter(node);
  return parenthesize ? `(${text})` : text;
}

function printTerm(term: FilterTerm): string {
  switch (term.kind) {
    case "today":
    case "tomorrow":
    case "overdue":
    case "completed":
    case "recurring":
      return term.kind;
    case "noDate":
      return "no date";
    case "noPriority":
      return "no priority";
    case "assignedToMe":
      return "assigned to: me";
    case "priority":
      return `p${term.level}`;
    case "tag":
      return `#${/^[^\s&|!()"]+$/u.test(term.name) ? term.name : quote(term.name)}`;
    case "project":
      return `project: ${bareValue(term.name)}`;
    case "search":
      return `search: ${bareValue(term.text)}`;
    case "due":
      return `due ${term.relation}: ${printDate(term.date)}`;
  }
}

/** A value reads back unquoted when it has no operator or quote and nothing to trim. */
function bareValue(value: string): string {
  return /^[^&|!()"\s](?:[^&|!()"]*[^&|!()"\s])?$/u.test(value) ? value : quote(value);
}

function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
}

function printDate(date: DateRef): string {
  if (date.kind === "date") return date.date;
  if (date.days === 0) return "today";
  if (date.days === 1) return "tomorrow";
  return `${date.days < 0 ? "-" : "+"}${Math.abs(date.days)} days`;
}
