import { Code, ConnectError } from "@connectrpc/connect";
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from "react";
import type { Project } from "../../../../gen/todo/v1/project_pb";
import { type Invitation, type Member, ProjectRole } from "../../../../gen/todo/v1/share_pb";
import { errorMessage } from "../domain/error-message";
import type { Translator } from "../i18n/translate";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useOrganise } from "../state/use-projects";
import { Dialog } from "./dialog";
import { EmailField, FormError, SubmitButton } from "./form-fields";
import { Icon } from "./icons";
import { navigate } from "./router";
import { useToasts } from "./toasts";
import "./share.css";

/** roleLabel names a role in the UI language. */
export const roleLabel = (role: ProjectRole, i18n: Translator): string =>
  role === ProjectRole.OWNER
    ? i18n.t("share.roleOwner")
    : role === ProjectRole.VIEWER
      ? i18n.t("share.roleViewer")
      : i18n.t("share.roleEditor");

/** initials are a member's avatar letters: the first letter of the first two words of the name (or the email). */
const initials = (member: Member): string => {
  const words = (member.displayName || member.email || "?").trim().split(/\s+/);
  return words
    .slice(0, 2)
    .map((w) => Array.from(w)[0] ?? "")
    .join("")
    .toLocaleUpperCase();
};

const nameOf = (member: Member) => member.displayName || member.email;

interface Sharing {
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
        <ShareDialog
          project={project}
          sharing={sharing}
          reload={reload}
          onClose={() => {
            setOpen(false);
            reload();
          }}
        />
      )}
    </div>
  );
}

/**
 * ShareDialog manages a project's people: the owner invites by email with a role, withdraws pending
 * invitations, changes roles, removes members and transfers ownership; a member may leave.
 */
function ShareDialog({
  project,
  sharing,
  reload,
  onClose,
}: {
  project: Project;
  sharing: Sharing | undefined;
  reload: () => void;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { api, user } = useSession();
  const toasts = useToasts();
  const organise = useOrganise();
  const id = useId();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<ProjectRole>(ProjectRole.EDITOR);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState<{ kind: "transfer"; member: Member } | { kind: "leave" } | undefined>(
    undefined,
  );
  const owner = sharing?.role === ProjectRole.OWNER;

  const run = async (action: () => Promise<unknown>, done?: string): Promise<boolean> => {
    setProblem(undefined);
    setBusy(true);
    try {
      await action();
      if (done) toasts.show({ tone: "info", message: done });
      return true;
    } catch (e) {
      setProblem(errorMessage(e, i18n));
      return false;
    } finally {
      setBusy(false);
      reload();
    }
  };

  const invite = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (
      await run(
        () => api.share.inviteMember({ projectId: project.id, email: address, role }),
        i18n.t("share.invited", { email: address }),
      )
    )
      setEmail("");
  };

  const leave = async () => {
    if (!(await run(() => api.share.leaveProject({ projectId: project.id })))) return;
    onClose();
    organise.reload();
    navigate("/today", { replace: true });
  };

  return (
    <Dialog title={i18n.t("share.title", { name: project.name })} onClose={onClose} testId="share-dialog">
      <FormError message={problem} />
      {owner && (
        <form className="share-invite" onSubmit={(event) => void invite(event)} data-testid="share-invite">
          <EmailField label={i18n.t("share.email")} value={email} onChange={setEmail} />
          <div className="field">
            <label htmlFor={`${id}-role`}>{i18n.t("share.role")}</label>
            <select
              id={`${id}-role`}
              value={role}
              onChange={(event) => setRole(Number(event.target.value) as ProjectRole)}
              data-testid="share-invite-role"
            >
              <option value={ProjectRole.EDITOR}>{i18n.t("share.roleEditor")}</option>
              <option value={ProjectRole.VIEWER}>{i18n.t("share.roleViewer")}</option>
            </select>
          </div>
          <SubmitButton busy={busy} label={i18n.t("share.invite")} />
        </form>
      )}
      {owner && sharing && sharing.invitations.length > 0 && (
        <section aria-labelledby={`${id}-pending`}>
          <h3 id={`${id}-pending`}>{i18n.t("share.pending")}</h3>
          <ul className="share-list" data-testid="share-pending">
            {sharing.invitations.map((inv) => (
              <li key={inv.id}>
                <span dir="ltr">{inv.email}</span>
                <span className="share-role">{roleLabel(inv.role, i18n)}</span>
                <button
                  type="button"
                  className="button small"
                  disabled={busy}
                  aria-label={i18n.t("share.revokeFor", { email: inv.email })}
                  onClick={() => void run(() => api.share.revokeInvitation({ id: inv.id }))}
                >
                  {i18n.t("share.revoke")}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby={`${id}-members`}>
        <h3 id={`${id}-members`}>{i18n.t("share.members")}</h3>
        {!sharing && <p role="status">{i18n.t("common.loading")}</p>}
        <ul className="share-list" data-testid="share-members">
          {sharing?.members.map((m) => {
            const me = m.userId === user.id;
            const name = nameOf(m);
            return (
              <li key={m.userId} data-testid="share-member">
                <span className="member-avatar" aria-hidden="true">
                  {initials(m)}
                </span>
                <span className="share-name" dir="auto">
                  {name}
                  {me && ` ${i18n.t("share.you")}`}
                </span>
                {owner && m.role !== ProjectRole.OWNER ? (
                  <>
                    <select
                      aria-label={i18n.t("share.roleOf", { name })}
                      value={m.role}
                      disabled={busy}
                      onChange={(event) =>
                        void run(() =>
                          api.share.changeMemberRole({
                            projectId: project.id,
                            userId: m.userId,
                            role: Number(event.target.value) as ProjectRole,
                          }),
                        )
                      }
                    >
                      <option value={ProjectRole.EDITOR}>{i18n.t("share.roleEditor")}</option>
                      <option value={ProjectRole.VIEWER}>{i18n.t("share.roleViewer")}</option>
                    </select>
                    <button
                      type="button"
                      className="button small"
                      disabled={busy}
                      aria-label={i18n.t("share.transferOf", { name })}
                      onClick={() => setConfirming({ kind: "transfer", member: m })}
                    >
                      {i18n.t("share.transfer")}
                    </button>
                    <button
                      type="button"
                      className="button small danger"
                      disabled={busy}
                      aria-label={i18n.t("share.removeMember", { name })}
                      data-testid="share-remove"
                      onClick={() =>
                        void run(
                          () => api.share.removeMember({ projectId: project.id, userId: m.userId }),
                          i18n.t("share.removed", { name }),
                        )
                      }
                    >
                      {i18n.t("share.remove")}
                    </button>
                  </>
                ) : (
                  <span className="share-role">{roleLabel(m.role, i18n)}</span>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      {sharing && !owner && (
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={() => setConfirming({ kind: "leave" })}
          data-testid="share-leave"
        >
          {i18n.t("share.leave")}
        </button>
      )}
      {confirming && (
        <div className="banner is-info share-confirm" role="alertdialog" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>
            {confirming.kind === "leave"
              ? i18n.t("share.leaveConfirm", { name: project.name })
              : i18n.t("share.transferConfirm", { name: nameOf(confirming.member), project: project.name })}
          </p>
          <button
            type="button"
            className="button primary small"
            disabled={busy}
            data-testid="share-confirm"
            onClick={() => {
              const what = confirming;
              setConfirming(undefined);
              if (what.kind === "leave") void leave();
              else
                void run(
                  () => api.share.transferOwnership({ projectId: project.id, userId: what.member.userId }),
                  i18n.t("share.transferred", { name: nameOf(what.member) }),
                ).then(() => organise.reload());
            }}
          >
            {i18n.t("share.confirm")}
          </button>
          <button type="button" className="button small" onClick={() => setConfirming(undefined)}>
            {i18n.t("arrange.cancel")}
          </button>
        </div>
      )}
    </Dialog>
  );
}
