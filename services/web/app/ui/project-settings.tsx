import { type FormEvent, useId, useState } from "react";
import type { Project } from "../../../../gen/todo/v1/project_pb";
import { type Place, parentChoices, projectSiblings, stepPlace } from "../domain/arrange";
import { errorMessage } from "../domain/error-message";
import { projectColours } from "../domain/project-colours";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useOrganise } from "../state/use-projects";
import { Dialog } from "./dialog";
import { ActionButton, FormError, NameField, SubmitButton } from "./form-fields";
import { Icon } from "./icons";
import { navigate } from "./router";
import { useToasts } from "./toasts";
import "./organise-tools.css";

const inboxPath = (projects: readonly Project[]) => {
  const inbox = projects.find((p) => p.inbox);
  return inbox ? `/projects/${inbox.id}` : "/today";
};

/** The two moves among the project's siblings: one place up, one place down. */
const steps = [
  { step: -1, key: "arrange.moveUp", testId: "project-up" },
  { step: 1, key: "arrange.moveDown", testId: "project-down" },
] as const;

/**
 * useProjectCommands are the one-click project changes (reorder, archive, unarchive, delete with undo),
 * shared by the settings dialog, the sidebar's Alt+arrow keys and the archived list. Each is one
 * ProjectService call; the sidebar reads the projects again after it.
 */
export function useProjectCommands() {
  const i18n = useI18n();
  const { api } = useSession();
  const toasts = useToasts();
  const organise = useOrganise();
  const run = async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await action();
    } catch (e) {
      toasts.show({ tone: "error", message: errorMessage(e, i18n) });
      return undefined;
    } finally {
      organise.reload();
    }
  };
  const setArchived = (project: Project, archived: boolean) =>
    run(() => api.projects.updateProject({ id: project.id, updateMask: { paths: ["archived"] }, archived }));
  return {
    /** step moves a project one place among its siblings (one UpdateProject naming the neighbour). */
    step: (project: Project, step: -1 | 1) => {
      const place: Place | undefined = stepPlace(projectSiblings(organise.projects, project), project.id, step);
      if (!place) return Promise.resolve(undefined);
      return run(() => api.projects.updateProject({ id: project.id, updateMask: { paths: ["position"] }, ...place }));
    },
    archive: async (project: Project) => {
      if (!(await setArchived(project, true))) return;
      toasts.show({
        tone: "info",
        message: i18n.t("arrange.archived", { name: project.name }),
        action: { label: i18n.t("task.undo"), run: () => void setArchived(project, false) },
        durationMs: 10_000,
      });
    },
    unarchive: async (project: Project) => {
      if (await setArchived(project, false))
        toasts.show({ tone: "success", message: i18n.t("arrange.unarchived", { name: project.name }) });
    },
    /** remove deletes the project with its sub-projects, sections and tasks; the toast's Undo restores them all. */
    remove: async (project: Project) => {
      const deleted = await run(() => api.projects.deleteProject({ id: project.id, expectedVersion: project.version }));
      if (!deleted) return;
      navigate(inboxPath(organise.projects));
      toasts.show({
        tone: "info",
        message: i18n.plural("arrange.projectDeleted", deleted.deletedTaskCount, { name: project.name }),
        action: {
          label: i18n.t("task.undo"),
          run: () =>
            void run(() => api.projects.restoreProject({ id: project.id })).then((restored) => {
              if (!restored) return;
              toasts.show({ tone: "success", message: i18n.t("arrange.projectRestored", { name: project.name }) });
              navigate(`/projects/${project.id}`);
            }),
        },
        durationMs: 10_000,
      });
    },
  };
}

/**
 * ProjectSettings is a project's dialog: rename, colour and parent (saved together, one UpdateProject with
 * the changed fields in its mask), move up / down among its siblings, archive or unarchive, delete.
 */
export function ProjectSettings({ project, onClose }: { project: Project; onClose: () => void }) {
  const i18n = useI18n();
  const { api } = useSession();
  const organise = useOrganise();
  const commands = useProjectCommands();
  const [name, setName] = useState(project.name);
  const [colour, setColour] = useState(project.colour);
  const [parentId, setParentId] = useState(project.parentId);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const parentField = useId();
  const choices = parentChoices(organise.projects, project.id);
  const siblings = projectSiblings(organise.projects, project);
  const current = organise.projects.find((p) => p.id === project.id) ?? project;
  // Archive or unarchive (whichever applies) and delete close the dialog, then act.
  const closeThen = (command: (project: Project) => Promise<unknown>) => () => {
    onClose();
    void command(current);
  };
  const archiving = current.archived
    ? ({ command: commands.unarchive, key: "arrange.unarchive", testId: "project-unarchive" } as const)
    : ({ command: commands.archive, key: "arrange.archive", testId: "project-archive" } as const);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const paths = [
      name.trim() !== project.name ? "name" : "",
      colour !== project.colour ? "colour" : "",
      parentId !== project.parentId ? "parent_id" : "",
    ].filter(Boolean);
    if (paths.length === 0) return onClose();
    setBusy(true);
    try {
      await api.projects.updateProject({
        id: project.id,
        updateMask: { paths },
        name: name.trim(),
        colour,
        parentId,
        expectedVersion: current.version,
      });
      organise.reload();
      onClose();
    } catch (e) {
      setProblem(errorMessage(e, i18n));
      setBusy(false);
    }
  };

  return (
    <Dialog title={i18n.t("arrange.projectSettings")} onClose={onClose} testId="project-settings">
      <form className="arrange-form" onSubmit={(event) => void save(event)}>
        <FormError message={problem} />
        <NameField
          label={i18n.t("organise.projectName")}
          value={name}
          onChange={setName}
          data-testid="project-name-input"
        />
        <fieldset className="fieldset colour-choices">
          <legend>{i18n.t("arrange.colour")}</legend>
          {[{ key: "none" as const, value: "" }, ...projectColours].map((c) => (
            <label key={c.key} className="swatch" title={i18n.t(`arrange.colour.${c.key}`)}>
              <input
                type="radio"
                name="project-colour"
                value={c.value}
                checked={colour === c.value}
                onChange={() => setColour(c.value)}
              />
              <span className="swatch-dot" style={c.value ? { background: c.value } : undefined} aria-hidden="true" />
              <span className="visually-hidden">{i18n.t(`arrange.colour.${c.key}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={parentField}>{i18n.t("arrange.parent")}</label>
          <select
            id={parentField}
            value={parentId}
            onChange={(event) => setParentId(event.target.value)}
            data-testid="project-parent"
          >
            <option value="">{i18n.t("arrange.topLevel")}</option>
            {choices.map(({ project: p, depth }) => (
              <option key={p.id} value={p.id}>
                {`${"\u2014 ".repeat(depth)}${p.name}`}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton busy={busy} label={i18n.t("arrange.save")} />
      </form>
      <fieldset className="arrange-row plain-fieldset">
        <legend className="visually-hidden">{i18n.t("arrange.position")}</legend>
        {steps.map(({ step, key, testId }) => (
          <button
            key={testId}
            type="button"
            className="button small"
            disabled={!stepPlace(siblings, project.id, step)}
            onClick={() => void commands.step(current, step)}
            data-testid={testId}
          >
            {i18n.t(key)}
          </button>
        ))}
      </fieldset>
      <div className="arrange-row">
        <ActionButton
          className="button small"
          onClick={closeThen(archiving.command)}
          data-testid={archiving.testId}
          label={i18n.t(archiving.key)}
        />
        <button
          type="button"
          className="button small danger"
          onClick={closeThen(commands.remove)}
          data-testid="project-delete"
        >
          <Icon name="trash" size={16} />
          {i18n.t("arrange.deleteProject")}
        </button>
      </div>
    </Dialog>
  );
}
