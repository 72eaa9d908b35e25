import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

/** ReceivedEmail is one message the sink accepted. */
export interface ReceivedEmail {
  to: string[];
  subject: string;
  text: string;
  /** raw is the whole message as received (headers and encoded body), for decodeMail. */
  raw: string;
  receivedAt: number;
}

/** SmtpSink is a real SMTP server on a free loopback port that records what it is sent. */
export interface SmtpSink {
  url: string;
  /** accepted messages, in arrival order. */
  received: ReceivedEmail[];
  /** every DATA attempt (accepted or refused), by recipients and time. */
  attempts: { to: string[]; at: number }[];
  close(): Promise<void>;
}

/** header reads one header of a raw message, unfolded (still MIME-encoded). */
export const header = (raw: string, name: string): string => {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : "";
};

/**
 * startSmtpSink listens with smtp-server (no TLS, no auth). Messages to a recipient for which
 * `refuse` answers true are refused at DATA with a temporary error, as a failing mail server would;
 * `delayMs` makes the server that slow to answer DATA for a recipient.
 */
export async function startSmtpSink(
  refuse: (recipient: string) => boolean = () => false,
  delayMs: (recipient: string) => number = () => 0,
): Promise<SmtpSink> {
  const received: ReceivedEmail[] = [];
  const attempts: { to: string[]; at: number }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", async () => {
        const to = session.envelope.rcptTo.map((address) => address.address);
        const delay = Math.max(0, ...to.map(delayMs));
        if (delay > 0) await Bun.sleep(delay);
        const at = Date.now();
        attempts.push({ to, at });
        if (to.some(refuse)) {
          callback(Object.assign(new Error("mailbox temporarily unavailable"), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        received.push({
          to,
          subject: header(raw, "Subject"),
          text: raw
            .split(/\r?\n\r?\n/)
            .slice(1)
            .join("\n\n"),
          raw,
          receivedAt: at,
        });
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
