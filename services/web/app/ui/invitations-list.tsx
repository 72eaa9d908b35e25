import { useCallback, useEffect, useState } from "react";
import type { Invitation } from "../../../../gen/todo/v1/share_pb";
import { errorMessage } from "../domain/error-message";
import { useI18n } from "../state/i18n-context";
import { useSession } from "../state/session";
import { useOrganise } from "../state/use-projects";
import { ActionButton } from "./form-fields";
import { roleLabel } from "./project-members";
import { navigate } from "./router";
import { useToasts } from "./toasts";

/** How often the open invitations are read again while the app is open (an invitation has no live event for its addressee). */
const refreshMs = 15_000;

/**
 * InvitationsList shows, in the sidebar, the open invitations addressed to the signed-in user's verified
 * email, each with Accept and Decline (in-app: no token needed). Nothing is shown when there are none.
 */
export function InvitationsList() {
  const i18n = useI18n();
  const { api } = useSession();
  const toasts = useToasts();
  const organise = useOrganise();
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => {
    api.share
      .listInvitations({})
      .then((res) => setInvitations(res.invitations))
      .catch(() => {
        // Offline or not verified yet: keep what is shown; the next read tries again.
      });
  }, [api]);
  useEffect(() => {
    load();
    const timer = setInterval(load, refreshMs);
    window.addEventListener("focus", load);
    return () => {
      clearInterval(timer);
      window.removeEventListener("focus", load);
    };
  }, [load]);
  if (invitations.length === 0) return null;

  const answer = async (invitation: Invitation, accept: boolean) => {
    setBusy(true);
    try {
      if (accept) {
        const res = await api.share.acceptInvitation({ id: invitation.id });
        toasts.show({ tone: "info", message: i18n.t("share.accepted", { project: invitation.projectName }) });
        organise.reload();
        navigate(`/projects/${res.projectId}`);
      } else {
        await api.share.declineInvitation({ id: invitation.id });
        toasts.show({ tone: "info", message: i18n.t("share.declined") });
      }
    } catch (e) {
      toasts.show({ tone: "error", message: errorMessage(e, i18n) });
    } finally {
      setBusy(false);
      load();
    }
  };

  return (
    <section className="sidebar-invitations" aria-labelledby="sidebar-invitations" data-testid="invitations">
      <h2 className="sidebar-heading" id="sidebar-invitations">
        {i18n.t("share.invitations")}
      </h2>
      <ul className="sidebar-list">
        {invitations.map((inv) => (
          <li key={inv.id} className="invitation-item" data-testid="invitation">
            <p dir="auto">
              {i18n.t("share.invitationFrom", {
                inviter: inv.inviterName,
                project: inv.projectName,
                role: roleLabel(inv.role, i18n),
              })}
            </p>
            <div className="invitation-actions">
              <ActionButton
                className="button primary small"
                disabled={busy}
                aria-label={i18n.t("share.acceptFor", { project: inv.projectName })}
                onClick={() => void answer(inv, true)}
                label={i18n.t("share.accept")}
              />
              <ActionButton
                className="button small"
                disabled={busy}
                aria-label={i18n.t("share.declineFor", { project: inv.projectName })}
                onClick={() => void answer(inv, false)}
                label={i18n.t("share.decline")}
              />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
