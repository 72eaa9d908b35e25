import type { PriorityName } from "../../../../vocabulary/priority";
import type { DueValue, ProjectValue, QuickAddParse, QuickAddSpan, SpanField } from "./quick-add";

/** Chip is one removable piece of a quick-add line: a tag, or all spans that set one field. */
export interface Chip {
  /** key names the chip by what it read, so a removal survives re-parsing the same text. */
  key: string;
  field: SpanField;
  spans: QuickAddSpan[];
}

/** QuickAddDraft is what saving a quick-add line with the kept chips would create. */
export interface QuickAddDraft {
  title: string;
  priority?: PriorityName;
  tags: string[];
  due?: DueValue;
  rrule?: string;
  reminder?: { beforeSeconds: number } | { at: Date };
  /** project is where the task goes; a new or archived one is asked about before saving. */
  project?: ProjectValue;
}

/** chipsOf groups a parse's spans into chips, in the order they appear in the line. */
export function chipsOf(parse: QuickAddParse): Chip[] {
  const chips: Chip[] = [];
  for (const span of parse.spans) {
    const field = span.value.field;
    const shared = field === "tag" ? undefined : chips.find((c) => c.field === field);
    if (shared) shared.spans.push(span);
    else chips.push({ key: "", field, spans: [span] });
  }
  for (const chip of chips) chip.key = `${chip.field}:${chip.spans.map((s) => s.text.toLowerCase()).join("+")}`;
  return chips;
}

const dangling = /^(?:at|on|by|due|every|and|for|to|@|,|-|–|،|کو)$/iu;

/** titleWithout cuts spans out of the text and tidies what is left (spaces, connectors left hanging). */
export function titleWithout(text: string, cut: QuickAddSpan[]): string {
  let title = "";
  let at = 0;
  for (const span of [...cut].sort((a, b) => a.start - b.start)) {
    title += `${text.slice(at, span.start)} `;
    at = Math.max(at, span.end);
  }
  title += text.slice(at);
  const words = title.split(/\s+/).filter(Boolean);
  while (words.length > 0 && dangling.test(words.at(-1)!)) words.pop();
  while (words.length > 0 && dangling.test(words[0]!)) words.shift();
  return words
    .join(" ")
    .replace(/\s+([,.;:!?،])/gu, "$1")
    .replace(/[,;:،]$/u, "");
}

/**
 * draftOf applies the chips the user kept: a removed chip's text goes back into the title and its
 * field is dropped. A relative reminder without a due date is dropped too (it would have nothing to precede).
 */
export function draftOf(parse: QuickAddParse, removed: ReadonlySet<string>): QuickAddDraft {
  const kept = chipsOf(parse).filter((chip) => !removed.has(chip.key));
  const spans = kept.flatMap((chip) => chip.spans);
  const draft: QuickAddDraft = { title: titleWithout(parse.text, spans), tags: [] };
  let impliedDue: DueValue | undefined;
  for (const { value } of spans) {
    switch (value.field) {
      case "due":
        draft.due = value.due;
        break;
      case "priority":
        draft.priority = value.priority;
        break;
      case "tag":
        if (!draft.tags.includes(value.tag)) draft.tags.push(value.tag);
        break;
      case "recurrence":
        draft.rrule = value.rrule;
        impliedDue = value.impliedDue;
        break;
      case "reminder":
        draft.reminder = "at" in value ? { at: value.at } : { beforeSeconds: value.beforeSeconds };
        break;
      case "project":
        draft.project = value.project;
        break;
    }
  }
  if (draft.rrule && !draft.due) draft.due = impliedDue;
  if (draft.reminder && "beforeSeconds" in draft.reminder && !draft.due) delete draft.reminder;
  return draft;
}

/** relativeReminder is true for a reminder chip that counts back from the due time ("30 minutes before"). */
const relativeReminder = (chip: Chip) =>
  chip.field === "reminder" && chip.spans.some((s) => s.value.field === "reminder" && "beforeSeconds" in s.value);

/**
 * removeChip removes one chip. A reminder that counts back from the due time cannot outlive the due
 * date it counts from: removing the Due chip removes such a Reminder chip too (its words go back into
 * the title like any removed chip's), and `also` names it so the screen can say so.
 */
export function removeChip(
  parse: QuickAddParse,
  removed: ReadonlySet<string>,
  key: string,
): { removed: Set<string>; also: Chip[] } {
  const next = new Set(removed).add(key);
  const chips = chipsOf(parse);
  const dueLeft = draftOf(parse, next).due !== undefined;
  const also = dueLeft ? [] : chips.filter((chip) => !next.has(chip.key) && relativeReminder(chip));
  for (const chip of also) next.add(chip.key);
  return { removed: next, also };
}

/** keptRemovals keeps only the removals that still name a chip of the new parse. */
export function keptRemovals(removed: ReadonlySet<string>, parse: QuickAddParse): Set<string> {
  const keys = new Set(chipsOf(parse).map((c) => c.key));
  return new Set([...removed].filter((key) => keys.has(key)));
}
