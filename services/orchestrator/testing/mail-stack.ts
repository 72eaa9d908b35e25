import { createNotification } from "../../notification/notification";
import { type SmtpSink, startSmtpSink } from "../../notification/testing/smtp-sink";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { createOrchestrator } from "../orchestrator";

/** MailStack is the orchestrator and notification (no Kafka) mailing into a real SMTP sink. */
export interface MailStack {
  sink: SmtpSink;
  stack: TestStack;
  stop(): Promise<void>;
}

/** startMailStack starts the sink, then the services with SMTP_URL pointing at it and `env` (limits, quotas) added. */
export async function startMailStack(env: Record<string, string>): Promise<MailStack> {
  const sink = await startSmtpSink();
  try {
    const stack = await startTestStack([createOrchestrator, createNotification], {
      kafka: false,
      env: { SMTP_URL: sink.url, ...env },
    });
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
