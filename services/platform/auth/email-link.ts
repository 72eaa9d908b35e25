import { createHmac, timingSafeEqual } from "node:crypto";

/*
 * An email verification link is `verification id + secret`, where the secret is an HMAC of the id under
 * a key derived from the internal service credential. The orchestrator (which checks links) and the
 * notification service (which mails them) both hold that credential, so the secret is never stored nor
 * published: the EmailVerificationRequested event that asks for the mail, and the audit log that keeps it,
 * carry only the id — a user reading their own audit log cannot verify an address they do not own.
 * Password reset links work the same way under a key of their own.
 */
/** A link's purpose keys its secret: a verification link's secret does not open a password reset, nor the reverse. */
type LinkPurpose = "taskmesh email verification v1" | "taskmesh password reset v1" | "taskmesh project invitation v1";

function linkSecret(internalToken: string, purpose: LinkPurpose, id: string): string {
  const key = createHmac("sha256", internalToken).update(purpose).digest();
  return createHmac("sha256", key).update(id).digest("base64url");
}

function isLinkSecret(internalToken: string, purpose: LinkPurpose, id: string, secret: string): boolean {
  const expected = Buffer.from(linkSecret(internalToken, purpose, id));
  const given = Buffer.from(secret);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function link(publicUrl: string, path: string, internalToken: string, purpose: LinkPurpose, id: string): string {
  const url = new URL(path, publicUrl);
  url.searchParams.set("id", id);
  url.searchParams.set("token", linkSecret(internalToken, purpose, id));
  return url.toString();
}

/** isVerificationSecret compares in constant time. */
export const isVerificationSecret = (internalToken: string, verificationId: string, secret: string): boolean =>
  isLinkSecret(internalToken, "taskmesh email verification v1", verificationId, secret);

/** verificationLink is the URL mailed to the address: it opens `/verify-email` on the public origin. */
export const verificationLink = (publicUrl: string, internalToken: string, verificationId: string): string =>
  link(publicUrl, "/verify-email", internalToken, "taskmesh email verification v1", verificationId);

/** isPasswordResetSecret checks a password reset link's secret (same scheme, its own key), in constant time. */
export const isPasswordResetSecret = (internalToken: string, resetId: string, secret: string): boolean =>
  isLinkSecret(internalToken, "taskmesh password reset v1", resetId, secret);

/** passwordResetLink is the URL mailed for a reset: the web app's `/reset-password` page on the public origin. */
export const passwordResetLink = (publicUrl: string, internalToken: string, resetId: string): string =>
  link(publicUrl, "/reset-password", internalToken, "taskmesh password reset v1", resetId);

/** isInvitationSecret checks a project invitation link's secret (same scheme, its own key), in constant time. */
export const isInvitationSecret = (internalToken: string, invitationId: string, secret: string): boolean =>
  isLinkSecret(internalToken, "taskmesh project invitation v1", invitationId, secret);

/** invitationLink is the URL mailed with an invitation: the web app's `/invitation` page on the public origin. */
export const invitationLink = (publicUrl: string, internalToken: string, invitationId: string): string =>
  link(publicUrl, "/invitation", internalToken, "taskmesh project invitation v1", invitationId);
