import {
  EmailVerificationRequestedSchema,
  PasswordChangedSchema,
  PasswordResetRequestedSchema,
  SignUpAttemptedSchema,
} from "../../../gen/todo/events/v1/audit_events_pb";
import { passwordResetLink, verificationLink } from "../../platform/auth/email-link";
import { type EventHandler, on } from "../../platform/bus/typed-events";
import type { Logger } from "../../platform/logger";
import type { Mailer } from "../delivery/mailer";

/** passwordResetSubject is the subject of the reset link email (tests look for it). */
export const passwordResetSubject = "Reset your taskmesh password";

/**
 * accountMailHandlers send the emails about an account itself, once per event (the consumer is
 * idempotent): the verification link to an address an account has just named — the only email an
 * unverified address ever gets —; to the verified owner of an address someone tried to register
 * with, a notice (the one registering was told nothing); a password reset link (the orchestrator asks for
 * one only for a verified address); and, to the verified address the event names, a notice that the password changed.
 */
export function accountMailHandlers(deps: {
  mailer: Mailer;
  internalToken: string;
  publicUrl: string;
  logger: Logger;
}): EventHandler[] {
  return [
    on(EmailVerificationRequestedSchema, async ({ event }) => {
      const { verificationId, email } = event;
      await deps.mailer.send({
        to: email,
        subject: "Confirm your email address for taskmesh",
        text: [
          "Someone (hopefully you) created a taskmesh account with this address.",
          "Open this link to confirm it; until then taskmesh sends no email here:",
          "",
          verificationLink(deps.publicUrl, deps.internalToken, verificationId),
          "",
          "If it was not you, ignore this message: nothing more will be sent.",
        ].join("\n"),
      });
    }),
    on(PasswordResetRequestedSchema, async ({ event }) => {
      await deps.mailer.send({
        to: event.email,
        subject: passwordResetSubject,
        text: [
          "Someone (hopefully you) asked to reset the password of your taskmesh account.",
          "Open this link within 30 minutes to choose a new password; it works once:",
          "",
          passwordResetLink(deps.publicUrl, deps.internalToken, event.resetId),
          "",
          "If it was not you, ignore this message: your password stays as it is.",
        ].join("\n"),
      });
    }),
    on(PasswordChangedSchema, async ({ event }) => {
      const to = event.email;
      if (!to) return;
      await deps.mailer.send({
        to,
        subject: "Your taskmesh password was changed",
        text: [
          event.how === "reset"
            ? "The password of your taskmesh account was just reset with a link mailed to this address."
            : "The password of your taskmesh account was just changed.",
          "Every device that was signed in has been signed out.",
          "If it was not you, reset your password now from the sign-in page and check your account.",
        ].join("\n"),
      });
    }),
    on(SignUpAttemptedSchema, async ({ event }) => {
      const to = event.email;
      if (!to) return;
      await deps.mailer.send({
        to,
        subject: "Someone tried to sign up to taskmesh with your address",
        text: [
          "An account was just registered with this email address, which already belongs to your taskmesh account.",
          "If it was you, sign in instead (your account is unchanged). If not, you need do nothing: that account cannot use your address.",
        ].join("\n"),
      });
    }),
  ];
}
