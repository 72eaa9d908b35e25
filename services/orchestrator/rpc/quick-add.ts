import { create } from "@bufbuild/protobuf";
import { durationFromMs, timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { Client } from "@connectrpc/connect";
import type { SkillService } from "../../../gen/todo/skills/v1/skill_service_pb";
import {
  type ParseQuickAddRequest,
  type ParseQuickAddResponse,
  ParseQuickAddResponseSchema,
} from "../../../gen/todo/v1/task_service_pb";
import { asPriorityName, priorityEnum } from "../../../vocabulary/priority";
import { findProjectMarker, type ProjectMarker, withoutMarker } from "../../../vocabulary/project-marker";
import type { ProjectName } from "../db/project-names";
import { RepeatFromValue } from "../domain/task-rules";

type SkillSpan = { field: string; start: number; end: number; text: string };

/**
 * withRuleDue marks where a due time that came from the repeat rule was read: "pay rent on the 1st of
 * every month" names no date of its own, yet its first occurrence (the 1st of next month) is the due
 * time. The rule's words then carry a "due" span too, so a client that keeps fields by their spans
 * keeps the due time with the rule (a rule repeating from its due time needs one), and removing the
 * "repeats" chip still leaves a task due on that first date.
 */
function withRuleDue(spans: readonly SkillSpan[], hasDue: boolean): SkillSpan[] {
  if (!hasDue || spans.some((s) => s.field === "due")) return [...spans];
  const fromRule = spans.filter((s) => s.field === "recurrence").map((s) => ({ ...s, field: "due" }));
  return [...spans, ...fromRule].sort((a, b) => a.start - b.start);
}

/** projectOf resolves a line's project marker against the caller's projects; a name they have none of is new. */
function projectOf(marker: ProjectMarker, named: readonly ProjectName[]) {
  const project = marker.known ? named.find((p) => p.name === marker.name) : undefined;
  return project
    ? { id: project.id, name: project.name, isNew: false, archived: project.archived }
    : { id: "", name: marker.name, isNew: true, archived: false };
}

/**
 * parseQuickAdd asks the Task skill (through SkillService, so the LLM path is used when configured) to
 * read one line, and returns its fields with the spans they came from, for chips the user can remove.
 * A project marker (vocabulary/project-marker: "+Work") is read here, against the caller's project names, and
 * blanked out of the line the skill reads (same length, so every span keeps its offsets). Nothing is created: a
 * name the caller has no project of comes back `is_new`, for the client to ask about.
 */
export async function parseQuickAdd(
  skills: Client<typeof SkillService>,
  req: ParseQuickAddRequest,
  profile: { timeZone: string; locale: string },
  projectNames: () => Promise<ProjectName[]>,
): Promise<ParseQuickAddResponse> {
  // Most lines have no "+": the caller's projects are read only for one that may be a marker.
  const named = findProjectMarker(req.text) ? await projectNames() : [];
  const marker = findProjectMarker(
    req.text,
    named.map((p) => p.name),
  );
  const extracted = await skills.extractTask({
    text: marker ? withoutMarker(req.text, marker) : req.text,
    referenceTime: req.referenceTime ?? timestampFromDate(new Date()),
    timeZone: req.timeZone || profile.timeZone,
    locale: profile.locale,
  });
  const spans = withRuleDue(extracted.meta?.spans ?? [], extracted.dueAt !== undefined);
  if (marker) spans.push({ field: "project", start: marker.start, end: marker.end, text: marker.text });
  spans.sort((a, b) => a.start - b.start);
  const hasReminderSpan = spans.some((s) => s.field === "reminder");
  return create(ParseQuickAddResponseSchema, {
    title: extracted.title,
    description: extracted.description,
    priority: priorityEnum(asPriorityName(extracted.priority)),
    tags: extracted.tags,
    dueAt: extracted.dueAt,
    dueDateOnly: extracted.dueDateOnly,
    reminder: extracted.remindAt
      ? { when: { case: "remindAt", value: extracted.remindAt } }
      : extracted.remindBeforeSeconds > 0n || hasReminderSpan
        ? { when: { case: "remindBefore", value: durationFromMs(Number(extracted.remindBeforeSeconds) * 1000) } }
        : undefined,
    recurrence: extracted.rrule
      ? {
          rrule: extracted.rrule,
          repeatFrom: extracted.repeatFrom === "completion" ? RepeatFromValue.completion : RepeatFromValue.due,
        }
      : undefined,
    spans: spans.map(({ field, start, end, text }) => ({ field, start, end, text })),
    confidence: extracted.meta?.confidence ?? 0,
    questions: (extracted.meta?.ambiguities ?? []).map((a) => (profile.locale === "ur" ? a.questionUr : a.question)),
    project: marker ? projectOf(marker, named) : undefined,
  });
}
