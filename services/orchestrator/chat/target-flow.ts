import type { DetectIntentResponse } from "../../../gen/todo/skills/v1/skill_service_pb";
import { callTool, searchTasks } from "../tools/task-tools";
import { type Language, localeOf, type PendingAction, type TargetedOperation, type TaskRef } from "./pending";
import { replies } from "./replies";
import { ask, done, type TurnContext, type TurnResult } from "./turn-context";
import { bestTitleMatch, pickedIndex } from "./words";

/** How a reference ("the milk one", "it", دودھ والا) resolved against the user's tasks. */
export type Resolution =
  | { kind: "one"; task: TaskRef }
  | { kind: "many"; reference: string; candidates: TaskRef[] }
  | { kind: "none"; reference: string }
  | { kind: "unnamed" };

const CHOICES = 5;

/**
 * resolveTarget finds the task a message names: the id DetectIntent matched among recent tasks, the
 * conversation's last task for "it", else a full-text search of the reference (open tasks; any task
 * for delete), narrowed by title words. Several fits come back as a choice, never a guess.
 */
export async function resolveTarget(
  ctx: TurnContext,
  intent: Pick<DetectIntentResponse, "targetTaskId" | "targetReference">,
  operation: TargetedOperation,
): Promise<Resolution> {
  const byId = intent.targetTaskId ? ctx.recent.find((task) => task.id === intent.targetTaskId) : undefined;
  if (byId) return { kind: "one", task: byId };
  const reference = intent.targetReference.trim();
  if (reference === "it" || (!reference && ctx.recent.length === 1)) {
    const lastId = await ctx.lastTaskId();
    const last = ctx.recent.find((task) => task.id === lastId) ?? (ctx.recent.length === 1 ? ctx.recent[0] : undefined);
    return last ? { kind: "one", task: last } : { kind: "unnamed" };
  }
  if (!reference) return { kind: "unnamed" };
  const { tasks } = await callTool(searchTasks, ctx.api, {
    query: reference,
    status: operation === "delete" ? "any" : "open",
    page_size: 20,
  });
  if (tasks.length === 1) return { kind: "one", task: tasks[0]! };
  if (tasks.length > 1) {
    const exact = tasks.filter((task) => task.title.trim().toLowerCase() === reference.toLowerCase());
    return exact.length === 1
      ? { kind: "one", task: exact[0]! }
      : { kind: "many", reference, candidates: tasks.slice(0, CHOICES) };
  }
  const loose = bestTitleMatch(reference, ctx.recent);
  return loose ? { kind: "one", task: loose } : { kind: "none", reference };
}

/** askWhich asks the user to choose between tasks, keeping the operation and the original message. */
function askWhich(
  ctx: TurnContext,
  language: Language,
  operation: TargetedOperation,
  reference: string,
  candidates: readonly TaskRef[],
): TurnResult {
  const l = localeOf(language);
  if (candidates.length === 0) return done(language, replies.noOpenTasks(l));
  const titles = candidates.map((task) => task.title);
  return ask(
    {
      kind: "choose",
      operation,
      candidates: candidates.map((task) => ({ id: task.id, title: task.title })),
      text: ctx.text,
      question: replies.askWhich(l, reference),
      options: titles,
      language,
    },
    replies.numbered(titles, l),
  );
}

/** chosenTask reads the answer to "which one?" as a number, an ordinal or title words. */
export function chosenTask(
  answer: string,
  pending: Extract<PendingAction, { kind: "choose" }>,
): { id: string; title: string } | undefined {
  const index = pickedIndex(answer, pending.candidates.length);
  if (index !== undefined) return pending.candidates[index];
  return bestTitleMatch(answer, pending.candidates);
}

/** unresolved answers a resolution that found no single task: ask which, or say nothing matched. */
export function unresolved(
  ctx: TurnContext,
  language: Language,
  operation: TargetedOperation,
  resolution: Exclude<Resolution, { kind: "one" }>,
): TurnResult {
  switch (resolution.kind) {
    case "many":
      return askWhich(ctx, language, operation, resolution.reference, resolution.candidates);
    case "none":
      return done(language, replies.noMatch(localeOf(language), resolution.reference));
    case "unnamed":
      return askWhich(ctx, language, operation, "", ctx.recent.slice(0, CHOICES));
  }
}
