import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ProjectRole } from "../../../../gen/todo/v1/share_pb";
import { TaskStatus } from "../../../../gen/todo/v1/task_pb";
import { TaskSort } from "../../../../gen/todo/v1/task_service_pb";
import { sectionGroups, subtaskProgress, withSubtasks } from "../domain/organise";
import { formFromDraft, projectOfDraft, type TaskForm } from "../domain/task-form";
import { useI18n } from "../state/i18n-context";
import { useReadOnly } from "../state/members";
import { useSession } from "../state/session";
import { useLoaded } from "../state/use-loaded";
import { useOrganise } from "../state/use-projects";
import { CompletedTasks } from "../ui/completed-tasks";
import { Icon } from "../ui/icons";
import { lazyScreen } from "../ui/lazy-screen";
import { LoadState } from "../ui/load-state";
import { ProjectBoard } from "../ui/project-board";
import { ProjectMembers } from "../ui/project-members";
import { ProjectSettings, useProjectCommands } from "../ui/project-settings";
import { QuickAdd } from "../ui/quick-add";
import { navigate, useLocation } from "../ui/router";
import { AddSection, SectionActions } from "../ui/section-tools";
import { TaskGroups } from "../ui/task-groups";

// The editor loads on demand, as on the tasks screen (services/web/README.md, "Bundle budget").
const TaskEditor = lazyScreen(() => import("../ui/task-editor").then((m) => m.TaskEditor));

/** Tasks read for one project screen; a bigger project shows its first this many (and says so). */
const projectPageSize = 200;

/**
 * ProjectScreen is one project (or the Inbox): its open top-level tasks in manual order, grouped by
 * section, each with its subtasks' progress; quick add here puts the task in this project.
 */
export function ProjectScreen({ projectId }: { projectId: string }) {
  const i18n = useI18n();
  const { api, timeZone } = useSession();
  const organise = useOrganise();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [project, sections, tasks] = await Promise.all([
        api.projects.getProject({ id: projectId }, { signal }),
        api.projects.listSections({ projectId }, { signal }),
        // All statuses: completed subtasks count towards their parent's progress.
        api.tasks.listTasks({ projectId, sort: TaskSort.MANUAL, pageSize: projectPageSize }, { signal }),
      ]);
      return { project: project.project, sections: sections.sections, tasks: tasks.tasks, more: !!tasks.nextPageToken };
    },
    [api, projectId],
  );
  const loaded = useLoaded(load);
  const value = loaded.value;
  const progress = useMemo(() => subtaskProgress(value?.tasks ?? []), [value]);
  const groups = useMemo(() => sectionGroups(value?.tasks ?? [], value?.sections ?? []), [value]);
  // The disclosure's count comes from this screen's read (all statuses), so a closed disclosure reads nothing more.
  const completedCount = useMemo(
    () => (value?.tasks ?? []).filter((t) => t.status === TaskStatus.COMPLETED && !t.parentId).length,
    [value],
  );
  const known = organise.projects.find((p) => p.id === projectId);
  // The sidebar's copy is newer after a change made here (rename, archive): read the project again then.
  const knownVersion = known ? `${known.version}` : "none";
  const reloadProject = loaded.reload;
  const seenVersion = useRef(knownVersion);
  useEffect(() => {
    if (seenVersion.current === knownVersion) return;
    seenVersion.current = knownVersion;
    reloadProject();
  }, [knownVersion, reloadProject]);
  const project = value?.project ?? known;
  const title = project?.inbox ? i18n.t("organise.inbox") : (project?.name ?? "");
  const empty = groups.every((g) => g.tasks.length === 0);
  const board = new URLSearchParams(useLocation().search).get("view") === "board";
  const here = `/projects/${projectId}`;
  const [settings, setSettings] = useState(false);
  const commands = useProjectCommands();
  // A viewer adds nothing here (quick add, sections); the rows and the board are read only too.
  const readOnly = useReadOnly(projectId);
  // Settings (rename, move, archive, delete) and unarchive are the owner's: hidden from members (Project.my_role).
  const owns = project?.myRole === ProjectRole.OWNER;
  /** creating is quick add's "More details": a new task of this project in the editor (with its assignee picker). */
  const [creating, setCreating] = useState<{ form: TaskForm; projectId: string } | undefined>(undefined);
  // A section added, renamed, moved or deleted here: this screen and the sidebar read again.
  const sectionsChanged = () => {
    loaded.reload();
    organise.reload();
  };

  return (
    <>
      <div className="page-header">
        <div className="project-heading">
          {project?.colour && (
            <span className="project-dot" style={{ background: project.colour }} aria-hidden="true" />
          )}
          <h1 tabIndex={-1} dir="auto" data-testid="project-title">
            {title}
          </h1>
          {project && !project.inbox && owns && (
            <button
              type="button"
              className="icon-button"
              aria-label={i18n.t("arrange.projectSettings")}
              title={i18n.t("arrange.projectSettings")}
              onClick={() => setSettings(true)}
              data-testid="project-settings-open"
            >
              <Icon name="edit" size={18} />
            </button>
          )}
          {project && <ProjectMembers project={project} />}
        </div>
        <nav className="view-switch" aria-label={i18n.t("organise.view")}>
          {[
            { href: here, label: i18n.t("organise.list"), current: !board },
            { href: `${here}?view=board`, label: i18n.t("organise.board"), current: board },
          ].map((link) => (
            <a
              key={link.href}
              href={link.href}
              aria-current={link.current ? "page" : undefined}
              data-testid={link.current ? undefined : "view-switch"}
              onClick={(event) => {
                event.preventDefault();
                navigate(link.href, { replace: true });
              }}
            >
              {link.label}
            </a>
          ))}
        </nav>
      </div>
      {project?.archived && (
        <p className="archived-note" role="status" data-testid="project-archived">
          {i18n.t("arrange.isArchived")}
          {owns && (
            <button type="button" className="button small" onClick={() => void commands.unarchive(project)}>
              {i18n.t("arrange.unarchive")}
            </button>
          )}
        </p>
      )}
      {settings && project && <ProjectSettings project={project} onClose={() => setSettings(false)} />}
      {project && !readOnly && (
        <QuickAdd
          placement={{ projectId }}
          onOpenEditor={(draft) =>
            setCreating({ form: formFromDraft(draft, timeZone), projectId: projectOfDraft(draft) ?? projectId })
          }
        />
      )}
      {creating && (
        <TaskEditor initial={creating.form} projectId={creating.projectId} onClose={() => setCreating(undefined)} />
      )}
      <LoadState loaded={loaded} />
      {value && (
        <>
          {board ? (
            <ProjectBoard
              projectId={projectId}
              groups={groups}
              progress={progress}
              tasks={value.tasks}
              sections={value.sections}
              onSectionsChanged={sectionsChanged}
            />
          ) : empty && value.sections.length === 0 ? (
            <p className="state-block empty" data-testid="tasks-empty">
              {i18n.t("organise.projectEmpty")}
            </p>
          ) : (
            <TaskGroups
              progress={progress}
              groups={groups.map((g) => {
                // Open subtasks read inline under their parent, indented.
                const rows = withSubtasks(g.tasks, value.tasks);
                return {
                  key: g.section?.id ?? "none",
                  title: g.section ? <span dir="auto">{g.section.name}</span> : i18n.t("organise.noSection"),
                  tasks: rows.map((r) => r.task),
                  depths: new Map(rows.map((r) => [r.task.id, r.depth])),
                  empty: g.section ? "—" : undefined,
                  actions: g.section && !readOnly && (
                    <SectionActions
                      section={g.section}
                      sections={value.sections}
                      taskCount={g.tasks.length}
                      onChanged={sectionsChanged}
                    />
                  ),
                };
              })}
            />
          )}
          {value.more && <p className="hint">{i18n.t("organise.truncated")}</p>}
          <CompletedTasks projectId={projectId} count={completedCount} more={value.more} />
          {!readOnly && <AddSection projectId={projectId} onAdded={sectionsChanged} />}
        </>
      )}
    </>
  );
}
