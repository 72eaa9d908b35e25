import { acceptRule } from "../../../../vocabulary/recurrence/expand";
import { IMPORT_PROBLEMS_MAX, IMPORT_ROWS_MAX } from "../../../../vocabulary/transfer";
import { InvalidArgumentError } from "../../../platform/errors";
import type { TaskFields } from "../../db/task-store";
import type { ReminderSpec } from "../reminders";

/**
 * An ImportPlan is what a file holds, read into taskmesh's terms and checked, before anything is looked up or
 * written: pure data, so each format's reader is tested without a database. Keys name each item stably across
 * two imports of the same file (a taskmesh id, or the item's place and title in a CSV), so the store can derive
 * the id it creates from the key and find what an earlier import made.
 */
export interface ImportPlan {
  projects: PlannedProject[];
  sections: PlannedSection[];
  tasks: PlannedTask[];
  /** savedFilters come from a taskmesh export only. */
  savedFilters: PlannedSavedFilter[];
  /** comments come from a taskmesh export only (version 2 on), each on a task of the file. */
  comments: PlannedComment[];
  problems: RowProblem[];
  warnings: RowProblem[];
  /** rows is how many rows (or JSON items) the file holds. */
  rows: number;
}

/** PlannedProject: a project to find (by key, or by name for a CSV) or create. `inbox` maps onto the user's Inbox. */
interface PlannedProject {
  key: string;
  row: number;
  name: string;
  colour: string;
  parentKey: string | null;
  archived: boolean;
  inbox: boolean;
  /** matchByName: a live project of the same name (any case) is this one (CSV files name projects, not ids). */
  matchByName: boolean;
  /** formerId: the id it had where it was exported from; the same user's project of that id is this one. */
  formerId: string | null;
}

interface PlannedSection {
  key: string;
  row: number;
  projectKey: string;
  name: string;
  matchByName: boolean;
  formerId: string | null;
}

/** PlannedTask holds a task's fields as the store writes them; projectKey null: the file's default project. */
export interface PlannedTask
  extends Pick<TaskFields, "title" | "description" | "priority" | "tags" | "dueAt" | "dueDateOnly"> {
  key: string;
  row: number;
  /** timeZone null: the import's time zone. */
  timeZone: string | null;
  /** reminders as the task keeps them (domain/reminders), the first first. */
  reminders: ReminderSpec[];
  rrule: string | null;
  repeatFrom: number | null;
  completedAt: Date | null;
  projectKey: string | null;
  sectionKey: string | null;
  parentKey: string | null;
  formerId: string | null;
}

/**
 * PlannedComment: a comment on the task `taskKey` names, written as the importer's; `body` already names the
 * original author when that was someone else.
 */
export interface PlannedComment {
  key: string;
  row: number;
  taskKey: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  edited: boolean;
  formerId: string;
}

interface PlannedSavedFilter {
  row: number;
  name: string;
  query: string;
}

/** RowProblem names the row (line of the file, header = 1) and the column or field. */
export interface RowProblem {
  row: number;
  field: string;
  description: string;
}

/** namedProject is a top-level project a CSV file names: the user's live project of that name, or a new one. */
export const namedProject = (key: string, row: number, name: string): PlannedProject => ({
  key,
  row,
  name,
  colour: "",
  parentKey: null,
  archived: false,
  inbox: false,
  matchByName: true,
  formerId: null,
});

/** emptyPlan is a plan with nothing in it yet. */
export const emptyPlan = (): ImportPlan => ({
  projects: [],
  sections: [],
  tasks: [],
  savedFilters: [],
  comments: [],
  problems: [],
  warnings: [],
  rows: 0,
});

/** PlanProblems collects a reader's problems and warnings, bounded so a broken file cannot grow the answer. */
export class PlanProblems {
  constructor(private readonly plan: ImportPlan) {}
  problem(row: number, field: string, description: string): void {
    if (this.plan.problems.length < IMPORT_PROBLEMS_MAX) this.plan.problems.push({ row, field, description });
  }
  warning(row: number, field: string, description: string): void {
    if (this.plan.warnings.length < IMPORT_PROBLEMS_MAX) this.plan.warnings.push({ row, field, description });
  }
}

/** checkRowCount refuses a file with more rows than one import reads, before any row is looked at. */
export function checkRowCount(rows: number): void {
  if (rows > IMPORT_ROWS_MAX) {
    throw new InvalidArgumentError([
      { field: "content", description: `the file holds ${rows} rows; one import reads at most ${IMPORT_ROWS_MAX}` },
    ]);
  }
}

/** refusal is the InvalidArgument a real import answers for a plan with problems: one violation per row and field. */
export function refusal(problems: readonly RowProblem[]): InvalidArgumentError {
  return new InvalidArgumentError(
    problems.map((p) => ({ field: `rows[${p.row}].${p.field}`, description: p.description })),
  );
}

/**
 * checkRecurrences applies the one acceptance rule (vocabulary/recurrence: the rule reads and a bounded trial
 * expansion from the due date finds an occurrence) to every recurring task of the plan, as CreateTask does; a rule
 * that fails is a problem of its row, and the task is left out.
 */
export async function checkRecurrences(plan: ImportPlan, timeZone: string, now: Date): Promise<void> {
  const problems = new PlanProblems(plan);
  const kept: PlannedTask[] = [];
  for (const task of plan.tasks) {
    if (task.rrule) {
      const accepted = await acceptRule(task.rrule, { start: task.dueAt ?? now, timeZone: task.timeZone ?? timeZone });
      if ("problem" in accepted) {
        problems.problem(task.row, "recurrence.rrule", accepted.problem);
        continue;
      }
    }
    kept.push(task);
  }
  plan.tasks = kept;
}
