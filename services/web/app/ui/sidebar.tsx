import { type AnchorHTMLAttributes, type DragEvent, type FormEvent, useEffect, useId, useRef, useState } from "react";
import type { Project } from "../../../../gen/todo/v1/project_pb";
import { ProjectRole } from "../../../../gen/todo/v1/share_pb";
import { projectDrop } from "../domain/arrange";
import { errorMessage } from "../domain/error-message";
import { projectTree } from "../domain/organise";
import type { MessageKey } from "../i18n/en";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useOrganise } from "../state/use-projects";
import { FormError } from "./form-fields";
import { Icon, type IconName } from "./icons";
import { InvitationsList } from "./invitations-list";
import { useProjectCommands } from "./project-settings";
import { navigate, type Route, routeOf } from "./router";
import { useToasts } from "./toasts";

/** dayViews are the screens of tasks by day and the tasks assigned to the user, each at /<screen> with its label at organise.<screen>. */
const dayViews = [
  { screen: "today", icon: "calendar" },
  { screen: "upcoming", icon: "clock" },
  { screen: "assigned", icon: "user" },
] as const satisfies readonly { screen: Route["screen"]; icon: IconName }[];

/** SidebarLink is one entry: a link that moves without a reload and says when it is the current page. */
function SidebarLink({
  href,
  icon,
  label,
  current,
  depth = 0,
  onFollow,
  colour,
  testId,
  projectId,
  anchor,
}: {
  href: string;
  icon: IconName;
  label: string;
  current: boolean;
  depth?: number;
  onFollow: () => void;
  /** colour tints the icon (a project's colour). */
  colour?: string;
  testId?: string;
  projectId?: string;
  /** anchor adds the link's own handlers and data (a project's drag and Alt+arrow keys). */
  anchor?: Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href" | "className" | "onClick" | "style">;
}) {
  return (
    <li>
      <a
        href={href}
        className={`sidebar-link${current ? " is-current" : ""}`}
        aria-current={current ? "page" : undefined}
        style={{ paddingInlineStart: `${10 + depth * 16}px` }}
        data-testid={testId}
        data-project-id={projectId}
        {...anchor}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey) return;
          event.preventDefault();
          navigate(href);
          onFollow();
        }}
      >
        <Icon name={icon} size={16} style={colour ? { color: colour } : undefined} />
        <span dir="auto">{label}</span>
      </a>
    </li>
  );
}

/**
 * Sidebar lists the ways into the tasks: Inbox, Today, Upcoming, the user's projects (nested) and saved
 * filters, and adds a project by name. On a phone it is a panel opened by the menu button (`open`);
 * following a link closes it.
 */
export function Sidebar({ route, open, onClose }: { route: Route; open: boolean; onClose: () => void }) {
  const i18n = useI18n();
  const { api } = useSession();
  const toasts = useToasts();
  const organise = useOrganise();
  const [name, setName] = useState("");
  const [adding, setAdding] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const nameId = useId();
  const inbox = organise.projects.find((p) => p.inbox);
  const nav = useRef<HTMLElement>(null);
  // The phone's panel takes focus when it opens, so keyboard and screen reader users land in it.
  useEffect(() => {
    if (open) nav.current?.querySelector<HTMLElement>(".sidebar-link")?.focus();
  }, [open]);
  const isProject = (id: string) => route.screen === "project" && route.projectId === id;
  // A link to a screen of its own (a day view, the archive, a new filter), current while that screen shows.
  const screenLink = (href: string, icon: IconName, label: MessageKey, testId?: string) => (
    <SidebarLink
      key={href}
      href={href}
      icon={icon}
      label={i18n.t(label)}
      current={routeOf(href).screen === route.screen}
      onFollow={onClose}
      testId={testId}
    />
  );
  const commands = useProjectCommands();
  const arranges = (project: Project) => project.myRole === ProjectRole.OWNER;
  // A project moved with Alt+arrows is drawn again in its new place: focus follows it there.
  const refocus = useRef<string | undefined>(undefined);
  useEffect(() => {
    const id = refocus.current;
    if (!id || organise.projects.length === 0) return;
    refocus.current = undefined;
    nav.current?.querySelector<HTMLElement>(`[data-project-id="${id}"]`)?.focus();
  }, [organise.projects]);
  const dragType = "application/x-taskmesh-project";
  // A project dropped on another goes right before it, among its siblings (one UpdateProject).
  const dropOn = async (event: DragEvent, targetId: string) => {
    event.preventDefault();
    const id = event.dataTransfer.getData(dragType);
    const move = projectDrop(organise.projects, id, targetId);
    if (!move) return;
    try {
      await api.projects.updateProject({
        id,
        updateMask: { paths: move.paths },
        parentId: move.parentId,
        beforeId: move.beforeId ?? "",
      });
    } catch (e) {
      toasts.show({ tone: "error", message: errorMessage(e, i18n) });
    } finally {
      organise.reload();
    }
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (adding || !name.trim()) return;
    setAdding(true);
    try {
      const { project } = await api.projects.createProject({ name: name.trim(), requestId: crypto.randomUUID() });
      setName("");
      setProblem(undefined);
      organise.reload();
      if (project) {
        toasts.show({ tone: "success", message: i18n.t("organise.projectAdded", { name: project.name }) });
        navigate(`/projects/${project.id}`);
        onClose();
      }
    } catch (e) {
      setProblem(errorMessage(e, i18n));
    } finally {
      setAdding(false);
    }
  };

  return (
    <nav
      id="sidebar"
      ref={nav}
      className={`sidebar${open ? " is-open" : ""}`}
      aria-label={i18n.t("organise.sidebar")}
      onKeyDown={(event) => {
        if (open && event.key === "Escape") {
          event.preventDefault();
          onClose();
          document.querySelector<HTMLElement>('[data-testid="sidebar-toggle"]')?.focus();
        }
      }}
    >
      {open && (
        <button
          type="button"
          className="icon-button sidebar-close"
          aria-label={i18n.t("common.close")}
          data-testid="sidebar-close"
          onClick={() => {
            onClose();
            document.querySelector<HTMLElement>('[data-testid="sidebar-toggle"]')?.focus();
          }}
        >
          <Icon name="close" size={18} />
        </button>
      )}
      <ul className="sidebar-list">
        {inbox && (
          <SidebarLink
            href={`/projects/${inbox.id}`}
            icon="empty"
            label={i18n.t("organise.inbox")}
            current={isProject(inbox.id)}
            onFollow={onClose}
          />
        )}
        {dayViews.map(({ screen, icon }) => screenLink(`/${screen}`, icon, `organise.${screen}`))}
      </ul>
      <InvitationsList />
      <h2 className="sidebar-heading">{i18n.t("organise.projects")}</h2>
      <ul className="sidebar-list" data-testid="sidebar-projects">
        {projectTree(organise.projects).map(({ project, depth }) => (
          <SidebarLink
            key={project.id}
            href={`/projects/${project.id}`}
            icon="list"
            label={project.name}
            depth={depth}
            colour={project.colour || undefined}
            current={isProject(project.id)}
            onFollow={onClose}
            // Only the owner arranges a project tree (a move or a top-level reorder is theirs; Project.my_role).
            anchor={{
              "aria-keyshortcuts": arranges(project) ? "Alt+ArrowUp Alt+ArrowDown" : undefined,
              draggable: arranges(project),
              onDragStart: (event) => {
                event.dataTransfer.setData(dragType, project.id);
                event.dataTransfer.effectAllowed = "move";
              },
              onDragOver: (event) => {
                if (event.dataTransfer.types.includes(dragType)) event.preventDefault();
              },
              onDrop: (event) => void dropOn(event, project.id),
              onKeyDown: (event) => {
                const step = event.altKey ? (event.key === "ArrowUp" ? -1 : event.key === "ArrowDown" ? 1 : 0) : 0;
                if (!step || !arranges(project)) return;
                event.preventDefault();
                refocus.current = project.id;
                void commands.step(project, step).then((moved) => {
                  // At either end nothing moves and nothing reloads: no focus to restore later.
                  if (!moved) refocus.current = undefined;
                });
              },
            }}
            projectId={project.id}
          />
        ))}
      </ul>
      <form className="sidebar-add" onSubmit={(event) => void add(event)}>
        <label className="visually-hidden" htmlFor={nameId}>
          {i18n.t("organise.projectName")}
        </label>
        <input
          id={nameId}
          className="sidebar-input"
          value={name}
          dir="auto"
          maxLength={120}
          placeholder={i18n.t("organise.projectName")}
          onChange={(event) => setName(event.target.value)}
          data-testid="add-project-input"
        />
        <button type="submit" className="icon-button" disabled={adding} aria-label={i18n.t("organise.addProject")}>
          <Icon name="plus" size={18} />
        </button>
      </form>
      <FormError message={problem} />
      <ul className="sidebar-list">
        {screenLink("/projects/archived", "empty", "arrange.archivedProjects", "sidebar-archived")}
      </ul>
      <h2 className="sidebar-heading">{i18n.t("organise.filters")}</h2>
      <ul className="sidebar-list">{screenLink("/filters/new", "plus", "newFilter.add", "sidebar-new-filter")}</ul>
      {organise.savedFilters.length === 0 ? (
        <p className="hint sidebar-hint">{i18n.t("organise.noFilters")}</p>
      ) : (
        <ul className="sidebar-list" data-testid="sidebar-filters">
          {organise.savedFilters.map((filter) => (
            <SidebarLink
              key={filter.id}
              href={`/filters/${filter.id}`}
              icon="filter"
              label={filter.name}
              current={route.screen === "filter" && route.filterId === filter.id}
              onFollow={onClose}
            />
          ))}
        </ul>
      )}
    </nav>
  );
}
