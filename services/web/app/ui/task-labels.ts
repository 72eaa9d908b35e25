import { timestampDate } from "@bufbuild/protobuf/wkt";
import { type Task, TaskStatus } from "../../../../gen/todo/v1/task_pb";
import { priorityName } from "../../../../vocabulary/priority";
import { describeRule } from "../../../../vocabulary/recurrence/describe";
import { durationLabel, whenLabel, zoneCity } from "../domain/format-date";
import type { Translator } from "../i18n/translate";

/** TaskLabels are a task's facts as the list shows them, in the user's language and zone. */
export interface TaskLabels {
  /** due.zone names the task's own zone when it is not the profile's: its clock is that zone's. */
  due?: { text: string; iso: string; overdue: boolean; zone?: string };
  priority: ReturnType<typeof priorityName>;
  repeat?: string;
  reminder?: string;
}

/**
 * taskLabels reads a task's times in the task's own zone (a 9 AM meeting in New York stays 9 AM), and
 * names that zone whenever it is not the profile's, so two clocks side by side are never unlabelled.
 */
export function taskLabels(task: Task, now: Date, timeZone: string, i18n: Translator): TaskLabels {
  const labels: TaskLabels = { priority: priorityName(task.priority) };
  const zone = task.timeZone || timeZone;
  if (task.dueAt) {
    const due = timestampDate(task.dueAt);
    const endOfDue = task.dueDateOnly ? due.getTime() + 86_400_000 : due.getTime();
    labels.due = {
      text: whenLabel(due, task.dueDateOnly, now, zone, i18n),
      iso: due.toISOString(),
      overdue: task.status === TaskStatus.OPEN && endOfDue < now.getTime(),
      zone: zone !== timeZone && !task.dueDateOnly ? zoneCity(zone) : undefined,
    };
  }
  if (task.recurrence?.rrule)
    labels.repeat = describeRule(task.recurrence.rrule, i18n.language, zone) ?? task.recurrence.rrule;
  const when = task.reminder?.when;
  if (when?.case === "remindBefore") {
    const seconds = Number(when.value.seconds);
    labels.reminder =
      seconds === 0
        ? i18n.t("task.reminderAtDue")
        : i18n.t("task.reminderBefore", { amount: durationLabel(seconds, i18n) });
  } else if (when?.case === "remindAt") {
    labels.reminder = whenLabel(timestampDate(when.value), false, now, zone, i18n);
  }
  return labels;
}
