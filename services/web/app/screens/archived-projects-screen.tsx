import { useCallback, useEffect, useRef } from "react";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useLoaded } from "../state/use-loaded";
import { useOrganise } from "../state/use-projects";
import { LoadState } from "../ui/load-state";
import { useProjectCommands } from "../ui/project-settings";
import { navigate } from "../ui/router";

/**
 * ArchivedProjectsScreen lists the caller's archived projects (ListProjects with include_archived); each
 * opens as usual and has an Unarchive button, which brings its archived sub-projects back with it.
 */
export function ArchivedProjectsScreen() {
  const i18n = useI18n();
  const { api } = useSession();
  const organise = useOrganise();
  const commands = useProjectCommands();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const { projects } = await api.projects.listProjects({ includeArchived: true }, { signal });
      return projects.filter((p) => p.archived && !p.deleted);
    },
    [api],
  );
  const loaded = useLoaded(load);
  // The sidebar's list changes with every archive / unarchive: read this list again then too.
  const generation = organise.projects.map((p) => `${p.id}${p.archived}`).join();
  const reload = loaded.reload;
  const seen = useRef(generation);
  useEffect(() => {
    if (generation === seen.current) return;
    seen.current = generation;
    reload();
  }, [generation, reload]);
  const archived = loaded.value;
  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1}>{i18n.t("arrange.archivedProjects")}</h1>
      </div>
      <LoadState loaded={loaded} />
      {archived &&
        (archived.length === 0 ? (
          <p className="state-block empty" data-testid="archived-empty">
            {i18n.t("arrange.noArchived")}
          </p>
        ) : (
          <ul className="row-list" data-testid="archived-projects">
            {archived.map((project) => (
              <li key={project.id} className="archived-item">
                <a
                  href={`/projects/${project.id}`}
                  dir="auto"
                  onClick={(event) => {
                    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                    event.preventDefault();
                    navigate(`/projects/${project.id}`);
                  }}
                >
                  {project.name}
                </a>
                <button
                  type="button"
                  className="button small"
                  aria-label={i18n.t("arrange.unarchiveNamed", { name: project.name })}
                  onClick={() => void commands.unarchive(project)}
                  data-testid="archived-unarchive"
                >
                  {i18n.t("arrange.unarchive")}
                </button>
              </li>
            ))}
          </ul>
        ))}
    </>
  );
}
