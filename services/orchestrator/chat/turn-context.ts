import { type Timestamp, timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { Client } from "@connectrpc/connect";
import type { SkillService } from "../../../gen/todo/skills/v1/skill_service_pb";
import type { AuditService } from "../../../gen/todo/v1/audit_service_pb";
import { describeRule as describeInVocabulary } from "../../../vocabulary/recurrence/describe";
import type { Logger } from "../../platform/logger";
import type { TaskApi } from "../tools/task-api";
import { type Language, type Locale, localeOf, type PendingAction, skillLocale, type TaskRef } from "./pending";
import { replies } from "./replies";

/** TurnContext is everything one chat turn may use: the user's scoped task API and the skills. */
export interface TurnContext {
  text: string;
  now: Date;
  timeZone: string;
  api: TaskApi;
  skills: Client<typeof SkillService>;
  audit: () => Client<typeof AuditService>;
  /** lastTaskId is the task this conversation last acted on ("it"). */
  lastTaskId: () => Promise<string | undefined>;
  /** recent open tasks (id and title), newest first, loaded once per turn. */
  recent: TaskRef[];
  logger: Logger;
}

/** ChatActionView is one tool call the assistant made. */
export interface ChatActionView {
  tool: string;
  taskId: string;
  summary: string;
}

/** TurnResult is the assistant's answer to one message. */
export interface TurnResult {
  reply: string;
  actions: ChatActionView[];
  pending: PendingAction | null;
  language: Language;
}

/** frame is the reference time and zone every skill call reads dates in. */
export const frame = (ctx: TurnContext): { referenceTime: Timestamp; timeZone: string } => ({
  referenceTime: timestampFromDate(ctx.now),
  timeZone: ctx.timeZone,
});

/** done ends a turn with a reply and the actions taken. */
export const done = (language: Language, reply: string, actions: ChatActionView[] = []): TurnResult => ({
  reply,
  actions,
  pending: null,
  language,
});

/** ask ends a turn with one question and keeps the action waiting for its answer. */
export const ask = (pending: PendingAction, body?: string): TurnResult => ({
  reply: body ? `${pending.question}\n${body}` : pending.question,
  actions: [],
  pending,
  language: pending.language,
});

/** A question that offers a choice between projects, sections, tasks or people (their titles are the options). */
type ChoicePending = Extract<PendingAction, { kind: "organise" | "share" | "team" }>;
type Unasked<T> = T extends unknown ? Omit<T, "options"> : never;

/** askChoice asks which candidate is meant: their titles are the options, listed numbered under the question. */
export function askChoice(pending: Unasked<ChoicePending>): TurnResult {
  const options = pending.candidates.map((candidate) => candidate.title);
  return ask({ ...pending, options } as ChoicePending, replies.numbered(options, localeOf(pending.language)));
}

/**
 * describeRule says a repeat rule in the reply language: the skills' describer for English and Urdu,
 * the shared vocabulary's Roman Urdu describer for Roman Urdu (the skills answer in English or Urdu).
 */
export async function describeRule(ctx: TurnContext, rrule: string, l: Locale): Promise<string> {
  if (l === "roman-ur") return describeInVocabulary(rrule, "roman-ur", ctx.timeZone) ?? rrule;
  return (await ctx.skills.describeRule({ rrule, locale: skillLocale(l) })).summary;
}
