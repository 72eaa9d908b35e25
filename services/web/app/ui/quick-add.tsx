import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { TaskChangeKind } from "../../../../gen/todo/v1/task_pb";
import { describeRule } from "../../../../vocabulary/recurrence/describe";
import { parseQuickAdd } from "../api/quick-add-source";
import { type Chip, chipsOf, draftOf, keptRemovals, type QuickAddDraft, removeChip } from "../domain/chips";
import { errorMessage } from "../domain/error-message";
import { durationLabel, whenLabel } from "../domain/format-date";
import type { QuickAddParse } from "../domain/quick-add";
import { formFromDraft, toCreateRequest } from "../domain/task-form";
import type { Translator } from "../i18n/translate";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { Dialog } from "./dialog";
import { ActionButton } from "./form-fields";
import { Icon, type IconName } from "./icons";
import { useToasts } from "./toasts";

const chipIcons: Record<Chip["field"], IconName> = {
  due: "calendar",
  tag: "tag",
  priority: "flag",
  recurrence: "repeat",
  reminder: "bell",
  project: "list",
};

function chipValue(chip: Chip, now: Date, timeZone: string, i18n: Translator): string {
  const value = chip.spans[0]!.value;
  switch (value.field) {
    case "due":
      return whenLabel(value.due.at, value.due.dateOnly, now, timeZone, i18n);
    case "tag":
      return `#${value.tag}`;
    case "priority":
      return i18n.t(`priority.${value.priority}`);
    case "recurrence":
      return describeRule(value.rrule, i18n.language) ?? value.rrule;
    case "reminder":
      return "at" in value
        ? whenLabel(value.at, false, now, timeZone, i18n)
        : value.beforeSeconds === 0
          ? i18n.t("task.reminderAtDue")
          : i18n.t("task.reminderBefore", { amount: durationLabel(value.beforeSeconds, i18n) });
    case "project":
      return value.project.name;
  }
}

/** projectBadge marks a project chip that saving will ask about: a project to create, or an archived one. */
function projectBadge(chip: Chip, i18n: Translator): string | undefined {
  const value = chip.spans[0]!.value;
  if (value.field !== "project") return undefined;
  if (value.project.isNew) return i18n.t("quickAdd.newProject");
  return value.project.archived ? i18n.t("quickAdd.archivedProject") : undefined;
}

/**
 * QuickAdd is one line of natural language. What it understands shows as chips; removing a chip keeps
 * its words in the title instead. Enter creates the task; "More details" opens the editor prefilled.
 * A "+Project" chip puts the task in that project; a project the user does not have yet (or an archived one) is
 * asked about first — never created silently.
 */
export function QuickAdd({
  onOpenEditor,
  placement,
  onAdded,
}: {
  /** onOpenEditor opens the editor prefilled; without it there is no "More details" button. */
  onOpenEditor?: (draft: QuickAddDraft) => void;
  /** placement puts the new task in that project (a project screen's quick add). */
  placement?: { projectId: string };
  onAdded?: () => void;
}) {
  const i18n = useI18n();
  const { api, timeZone, taskEvents } = useSession();
  const toasts = useToasts();
  const [text, setText] = useState("");
  const [parse, setParse] = useState<QuickAddParse>({ text: "", spans: [] });
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  /** asking holds a draft whose new or archived project waits for the user's answer. */
  const [asking, setAsking] = useState<QuickAddDraft | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const problemId = useId();

  const latestParse = useRef<Promise<QuickAddParse>>(Promise.resolve({ text: "", spans: [] }));

  useEffect(() => {
    let current = true;
    const parsing = parseQuickAdd(api, text, { referenceTime: new Date(), timeZone, language: i18n.language });
    latestParse.current = parsing;
    void parsing.then((result) => {
      if (!current) return;
      setParse(result);
      setRemoved((before) => keptRemovals(before, result));
    });
    return () => {
      current = false;
    };
  }, [api, text, timeZone, i18n.language]);

  const chips = chipsOf(parse);
  const draft = draftOf(parse, removed);
  const now = new Date();

  /**
   * currentDraft is the draft of the line as typed now: Enter or "More details" pressed before the
   * server's reading of the last keystrokes arrived waits for it, never saving an older reading.
   */
  const currentDraft = async (): Promise<QuickAddDraft> => {
    if (parse.text === text) return draft;
    const fresh = await latestParse.current;
    return fresh.text === text ? draftOf(fresh, keptRemovals(removed, fresh)) : { title: text.trim(), tags: [] };
  };

  /** save creates the task (in `projectId` when given, else the screen's project, else the Inbox). */
  const save = async (toSave: QuickAddDraft, projectId?: string) => {
    try {
      const request = toCreateRequest(formFromDraft(toSave, timeZone), new Date(), timeZone, crypto.randomUUID());
      const project = projectId ?? placement?.projectId;
      if (project) request.projectId = project;
      const { task } = await api.tasks.createTask(request);
      if (task) {
        taskEvents.emit({ kind: TaskChangeKind.CREATED, task });
        toasts.show({ tone: "success", message: i18n.t("task.added", { title: task.title }) });
        onAdded?.();
      }
      setText("");
      setRemoved(new Set());
      setNotice(undefined);
    } catch (e) {
      setProblem(errorMessage(e, i18n));
    } finally {
      setSaving(false);
      input.current?.focus();
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving || !text.trim()) return;
    setSaving(true);
    const toSave = await currentDraft();
    if (!toSave.title) {
      setSaving(false);
      setProblem(i18n.t("quickAdd.noTitle"));
      return;
    }
    setProblem(undefined);
    if (toSave.project && (toSave.project.isNew || toSave.project.archived)) {
      setSaving(false);
      setAsking(toSave);
      return;
    }
    await save(toSave, toSave.project?.id);
  };

  /** confirmProject creates (or unarchives) the project the user said yes to, then saves the task there. */
  const confirmProject = async (toSave: QuickAddDraft) => {
    const project = toSave.project!;
    setAsking(undefined);
    setSaving(true);
    try {
      if (project.isNew) {
        const { project: made } = await api.projects.createProject({ name: project.name });
        await save(toSave, made!.id);
      } else {
        await api.projects.updateProject({ id: project.id, updateMask: { paths: ["archived"] }, archived: false });
        await save(toSave, project.id);
      }
    } catch (e) {
      setProblem(errorMessage(e, i18n));
      setSaving(false);
      input.current?.focus();
    }
  };

  const cancelProject = () => {
    setAsking(undefined);
    input.current?.focus();
  };

  return (
    <form className="quick-add card" onSubmit={submit} aria-label={i18n.t("quickAdd.label")}>
      <div className="quick-add-row">
        <label htmlFor="quick-add-input" className="visually-hidden">
          {i18n.t("quickAdd.label")}
        </label>
        <span className="quick-add-icon" aria-hidden="true">
          <Icon name="plus" />
        </span>
        <input
          id="quick-add-input"
          ref={input}
          className="quick-add-input"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setProblem(undefined);
            setNotice(undefined);
          }}
          placeholder={i18n.t("quickAdd.placeholder")}
          autoComplete="off"
          dir="auto"
          maxLength={500}
          aria-describedby={problem ? problemId : hintId}
          aria-invalid={problem ? true : undefined}
          data-testid="quick-add-input"
        />
        <button type="submit" className="button primary" disabled={saving || !text.trim()}>
          {saving ? i18n.t("quickAdd.adding") : i18n.t("quickAdd.submit")}
        </button>
      </div>
      {text.trim() && (
        <div className="quick-add-parsed">
          {chips.length > 0 && (
            <ul className="chips" aria-label={i18n.t("quickAdd.chips")} data-testid="quick-add-chips">
              {chips
                .filter((chip) => !removed.has(chip.key))
                .map((chip) => {
                  const label = i18n.t(`chip.${chip.field}`);
                  const spanText = chip.spans.map((s) => s.text).join(" … ");
                  return (
                    <li key={chip.key} className={`chip chip-${chip.field}`} data-field={chip.field}>
                      <Icon name={chipIcons[chip.field]} size={14} />
                      <span className="chip-label">{label}</span>
                      <span className="chip-value" dir="auto">
                        {chipValue(chip, now, timeZone, i18n)}
                      </span>
                      {projectBadge(chip, i18n) && (
                        <span className="chip-badge" data-testid="project-chip-badge">
                          {projectBadge(chip, i18n)}
                        </span>
                      )}
                      <button
                        type="button"
                        className="chip-remove"
                        onClick={() => {
                          const result = removeChip(parse, removed, chip.key);
                          setRemoved(result.removed);
                          setNotice(result.also.length > 0 ? i18n.t("quickAdd.reminderRemovedToo") : undefined);
                          input.current?.focus();
                        }}
                        aria-label={i18n.t("quickAdd.removeChip", { label, text: spanText })}
                      >
                        <Icon name="close" size={14} />
                      </button>
                    </li>
                  );
                })}
            </ul>
          )}
          {onOpenEditor && (
            <ActionButton
              className="button ghost small"
              onClick={() => void currentDraft().then(onOpenEditor)}
              label={i18n.t("quickAdd.details")}
            />
          )}
        </div>
      )}
      {asking?.project && (
        <Dialog
          title={i18n.t(asking.project.isNew ? "quickAdd.createProjectTitle" : "quickAdd.unarchiveProjectTitle", {
            name: asking.project.name,
          })}
          onClose={cancelProject}
          testId="quick-add-project-dialog"
          footer={
            <>
              <ActionButton className="button ghost" onClick={cancelProject} label={i18n.t("quickAdd.cancel")} />
              <ActionButton
                className="button primary"
                data-testid="quick-add-project-confirm"
                onClick={() => void confirmProject(asking)}
                label={i18n.t(asking.project.isNew ? "quickAdd.createProject" : "quickAdd.unarchiveProject")}
              />
            </>
          }
        >
          <p dir="auto">
            {i18n.t(asking.project.isNew ? "quickAdd.createProjectBody" : "quickAdd.unarchiveProjectBody", {
              name: asking.project.name,
              title: asking.title,
            })}
          </p>
        </Dialog>
      )}
      {notice && (
        <p className="hint warn" role="status" data-testid="quick-add-notice">
          {notice}
        </p>
      )}
      {problem ? (
        <p id={problemId} className="form-error" role="alert">
          {problem}
        </p>
      ) : (
        <p id={hintId} className="hint">
          {i18n.t("quickAdd.hint")}
        </p>
      )}
    </form>
  );
}
