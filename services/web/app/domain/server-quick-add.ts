import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { ParseQuickAddResponse } from "../../../../gen/todo/v1/task_service_pb";
import { priorityName } from "../../../../vocabulary/priority";
import type { QuickAddParse, QuickAddSpan, SpanValue } from "./quick-add";

/** spanValue is what one span of the Task skill's answer contributes, or undefined for title/description. */
function spanValue(field: string, text: string, res: ParseQuickAddResponse): SpanValue | undefined {
  switch (field) {
    case "due":
      return res.dueAt ? { field: "due", due: { at: timestampDate(res.dueAt), dateOnly: res.dueDateOnly } } : undefined;
    case "tags":
      return { field: "tag", tag: text.replace(/^[#@]/, "") };
    case "priority":
      return { field: "priority", priority: priorityName(res.priority) };
    case "recurrence":
      // A rule's first date ("on the 1st of every month") comes back as dueAt with no span marked "due":
      // the recurrence chip carries it, so keeping the chip keeps the date.
      return res.recurrence
        ? {
            field: "recurrence",
            rrule: res.recurrence.rrule,
            impliedDue: res.dueAt ? { at: timestampDate(res.dueAt), dateOnly: res.dueDateOnly } : undefined,
          }
        : undefined;
    case "reminder": {
      const when = res.reminder?.when;
      if (when?.case === "remindAt") return { field: "reminder", at: timestampDate(when.value) };
      if (when?.case === "remindBefore") return { field: "reminder", beforeSeconds: Number(when.value.seconds) };
      return undefined;
    }
    case "project":
      return res.project
        ? {
            field: "project",
            project: {
              id: res.project.id,
              name: res.project.name,
              isNew: res.project.isNew,
              archived: res.project.archived,
            },
          }
        : undefined;
    default:
      return undefined;
  }
}

/** fromParseResponse turns the server's ParseQuickAdd answer into the spans quick add shows as chips. */
export function fromParseResponse(text: string, res: ParseQuickAddResponse): QuickAddParse {
  const spans: QuickAddSpan[] = [];
  for (const span of res.spans) {
    const value = spanValue(span.field, span.text, res);
    if (value) spans.push({ start: span.start, end: span.end, text: span.text, value });
  }
  return { text, spans: spans.sort((a, b) => a.start - b.start) };
}
