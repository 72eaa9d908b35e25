import { timestampDate } from "@bufbuild/protobuf/wkt";
import { MemberInvitedSchema } from "../../../gen/todo/events/v1/share_events_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { invitationLink } from "../../platform/auth/email-link";
import { type EventHandler, on } from "../../platform/bus/typed-events";
import type { Mailer } from "../delivery/mailer";

/** invitationSubject is the subject of an invitation email. */
const invitationSubject = (projectName: string) => `You are invited to "${projectName}" on taskmesh`;

/**
 * shareMailHandlers mail an invitation's link, once per MemberInvited (the consumer is idempotent). The link's
 * secret is derived from the invitation id here, as the orchestrator checks it: the event carries no secret. The
 * invitee's language is unknown (they may have no account), so the mail is in English, Urdu and Roman Urdu.
 */
export function shareMailHandlers(deps: { mailer: Mailer; internalToken: string; publicUrl: string }): EventHandler[] {
  return [
    on(MemberInvitedSchema, async ({ event }) => {
      const invitation = event.invitation;
      if (!invitation?.email) return;
      const link = invitationLink(deps.publicUrl, deps.internalToken, invitation.id);
      const viewer = invitation.role === ProjectRole.VIEWER;
      const expires = invitation.expiresAt ? timestampDate(invitation.expiresAt).toISOString().slice(0, 10) : "";
      await deps.mailer.send({
        to: invitation.email,
        subject: invitationSubject(invitation.projectName),
        text: [
          `${invitation.inviterName} invites you to ${viewer ? "see" : "work on"} the project “${invitation.projectName}” on taskmesh.`,
          `Open this link to accept or decline (it works once, until ${expires}):`,
          "",
          link,
          "",
          `${invitation.inviterName} آپ کو taskmesh پر پروجیکٹ “${invitation.projectName}” میں شامل ہونے کی دعوت دیتے ہیں۔ قبول یا رد کرنے کے لیے اوپر والا لنک کھولیں (یہ ایک بار اور ${expires} تک کام کرتا ہے)۔`,
          "",
          `${invitation.inviterName} aap ko taskmesh par project “${invitation.projectName}” mein shamil hone ki dawat dete hain. Qabool ya radd karne ke liye upar wala link kholein (yeh ek baar aur ${expires} tak kaam karta hai).`,
          "",
          "If you do not know this person, ignore this message: nothing happens until the link is opened.",
        ].join("\n"),
      });
    }),
  ];
}
