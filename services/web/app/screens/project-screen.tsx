import { useCallback, useMemo } from "react";
import { TaskSort } from "../../../../gen/todo/v1/task_service_pb";
import { sectionGroups, subtaskProgress, withSubtasks } from "../domain/organise";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useLoaded } from "../state/use-loaded";
import { useOrganise } from "../state/use-projects";
import { LoadState } from "../ui/load-state";
import { ProjectBoard } from "../ui/project-board";
import { QuickAdd } from "../ui/quick-add";
import { navigate, useLocation } from "../ui/router";
import { TaskGroups } from "../ui/task-groups";

/** Tasks read for one project screen; a bigger project shows its first this many (and says so). */
const projectPageSize = 200;

/**
 * ProjectScreen is one project (or the Inbox): its open top-level tasks in manual order, grouped by
 * section, each with its subtasks' progress; quick add here puts the task in this project.
 */
export function ProjectScreen({ projectId }: { projectId: string }) {
  const i18n = useI18n();
  const { api } = useSession();
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
  const known = organise.projects.find((p) => p.id === projectId);
  const project = value?.project ?? known;
  const title = project?.inbox ? i18n.t("organise.inbox") : (project?.name ?? "");
  const empty = groups.every((g) => g.tasks.length === 0);
  const board = new URLSearchParams(useLocation().search).get("view") === "board";
  const here = `/projects/${projectId}`;

  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1} dir="auto" data-testid="project-title">
          {title}
        </h1>
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
      {project && <QuickAdd placement={{ projectId }} />}
      <LoadState loaded={loaded} />
      {value && (
        <>
          {board ? (
            <ProjectBoard projectId={projectId} groups={groups} progress={progress} />
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
                };
              })}
            />
          )}
          {value.more && <p className="hint">{i18n.t("organise.truncated")}</p>}
        </>
      )}
    </>
  );
}
