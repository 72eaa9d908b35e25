import type { ServiceFactory } from "../../platform/service";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { type NotificationOptions, notificationFactory } from "../notification";
import { type ReceivedEmail, type SmtpSink, startSmtpSink } from "./smtp-sink";

/** emailOf is the verified address every user has in a sink stack. */
export const emailOf = (userId: string) => `${userId}@example.test`;

/** StackWithSink is a test stack mailing into a real SMTP sink; stop ends both. */
export interface StackWithSink {
  sink: SmtpSink;
  stack: TestStack;
  stop(): Promise<void>;
}

/** startStackWithSink starts the sink, then the services with SMTP_URL pointing at it and `env` added. */
export async function startStackWithSink(
  factories: ServiceFactory[],
  env: Record<string, string> = {},
): Promise<StackWithSink> {
  const sink = await startSmtpSink();
  try {
    const stack = await startTestStack(factories, { kafka: false, env: { SMTP_URL: sink.url, ...env } });
    return {
      sink,
      stack,
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

/** SinkStack is the notification service alone (real Postgres, in-memory bus) mailing into a real SMTP sink. */
export interface SinkStack extends StackWithSink {
  /** mailTo is what the sink received for the user so far. */
  mailTo(userId: string): ReceivedEmail[];
}

/**
 * startSinkStack starts a real SMTP sink, then the notification service without the orchestrator: every user has
 * the verified address `emailOf(id)` and an English profile in Asia/Karachi; `options` and `env` are added.
 */
export async function startSinkStack(
  options: NotificationOptions = {},
  env: Record<string, string> = {},
): Promise<SinkStack> {
  const factory = notificationFactory({
    lookupEmail: () => async (userId) => emailOf(userId),
    lookupProfile: () => async (userId) => ({
      email: emailOf(userId),
      timeZone: "Asia/Karachi",
      locale: "en",
      name: `User ${userId.slice(0, 4)}`,
    }),
    ...options,
  });
  const started = await startStackWithSink([factory], env);
  return { ...started, mailTo: (userId) => started.sink.received.filter((m) => m.to.includes(emailOf(userId))) };
}
