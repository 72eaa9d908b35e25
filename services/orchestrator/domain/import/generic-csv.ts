import {
  asPriorityName,
  isPriorityName,
  type PriorityName,
  priorityEnum,
  priorityLabels,
  priorityMarkers,
} from "../../../../vocabulary/priority";
import { InvalidArgumentError } from "../../../platform/errors";
import { readCsv } from "./csv";
import { checkTags, checkText, DESCRIPTION_MAX, NAME_MAX, readDate, TITLE_MAX } from "./fields";
import { emptyPlan, type ImportPlan, namedProject, PlanProblems } from "./plan";

/** ColumnMapping names the header of the column holding each field (empty: no such column). */
export interface ColumnMapping {
  title: string;
  description: string;
  due: string;
  priority: string;
  tags: string;
  project: string;
  section: string;
  parent: string;
  status: string;
}

/**
 * genericPriority reads a priority cell: a name on our scale, the same in Urdu or Roman Urdu (as the app shows it),
 * or a marker people type (p1 … p4, !1 … !4, !high, !!!). Empty is "none"; anything else null.
 */
export function genericPriority(cell: string): PriorityName | null {
  const value = cell.trim().toLowerCase();
  if (value === "") return "none";
  if (isPriorityName(value)) return value;
  const marker = priorityMarkers.find(([m]) => m === value);
  if (marker) return marker[1];
  for (const labels of Object.values(priorityLabels)) {
    const named = Object.entries(labels).find(([, label]) => label === value);
    if (named) return asPriorityName(named[0]);
  }
  return null;
}

const completedWords = new Set(["completed", "complete", "done", "x", "yes", "true", "1"]);
const openWords = new Set(["", "open", "todo", "to do", "no", "false", "0"]);

/**
 * readGenericCsv reads any CSV with a header row, its columns named by `mapping`. A row's project is created when
 * no live project has that name; without a project column (or with the cell empty) the row goes to
 * `defaultProject`, or the Inbox when that is empty. A parent cell names another row's title in the same project and
 * section (the first row of that title). Tags are separated by commas or semicolons. The task CSV ExportData writes
 * reads back with the mapping its header names.
 */
export function readGenericCsv(
  text: string,
  mapping: ColumnMapping,
  options: { defaultProject: string; timeZone: string; now: Date },
): ImportPlan {
  const table = readCsv(text);
  const named = Object.entries(mapping).filter(([, header]) => header.trim() !== "");
  const violations = named
    .filter(([, header]) => !table.headers.includes(header.trim().toUpperCase()))
    .map(([field, header]) => ({ field: `mapping.${field}`, description: `the file has no column "${header}"` }));
  if (!mapping.title.trim()) violations.push({ field: "mapping.title", description: "name the column holding titles" });
  if (violations.length > 0) throw new InvalidArgumentError(violations);
  const cell = (cells: Record<string, string>, field: keyof ColumnMapping) =>
    mapping[field].trim() ? (cells[mapping[field].trim().toUpperCase()] ?? "") : "";

  const plan = emptyPlan();
  plan.rows = table.records.length;
  const problems = new PlanProblems(plan);
  const projectKeyOf = (name: string): string | null => {
    const projectName = name || options.defaultProject;
    if (!projectName) return null;
    const key = `csv:${projectName.toLowerCase()}`;
    if (!plan.projects.some((p) => p.key === key)) {
      plan.projects.push(namedProject(key, 0, projectName));
    }
    return key;
  };
  const seenKeys = new Map<string, number>();
  // Every task's key by list (project/section) and lower-cased title, the first of a repeated title kept: a parent
  // cell names one of these, above or below its row (an export lists tasks in id order, not parents first).
  const titles = new Map<string, string>();
  const rows: { line: number; cells: Record<string, string>; key: string; list: string }[] = [];
  for (const { line, cells } of table.records) {
    const title = cell(cells, "title");
    const projectKey = projectKeyOf(cell(cells, "project"));
    const sectionName = cell(cells, "section");
    const list = sectionName ? `${projectKey ?? "inbox"}/${sectionName.toLowerCase()}` : (projectKey ?? "inbox");
    const base = `${list}/${title.toLowerCase()}`;
    const n = (seenKeys.get(base) ?? 0) + 1;
    seenKeys.set(base, n);
    const key = `${base}#${n}`;
    if (!titles.has(`${list}\u0000${title.toLowerCase()}`)) titles.set(`${list}\u0000${title.toLowerCase()}`, key);
    rows.push({ line, cells, key, list });
  }

  for (const { line, cells, key, list } of rows) {
    const title = cell(cells, "title");
    const description = cell(cells, "description");
    const projectName = cell(cells, "project");
    const sectionName = cell(cells, "section");
    let ok = checkText(problems, line, mapping.title, title, TITLE_MAX, true);
    ok =
      checkText(problems, line, mapping.description || "description", description, DESCRIPTION_MAX, false, true) && ok;
    ok = checkText(problems, line, mapping.project || "project", projectName, NAME_MAX) && ok;
    ok = checkText(problems, line, mapping.section || "section", sectionName, NAME_MAX) && ok;
    const priority = genericPriority(cell(cells, "priority"));
    if (priority === null) {
      problems.problem(line, mapping.priority, "must be none, low, medium, high or urgent (or p1 … p4)");
      ok = false;
    }
    const tags = checkTags(problems, line, mapping.tags || "tags", cell(cells, "tags").split(/[,;]/));
    const dueCell = cell(cells, "due");
    const due = dueCell ? readDate(dueCell, options.timeZone, options.now) : null;
    if (dueCell && !due) {
      problems.problem(
        line,
        mapping.due,
        `"${dueCell}" is not a date (write 2026-12-01, 2026-12-01 17:00 or Dec 1 2026)`,
      );
      ok = false;
    }
    const status = cell(cells, "status").toLowerCase();
    if (!completedWords.has(status) && !openWords.has(status)) {
      problems.problem(line, mapping.status, `"${status}" is neither open nor completed`);
      ok = false;
    }
    const projectKey = projectKeyOf(projectName);
    let sectionKey: string | null = null;
    if (sectionName) {
      sectionKey = list;
      if (!plan.sections.some((s) => s.key === sectionKey)) {
        plan.sections.push({
          key: sectionKey,
          row: line,
          projectKey: projectKey ?? "inbox",
          name: sectionName,
          matchByName: true,
          formerId: null,
        });
      }
    }
    const parentTitle = cell(cells, "parent");
    const parentKey = parentTitle ? (titles.get(`${list}\u0000${parentTitle.toLowerCase()}`) ?? null) : null;
    if (parentTitle && (!parentKey || parentKey === key)) {
      problems.problem(line, mapping.parent, `no other task "${parentTitle}" in the same project and section`);
      ok = false;
    }
    if (!ok) continue;
    plan.tasks.push({
      key,
      row: line,
      title,
      description,
      priority: priorityEnum(priority ?? "none"),
      tags,
      dueAt: due?.dueAt ?? null,
      dueDateOnly: due?.dueDateOnly ?? false,
      timeZone: null,
      reminders: [],
      rrule: null,
      repeatFrom: null,
      completedAt: completedWords.has(status) ? options.now : null,
      projectKey,
      sectionKey,
      parentKey,
      formerId: null,
    });
  }
  return plan;
}
