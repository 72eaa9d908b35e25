import { Code, ConnectError } from "@connectrpc/connect";
import { useEffect, useState } from "react";
import type { Invitation } from "../../../../../gen/todo/v1/share_pb";
import type { Api } from "../../api/api";
import { errorMessage } from "../../domain/error-message";
import { useI18n } from "../../state/i18n-context";
import { ActionButton, FormError } from "../../ui/form-fields";
import { roleLabel } from "../../ui/project-members";
import { navigate, useLocation } from "../../ui/router";
import { SignedOutFrame } from "../account/signed-out-frame";

/**
 * InvitationScreen is where a mailed invitation link lands (/invitation?id=…&token=…) once signed in (a
 * signed-out visitor signs in first, on this same address, and comes back here). It names the project and the
 * inviter when the invitation is addressed to this account's verified email; the link's token works for any
 * signed-in account, so it answers Accept or Decline either way.
 */
export function InvitationScreen({ api }: { api: Api }) {
  const i18n = useI18n();
  const params = new URLSearchParams(useLocation().search);
  const id = params.get("id") ?? "";
  const token = params.get("token") ?? "";
  const [invitation, setInvitation] = useState<Invitation | undefined>(undefined);
  const [state, setState] = useState<"open" | "declined" | "dead">("open");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  useEffect(() => {
    api.share
      .listInvitations({})
      .then((res) => setInvitation(res.invitations.find((i) => i.id === id)))
      .catch(() => {
        // Unverified address or offline: the page still answers by the link's token.
      });
  }, [api, id]);

  const answer = async (accept: boolean) => {
    setBusy(true);
    setProblem(undefined);
    try {
      if (accept) {
        const res = await api.share.acceptInvitation({ id, token });
        navigate(`/projects/${res.projectId}`, { replace: true });
      } else {
        await api.share.declineInvitation({ id, token });
        setState("declined");
      }
    } catch (e) {
      const code = ConnectError.from(e).code;
      // A wrong token, a used, withdrawn or expired invitation, or a malformed link: nothing left to answer.
      if (code === Code.NotFound || code === Code.FailedPrecondition || code === Code.InvalidArgument) setState("dead");
      else setProblem(errorMessage(e, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <SignedOutFrame title={i18n.t("share.pageTitle")}>
      <div data-testid="invitation-page">
        {state === "open" && (
          <>
            <p dir="auto" data-testid="invitation-text">
              {invitation
                ? i18n.t("share.invitationFrom", {
                    inviter: invitation.inviterName,
                    project: invitation.projectName,
                    role: roleLabel(invitation.role, i18n),
                  })
                : i18n.t("share.pageGeneric")}
            </p>
            <FormError message={problem} />
            <div className="invitation-actions">
              <ActionButton
                className="button primary"
                disabled={busy}
                onClick={() => void answer(true)}
                data-testid="invitation-accept"
                label={i18n.t("share.accept")}
              />
              <ActionButton
                disabled={busy}
                onClick={() => void answer(false)}
                data-testid="invitation-decline"
                label={i18n.t("share.decline")}
              />
            </div>
          </>
        )}
        {state === "declined" && (
          <p className="banner is-ok" role="status">
            {i18n.t("share.declined")}
          </p>
        )}
        {state === "dead" && (
          <p className="banner is-error" role="alert" data-testid="invitation-dead">
            {i18n.t("share.dead")}
          </p>
        )}
      </div>
      <p className="auth-switch">
        <button type="button" className="link-button" onClick={() => navigate("/today", { replace: true })}>
          {i18n.t("share.openApp")}
        </button>
      </p>
    </SignedOutFrame>
  );
}
