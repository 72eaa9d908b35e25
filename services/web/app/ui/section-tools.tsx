import { type FormEvent, useState } from "react";
import type { Section } from "../../../../gen/todo/v1/project_pb";
import { SectionTasks } from "../../../../gen/todo/v1/project_service_pb";
import { ORGANISE_NAME_MAX } from "../../../../vocabulary/organise";
import { stepPlace } from "../domain/arrange";
import { errorMessage } from "../domain/error-message";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { Dialog } from "./dialog";
import { ActionButton, FormError, NameField, SubmitButton } from "./form-fields";
import { Icon } from "./icons";
import { useToasts } from "./toasts";
import "./organise-tools.css";

/** AddSection adds a section at the end of a project, by name (Enter or the button). */
export function AddSection({ projectId, onAdded }: { projectId: string; onAdded: () => void }) {
  const i18n = useI18n();
  const { api } = useSession();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (busy || !name.trim()) return;
    setBusy(true);
    try {
      await api.projects.createSection({ projectId, name: name.trim(), requestId: crypto.randomUUID() });
      setName("");
      setProblem(undefined);
      onAdded();
    } catch (e) {
      setProblem(errorMessage(e, i18n));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="add-section" onSubmit={(event) => void add(event)}>
      <label className="visually-hidden" htmlFor="add-section-name">
        {i18n.t("arrange.sectionName")}
      </label>
      <input
        id="add-section-name"
        value={name}
        dir="auto"
        maxLength={ORGANISE_NAME_MAX}
        placeholder={i18n.t("arrange.sectionName")}
        onChange={(event) => setName(event.target.value)}
        data-testid="add-section-input"
      />
      <button type="submit" className="button small" disabled={busy}>
        <Icon name="plus" size={16} />
        {i18n.t("arrange.addSection")}
      </button>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

type Open = "rename" | "delete" | undefined;

/**
 * SectionActions are a section's own controls beside its heading: rename, move earlier / later (one
 * UpdateSection naming the neighbour), and delete, which asks what happens to the section's tasks.
 */
export function SectionActions({
  section,
  sections,
  taskCount,
  onChanged,
  across = false,
}: {
  section: Section;
  sections: readonly Section[];
  taskCount: number;
  onChanged: () => void;
  /** across: the sections run along a row (the board's columns), so earlier / later point back / forth. */
  across?: boolean;
}) {
  const i18n = useI18n();
  const { api } = useSession();
  const toasts = useToasts();
  const [open, setOpen] = useState<Open>(undefined);
  const live = sections.filter((s) => !s.deleted);
  const earlier = stepPlace(live, section.id, -1);
  const later = stepPlace(live, section.id, 1);
  const name = section.name;
  // The chevron points forth; earlier / later turn it: up and down in a list, back and forth on the board
  // (which runs right to left in Urdu).
  const rtl = i18n.language === "ur";
  const turn = (forth: boolean) =>
    across ? (forth !== rtl ? undefined : "scaleX(-1)") : forth ? "rotate(90deg)" : "rotate(-90deg)";

  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      if (done) toasts.show({ tone: "success", message: done });
    } catch (e) {
      toasts.show({ tone: "error", message: errorMessage(e, i18n) });
    } finally {
      onChanged();
    }
  };
  const move = (place: { beforeId?: string; afterId?: string }) =>
    run(() => api.projects.updateSection({ id: section.id, updateMask: { paths: ["position"] }, ...place }));

  return (
    <div className="section-actions" data-testid="section-actions" data-section={section.id}>
      <button
        type="button"
        className="icon-button"
        aria-label={i18n.t("arrange.renameSection", { name })}
        title={i18n.t("arrange.renameSection", { name })}
        onClick={() => setOpen("rename")}
        data-testid="section-rename"
      >
        <Icon name="edit" size={16} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={i18n.t("arrange.sectionEarlier", { name })}
        title={i18n.t("arrange.sectionEarlier", { name })}
        disabled={!earlier}
        onClick={() => earlier && void move(earlier)}
        data-testid="section-earlier"
      >
        <Icon name="chevron" size={16} style={{ transform: turn(false) }} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={i18n.t("arrange.sectionLater", { name })}
        title={i18n.t("arrange.sectionLater", { name })}
        disabled={!later}
        onClick={() => later && void move(later)}
        data-testid="section-later"
      >
        <Icon name="chevron" size={16} style={{ transform: turn(true) }} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label={i18n.t("arrange.deleteSection", { name })}
        title={i18n.t("arrange.deleteSection", { name })}
        onClick={() => setOpen("delete")}
        data-testid="section-delete"
      >
        <Icon name="trash" size={16} />
      </button>
      {open === "rename" && (
        <RenameDialog
          title={i18n.t("arrange.renameSection", { name })}
          label={i18n.t("arrange.sectionName")}
          initial={name}
          onClose={() => setOpen(undefined)}
          save={async (next) => {
            await api.projects.updateSection({ id: section.id, updateMask: { paths: ["name"] }, name: next });
            onChanged();
          }}
        />
      )}
      {open === "delete" && (
        <Dialog
          title={i18n.t("arrange.deleteSection", { name })}
          onClose={() => setOpen(undefined)}
          testId="section-delete-dialog"
          footer={
            <>
              <ActionButton
                className="button ghost"
                onClick={() => setOpen(undefined)}
                label={i18n.t("arrange.cancel")}
              />
              <ActionButton
                className="button"
                data-testid="section-delete-keep"
                onClick={() => {
                  setOpen(undefined);
                  void run(
                    () => api.projects.deleteSection({ id: section.id, tasks: SectionTasks.MOVE_TO_PROJECT }),
                    i18n.t("arrange.sectionDeletedKept", { name }),
                  );
                }}
                label={i18n.t("arrange.keepTasks")}
              />
              <ActionButton
                className="button danger"
                data-testid="section-delete-with-tasks"
                onClick={() => {
                  setOpen(undefined);
                  void run(
                    () => api.projects.deleteSection({ id: section.id, tasks: SectionTasks.DELETE }),
                    i18n.t("arrange.sectionDeletedWithTasks", { name }),
                  );
                }}
                label={i18n.t("arrange.deleteTasks")}
              />
            </>
          }
        >
          <p>{i18n.plural("arrange.sectionHolds", taskCount)}</p>
        </Dialog>
      )}
    </div>
  );
}

/** RenameDialog asks for a new name (required, at most 120 characters) and saves it; refusals show in it. */
function RenameDialog({
  title,
  label,
  initial,
  onClose,
  save,
}: {
  title: string;
  label: string;
  initial: string;
  onClose: () => void;
  save: (name: string) => Promise<void>;
}) {
  const i18n = useI18n();
  const [name, setName] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await save(name.trim());
      onClose();
    } catch (e) {
      setProblem(errorMessage(e, i18n));
      setBusy(false);
    }
  };
  return (
    <Dialog title={title} onClose={onClose} testId="rename-dialog">
      <form className="arrange-form" onSubmit={(event) => void submit(event)}>
        <FormError message={problem} />
        <NameField label={label} value={name} onChange={setName} autoFocus data-testid="rename-input" />
        <SubmitButton busy={busy} label={i18n.t("arrange.save")} />
      </form>
    </Dialog>
  );
}
