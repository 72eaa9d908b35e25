import { Code, ConnectError } from "@connectrpc/connect";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import { type Task, TaskChangeKind } from "../../../../gen/todo/v1/task_pb";
import { prioritiesByImportance } from "../../../../vocabulary/priority";
import { describeRule } from "../../../../vocabulary/recurrence/describe";
import { formatLocalDate, toLocal } from "../../../../vocabulary/time-zone";
import { errorMessage, fieldProblems } from "../domain/error-message";
import {
  emptyForm,
  formFromTask,
  presetRule,
  recurrencePresets,
  remindBeforeChoices,
  type TaskForm,
  toCreateRequest,
  toUpdateRequest,
  validateForm,
} from "../domain/task-form";
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../state/i18n-context";
import { useReadOnly } from "../state/members";
import { useSession } from "../state/session";
import { Dialog } from "./dialog";
import { lazyScreen } from "./lazy-screen";
import { BeforeOptions, MoreReminders, ReminderAtFields } from "./more-reminders";
import { useToasts } from "./toasts";

// The thread (with its CSS) and the assignee picker load with the first opened task: the first screen's
// script budget (services/web/README.md) has no room for them in the entry.
const CommentThread = lazyScreen(() => import("./comment-thread").then((m) => m.CommentThread));
const AssigneeField = lazyScreen(() => import("./assignee-field").then((m) => m.AssigneeField));

const todayIso = (timeZone: string) => formatLocalDate(toLocal(new Date(), timeZone));

/** The editor's parts a problem can belong to; each shows its own problems beside it. */
type EditorField = "title" | "description" | "priority" | "tags" | "due" | "reminder" | "recurrence" | "assignee";
interface Problem {
  message: string;
  field?: EditorField;
}

const fieldOfKey: Partial<Record<MessageKey, EditorField>> = {
  "editor.titleRequired": "title",
  "editor.reminderNeedsDue": "reminder",
  "editor.remindAtMissing": "reminder",
  "editor.rruleUnreadable": "recurrence",
  "editor.repeatNeedsDue": "recurrence",
};
/** focusTarget is the input (id suffix) a problem's link in the summary moves focus to. */
const focusTarget: Record<EditorField, string> = {
  title: "title",
  description: "description",
  priority: "priority",
  tags: "tags",
  due: "due-date",
  reminder: "reminder",
  recurrence: "recurrence",
  assignee: "assignee",
};
const fieldOfRequest: Record<string, EditorField> = {
  title: "title",
  description: "description",
  priority: "priority",
  tags: "tags",
  due_at: "due",
  time_zone: "due",
  reminder: "reminder",
  reminders: "reminder",
  recurrence: "recurrence",
  assignee_id: "assignee",
};

type Load =
  | { state: "loading" }
  | { state: "ready"; task?: Task; original: TaskForm }
  | { state: "error"; message: string };

/**
 * TaskEditor creates a task (optionally prefilled by quick add, in `projectId` when given) or edits one, in a
 * modal dialog. A viewer of the task's shared project sees it read only: every field disabled, a line saying
 * why, no Save (the thread stays: viewers comment).
 */
export function TaskEditor({
  taskId,
  initial,
  projectId,
  onClose,
}: {
  taskId?: string;
  initial?: TaskForm;
  /** projectId is where a new task goes (a project screen's "More details"); it offers that project's assignees. */
  projectId?: string;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { api, timeZone: userZone, taskEvents } = useSession();
  const toasts = useToasts();
  const [load, setLoad] = useState<Load>(
    taskId ? { state: "loading" } : { state: "ready", original: initial ?? emptyForm() },
  );
  const [form, setForm] = useState<TaskForm>(initial ?? emptyForm());
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const summary = useRef<HTMLDivElement>(null);
  const [requestId] = useState(() => crypto.randomUUID());
  const id = useId();
  const task = load.state === "ready" ? load.task : undefined;
  const zone = task?.timeZone || userZone;
  const inProject = task?.projectId ?? projectId;
  const readOnly = useReadOnly(inProject);

  const fetchTask = useCallback(() => {
    if (!taskId) return;
    api.tasks
      .getTask({ id: taskId })
      .then(({ task: loaded }) => {
        if (!loaded) throw new ConnectError("missing task", Code.NotFound);
        const original = formFromTask(loaded, loaded.timeZone || userZone);
        setLoad({ state: "ready", task: loaded, original });
        setForm(original);
      })
      .catch((e: unknown) => setLoad({ state: "error", message: errorMessage(e, i18n) }));
  }, [api, taskId, userZone, i18n]);
  // Load once per task: a language or zone change while editing must not throw away the user's edits.
  const fetchOnce = useRef(fetchTask);
  fetchOnce.current = fetchTask;
  useEffect(() => fetchOnce.current(), []);

  // New problems move focus to their summary (scrolled into view), so a refused save is never silent.
  useEffect(() => {
    if (problems.length === 0) return;
    summary.current?.scrollIntoView({ block: "nearest" });
    summary.current?.focus({ preventScroll: true });
  }, [problems]);
  const problemsOf = (field: EditorField) => problems.filter((p) => p.field === field);
  const describedBy = (field: EditorField, ...ids: string[]) =>
    [...(problemsOf(field).length > 0 ? [`${id}-${field}-problem`] : []), ...ids].join(" ") || undefined;
  const fieldProblem = (field: EditorField) =>
    problemsOf(field).length > 0 && (
      <p id={`${id}-${field}-problem`} className="field-error" data-testid={`field-error-${field}`}>
        {problemsOf(field)
          .map((p) => p.message)
          .join(" ")}
      </p>
    );

  const set = <K extends keyof TaskForm>(key: K, value: TaskForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const rule = presetRule(form, new Date(), zone);
  const ruleSummary = rule ? describeRule(rule, i18n.language) : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (load.state !== "ready" || saving || readOnly) return;
    const invalid = validateForm(form, new Date(), zone);
    if (invalid.length > 0) {
      setProblems(invalid.map((key) => ({ message: i18n.t(key), field: fieldOfKey[key] })));
      return;
    }
    setSaving(true);
    setProblems([]);
    try {
      let saved: Task | undefined;
      if (load.task) {
        const request = toUpdateRequest(form, load.original, load.task, new Date(), zone);
        saved = request ? (await api.tasks.updateTask(request)).task : load.task;
        if (saved && request) taskEvents.emit({ kind: TaskChangeKind.UPDATED, task: saved });
        if (saved) toasts.show({ tone: "success", message: i18n.t("task.saved", { title: saved.title }) });
      } else {
        const request = toCreateRequest(form, new Date(), zone, requestId);
        if (projectId) request.projectId = projectId;
        saved = (await api.tasks.createTask(request)).task;
        if (saved) {
          taskEvents.emit({ kind: TaskChangeKind.CREATED, task: saved });
          toasts.show({ tone: "success", message: i18n.t("task.added", { title: saved.title }) });
        }
      }
      onClose();
    } catch (e) {
      const byField = fieldProblems(e, i18n).map((p) => ({ message: p.message, field: fieldOfRequest[p.field] }));
      setProblems(byField.length > 0 ? byField : [{ message: errorMessage(e, i18n) }]);
      if (ConnectError.from(e).code === Code.Aborted) fetchTask();
    } finally {
      setSaving(false);
    }
  };

  const title = taskId ? i18n.t("editor.editTitle") : i18n.t("editor.newTitle");
  const footer =
    load.state === "ready" ? (
      <>
        <button type="button" className="button ghost" onClick={onClose}>
          {i18n.t(readOnly ? "editor.close" : "editor.cancel")}
        </button>
        {!readOnly && (
          <button type="submit" form={`${id}-form`} className="button primary" disabled={saving}>
            {saving ? i18n.t("editor.saving") : taskId ? i18n.t("editor.save") : i18n.t("editor.create")}
          </button>
        )}
      </>
    ) : undefined;

  return (
    <Dialog title={title} onClose={onClose} footer={footer} testId="task-editor">
      {load.state === "loading" && <p className="state-line">{i18n.t("editor.loading")}</p>}
      {load.state === "error" && (
        <div className="state-block" role="alert">
          <p>{load.message}</p>
        </div>
      )}
      {load.state === "ready" && (
        <form id={`${id}-form`} className="editor-form" onSubmit={submit} noValidate>
          {problems.length > 0 && (
            <div className="form-error" role="alert" tabIndex={-1} ref={summary} data-testid="editor-problems">
              {problems.map((p) => (
                <p key={`${p.field}-${p.message}`}>
                  {p.field ? (
                    <a
                      href={`#${id}-${focusTarget[p.field]}`}
                      onClick={(event) => {
                        event.preventDefault();
                        document.getElementById(`${id}-${focusTarget[p.field!]}`)?.focus();
                      }}
                    >
                      {p.message}
                    </a>
                  ) : (
                    p.message
                  )}
                </p>
              ))}
            </div>
          )}
          {readOnly && (
            <p className="hint" data-testid="editor-read-only">
              {i18n.t("editor.viewerOnly")}
            </p>
          )}
          {/* A disabled fieldset disables every control in it: a viewer reads the task, changes nothing. */}
          <fieldset className="editor-fields" disabled={readOnly}>
            <div className="field">
              <label htmlFor={`${id}-title`}>{i18n.t("editor.title")}</label>
              <input
                id={`${id}-title`}
                value={form.title}
                onChange={(e) => set("title", e.target.value)}
                aria-invalid={problemsOf("title").length > 0 || undefined}
                aria-describedby={describedBy("title")}
                required
                maxLength={500}
                dir="auto"
                autoFocus
              />
              {fieldProblem("title")}
            </div>
            <div className="field">
              <label htmlFor={`${id}-description`}>{i18n.t("editor.description")}</label>
              <textarea
                id={`${id}-description`}
                value={form.description}
                onChange={(e) => set("description", e.target.value)}
                rows={3}
                maxLength={10000}
                dir="auto"
                aria-invalid={problemsOf("description").length > 0 || undefined}
                aria-describedby={describedBy("description")}
              />
              {fieldProblem("description")}
            </div>
            <div className="field-row">
              <div className="field">
                <label htmlFor={`${id}-priority`}>{i18n.t("editor.priority")}</label>
                <select
                  id={`${id}-priority`}
                  value={form.priority}
                  onChange={(e) => set("priority", e.target.value as TaskForm["priority"])}
                  aria-invalid={problemsOf("priority").length > 0 || undefined}
                  aria-describedby={describedBy("priority")}
                >
                  {prioritiesByImportance.map((p) => (
                    <option key={p} value={p}>
                      {i18n.t(`priority.${p}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-tags`}>{i18n.t("editor.tags")}</label>
                <input
                  id={`${id}-tags`}
                  value={form.tags}
                  onChange={(e) => set("tags", e.target.value)}
                  aria-describedby={describedBy("tags", `${id}-tags-hint`)}
                  aria-invalid={problemsOf("tags").length > 0 || undefined}
                  dir="auto"
                />
                {fieldProblem("tags")}
                <p id={`${id}-tags-hint`} className="hint">
                  {i18n.t("editor.tagsHint")}
                </p>
              </div>
            </div>
            {inProject && (
              <>
                <AssigneeField
                  id={`${id}-assignee`}
                  projectId={inProject}
                  value={form.assigneeId}
                  onChange={(userId) => set("assigneeId", userId)}
                  problemId={problemsOf("assignee").length > 0 ? `${id}-assignee-problem` : undefined}
                />
                {fieldProblem("assignee")}
              </>
            )}
            <fieldset className="fieldset">
              <legend>{i18n.t("editor.due")}</legend>
              <div className="field-row">
                <div className="field">
                  <label htmlFor={`${id}-due-date`}>{i18n.t("editor.dueDate")}</label>
                  <input
                    id={`${id}-due-date`}
                    type="date"
                    value={form.dueDate}
                    onChange={(e) => set("dueDate", e.target.value)}
                    aria-describedby={describedBy("due", `${id}-due-hint`)}
                    aria-invalid={problemsOf("due").length > 0 || undefined}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`${id}-due-time`}>{i18n.t("editor.dueTime")}</label>
                  <input
                    id={`${id}-due-time`}
                    type="time"
                    value={form.dueTime}
                    onChange={(e) => set("dueTime", e.target.value)}
                    disabled={!form.dueDate}
                    aria-describedby={`${id}-due-hint`}
                  />
                </div>
              </div>
              <p id={`${id}-due-hint`} className="hint">
                {i18n.t("editor.dueHint", { zone })}
              </p>
              {fieldProblem("due")}
            </fieldset>
            <fieldset className="fieldset">
              <legend>{i18n.t("editor.reminder")}</legend>
              <div
                id={`${id}-reminder`}
                className="segmented"
                role="radiogroup"
                aria-label={i18n.t("editor.reminder")}
                aria-describedby={describedBy("reminder")}
                tabIndex={-1}
              >
                {(["none", "before", "at"] as const).map((kind) => (
                  <label key={kind} className="segment">
                    <input
                      type="radio"
                      name={`${id}-reminder`}
                      value={kind}
                      checked={form.reminderKind === kind}
                      onChange={() =>
                        setForm((f) => ({
                          ...f,
                          reminderKind: kind,
                          remindAtDate: kind === "at" && !f.remindAtDate ? f.dueDate || todayIso(zone) : f.remindAtDate,
                        }))
                      }
                    />
                    <span>{i18n.t(`reminder.${kind}`)}</span>
                  </label>
                ))}
              </div>
              {form.reminderKind === "before" && (
                <div className="field">
                  <label htmlFor={`${id}-before`}>{i18n.t("editor.remindBefore")}</label>
                  <select
                    id={`${id}-before`}
                    value={form.remindBeforeSeconds}
                    onChange={(e) => set("remindBeforeSeconds", Number(e.target.value))}
                  >
                    <BeforeOptions choices={remindBeforeChoices} />
                  </select>
                  {!form.dueDate && problemsOf("reminder").length === 0 && (
                    <p className="hint warn">{i18n.t("editor.reminderNeedsDue")}</p>
                  )}
                </div>
              )}
              {form.reminderKind === "at" && (
                <div className="field-row">
                  <ReminderAtFields
                    idPrefix={`${id}-remind`}
                    date={form.remindAtDate}
                    time={form.remindAtTime}
                    onDate={(date) => set("remindAtDate", date)}
                    onTime={(time) => set("remindAtTime", time)}
                    timeTestId="remind-at-time"
                  />
                </div>
              )}
              <MoreReminders form={form} setForm={setForm} id={id} defaultDate={todayIso(zone)} />
              {fieldProblem("reminder")}
            </fieldset>
            <fieldset className="fieldset">
              <legend>{i18n.t("editor.recurrence")}</legend>
              <div className="field">
                <label htmlFor={`${id}-recurrence`} className="visually-hidden">
                  {i18n.t("editor.recurrence")}
                </label>
                <select
                  id={`${id}-recurrence`}
                  value={form.recurrence}
                  onChange={(e) => set("recurrence", e.target.value as TaskForm["recurrence"])}
                  aria-invalid={problemsOf("recurrence").length > 0 || undefined}
                  aria-describedby={describedBy("recurrence")}
                >
                  {recurrencePresets.map((p) => (
                    <option key={p} value={p}>
                      {i18n.t(`recurrence.${p}`)}
                    </option>
                  ))}
                </select>
                {fieldProblem("recurrence")}
              </div>
              {form.recurrence === "custom" && (
                <div className="field">
                  <label htmlFor={`${id}-rrule`}>{i18n.t("editor.rrule")}</label>
                  <input
                    id={`${id}-rrule`}
                    value={form.rrule}
                    onChange={(e) => set("rrule", e.target.value.toUpperCase())}
                    dir="ltr"
                    spellCheck={false}
                    aria-describedby={`${id}-rrule-summary`}
                    placeholder="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"
                  />
                </div>
              )}
              {rule && (
                <p
                  id={`${id}-rrule-summary`}
                  className={ruleSummary ? "rule-summary" : "hint warn"}
                  aria-live="polite"
                  data-testid="rule-summary"
                >
                  {ruleSummary
                    ? i18n.t("editor.rruleSummary", { rule: ruleSummary })
                    : i18n.t("editor.rruleUnreadable")}
                </p>
              )}
              {rule && (
                <div className="field">
                  <label htmlFor={`${id}-repeat-from`}>{i18n.t("editor.repeatFrom")}</label>
                  <select
                    id={`${id}-repeat-from`}
                    value={form.repeatFrom}
                    onChange={(e) => set("repeatFrom", e.target.value as TaskForm["repeatFrom"])}
                  >
                    <option value="due">{i18n.t("repeatFrom.due")}</option>
                    <option value="completion">{i18n.t("repeatFrom.completion")}</option>
                  </select>
                </div>
              )}
            </fieldset>
          </fieldset>
        </form>
      )}
      {load.state === "ready" && load.task ? <CommentThread taskId={load.task.id} /> : null}
    </Dialog>
  );
}
