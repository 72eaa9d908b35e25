import nodemailer from "nodemailer";
import type { Logger } from "../../platform/logger";

/** OutgoingEmail is one plain-text email. */
interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  /** messageId, when given, names the message (`<…@…>`): a resent copy is recognisably the same email. */
  messageId?: string;
}

/** Mailer sends email; `kind` says whether it really leaves the process. */
export interface Mailer {
  readonly kind: "smtp" | "log";
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/** smtpMailer sends through the SMTP server at `url` with nodemailer; failures reject for the retry logic. */
export function smtpMailer(url: string, from: string): Mailer {
  // A small pool keeps connections open between reminders; timeouts bound how long a send can hang.
  const transport = nodemailer.createTransport({
    pool: true,
    url,
    maxConnections: 4,
    connectionTimeout: 5000,
    greetingTimeout: 5000,
    socketTimeout: 10_000,
  });
  return {
    kind: "smtp",
    async send(email) {
      await transport.sendMail({
        from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        ...(email.messageId ? { messageId: email.messageId } : {}),
      });
    },
    close: () => transport.close(),
  };
}

/** logMailer writes emails to the log: embedded mode without SMTP_URL, so a laptop needs no mail server. */
export function logMailer(logger: Logger): Mailer {
  return {
    kind: "log",
    async send(email) {
      logger.info({ email }, "email (no SMTP_URL set; written to the log)");
    },
    close: () => {},
  };
}
