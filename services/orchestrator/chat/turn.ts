import { Outcome } from "../../../gen/todo/skills/v1/skill_pb";
import type { DetectIntentResponse } from "../../../gen/todo/skills/v1/skill_service_pb";
import { intentNames } from "../../../vocabulary/intents";
import { runBulk, runConfirmed, startBulk, undo } from "./bulk-flow";
import { answerCreate, startCreate } from "./create-flow";
import { answerChoice, createThenProceed, isOrganise, runFilter, showFilters, startOrganise } from "./organise-flow";
import {
  type Language,
  languageSchema,
  localeOf,
  type PendingAction,
  type TargetedOperation,
  targetedOperations,
} from "./pending";
import { showActivity, showList, showMore, showSearch } from "./query-flow";
import { replies } from "./replies";
import { answerShare, isShare, startShare } from "./share-flow";
import { chosenTask, resolveTarget, unresolved } from "./target-flow";
import { answerDetail, perform } from "./task-ops";
import { answerTeam, isTeam, startTeam } from "./team-flow";
import { ask, done, type TurnContext, type TurnResult } from "./turn-context";
import { isOnly, MORE, UNDO } from "./words";

/**
 * Intents that clearly start something new, so an unanswerable reply to a question is a new request: every
 * intent but create (an unclear answer also reads as a new task), smalltalk, confirm and deny.
 */
const FRESH_START: ReadonlySet<string> = new Set(
  intentNames.filter((intent) => !["create", "smalltalk", "confirm", "deny"].includes(intent)),
);
const SHORT_ANSWER_WORDS = 4;
const TARGETED: ReadonlySet<string> = new Set(targetedOperations);

/**
 * runTurn answers one message. The flow: detect the intent (with the user's recent tasks, and the kind
 * of question pending), let a pending question consume the message if it answers it, otherwise act
 * on the intent. The message only ever selects one of these flows; its words are never instructions,
 * and deleting or changing many tasks always waits for a yes.
 */
export async function runTurn(ctx: TurnContext, pending: PendingAction | null): Promise<TurnResult> {
  const intent = await ctx.skills.detectIntent({
    text: ctx.text,
    recentTasks: ctx.recent.map((task) => ({ id: task.id, title: task.title })),
    pending: pending?.kind ?? "",
  });
  const language: Language = languageSchema.safeParse(intent.language).data ?? "en";
  if (pending) {
    const answered = await answerPending(ctx, pending, intent);
    if (answered) return answered;
  }
  // "undo" or "show more" with nothing on offer: say so rather than read it as a new task.
  if (isOnly(UNDO, ctx.text)) return done(language, replies.nothingToUndo(localeOf(language)));
  if (isOnly(MORE, ctx.text)) return done(language, replies.nothingMore(localeOf(language)));
  if (intent.meta?.outcome !== Outcome.OK)
    return done(language, `${replies.didNotCatch(localeOf(language))}\n${replies.help(localeOf(language))}`);
  return act(ctx, intent, language);
}

async function act(ctx: TurnContext, intent: DetectIntentResponse, language: Language): Promise<TurnResult> {
  const l = localeOf(language);
  if (isOrganise(intent.intent)) return startOrganise(ctx, intent, language);
  if (isShare(intent.intent)) return startShare(ctx, intent, language);
  if (isTeam(intent.intent)) return startTeam(ctx, intent, language);
  if (TARGETED.has(intent.intent)) {
    const operation = intent.intent as TargetedOperation;
    if (operation === "delete" || operation === "complete") {
      const bulk = await startBulk(ctx, language, operation);
      if (bulk) return bulk;
    }
    const resolution = await resolveTarget(ctx, intent, operation);
    if (resolution.kind !== "one") return unresolved(ctx, language, operation, resolution);
    return perform(ctx, language, operation, resolution.task, ctx.text);
  }
  switch (intent.intent) {
    case "create":
      return startCreate(ctx, language);
    case "list":
      return showList(ctx, language);
    case "search":
      return showSearch(ctx, language, intent);
    case "activity":
      return showActivity(ctx, language);
    case "show_filters":
      return showFilters(ctx, language);
    case "run_filter":
      return runFilter(ctx, language, intent.targetReference.trim());
    case "help":
      return done(language, replies.help(l));
    case "confirm":
    case "deny":
      return done(language, replies.nothingPending(l));
    default:
      return done(language, replies.greeting(l));
  }
}

/**
 * answerPending lets the message answer the waiting question. A confirmation completes only on a yes;
 * a no cancels; anything else drops it and is handled as a new message. A clarification takes the
 * answer; a short unusable answer gets the question again, anything else is handled as a new message.
 */
async function answerPending(
  ctx: TurnContext,
  pending: PendingAction,
  intent: DetectIntentResponse,
): Promise<TurnResult | null> {
  const l = localeOf(pending.language);
  // An offer takes only its own answer; any other message drops it and is handled as new.
  if (pending.kind === "undo") {
    if (isOnly(UNDO, ctx.text)) return undo(ctx, pending);
    if (pending.more && intent.intent === "confirm")
      return runBulk(ctx, pending.language, "delete", pending.more.scope);
    return null;
  }
  if (pending.kind === "more") return isOnly(MORE, ctx.text) ? showMore(ctx, pending) : null;
  if (pending.kind === "confirm") {
    if (intent.intent === "confirm") return runConfirmed(ctx, pending);
    if (intent.intent === "deny") return done(pending.language, replies.cancelled(l));
    return null;
  }
  // "There is no project X: create it?" takes a yes or a no like any confirmation.
  if (pending.kind === "organise" && pending.step === "create_project") {
    if (intent.intent === "confirm") return createThenProceed(ctx, pending);
    if (intent.intent === "deny") return done(pending.language, replies.cancelled(l));
    return null;
  }
  if (pending.kind === "share") return answerShare(ctx, pending, intent.intent);
  if (pending.kind === "team") return answerTeam(ctx, pending, intent.intent);
  if (intent.intent === "deny") return done(pending.language, replies.cancelled(l));
  const answered = await answerClarification(ctx, pending);
  if (answered) return answered;
  // An unusable answer is asked again only when it reads like an answer (short); a fresh intent or a
  // full sentence is a new request, and the question is dropped.
  if (FRESH_START.has(intent.intent) || ctx.text.trim().split(/\s+/u).length > SHORT_ANSWER_WORDS) return null;
  const body =
    pending.kind === "choose" || pending.kind === "organise" ? replies.numbered(pending.options, l) : undefined;
  const again = ask(pending, body);
  return { ...again, reply: `${replies.didNotCatch(l)} ${again.reply}` };
}

async function answerClarification(
  ctx: TurnContext,
  pending: Extract<PendingAction, { kind: "create" | "detail" | "choose" | "organise" }>,
): Promise<TurnResult | null> {
  switch (pending.kind) {
    case "organise":
      return answerChoice(ctx, pending);
    case "create":
      return answerCreate(ctx, pending);
    case "detail":
      return answerDetail(ctx, pending);
    case "choose": {
      const chosen = chosenTask(ctx.text, pending);
      if (!chosen) return null;
      return perform(ctx, pending.language, pending.operation, chosen, pending.text);
    }
  }
}
