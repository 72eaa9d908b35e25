import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import type { SkillService } from "../../../gen/todo/skills/v1/skill_service_pb";
import type { Skills } from "../../../skills/index";
import { RuleError } from "../../../vocabulary/recurrence/expand";
import { isValidTimeZone } from "../../../vocabulary/time-zone";
import { InvalidArgumentError } from "../../platform/errors";
import { frameOf, isoTimestamp, localeOf, metaOf, okValue } from "./skill-meta";

/** skillService implements todo.skills.v1.SkillService: proto in, skill agent, proto out. */
export function skillService(skills: Skills): ServiceImpl<typeof SkillService> {
  return {
    async detectIntent(req) {
      const result = await skills.detectIntent({
        text: req.text,
        context: {
          recentTasks: req.recentTasks.map((task) => ({ id: task.id, title: task.title })),
          ...(req.pending ? { pending: req.pending } : {}),
        },
      });
      const value = okValue(result);
      return {
        meta: metaOf(result),
        intent: value?.intent ?? "",
        targetTaskId: value?.target?.taskId ?? "",
        targetReference: value?.target?.reference ?? "",
        language: value?.language ?? "",
        project: value?.project ?? "",
        names: value?.names ?? [],
      };
    },

    async extractTask(req) {
      const result = await skills.extractTask({ text: req.text, ...frameOf(req), locale: localeOf(req.locale) });
      const value = okValue(result);
      return {
        meta: metaOf(result),
        title: value?.title ?? "",
        description: value?.description ?? "",
        priority: value?.priority ?? "",
        tags: value?.tags ?? [],
        dueAt: isoTimestamp(value?.due?.at),
        dueDateOnly: value?.due?.dateOnly ?? false,
        rrule: value?.recurrence?.rrule ?? "",
        repeatFrom: value?.recurrence?.repeatFrom ?? "",
        remindAt: isoTimestamp(value?.reminder?.at),
        remindBeforeSeconds: BigInt(value?.reminder?.beforeSeconds ?? 0),
      };
    },

    async extractReminder(req) {
      const result = await skills.extractReminder({
        text: req.text,
        ...frameOf(req),
        ...(req.dueAt ? { dueAt: timestampDate(req.dueAt) } : {}),
      });
      const value = okValue(result);
      return {
        meta: metaOf(result),
        remindAt: value && "at" in value ? isoTimestamp(value.at) : undefined,
        remindBeforeSeconds: BigInt(value && "beforeSeconds" in value ? value.beforeSeconds : 0),
      };
    },

    async parseRecurrence(req) {
      const result = await skills.parseRecurrence({ text: req.text, ...frameOf(req) });
      const value = okValue(result);
      return { meta: metaOf(result), rrule: value?.rrule ?? "", repeatFrom: value?.repeatFrom ?? "" };
    },

    async nextOccurrence(req) {
      const timeZone = req.timeZone || "UTC";
      if (!isValidTimeZone(timeZone))
        throw new InvalidArgumentError([{ field: "time_zone", description: `unknown time zone "${timeZone}"` }]);
      let next: Date | null;
      try {
        next = await skills.nextOccurrence({
          rrule: req.rrule,
          after: timestampDate(req.after!),
          dtstart: timestampDate(req.dtstart!),
          timeZone,
          // proto3 cannot tell "none yet" from unset; 0 means the rule's own COUNT applies from dtstart.
          ...(req.completedCount > 0 ? { completedCount: req.completedCount } : {}),
        });
      } catch (error) {
        if (error instanceof RuleError)
          throw new InvalidArgumentError([{ field: error.field, description: error.problem }]);
        throw error;
      }
      return next ? { next: timestampFromDate(next), ended: false } : { ended: true };
    },

    async writeFilter(req) {
      const result = await skills.writeFilter({ text: req.text, tags: req.tags, projects: req.projects });
      const value = okValue(result);
      return { meta: metaOf(result), query: value?.query ?? "", language: value?.language ?? "" };
    },

    async describeRule(req) {
      return { summary: skills.describeRule(req.rrule, localeOf(req.locale)) };
    },

    async summarizeActivity(req) {
      const result = await skills.summarizeActivity({
        events: req.records.map((record) => ({
          type: record.eventType,
          occurredAt: record.occurredAt ? timestampDate(record.occurredAt).toISOString() : "",
          ...(record.taskId ? { taskId: record.taskId } : {}),
          ...(record.title ? { title: record.title } : {}),
        })),
        question: req.question || "what happened recently?",
        // The answer is composed, not generated, so it can be in Roman Urdu too.
        locale: req.locale === "roman-ur" ? "roman-ur" : localeOf(req.locale),
        ...(req.listLimit > 0 ? { listLimit: req.listLimit } : {}),
        ...(req.actorName ? { actor: req.actorName } : {}),
        ...frameOf(req),
      });
      const value = okValue(result);
      return { meta: metaOf(result), answer: value?.answer ?? "", omitted: value?.omitted ?? 0 };
    },
  };
}
