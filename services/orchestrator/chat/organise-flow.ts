import type { DetectIntentResponse } from "../../../gen/todo/skills/v1/skill_service_pb";
import { projectIntents } from "../../../vocabulary/intents";
import { ORGANISE_NAME_MAX } from "../../../vocabulary/organise";
import { listSavedFilters } from "../tools/filter-tools";
import { addProject, addSubtasks, listProjects, listSections, moveTask } from "../tools/organise-tools";
import { callTool } from "../tools/task-tools";
import { startCreate } from "./create-flow";
import { organiseReplies } from "./organise-replies";
import { type Language, localeOf, type OrganiseAction, type OrganiseIntent, type PendingAction } from "./pending";
import { showFilter, showProject } from "./query-flow";
import { isolate, replies, yesNo } from "./replies";
import { resolveTarget } from "./target-flow";
import { ask, askChoice, type ChatActionView, done, type TurnContext, type TurnResult } from "./turn-context";
import { bestTitleMatch, pickedIndex } from "./words";

type OrganisePending = Extract<PendingAction, { kind: "organise" }>;
type ProjectView = Awaited<ReturnType<typeof listProjects.run>>["projects"][number];

const ORGANISE: ReadonlySet<string> = new Set(projectIntents);
/** isOrganise says whether DetectIntent's intent is one of the project, section and subtask intents. */
export const isOrganise = (intent: string): intent is OrganiseIntent => ORGANISE.has(intent);

const CHOICES = 5;
/** The most subtasks one message adds, and the most sections a new project gets (the tools' bounds). */
const MAX_SUBTASKS = 50;
const MAX_SECTIONS = 20;

/** folded is a name as people type it: case, spacing, quotes and Arabic letter forms aside (sameName, people's names). */
export const folded = (name: string): string =>
  name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u064A\u0649]/gu, "\u06CC")
    .replace(/\u0643/gu, "\u06A9")
    .replace(/\u0647/gu, "\u06C1")
    .replace(/["“”'‘’]/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
/** sameName compares project names as people type them. */
export const sameName = (a: string, b: string): boolean => folded(a) === folded(b);

/** A project as offered in a choice: its name, and its parent's when names repeat ("Work (Clients)"). */
function label(project: ProjectView, all: readonly ProjectView[]): string {
  const parent = project.parent_id ? all.find((p) => p.id === project.parent_id)?.name : undefined;
  return parent ? `${project.name} (${parent})` : project.name;
}

const needsTask = (action: OrganiseAction): boolean =>
  action.intent === "move_task" || action.intent === "add_subtasks";
const needsProject = (action: OrganiseAction): boolean => action.intent !== "add_subtasks";
/** The section a task goes into ("the Before section of Trip"), for add_to_project and move_task. */
const sectionOf = (action: OrganiseAction): string | undefined =>
  action.intent === "add_to_project" || action.intent === "move_task" ? action.names[0] : undefined;
/** Where a task goes, said as "Trip / Before". */
const placeName = (action: OrganiseAction): string => {
  const section = sectionOf(action);
  return section ? `${action.project} / ${section}` : action.project;
};

/**
 * startOrganise acts on a sentence about projects, sections or subtasks. DetectIntent gives the words
 * (project, task, names) as the user wrote them; they are looked up only among the caller's own
 * projects and tasks (the tools are user-scoped), never run as instructions. A task or project that
 * fits several is asked about, a missing project is offered to be created (add) or named as missing.
 */
export async function startOrganise(
  ctx: TurnContext,
  intent: DetectIntentResponse,
  language: Language,
): Promise<TurnResult> {
  const known = intent.targetTaskId ? ctx.recent.find((task) => task.id === intent.targetTaskId) : undefined;
  const action: OrganiseAction = {
    intent: intent.intent as OrganiseIntent,
    project: intent.project.trim(),
    task: intent.targetReference.trim(),
    names: intent.names.map((name) => name.trim()).filter(Boolean),
    ...(known ? { taskRef: known } : {}),
  };
  if (action.intent === "create_project") return createProject(ctx, language, action);
  return proceed(ctx, language, action);
}

async function createProject(ctx: TurnContext, language: Language, action: OrganiseAction): Promise<TurnResult> {
  const l = localeOf(language);
  const name = action.project.slice(0, ORGANISE_NAME_MAX);
  const { projects } = await callTool(listProjects, ctx.api, {});
  if (projects.some((project) => sameName(project.name, name)))
    return done(language, organiseReplies.projectExists(l, name));
  const sections = action.names.slice(0, MAX_SECTIONS).map((section) => section.slice(0, ORGANISE_NAME_MAX));
  const made = await callTool(addProject, ctx.api, { name, sections });
  const reply = organiseReplies.createdProject(
    l,
    made.project.name,
    made.sections.map((section) => section.name),
  );
  return done(language, reply, [{ tool: addProject.name, taskId: "", summary: reply }]);
}

/** proceed resolves what the action still lacks (the task, then the project), asking when it must, then acts. */
async function proceed(ctx: TurnContext, language: Language, action: OrganiseAction): Promise<TurnResult> {
  const l = localeOf(language);
  if (needsTask(action) && !action.taskRef) {
    const resolution = await resolveTarget(ctx, { targetTaskId: "", targetReference: action.task }, "update");
    if (resolution.kind === "one") return proceed(ctx, language, { ...action, taskRef: resolution.task });
    if (resolution.kind === "none") return done(language, replies.noMatch(l, resolution.reference));
    const candidates = resolution.kind === "many" ? resolution.candidates : ctx.recent.slice(0, CHOICES);
    if (candidates.length === 0) return done(language, replies.noOpenTasks(l));
    const reference = resolution.kind === "many" ? resolution.reference : "";
    return askChoice({
      kind: "organise",
      step: "choose_task",
      action,
      candidates,
      question: replies.askWhich(l, reference),
      language,
    });
  }
  if (needsProject(action) && !action.projectId) {
    const { projects } = await callTool(listProjects, ctx.api, {});
    const named = projects.filter((project) => sameName(project.name, action.project));
    if (named.length === 1)
      return proceed(ctx, language, { ...action, projectId: named[0]!.id, project: named[0]!.name });
    if (named.length > 1) {
      const candidates = named.slice(0, 10).map((project) => ({ id: project.id, title: label(project, projects) }));
      return askChoice({
        kind: "organise",
        step: "choose_project",
        action,
        candidates,
        question: organiseReplies.askWhichProject(l, action.project),
        language,
      });
    }
    // An archived project is not offered as new: the user is told to bring it back first.
    const { projects: withArchived } = await callTool(listProjects, ctx.api, { include_archived: true });
    const archived = withArchived.find((project) => project.archived && sameName(project.name, action.project));
    if (archived) return done(language, organiseReplies.archived(l, archived.name));
    if (action.intent === "add_to_project") {
      return ask({
        kind: "organise",
        step: "create_project",
        action,
        candidates: [],
        question: organiseReplies.askCreateProject(l, action.project, action.task),
        options: yesNo(l),
        language,
      });
    }
    const yours = projects.filter((project) => !project.inbox).map((project) => project.name);
    return done(language, organiseReplies.noProject(l, action.project, yours));
  }
  const section = sectionOf(action);
  if (section && action.projectId && !action.sectionId) {
    const { sections } = await callTool(listSections, ctx.api, { project_id: action.projectId });
    const named = sections.filter((candidate) => sameName(candidate.name, section));
    if (named.length === 1)
      return proceed(ctx, language, { ...action, sectionId: named[0]!.id, names: [named[0]!.name] });
    if (named.length > 1) {
      const candidates = named.map((candidate, i) => ({ id: candidate.id, title: `${candidate.name} (${i + 1})` }));
      return askChoice({
        kind: "organise",
        step: "choose_section",
        action,
        candidates,
        question: organiseReplies.askWhichSection(l, section),
        language,
      });
    }
    const theirs = sections.map((candidate) => candidate.name);
    return done(language, organiseReplies.noSection(l, action.project, section, theirs));
  }
  return execute(ctx, language, action);
}

async function execute(ctx: TurnContext, language: Language, action: OrganiseAction): Promise<TurnResult> {
  const l = localeOf(language);
  const projectId = action.projectId ?? "";
  switch (action.intent) {
    case "add_to_project":
      return startCreate(ctx, language, {
        text: action.task,
        project: {
          id: projectId,
          name: placeName(action),
          ...(action.sectionId ? { sectionId: action.sectionId } : {}),
        },
      });
    case "show_project":
      return showProject(ctx, language, projectId);
    case "move_task": {
      const task = action.taskRef!;
      const { task: moved } = await callTool(moveTask, ctx.api, {
        id: task.id,
        project_id: projectId,
        ...(action.sectionId ? { section_id: action.sectionId } : {}),
      });
      const reply = organiseReplies.moved(l, moved.title, placeName(action));
      return done(language, reply, [{ tool: moveTask.name, taskId: moved.id, summary: reply }]);
    }
    case "add_subtasks": {
      const parent = action.taskRef!;
      const titles = action.names.slice(0, MAX_SUBTASKS).map((title) => title.slice(0, 500));
      if (titles.length === 0) return done(language, replies.didNotCatch(l));
      const { tasks } = await callTool(addSubtasks, ctx.api, { parent_id: parent.id, titles });
      const reply = organiseReplies.addedSubtasks(
        l,
        parent.title,
        tasks.map((task) => task.title),
      );
      return done(
        language,
        reply,
        tasks.map((task) => ({ tool: addSubtasks.name, taskId: task.id, summary: reply })),
      );
    }
    case "create_project":
      return createProject(ctx, language, action);
  }
}

/** createThenProceed answers yes to "create the project?": the project is made, then the task goes in. */
export async function createThenProceed(ctx: TurnContext, pending: OrganisePending): Promise<TurnResult> {
  const l = localeOf(pending.language);
  const section = sectionOf(pending.action);
  const { project } = await callTool(addProject, ctx.api, {
    name: pending.action.project.slice(0, ORGANISE_NAME_MAX),
    sections: section ? [section.slice(0, ORGANISE_NAME_MAX)] : [],
  });
  const created: ChatActionView = {
    tool: addProject.name,
    taskId: "",
    summary: organiseReplies.createdProject(l, project.name, []),
  };
  const result = await proceed(ctx, pending.language, {
    ...pending.action,
    projectId: project.id,
    project: project.name,
  });
  return { ...result, actions: [created, ...result.actions] };
}

/** answerChoice reads the answer to "which project / which task?" and goes on, or null when it names none. */
export async function answerChoice(ctx: TurnContext, pending: OrganisePending): Promise<TurnResult | null> {
  const index = pickedIndex(ctx.text, pending.candidates.length);
  const chosen = index !== undefined ? pending.candidates[index] : bestTitleMatch(ctx.text, pending.candidates);
  if (!chosen) return null;
  if (pending.step === "choose_task") return proceed(ctx, pending.language, { ...pending.action, taskRef: chosen });
  if (pending.step === "choose_section")
    return proceed(ctx, pending.language, { ...pending.action, sectionId: chosen.id });
  const name = pending.action.project;
  return proceed(ctx, pending.language, { ...pending.action, projectId: chosen.id, project: name });
}

/** showFilters lists the user's saved filters, each with its query. */
export async function showFilters(ctx: TurnContext, language: Language): Promise<TurnResult> {
  const l = localeOf(language);
  const { saved_filters: saved } = await callTool(listSavedFilters, ctx.api, {});
  const lines = saved.map((filter, i) => `${i + 1}. ${isolate(l, filter.name)} — ${isolate(l, filter.query)}`);
  return done(language, organiseReplies.savedFilters(l, lines));
}

/** runFilter shows what one of the user's saved filters finds, named as the user wrote it. */
export async function runFilter(ctx: TurnContext, language: Language, name: string): Promise<TurnResult> {
  const l = localeOf(language);
  const { saved_filters: saved } = await callTool(listSavedFilters, ctx.api, {});
  const named = saved.find((filter) => sameName(filter.name, name));
  if (!named)
    return done(
      language,
      organiseReplies.noFilter(
        l,
        name,
        saved.map((filter) => filter.name),
      ),
    );
  return showFilter(ctx, language, named.id);
}
