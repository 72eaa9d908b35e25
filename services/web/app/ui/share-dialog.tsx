import { type FormEvent, useId, useState } from "react";
import type { Project } from "../../../../gen/todo/v1/project_pb";
import { type Member, ProjectRole } from "../../../../gen/todo/v1/share_pb";
import { errorMessage } from "../domain/error-message";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useOrganise } from "../state/use-projects";
import { Avatar } from "./assignee-avatar";
import { Dialog } from "./dialog";
import { ActionButton, EmailField, FormError, SubmitButton } from "./form-fields";
import { nameOf, roleLabel, type Sharing } from "./project-members";
import { navigate } from "./router";
import { useToasts } from "./toasts";

/**
 * ShareDialog manages a project's people: the owner invites by email with a role, withdraws pending
 * invitations, changes roles, removes members and transfers ownership; a member may leave.
 */
export function ShareDialog({
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
                <ActionButton
                  className="button small"
                  disabled={busy}
                  aria-label={i18n.t("share.revokeFor", { email: inv.email })}
                  onClick={() => void run(() => api.share.revokeInvitation({ id: inv.id }))}
                  label={i18n.t("share.revoke")}
                />
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
                <Avatar member={m} />
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
                    <ActionButton
                      className="button small"
                      disabled={busy}
                      aria-label={i18n.t("share.transferOf", { name })}
                      onClick={() => setConfirming({ kind: "transfer", member: m })}
                      label={i18n.t("share.transfer")}
                    />
                    <ActionButton
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
                      label={i18n.t("share.remove")}
                    />
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
        <ActionButton
          className="button danger"
          disabled={busy}
          onClick={() => setConfirming({ kind: "leave" })}
          data-testid="share-leave"
          label={i18n.t("share.leave")}
        />
      )}
      {confirming && (
        <div className="banner is-info share-confirm" role="alertdialog" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>
            {confirming.kind === "leave"
              ? i18n.t("share.leaveConfirm", { name: project.name })
              : i18n.t("share.transferConfirm", { name: nameOf(confirming.member), project: project.name })}
          </p>
          <ActionButton
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
            label={i18n.t("share.confirm")}
          />
          <ActionButton
            className="button small"
            onClick={() => setConfirming(undefined)}
            label={i18n.t("arrange.cancel")}
          />
        </div>
      )}
    </Dialog>
  );
}
