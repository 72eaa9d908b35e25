import { Code, ConnectError } from "@connectrpc/connect";
import type { DetectIntentResponse } from "../../../gen/todo/skills/v1/skill_service_pb";
import { teamIntents } from "../../../vocabulary/intents";
import { listProjects } from "../tools/organise-tools";
import { listMembers } from "../tools/share-tools";
import { callTool } from "../tools/task-tools";
import { addComment, assignTask, deleteComment } from "../tools/team-tools";
import { folded } from "./organise-flow";
import { type Language, localeOf, type PendingAction, type TaskRef, type TeamAction } from "./pending";
import { showPersonActivity } from "./query-flow";
import { replies, undoOption } from "./replies";
import { shareReplies } from "./share-replies";
import { resolveTarget } from "./target-flow";
import { teamReplies } from "./team-replies";
import { askChoice, done, type TurnContext, type TurnResult } from "./turn-context";
import { bestTitleMatch, isOnly, pickedIndex, UNDO } from "./words";

type TeamPending = Extract<PendingAction, { kind: "team" }>;
type TeamIntent = (typeof teamIntents)[number];

const TEAM: ReadonlySet<string> = new Set(teamIntents);
/** isTeam says whether DetectIntent's intent is an assignment, a comment or a question about someone's changes. */
export const isTeam = (intent: string): intent is TeamIntent => TEAM.has(intent);

/** The most projects whose people a question about someone reads (ListMembers each), and the most people offered. */
const PROJECTS_READ = 50;
const CHOICES = 10;

/** A person as the share tools list them. */
interface Person {
  user_id: string;
  display_name: string;
  email: string;
}

/**
 * startTeam acts on an assignment, a comment or "what did Sara change today?". The task is found as every targeted
 * action finds it (several are asked about); the person among the people who share projects with the user (for an
 * assignment: the task's project's owner and members, the only people who may hold it); several people that fit
 * are asked about, never guessed. An assignment and a comment are done at once and offer "undo" (decided: both are
 * undone by one message, and asking first would make the common case two messages); the tools re-check the
 * caller's role, so a viewer's assignment is refused by the API, not by the chat.
 */
export async function startTeam(
  ctx: TurnContext,
  intent: DetectIntentResponse,
  language: Language,
): Promise<TurnResult> {
  const said = (intent.names[0] ?? "").trim();
  const action: TeamAction = {
    intent: intent.intent as TeamIntent,
    task: intent.targetReference.trim().slice(0, 2000),
    person: intent.intent === "comment" ? "" : said.slice(0, 500),
    body: intent.intent === "comment" ? said.slice(0, 4000) : "",
    text: ctx.text.slice(0, 2000),
  };
  const l = localeOf(language);
  if (action.intent === "person_activity") return personActivity(ctx, language, action);
  const resolution = await resolveTarget(ctx, intent, "update");
  switch (resolution.kind) {
    case "one":
      return proceed(ctx, language, { ...action, taskRef: resolution.task });
    case "many":
      return askChoice({
        kind: "team",
        step: "choose_task",
        action,
        candidates: resolution.candidates,
        question: teamReplies.askWhichTask(l, resolution.reference),
        language,
      });
    case "none":
      return done(language, replies.noMatch(l, resolution.reference));
    case "unnamed":
      return done(language, replies.noMatch(l, action.task));
  }
}

/** proceed acts once the task is known: a comment is added; an assignment finds its person first. */
async function proceed(ctx: TurnContext, language: Language, action: TeamAction): Promise<TurnResult> {
  const l = localeOf(language);
  const task = action.taskRef!;
  try {
    if (action.intent === "comment") {
      // The text is the user's, verbatim: whatever it says, it is stored as a comment and nothing else.
      const { comment } = await callTool(addComment, ctx.api, { task_id: task.id, body: action.body });
      const reply = teamReplies.commented(l, task.title);
      return offerUndo({ ...action, undo: { commentId: comment.id } }, reply, addComment.name, task, language);
    }
    const { task: current } = await ctx.api.getTask({ id: task.id });
    const previousAssigneeId = current?.assigneeId ?? "";
    if (!action.personRef) {
      if (ME.test(action.person))
        return assign(
          ctx,
          language,
          { ...action, personRef: { id: await ctx.api.me(), title: teamReplies.you(l) } },
          previousAssigneeId,
        );
      const { members } = await callTool(listMembers, ctx.api, { project_id: current?.projectId ?? "" });
      const fits = peopleNamed(members, action.person);
      if (fits.length === 0) return done(language, teamReplies.noHolder(l, action.person, task.title));
      if (fits.length > 1) return choosePerson(action, fits, language);
      return assign(ctx, language, { ...action, personRef: personRef(fits[0]!) }, previousAssigneeId);
    }
    return assign(ctx, language, action, previousAssigneeId);
  } catch (error) {
    return refused(error, language, task);
  }
}

const ME = /^me$/iu;

async function assign(
  ctx: TurnContext,
  language: Language,
  action: TeamAction,
  previousAssigneeId: string,
): Promise<TurnResult> {
  const l = localeOf(language);
  const task = action.taskRef!;
  const person = action.personRef!;
  try {
    await callTool(assignTask, ctx.api, { task_id: task.id, person: person.id });
  } catch (error) {
    return refused(error, language, task);
  }
  const reply = teamReplies.assigned(l, task.title, person.title);
  return offerUndo({ ...action, undo: { previousAssigneeId } }, reply, assignTask.name, task, language);
}

/** The API's refusals in the user's words: a viewer may not assign; a task gone; someone who may not hold it. */
function refused(error: unknown, language: Language, task: TaskRef): TurnResult {
  const l = localeOf(language);
  const connectError = ConnectError.from(error);
  if (connectError.code === Code.PermissionDenied) return done(language, teamReplies.viewerCannotAssign(l, task.title));
  if (connectError.code === Code.NotFound) return done(language, replies.gone(l));
  if (connectError.code === Code.InvalidArgument || connectError.code === Code.FailedPrecondition)
    return done(language, connectError.rawMessage);
  throw error;
}

function offerUndo(action: TeamAction, reply: string, tool: string, task: TaskRef, language: Language): TurnResult {
  const l = localeOf(language);
  const pending: TeamPending = {
    kind: "team",
    step: "undo",
    action,
    candidates: [],
    question: teamReplies.undoHint(l),
    options: [undoOption(l)],
    language,
  };
  return {
    reply: `${reply} ${pending.question}`,
    actions: [{ tool, taskId: task.id, summary: reply }],
    pending,
    language,
  };
}

/** personActivity finds the person among everyone who shares a project with the user, then asks the audit log. */
async function personActivity(ctx: TurnContext, language: Language, action: TeamAction): Promise<TurnResult> {
  const l = localeOf(language);
  if (!action.personRef) {
    const fits = peopleNamed(await sharedPeople(ctx), action.person);
    if (fits.length === 0) return done(language, teamReplies.noPerson(l, action.person));
    if (fits.length > 1) return choosePerson(action, fits, language);
    return personActivity(ctx, language, { ...action, personRef: personRef(fits[0]!) });
  }
  const { id, title } = action.personRef;
  // "what did Sara change?" asks about every kind of change, not only edits: the verb is left out of the question.
  const question = action.text.replace(CHANGE_VERB, " ").trim() || action.text;
  return showPersonActivity(ctx, language, question, { id, name: title.replace(/\s*<[^>]*>$/u, "") });
}

const CHANGE_VERB = /(?<![\p{L}])(?:change[ds]?|بدلا|بدلے|بدلی|badla|badle|badli|change\s+kiya)(?![\p{L}])/giu;

/**
 * sharedPeople are the owners and members of the projects the user can see (their own and those shared with them;
 * ListMembers of each top-level project, the first PROJECTS_READ), each person once.
 */
async function sharedPeople(ctx: TurnContext): Promise<Person[]> {
  const { projects } = await callTool(listProjects, ctx.api, {});
  const tops = projects.filter((project) => !project.inbox && !project.parent_id).slice(0, PROJECTS_READ);
  const lists = await Promise.all(
    tops.map((project) =>
      callTool(listMembers, ctx.api, { project_id: project.id }).then(
        (answer) => answer.members,
        () => [] as Person[],
      ),
    ),
  );
  const byId = new Map<string, Person>();
  for (const person of lists.flat()) if (!byId.has(person.user_id)) byId.set(person.user_id, person);
  return [...byId.values()];
}

/** A name as compared: folded (case, spacing, Arabic letter forms) and without diacritics (é = e, َ ِ ُ dropped). */
const key = (name: string): string => folded(name.normalize("NFKD").replace(/\p{M}/gu, ""));

/**
 * peopleNamed finds whom `said` names: an address names its owner only; otherwise a whole name, a first name or the
 * address's local part, and only when none of those fits, names that start with it ("Sa" → Sara, Saad). All that fit
 * come back (the caller asks which); nothing is guessed.
 */
export function peopleNamed(people: readonly Person[], said: string): Person[] {
  const wanted = key(said);
  if (!wanted) return [];
  if (wanted.includes("@")) return people.filter((p) => key(p.email) === wanted);
  const words = (p: Person) => key(p.display_name).split(" ").filter(Boolean);
  const local = (p: Person) => key(p.email.split("@")[0] ?? "");
  const exact = people.filter((p) => key(p.display_name) === wanted || words(p)[0] === wanted || local(p) === wanted);
  if (exact.length > 0) return exact;
  return people.filter(
    (p) =>
      key(p.display_name).startsWith(wanted) ||
      words(p).some((w) => w.startsWith(wanted)) ||
      local(p).startsWith(wanted),
  );
}

const personRef = (p: Person): TaskRef => ({
  id: p.user_id,
  title: p.display_name ? `${p.display_name} <${p.email}>` : p.email,
});

function choosePerson(action: TeamAction, fits: readonly Person[], language: Language): TurnResult {
  const candidates = fits.slice(0, CHOICES).map(personRef);
  return askChoice({
    kind: "team",
    step: "choose_person",
    action,
    candidates,
    question: shareReplies.askWhichPerson(localeOf(language), action.person),
    language,
  });
}

/**
 * answerTeam reads the answer to a team question: the task or person chosen (by number, ordinal or words) goes on;
 * "undo" takes an assignment or a comment back; a no cancels; null when the message answers nothing (the caller
 * treats it as a new request, and an offered undo is dropped).
 */
export async function answerTeam(ctx: TurnContext, pending: TeamPending, intent: string): Promise<TurnResult | null> {
  const l = localeOf(pending.language);
  if (pending.step === "undo") return isOnly(UNDO, ctx.text) ? undo(ctx, pending) : null;
  if (intent === "deny") return done(pending.language, replies.cancelled(l));
  const index = pickedIndex(ctx.text, pending.candidates.length);
  const chosen = index !== undefined ? pending.candidates[index] : bestTitleMatch(ctx.text, pending.candidates);
  if (!chosen) return null;
  if (pending.step === "choose_task") return proceed(ctx, pending.language, { ...pending.action, taskRef: chosen });
  const action = { ...pending.action, personRef: chosen };
  return action.intent === "person_activity"
    ? personActivity(ctx, pending.language, action)
    : proceed(ctx, pending.language, action);
}

async function undo(ctx: TurnContext, pending: TeamPending): Promise<TurnResult> {
  const { action, language } = pending;
  const l = localeOf(language);
  const task = action.taskRef!;
  try {
    if (action.undo?.commentId) {
      await callTool(deleteComment, ctx.api, { id: action.undo.commentId });
      return done(language, teamReplies.commentUndone(l, task.title));
    }
    await callTool(assignTask, ctx.api, { task_id: task.id, person: action.undo?.previousAssigneeId ?? "" });
    return done(language, teamReplies.assignmentUndone(l, task.title));
  } catch (error) {
    return refused(error, language, task);
  }
}
