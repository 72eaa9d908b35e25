import { Code, ConnectError } from "@connectrpc/connect";
import type { DetectIntentResponse } from "../../../gen/todo/skills/v1/skill_service_pb";
import { shareIntents } from "../../../vocabulary/intents";
import { listProjects } from "../tools/organise-tools";
import { inviteMember, leaveProject, listMembers, removeMember } from "../tools/share-tools";
import { callTool } from "../tools/task-tools";
import { sameName } from "./organise-flow";
import { organiseReplies } from "./organise-replies";
import { type Language, localeOf, type PendingAction, type ShareAction } from "./pending";
import { replies, yesNo } from "./replies";
import { shareReplies } from "./share-replies";
import { ask, askChoice, done, type TurnContext, type TurnResult } from "./turn-context";
import { bestTitleMatch, pickedIndex } from "./words";

type SharePending = Extract<PendingAction, { kind: "share" }>;
type ShareIntent = (typeof shareIntents)[number];

const SHARE: ReadonlySet<string> = new Set(shareIntents);
/** isShare says whether DetectIntent's intent is one of the sharing intents. */
export const isShare = (intent: string): intent is ShareIntent => SHARE.has(intent);

/** An address as the API takes it; anything else names a person the chat cannot invite (it asks for the address). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/**
 * startShare acts on a sharing sentence. The project is looked up among the projects the user can see, the
 * person among the project's members; several that fit are asked about, never guessed; inviting, removing and
 * leaving wait for a yes. The tools re-check the caller's role when they run, so a confirmation answered after
 * the user lost access changes nothing.
 */
export async function startShare(
  ctx: TurnContext,
  intent: DetectIntentResponse,
  language: Language,
): Promise<TurnResult> {
  const action: ShareAction = {
    intent: intent.intent as ShareIntent,
    project: intent.project.trim(),
    person: intent.targetReference.trim(),
    role: intent.names[0] === "viewer" ? "viewer" : "editor",
  };
  return proceed(ctx, language, action);
}

async function proceed(ctx: TurnContext, language: Language, action: ShareAction): Promise<TurnResult> {
  const l = localeOf(language);
  if (!action.projectId) {
    const { projects } = await callTool(listProjects, ctx.api, {});
    const named = projects.filter((project) => !project.inbox && sameName(project.name, action.project));
    if (named.length === 0) {
      const yours = projects.filter((project) => !project.inbox).map((project) => project.name);
      return done(language, organiseReplies.noProject(l, action.project, yours));
    }
    if (named.length > 1) {
      const candidates = named
        .slice(0, 10)
        .map((project, i) => ({ id: project.id, title: `${project.name} (${i + 1})` }));
      return askChoice({
        kind: "share",
        step: "choose_project",
        action,
        candidates,
        question: organiseReplies.askWhichProject(l, action.project),
        language,
      });
    }
    return proceed(ctx, language, { ...action, projectId: named[0]!.id, project: named[0]!.name });
  }
  switch (action.intent) {
    case "list_members":
      return showMembers(ctx, language, action.projectId, action.project);
    case "share_project":
      if (!EMAIL.test(action.person)) return done(language, shareReplies.needEmail(l, action.person, action.project));
      return confirm(action, shareReplies.askInvite(l, action.person, action.project, action.role), language);
    case "leave_project":
      return confirm(action, shareReplies.askLeave(l, action.project), language);
    case "remove_member":
      return pickMember(ctx, language, action);
  }
}

async function showMembers(ctx: TurnContext, language: Language, projectId: string, project: string) {
  const l = localeOf(language);
  const { members, invitations } = await callTool(listMembers, ctx.api, { project_id: projectId });
  const lines = members.map((m) => shareReplies.member(l, m.display_name, m.email, m.role));
  return done(language, shareReplies.members(l, project, lines, invitations.length));
}

/** pickMember finds the member a removal names: by address, else by name (whole or first word); asks when several fit. */
async function pickMember(ctx: TurnContext, language: Language, action: ShareAction): Promise<TurnResult> {
  const l = localeOf(language);
  if (action.memberId) return confirm(action, shareReplies.askRemove(l, action.person, action.project), language);
  const { members } = await callTool(listMembers, ctx.api, { project_id: action.projectId! });
  const others = members.filter((m) => m.role !== "owner");
  const said = action.person;
  const fits = others.filter(
    (m) =>
      sameName(m.email, said) ||
      sameName(m.display_name, said) ||
      sameName(m.display_name.split(/\s+/u)[0] ?? "", said) ||
      sameName(m.email.split("@")[0] ?? "", said),
  );
  if (fits.length === 0) return done(language, shareReplies.noMember(l, said, action.project));
  if (fits.length > 1) {
    const candidates = fits.slice(0, 10).map((m) => ({ id: m.user_id, title: `${m.display_name} <${m.email}>` }));
    return askChoice({
      kind: "share",
      step: "choose_person",
      action,
      candidates,
      question: shareReplies.askWhichPerson(l, said),
      language,
    });
  }
  const member = fits[0]!;
  const chosen = { ...action, memberId: member.user_id, person: `${member.display_name} <${member.email}>` };
  return confirm(chosen, shareReplies.askRemove(l, chosen.person, action.project), language);
}

function confirm(action: ShareAction, question: string, language: Language): TurnResult {
  return ask({
    kind: "share",
    step: "confirm",
    action,
    candidates: [],
    question,
    options: yesNo(localeOf(language)),
    language,
  });
}

/**
 * answerShare reads the answer to a share question: a yes runs the confirmed change, a no cancels, a choice goes
 * on; null when the message answers nothing (the caller treats it as a new request).
 */
export async function answerShare(ctx: TurnContext, pending: SharePending, intent: string): Promise<TurnResult | null> {
  const l = localeOf(pending.language);
  if (intent === "deny") return done(pending.language, replies.cancelled(l));
  if (pending.step === "confirm") return intent === "confirm" ? run(ctx, pending.language, pending.action) : null;
  const index = pickedIndex(ctx.text, pending.candidates.length);
  const chosen = index !== undefined ? pending.candidates[index] : bestTitleMatch(ctx.text, pending.candidates);
  if (!chosen) return null;
  if (pending.step === "choose_project")
    return proceed(ctx, pending.language, { ...pending.action, projectId: chosen.id });
  return pickMember(ctx, pending.language, { ...pending.action, memberId: chosen.id, person: chosen.title });
}

async function run(ctx: TurnContext, language: Language, action: ShareAction): Promise<TurnResult> {
  const l = localeOf(language);
  const projectId = action.projectId!;
  try {
    switch (action.intent) {
      case "share_project": {
        await callTool(inviteMember, ctx.api, { project_id: projectId, email: action.person, role: action.role });
        const reply = shareReplies.invited(l, action.person, action.project);
        return done(language, reply, [{ tool: inviteMember.name, taskId: "", summary: reply }]);
      }
      case "remove_member": {
        await callTool(removeMember, ctx.api, { project_id: projectId, user_id: action.memberId! });
        const reply = shareReplies.removed(l, action.person, action.project);
        return done(language, reply, [{ tool: removeMember.name, taskId: "", summary: reply }]);
      }
      case "leave_project": {
        await callTool(leaveProject, ctx.api, { project_id: projectId });
        const reply = shareReplies.left(l, action.project);
        return done(language, reply, [{ tool: leaveProject.name, taskId: "", summary: reply }]);
      }
      case "list_members":
        return showMembers(ctx, language, projectId, action.project);
    }
  } catch (error) {
    const code = ConnectError.from(error).code;
    if (code === Code.PermissionDenied) return done(language, shareReplies.refused(l, action.project));
    if (code === Code.FailedPrecondition && action.intent === "leave_project")
      return done(language, shareReplies.ownerCannotLeave(l, action.project));
    if (code === Code.NotFound) return done(language, replies.gone(l));
    // An address already a member, one's own address, an unverified inviter: the API's reason, as it says it.
    if (code === Code.FailedPrecondition || code === Code.AlreadyExists || code === Code.InvalidArgument)
      return done(language, ConnectError.from(error).rawMessage);
    throw error;
  }
}
