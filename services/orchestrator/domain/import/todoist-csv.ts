import { SUBTASK_DEPTH_MAX } from "../../../../vocabulary/organise";
import { type PriorityName, priorityEnum, priorityMarkers } from "../../../../vocabulary/priority";
import { isValidTimeZone } from "../../../../vocabulary/time-zone";
import { InvalidArgumentError } from "../../../platform/errors";
import { readCsv } from "./csv";
import { checkTags, checkText, DESCRIPTION_MAX, NAME_MAX, readDate, TITLE_MAX } from "./fields";
import { emptyPlan, type ImportPlan, namedProject, type PlannedTask, PlanProblems } from "./plan";
import { readTodoistRepeat } from "./todoist-recurrence";

/**
 * todoistPriority maps the template's PRIORITY (1 = p1, the highest … 4 = p4, the lowest: Todoist's help page on
 * the CSV format) to our scale. p1–p3 read as the vocabulary's markers say (urgent, high, medium). p4 is where
 * Todoist puts every task nobody gave a priority — its exports write 4 on each of them — so it reads as "none",
 * not "low": otherwise every imported task would come in marked low. An empty cell also reads as "none" (the help
 * page says Todoist itself would make it p1, which would turn every unmarked row urgent).
 */
export function todoistPriority(cell: string): PriorityName | null {
  if (cell === "" || cell === "4") return "none";
  const marker = priorityMarkers.find(([m]) => m === `p${cell}`);
  return marker && cell !== "4" ? marker[1] : null;
}

/** The columns of Todoist's template this reader understands; TYPE and CONTENT are required. */
const required = ["TYPE", "CONTENT"] as const;
/** Columns read but not imported, with the warning a filled cell gives. */
const notImported: Record<string, string> = {
  RESPONSIBLE: "assignees are not imported (the task is yours)",
  DURATION: "task durations are not imported",
  DEADLINE: "deadlines are not imported; the due date is",
};

/** Labels typed into a task's name ("Buy milk @home @errands"), which the template uses for Todoist labels. */
const LABEL = /(^|\s)@([^\s@]+)/g;

/**
 * readTodoistCsv reads Todoist's CSV template (a project export, or one project's file of a backup) into a plan:
 * every task goes into the project `projectName`; `section` rows start a section that the tasks below them go into;
 * INDENT makes subtasks of the nearest task above with a smaller indent; a `note` row (a comment on the task above)
 * is reported, not imported, until tasks have comments. Each task's key is its place in the file — section, parent
 * chain and title, with a counter for repeats — so the same file read twice gives the same keys.
 */
export function readTodoistCsv(
  text: string,
  options: { projectName: string; timeZone: string; now: Date },
): ImportPlan {
  const table = readCsv(text);
  const missing = required.filter((name) => !table.headers.includes(name));
  if (missing.length > 0) {
    throw new InvalidArgumentError([
      { field: "content", description: `not a Todoist CSV file: no ${missing.join(" or ")} column` },
    ]);
  }
  const plan = emptyPlan();
  plan.rows = table.records.length;
  const problems = new PlanProblems(plan);
  const projectKey = `todoist:${options.projectName.toLowerCase()}`;
  plan.projects.push(namedProject(projectKey, 1, options.projectName));
  let sectionKey: string | null = null;
  // The keys of the tasks above the current row by indent: chain[0] is the nearest top-level task's.
  let chain: string[] = [];
  const seenKeys = new Map<string, number>();
  const uniqueKey = (base: string) => {
    const n = (seenKeys.get(base) ?? 0) + 1;
    seenKeys.set(base, n);
    return `${base}#${n}`;
  };

  for (const { line, cells } of table.records) {
    const type = (cells.TYPE ?? "").toLowerCase();
    const content = cells.CONTENT ?? "";
    if (type === "section") {
      if (!checkText(problems, line, "CONTENT", content, NAME_MAX, true)) continue;
      const base = `${projectKey}/${content.toLowerCase()}`;
      sectionKey = base;
      if (!plan.sections.some((s) => s.key === base)) {
        plan.sections.push({ key: base, row: line, projectKey, name: content, matchByName: true, formerId: null });
      }
      chain = [];
      continue;
    }
    if (type === "note") {
      problems.warning(line, "TYPE", "comments (note rows) are not imported yet");
      continue;
    }
    if (type !== "task") {
      problems.problem(line, "TYPE", `"${cells.TYPE}" is not task, section or note`);
      continue;
    }
    const task = readTask(line, cells, problems, options);
    const indent = cells.INDENT ? Number(cells.INDENT) : 1;
    if (!Number.isInteger(indent) || indent < 1 || indent > SUBTASK_DEPTH_MAX) {
      problems.problem(line, "INDENT", `must be a whole number from 1 to ${SUBTASK_DEPTH_MAX}`);
      continue;
    }
    if (indent > chain.length + 1) {
      problems.problem(line, "INDENT", `indent ${indent} has no task of indent ${indent - 1} above it`);
      continue;
    }
    chain = chain.slice(0, indent - 1);
    const parentKey = chain[chain.length - 1] ?? null;
    // A row that cannot be read still holds its place, so the rows indented under it report only their own problems.
    const key = uniqueKey(`${parentKey ?? sectionKey ?? projectKey}/${(task?.title ?? content).toLowerCase()}`);
    chain.push(key);
    if (!task) continue;
    plan.tasks.push({ ...task, key, projectKey, sectionKey, parentKey });
    for (const [column, warning] of Object.entries(notImported)) {
      if (cells[column]) problems.warning(line, column, warning);
    }
  }
  return plan;
}

type TaskFieldsRead = Omit<PlannedTask, "key" | "projectKey" | "sectionKey" | "parentKey">;

/** readTask reads one task row's own fields; null when a field is unusable (the problem is recorded). */
function readTask(
  line: number,
  cells: Record<string, string>,
  problems: PlanProblems,
  options: { timeZone: string; now: Date },
): TaskFieldsRead | null {
  const content = cells.CONTENT ?? "";
  const labels = [...content.matchAll(LABEL)].map((m) => m[2]!);
  const title = content.replace(LABEL, " ").replace(/\s+/g, " ").trim();
  let ok = checkText(problems, line, "CONTENT", title, TITLE_MAX, true);
  let description = cells.DESCRIPTION ?? "";
  const tags = checkTags(problems, line, "CONTENT", labels);
  const priority = todoistPriority(cells.PRIORITY ?? "");
  if (priority === null) {
    problems.problem(line, "PRIORITY", "must be 1, 2, 3 or 4 (1 is the highest)");
    ok = false;
  }
  const zoneCell = cells.TIMEZONE ?? "";
  if (zoneCell && !isValidTimeZone(zoneCell)) {
    problems.problem(line, "TIMEZONE", `unknown time zone "${zoneCell}"`);
    ok = false;
  }
  const timeZone = zoneCell && isValidTimeZone(zoneCell) ? zoneCell : null;
  const dateCell = cells.DATE ?? "";
  const lang = (cells.DATE_LANG ?? "").toLowerCase();
  const english = lang === "" || lang === "en";
  const zone = timeZone ?? options.timeZone;
  const due = dateCell && english ? readDate(dateCell, zone, options.now) : null;
  // Todoist's dates are its own natural language: a date, or a recurrence ("every other monday").
  const repeat = dateCell && english && !due ? readTodoistRepeat(dateCell, zone, options.now) : null;
  if (dateCell && !due && !repeat) {
    // One we cannot read is kept, not lost.
    problems.warning(line, "DATE", `"${dateCell}" is not a date we can read; it is kept at the end of the description`);
    description = `${description}${description ? "\n\n" : ""}Todoist date: ${dateCell}`;
  }
  ok = checkText(problems, line, "DESCRIPTION", description, DESCRIPTION_MAX, false, true) && ok;
  if (!ok) return null;
  return {
    row: line,
    title,
    description,
    priority: priorityEnum(priority ?? "none"),
    tags,
    dueAt: due?.dueAt ?? repeat?.dueAt ?? null,
    dueDateOnly: due?.dueDateOnly ?? repeat?.dueDateOnly ?? false,
    timeZone,
    reminders: [],
    rrule: repeat?.rrule ?? null,
    repeatFrom: repeat ? (repeat.fromCompletion ? 2 : 1) : null,
    completedAt: null,
    formerId: null,
  };
}
