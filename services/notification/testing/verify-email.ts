import { waitFor } from "../../platform/testing/wait";
import type { SmtpSink } from "./smtp-sink";

export const verificationSubject = "Confirm your email address for taskmesh";

/** quotedPrintable undoes the transfer encoding nodemailer may use for long lines ("=3D", soft breaks). */
const quotedPrintable = (text: string) =>
  text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/** verificationLinkFor waits for the verification email the sink received for `email` and returns its link. */
export async function verificationLinkFor(sink: SmtpSink, email: string, ms = 10_000): Promise<URL> {
  const mail = await waitFor(
    `the verification email to ${email}`,
    () => sink.received.find((m) => m.to.includes(email) && m.subject === verificationSubject),
    ms,
  );
  const link = /https?:\/\/\S+\/verify-email\?\S+/.exec(quotedPrintable(mail.text))?.[0];
  if (!link) throw new Error(`no link in the verification email: ${mail.text}`);
  return new URL(link);
}

/**
 * verifyThroughLink verifies an address the way its owner does: it opens the link mailed to it (on the
 * test stack's origin, since the link names the configured PUBLIC_URL) and answers the page's status.
 */
export async function verifyThroughLink(sink: SmtpSink, email: string, baseUrl: string): Promise<number> {
  const link = await verificationLinkFor(sink, email);
  const response = await fetch(`${baseUrl}${link.pathname}${link.search}`);
  await response.arrayBuffer();
  return response.status;
}
