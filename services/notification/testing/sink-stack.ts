import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { type NotificationOptions, notificationFactory } from "../notification";
import { type ReceivedEmail, type SmtpSink, startSmtpSink } from "./smtp-sink";

/** emailOf is the verified address every user has in a sink stack. */
export const emailOf = (userId: string) => `${userId}@example.test`;

/** SinkStack is the notification service alone (real Postgres, in-memory bus) mailing into a real SMTP sink. */
export interface SinkStack {
  sink: SmtpSink;
  stack: TestStack;
  /** mailTo is what the sink received for the user so far. */
  mailTo(userId: string): ReceivedEmail[];
  stop(): Promise<void>;
}

/**
 * startSinkStack starts a real SMTP sink, then the notification service without the orchestrator: every user has
 * the verified address `emailOf(id)` and an English profile in Asia/Karachi; `options` and `env` are added.
 */
export async function startSinkStack(
  options: NotificationOptions = {},
  env: Record<string, string> = {},
): Promise<SinkStack> {
  const sink = await startSmtpSink();
  try {
    const stack = await startTestStack(
      [
        notificationFactory({
          lookupEmail: () => async (userId) => emailOf(userId),
          lookupProfile: () => async (userId) => ({
            email: emailOf(userId),
            timeZone: "Asia/Karachi",
            locale: "en",
            name: `User ${userId.slice(0, 4)}`,
          }),
          ...options,
        }),
      ],
      { kafka: false, env: { SMTP_URL: sink.url, ...env } },
    );
    return {
      sink,
      stack,
      mailTo: (userId) => sink.received.filter((m) => m.to.includes(emailOf(userId))),
      async stop() {
        await stack.stop();
        await sink.close();
      },
    };
  } catch (error) {
    await sink.close();
    throw error;
  }
}
