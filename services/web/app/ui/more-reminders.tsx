import { REMINDERS_PER_TASK_MAX } from "../../../../vocabulary/reminders";
import { durationLabel } from "../domain/format-date";
import { type ExtraReminder, remindBeforeChoices, type TaskForm } from "../domain/task-form";
import { useI18n } from "../state/i18n-context";

/**
 * MoreReminders edits a task's reminders after the first: each one before the due time or at a set time, removable,
 * up to REMINDERS_PER_TASK_MAX in all. Every control is a labelled native input, so it works from the keyboard.
 */
export function MoreReminders({
  form,
  setForm,
  id,
  defaultDate,
}: {
  form: TaskForm;
  setForm: (update: (f: TaskForm) => TaskForm) => void;
  id: string;
  /** defaultDate is what a new "at a set time" reminder starts on (the due date, or today). */
  defaultDate: string;
}) {
  const i18n = useI18n();
  const count = (form.reminderKind === "none" ? 0 : 1) + form.moreReminders.length;
  const change = (index: number, patch: Partial<ExtraReminder>) =>
    setForm((f) => ({ ...f, moreReminders: f.moreReminders.map((r, i) => (i === index ? { ...r, ...patch } : r)) }));
  const remove = (index: number) =>
    setForm((f) => ({ ...f, moreReminders: f.moreReminders.filter((_, i) => i !== index) }));
  const add = () =>
    setForm((f) => ({
      ...f,
      moreReminders: [
        ...f.moreReminders,
        { kind: f.dueDate ? "before" : "at", beforeSeconds: 600, atDate: f.dueDate || defaultDate, atTime: "" },
      ],
    }));
  if (form.reminderKind === "none" && form.moreReminders.length === 0) return null;
  return (
    <div className="more-reminders" data-testid="more-reminders">
      {form.moreReminders.length > 0 && (
        <ol className="reminder-list">
          {form.moreReminders.map((reminder, index) => {
            const n = index + 2;
            const key = `${id}-more-${index}`;
            return (
              <li key={key} className="field-row" data-testid="extra-reminder">
                <div className="field">
                  <label htmlFor={`${key}-kind`}>{i18n.t("editor.reminderN", { n })}</label>
                  <select
                    id={`${key}-kind`}
                    value={reminder.kind}
                    onChange={(e) => change(index, { kind: e.target.value as ExtraReminder["kind"] })}
                  >
                    <option value="before">{i18n.t("reminder.before")}</option>
                    <option value="at">{i18n.t("reminder.at")}</option>
                  </select>
                </div>
                {reminder.kind === "before" ? (
                  <div className="field">
                    <label htmlFor={`${key}-before`}>{i18n.t("editor.remindBefore")}</label>
                    <select
                      id={`${key}-before`}
                      value={reminder.beforeSeconds}
                      onChange={(e) => change(index, { beforeSeconds: Number(e.target.value) })}
                    >
                      <BeforeOptions
                        choices={[...new Set([...remindBeforeChoices, 600, reminder.beforeSeconds])].sort(
                          (a, b) => a - b,
                        )}
                      />
                    </select>
                  </div>
                ) : (
                  <ReminderAtFields
                    idPrefix={key}
                    date={reminder.atDate}
                    time={reminder.atTime}
                    onDate={(atDate) => change(index, { atDate })}
                    onTime={(atTime) => change(index, { atTime })}
                  />
                )}
                <button
                  type="button"
                  className="button ghost small"
                  onClick={() => remove(index)}
                  aria-label={i18n.t("editor.removeReminder", { n })}
                >
                  {i18n.t("editor.remove")}
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <button
        type="button"
        className="button ghost small"
        onClick={add}
        disabled={count >= REMINDERS_PER_TASK_MAX}
        aria-describedby={`${id}-reminders-max`}
        data-testid="add-reminder"
      >
        {i18n.t("editor.addReminder")}
      </button>
      <p id={`${id}-reminders-max`} className="hint">
        {i18n.t("editor.remindersMax", { max: REMINDERS_PER_TASK_MAX })}
      </p>
    </div>
  );
}

/** BeforeOptions are the choices of a "before the due time" select: "at the due time" for 0, else "<amount> before". */
export function BeforeOptions({ choices }: { choices: readonly number[] }) {
  const i18n = useI18n();
  return choices.map((s) => (
    <option key={s} value={s}>
      {s === 0 ? i18n.t("task.reminderAtDue") : i18n.t("task.reminderBefore", { amount: durationLabel(s, i18n) })}
    </option>
  ));
}

/** ReminderAtFields are the labelled date and time inputs of an "at a set time" reminder (`<idPrefix>-date`, `-time`). */
export function ReminderAtFields(props: {
  idPrefix: string;
  date: string;
  time: string;
  onDate: (date: string) => void;
  onTime: (time: string) => void;
  timeTestId?: string;
}) {
  const i18n = useI18n();
  return (
    <>
      <div className="field">
        <label htmlFor={`${props.idPrefix}-date`}>{i18n.t("editor.remindOn")}</label>
        <input
          id={`${props.idPrefix}-date`}
          type="date"
          value={props.date}
          onChange={(e) => props.onDate(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${props.idPrefix}-time`}>{i18n.t("editor.remindAt")}</label>
        <input
          id={`${props.idPrefix}-time`}
          type="time"
          step={60}
          value={props.time}
          onChange={(e) => props.onTime(e.target.value)}
          data-testid={props.timeTestId}
        />
      </div>
    </>
  );
}
