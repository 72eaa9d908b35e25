import { and, eq, isNull, sql } from "drizzle-orm";
import { addDays, daysBetween, type LocalDate, startOfDay, toLocal } from "../../../vocabulary/time-zone";
import type { Db } from "../../platform/db/database";
import { TaskStatusValue } from "../domain/task-rules";
import { visibleTo } from "./access";
import { dayStarts, dueWithin, type FilterFrame, notArchived, type Param } from "./filter-query";
import { taskColumns, tasks } from "./schema";
import type { TaskRow } from "./task-row";

const p = sql.placeholder;

/** VIEW_MAX_TASKS bounds each part of the Today and Upcoming views. */
const VIEW_MAX_TASKS = 500;

/** DayTasks is one day of a view and its tasks, by due time. */
interface DayTasks {
  date: LocalDate;
  tasks: TaskRow[];
}

/** TaskView is the Today or Upcoming view: overdue (earlier days) on top, then each day from today. */
interface TaskView {
  overdue: TaskRow[];
  days: DayTasks[];
  truncated: boolean;
}

/**
 * taskView lists the caller's open tasks due before today (overdue, oldest first) and those due on each of
 * `dayCount` days from today, grouped by day in the frame's zone. Two range scans on (user, status, due).
 */
export async function taskView(db: Db, frame: FilterFrame, dayCount: number): Promise<TaskView> {
  const days = dayStarts(frame);
  let views = preparedViews.get(db);
  if (!views) {
    views = buildViews(db);
    preparedViews.set(db, views);
  }
  const start = (offset: number) => startOfDay(addDays(days.today, offset), frame.timeZone).toISOString();
  const [overdue, ahead] = await Promise.all([
    views.before.execute({ userId: frame.userId, to: start(0), limit: VIEW_MAX_TASKS + 1 }),
    views.between.execute({ userId: frame.userId, from: start(0), to: start(dayCount), limit: VIEW_MAX_TASKS + 1 }),
  ]);
  const grouped: DayTasks[] = Array.from({ length: dayCount }, (_, i) => ({ date: addDays(days.today, i), tasks: [] }));
  for (const task of ahead.slice(0, VIEW_MAX_TASKS)) {
    const local = toLocal(task.dueAt!, frame.timeZone);
    const index = daysBetween(days.today, { year: local.year, month: local.month, day: local.day });
    grouped[index]?.tasks.push(task);
  }
  return {
    overdue: overdue.slice(0, VIEW_MAX_TASKS),
    days: grouped,
    truncated: overdue.length > VIEW_MAX_TASKS || ahead.length > VIEW_MAX_TASKS,
  };
}

/** The views' two range scans on (user, status, due), prepared once per database. */
function buildViews(db: Db) {
  const range = (from: Param | undefined, name: string) =>
    db
      .select(taskColumns)
      .from(tasks)
      .where(
        and(
          visibleTo(tasks, p("userId")),
          isNull(tasks.deletedAt),
          eq(tasks.status, TaskStatusValue.open),
          notArchived,
          dueWithin(from, p("to")),
        ),
      )
      .orderBy(tasks.dueAt, tasks.id)
      .limit(p("limit"))
      .prepare(name);
  return { before: range(undefined, "task_view_before"), between: range(p("from"), "task_view_between") };
}

const preparedViews = new WeakMap<Db, ReturnType<typeof buildViews>>();
