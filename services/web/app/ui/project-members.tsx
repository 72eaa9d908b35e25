import { Code, ConnectError } from "@connectrpc/connect";
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import type { Project } from "../../../../gen/todo/v1/project_pb";
import { type Invitation, type Member, ProjectRole } from "../../../../gen/todo/v1/share_pb";
import type { Translator } from "../i18n/translate";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useOrganise } from "../state/use-projects";
import { Icon } from "./icons";
import { followInApp, navigate } from "./router";
import { useToasts } from "./toasts";
import "./share.css";

// The dialog opens on demand: its chunk loads the first time it does (the first screen's script budget).
const ShareDialog = lazy(() => import("./share-dialog").then((m) => ({ default: m.ShareDialog })));

/** roleLabel names a role in the UI language. */
export const roleLabel = (role: ProjectRole, i18n: Translator): string =>
  role === ProjectRole.OWNER
    ? i18n.t("share.roleOwner")
    : role === ProjectRole.VIEWER
      ? i18n.t("share.roleViewer")
      : i18n.t("share.roleEditor");

/** initials are a member's avatar letters: the first letter of the first two words of the name (or the email). */
export const initials = (member: Member): string => {
  const words = (member.displayName || member.email || "?").trim().split(/\s+/);
  return words
    .slice(0, 2)
    .map((w) => Array.from(w)[0] ?? "")
    .join("")
    .toLocaleUpperCase();
};

export const nameOf = (member: Member) => member.displayName || member.email;

export interface Sharing {
  members: Member[];
  invitations: Invitation[];
  role: ProjectRole;
}

/**
 * useSharing reads a project's members (and, for its owner, open invitations); reload after a change. It reads
 * again when the live stream starts over, which is what a removed member's client sees (the server cuts their
 * streams): a project that now answers NotFound is left for Today, with a note, as the sidebar drops it.
 */
function useSharing(projectId: string, projectName: string) {
  const i18n = useI18n();
  const { api, taskEvents } = useSession();
  const toasts = useToasts();
  const organise = useOrganise();
  const [sharing, setSharing] = useState<Sharing | undefined>(undefined);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => taskEvents.onResync(reload), [taskEvents, reload]);
  const lost = useRef({ i18n, toasts, organise, projectName });
  lost.current = { i18n, toasts, organise, projectName };
  useEffect(() => {
    void version;
    const abort = new AbortController();
    api.share
      .listMembers({ projectId }, { signal: abort.signal })
      .then((res) => setSharing({ members: res.members, invitations: res.invitations, role: res.role }))
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        // Offline: the header shows no avatars rather than an error of its own.
        setSharing(undefined);
        if (ConnectError.from(e).code !== Code.NotFound) return;
        const { i18n, toasts, organise, projectName } = lost.current;
        toasts.show({ tone: "info", message: i18n.t("share.lostAccess", { name: projectName }) });
        organise.reload();
        navigate("/today", { replace: true });
      });
    return () => abort.abort();
  }, [api, projectId, version]);
  return { sharing, reload };
}

/**
 * ProjectMembers is the project header's member avatars (initials) and its Share button, for a
 * top-level project other than the Inbox (only those can be shared).
 */
export function ProjectMembers({ project }: { project: Project }) {
  const i18n = useI18n();
  const { sharing, reload } = useSharing(project.id, project.name);
  const [open, setOpen] = useState(false);
  if (project.inbox || project.parentId) return null;
  const members = sharing?.members ?? [];
  return (
    <div className="share-heading">
      {members.length > 1 && (
        <ul
          className="member-avatars"
          aria-label={i18n.t("share.membersLabel", { names: members.map(nameOf).join(", ") })}
          data-testid="member-avatars"
        >
          {members.slice(0, 5).map((m) => (
            <li key={m.userId} className="member-avatar" title={nameOf(m)} aria-hidden="true">
              {initials(m)}
            </li>
          ))}
          {members.length > 5 && (
            <li className="member-avatar" aria-hidden="true">
              +{members.length - 5}
            </li>
          )}
        </ul>
      )}
      {members.length > 1 && (
        // What everyone did in the shared project, each change named (Activity filtered to the project).
        <a
          className="button small"
          href={`/activity?project=${project.id}`}
          aria-label={i18n.t("activity.ofProject", { name: project.name })}
          data-testid="project-activity"
          onClick={followInApp}
        >
          <Icon name="activity" size={16} />
          {i18n.t("nav.activity")}
        </a>
      )}
      <button
        type="button"
        className="button small"
        onClick={() => {
          // Read the people again: someone may have accepted or left since the header was drawn.
          reload();
          setOpen(true);
        }}
        data-testid="share-open"
      >
        <Icon name="user" size={16} />
        {i18n.t("share.open")}
      </button>
      {open && (
        <Suspense fallback={null}>
          <ShareDialog
            project={project}
            sharing={sharing}
            reload={reload}
            onClose={() => {
              setOpen(false);
              reload();
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
