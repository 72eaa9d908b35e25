import { fromLocal, toLocal } from "../../../vocabulary/time-zone";
import type { OccurrenceQuery } from "./next-occurrence";

/** RepeatFrom: the next occurrence counts from the previous due time or from when it was completed. */
type RepeatFrom = "due" | "completion";

/** ReminderSetting is an absolute reminder time or an offset before the due time. */
export type ReminderSetting = { kind: "at"; at: Date } | { kind: "before"; seconds: number };

/** CompletedTask is a just-completed task of a recurring series, as the series logic sees it. */
export interface CompletedTask {
  id: string;
  title: string;
  description: string;
  priority: number;
  tags: string[];
  dueAt: Date | null;
  dueDateOnly: boolean;
  timeZone: string;
  reminder: ReminderSetting | null;
  /** moreReminders are the task's reminders after the first (issue 14: up to five in all). */
  moreReminders?: ReminderSetting[];
  rrule: string;
  repeatFrom: RepeatFrom;
  /** seriesId is the first task's id; empty on a task that started the series before it was set. */
  seriesId: string;
  /** occurrence is the task's 1-based position in its series (0 when unknown, read as 1). */
  occurrence: number;
  completedAt: Date;
  /** place is where the task was; the next instance goes there too and carries the task's subtasks, reopened. */
  place?: TaskPlace;
}

/**
 * TaskPlace is a task's project, section and parent (empty: none), the task whose subtasks to copy, and its
 * assignee (empty or absent: nobody), who keeps the next instance.
 */
interface TaskPlace {
  projectId: string;
  sectionId: string;
  parentId: string;
  subtasksOf: string;
  assigneeId?: string;
}

/** NextInstance is the task to create as the series' next occurrence: the completed task's fields, due when the rule says. */
export type NextInstance = Omit<CompletedTask, "id" | "completedAt" | "dueAt"> & { dueAt: Date };

/** SeriesStep says whether a series goes on (and which occurrence to look for) or has ended. */
export type SeriesStep = { kind: "ended"; reason: string } | { kind: "continue"; query: OccurrenceQuery };

/** The longest remind_before the contract accepts (366 days). */
export const maxRemindBeforeSeconds = 31_622_400;

const occurrenceOf = (task: CompletedTask) => Math.max(1, task.occurrence);

function ruleCount(rrule: string): number | undefined {
  const match = /(?:^|;|:)COUNT=(\d+)(?:;|$)/i.exec(rrule.trim());
  return match ? Number(match[1]) : undefined;
}

/**
 * completionAnchor is the completion day at the due's local time of day, so "every 3 days from
 * completion" of a 09:00 task done at 15:00 on the 5th is due at 09:00 on the 8th, not 15:00.
 */
function completionAnchor(task: CompletedTask): Date {
  if (!task.dueAt) return task.completedAt;
  const day = toLocal(task.completedAt, task.timeZone);
  const time = toLocal(task.dueAt, task.timeZone);
  return fromLocal({ ...day, hour: time.hour, minute: time.minute, second: task.dueAt.getUTCSeconds() }, task.timeZone);
}

/**
 * nextStep decides how a completed task's series continues: a COUNT that this occurrence already
 * reached ends it; otherwise it returns the query for the next occurrence — after the previous due
 * time (repeat from due), or after the completion (repeat from completion, or when there was no due).
 */
export function nextStep(task: CompletedTask): SeriesStep {
  const completedCount = occurrenceOf(task);
  const count = ruleCount(task.rrule);
  if (count !== undefined && completedCount >= count) {
    return { kind: "ended", reason: `COUNT=${count} reached at occurrence ${completedCount}` };
  }
  const base = { rrule: task.rrule, timeZone: task.timeZone, completedCount };
  if (task.repeatFrom === "due" && task.dueAt) {
    return { kind: "continue", query: { ...base, dtstart: task.dueAt, after: task.dueAt } };
  }
  const anchor = completionAnchor(task);
  const after = anchor > task.completedAt ? anchor : task.completedAt;
  return { kind: "continue", query: { ...base, dtstart: anchor, after } };
}

/**
 * carriedReminder keeps the reminder's relation to the due time: an offset stays; an absolute time
 * becomes the same offset before (or, if it was after the due time, after) the new due time.
 * An absolute reminder on a task without a due time has nothing to be relative to and is dropped.
 */
export function carriedReminder(task: CompletedTask, nextDue: Date): ReminderSetting | null {
  return carry(task.reminder, task, nextDue);
}

function carry(reminder: ReminderSetting | null, task: CompletedTask, nextDue: Date): ReminderSetting | null {
  if (!reminder || reminder.kind === "before") return reminder;
  if (!task.dueAt) return null;
  const leadMs = task.dueAt.getTime() - reminder.at.getTime();
  const seconds = Math.round(leadMs / 1000);
  if (leadMs >= 0 && seconds <= maxRemindBeforeSeconds) return { kind: "before", seconds };
  return { kind: "at", at: new Date(nextDue.getTime() - leadMs) };
}

/** nextInstance carries a completed task over to its next occurrence, due at nextDue. */
export function nextInstance(task: CompletedTask, nextDue: Date): NextInstance {
  return {
    title: task.title,
    description: task.description,
    priority: task.priority,
    tags: [...task.tags],
    dueAt: nextDue,
    dueDateOnly: task.dueDateOnly,
    timeZone: task.timeZone,
    reminder: carriedReminder(task, nextDue),
    ...(task.moreReminders?.length
      ? {
          moreReminders: task.moreReminders.flatMap((reminder) => {
            const carried = carry(reminder, task, nextDue);
            return carried ? [carried] : [];
          }),
        }
      : {}),
    rrule: task.rrule,
    repeatFrom: task.repeatFrom,
    seriesId: task.seriesId || task.id,
    occurrence: occurrenceOf(task) + 1,
    ...(task.place ? { place: task.place } : {}),
  };
}
