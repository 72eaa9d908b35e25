import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * An email verification link is `verification id + secret`, where the secret is an HMAC of the id under
 * a key derived from the internal service credential. The orchestrator (which checks links) and the
 * notification service (which mails them) both hold that credential, so the secret is never stored nor
 * published: the EmailVerificationRequested event that asks for the mail, and the audit log that keeps it,
 * carry only the id — a user reading their own audit log cannot verify an address they do not own.
 */
function verificationSecret(internalToken: string, verificationId: string): string {
  const key = createHmac("sha256", internalToken).update("taskmesh email verification v1").digest();
  return createHmac("sha256", key).update(verificationId).digest("base64url");
}

/** isVerificationSecret compares in constant time. */
export function isVerificationSecret(internalToken: string, verificationId: string, secret: string): boolean {
  const expected = Buffer.from(verificationSecret(internalToken, verificationId));
  const given = Buffer.from(secret);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** verificationLink is the URL mailed to the address: it opens `/verify-email` on the public origin. */
export function verificationLink(publicUrl: string, internalToken: string, verificationId: string): string {
  const url = new URL("/verify-email", publicUrl);
  url.searchParams.set("id", verificationId);
  url.searchParams.set("token", verificationSecret(internalToken, verificationId));
  return url.toString();
}
