import { fromJson, type JsonValue } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { type Comment, CommentSchema } from "../../../../gen/todo/v1/comment_pb";
import { type Project, ProjectSchema, type Section, SectionSchema } from "../../../../gen/todo/v1/project_pb";
import { Priority, RepeatFrom, type Task, TaskSchema, TaskStatus } from "../../../../gen/todo/v1/task_pb";
import { parseRule } from "../../../../vocabulary/recurrence/rule";
import { REMINDERS_PER_TASK_MAX } from "../../../../vocabulary/reminders";
import { isValidTimeZone } from "../../../../vocabulary/time-zone";
import { EXPORT_FORMAT_VERSION } from "../../../../vocabulary/transfer";
import { InvalidArgumentError } from "../../../platform/errors";
import { commentBody } from "../comment-rules";
import type { ReminderSpec } from "../reminders";
import { checkTags, checkText, DESCRIPTION_MAX, NAME_MAX, TITLE_MAX } from "./fields";
import { checkRowCount, emptyPlan, type ImportPlan, PlanProblems } from "./plan";

/** The `format` field every taskmesh export starts with. */
export const EXPORT_FORMAT_NAME = "taskmesh-export";

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const keyOf = (id: string) => `taskmesh:${id}`;

/**
 * readTaskmeshJson reads a file ExportData wrote: projects, sections, saved filters and tasks, each in the
 * contract's JSON (so a task carries exactly the fields the Task message has). Every item is keyed by the id it had,
 * so an import of the same file finds what the first one made; the Inbox maps onto the importer's Inbox. Audit
 * records are history, not data: they are not imported. Items are numbered within their list from 1.
 */
export function readTaskmeshJson(text: string, options: { now: Date }): ImportPlan {
  let document: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not an object");
    document = parsed as Record<string, unknown>;
  } catch {
    throw new InvalidArgumentError([{ field: "content", description: "not a JSON document" }]);
  }
  if (document.format !== EXPORT_FORMAT_NAME || typeof document.version !== "number") {
    throw new InvalidArgumentError([
      { field: "content", description: "not a taskmesh export (no format and version)" },
    ]);
  }
  if (document.version > EXPORT_FORMAT_VERSION) {
    throw new InvalidArgumentError([
      { field: "content", description: `export format version ${document.version} is newer than this server reads` },
    ]);
  }
  const [projects, sections, tasks, filters, comments] = [
    "projects",
    "sections",
    "tasks",
    "savedFilters",
    "comments",
  ].map((name) => asList(document[name])) as [unknown[], unknown[], unknown[], unknown[], unknown[]];
  const plan = emptyPlan();
  plan.rows = projects.length + sections.length + tasks.length + filters.length + comments.length;
  checkRowCount(plan.rows);
  const problems = new PlanProblems(plan);
  const read = <T>(schema: Parameters<typeof fromJson>[0], item: unknown, row: number, field: string): T | null => {
    try {
      return fromJson(schema, item as JsonValue, { ignoreUnknownFields: true }) as T;
    } catch (error) {
      problems.problem(row, field, `unreadable: ${(error as Error).message}`);
      return null;
    }
  };

  projects.forEach((item, i) => {
    const project = read<Project>(ProjectSchema, item, i + 1, "projects");
    if (!project || project.deleted) return;
    if (!project.inbox && !checkText(problems, i + 1, "projects.name", project.name, NAME_MAX, true)) return;
    plan.projects.push({
      key: project.inbox ? "inbox" : keyOf(project.id),
      row: i + 1,
      name: project.name,
      colour: /^#[0-9a-fA-F]{6}$/.test(project.colour) ? project.colour : "",
      parentKey: project.parentId ? keyOf(project.parentId) : null,
      archived: project.archived,
      inbox: project.inbox,
      matchByName: false,
      formerId: project.id,
    });
  });
  const inboxIds = new Set(plan.projects.filter((p) => p.inbox).map((p) => p.formerId));
  const projectKey = (id: string) => (!id || inboxIds.has(id) ? "inbox" : keyOf(id));

  sections.forEach((item, i) => {
    const section = read<Section>(SectionSchema, item, i + 1, "sections");
    if (!section || section.deleted) return;
    if (!checkText(problems, i + 1, "sections.name", section.name, NAME_MAX, true)) return;
    plan.sections.push({
      key: keyOf(section.id),
      row: i + 1,
      projectKey: projectKey(section.projectId),
      name: section.name,
      matchByName: false,
      formerId: section.id,
    });
  });

  filters.forEach((item, i) => {
    const filter = item as { name?: unknown; query?: unknown };
    if (typeof filter?.name !== "string" || typeof filter.query !== "string") {
      problems.problem(i + 1, "savedFilters", "needs a name and a query");
      return;
    }
    if (!checkText(problems, i + 1, "savedFilters.name", filter.name, 100, true)) return;
    if (!checkText(problems, i + 1, "savedFilters.query", filter.query, 500, true)) return;
    plan.savedFilters.push({ row: i + 1, name: filter.name, query: filter.query });
  });

  tasks.forEach((item, i) => {
    const row = i + 1;
    const task = read<Task>(TaskSchema, item, row, "tasks");
    if (!task || task.deleted) return;
    const planned = readTask(task, row, problems, options.now);
    if (!planned) return;
    plan.tasks.push({
      ...planned,
      projectKey: projectKey(task.projectId),
      sectionKey: task.sectionId ? keyOf(task.sectionId) : null,
      parentKey: task.parentId ? keyOf(task.parentId) : null,
    });
  });

  const user = document.user as { id?: unknown } | undefined;
  const ownerId = typeof user?.id === "string" ? user.id : "";
  comments.forEach((item, i) => {
    const row = i + 1;
    const comment = read<Comment>(CommentSchema, item, row, "comments");
    if (!comment) return;
    if (!comment.id || !comment.taskId) {
      problems.problem(row, "comments", "needs an id and a task_id");
      return;
    }
    const body = importedBody(comment, ownerId);
    try {
      commentBody(body);
    } catch (error) {
      problems.problem(row, "comments.body", (error as InvalidArgumentError).violations[0]?.description ?? "invalid");
      return;
    }
    const createdAt = comment.createdAt ? timestampDate(comment.createdAt) : options.now;
    plan.comments.push({
      key: keyOf(comment.id),
      row,
      taskKey: keyOf(comment.taskId),
      body,
      createdAt,
      updatedAt: comment.updatedAt ? timestampDate(comment.updatedAt) : createdAt,
      edited: comment.edited,
      formerId: comment.id,
    });
  });
  return plan;
}

/** The longest author name a comment by someone else is prefixed with (a project name's bound). */
const AUTHOR_NAME_MAX = NAME_MAX;
/** The contract's bound on a comment's body, in code points. */
const COMMENT_BODY_MAX = 4000;

/**
 * importedBody is the text a comment is imported with. The file's owner's own comment keeps its body; one another
 * member wrote becomes the importer's comment with the original author named first ("Sara wrote:"), since that
 * person has no account here to be the author — cut to the body's bound with "…" when the name makes it longer.
 */
function importedBody(comment: Pick<Comment, "authorId" | "authorName" | "body">, ownerId: string): string {
  if (ownerId && comment.authorId === ownerId) return comment.body;
  const name = [...comment.authorName.replace(/\p{Cc}/gu, " ").trim()].slice(0, AUTHOR_NAME_MAX).join("") || "Someone";
  const text = [...`${name} wrote:\n${comment.body}`];
  return text.length <= COMMENT_BODY_MAX ? text.join("") : `${text.slice(0, COMMENT_BODY_MAX - 1).join("")}…`;
}

function readTask(task: Task, row: number, problems: PlanProblems, now: Date) {
  let ok = checkText(problems, row, "tasks.title", task.title, TITLE_MAX, true);
  ok = checkText(problems, row, "tasks.description", task.description, DESCRIPTION_MAX, false, true) && ok;
  const tags = checkTags(problems, row, "tasks.tags", task.tags);
  if (task.timeZone && !isValidTimeZone(task.timeZone)) {
    problems.problem(row, "tasks.time_zone", `unknown time zone "${task.timeZone}"`);
    ok = false;
  }
  if (task.recurrence?.rrule && task.recurrence.repeatFrom !== RepeatFrom.COMPLETION && !task.dueAt) {
    problems.problem(row, "tasks.recurrence", "repeating from the due date needs a due date");
    ok = false;
  }
  let rrule: string | null = null;
  if (task.recurrence?.rrule) {
    const rule = parseRule(task.recurrence.rrule);
    if (rule.ok) rrule = rule.rule;
    else {
      problems.problem(row, "tasks.recurrence.rrule", rule.problem);
      ok = false;
    }
  }
  if (!ok) return null;
  const dueAt = task.dueAt ? timestampDate(task.dueAt) : null;
  const reminders = readReminders(task, dueAt);
  return {
    key: keyOf(task.id),
    row,
    title: task.title.trim(),
    description: task.description,
    priority: Priority[task.priority] && task.priority !== Priority.UNSPECIFIED ? task.priority : Priority.NONE,
    tags,
    dueAt,
    dueDateOnly: dueAt ? task.dueDateOnly : false,
    timeZone: task.timeZone || null,
    reminders,
    rrule,
    repeatFrom: rrule ? (task.recurrence?.repeatFrom === RepeatFrom.COMPLETION ? 2 : 1) : null,
    completedAt:
      task.status === TaskStatus.COMPLETED ? (task.completedAt ? timestampDate(task.completedAt) : now) : null,
    formerId: task.id,
  };
}

/** The longest offset before due a reminder may have, as ReminderInput.remind_before's rule says (366 days). */
const REMIND_BEFORE_MAX_SECONDS = 31_622_400;

/** readReminders lists a task's reminders (all of them, or the single one older exports carry), at most five. */
function readReminders(task: Task, dueAt: Date | null): ReminderSpec[] {
  const list = task.reminders.length > 0 ? task.reminders : task.reminder ? [task.reminder] : [];
  const specs: ReminderSpec[] = [];
  for (const { when } of list) {
    if (when.case === "remindAt") specs.push({ at: timestampDate(when.value).toISOString() });
    else if (when.case === "remindBefore" && dueAt) {
      const seconds = Number(when.value.seconds);
      // The contract's bound on an offset before due (0 to 366 days); an offset past it is dropped.
      if (seconds >= 0 && seconds <= REMIND_BEFORE_MAX_SECONDS) specs.push({ beforeSeconds: seconds });
    }
  }
  return specs.slice(0, REMINDERS_PER_TASK_MAX);
}
