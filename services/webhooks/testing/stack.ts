import type { Client } from "@connectrpc/connect";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { WebhookService } from "../../../gen/todo/v1/webhook_service_pb";
import { createOrchestrator } from "../../orchestrator/orchestrator";
import { topics } from "../../platform/bus/event-codec";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { startGroupsAtEnd } from "../../platform/testing/kafka-groups";
import { connectClient } from "../../platform/testing/tokens";
import type { Resolver } from "../delivery/resolve-target";
import { webhooksFactory } from "../webhooks";

/** WebhooksStack is the orchestrator and the webhooks service on real Postgres and Kafka, with one user. */
export interface WebhooksStack {
  stack: TestStack;
  userId: string;
  tasks: Client<typeof TaskService>;
  webhooks: Client<typeof WebhookService>;
  stop(): Promise<void>;
}

/**
 * startWebhooksStack starts a fresh webhooks consumer group at the end of its topics, allows 127.0.0.1 (the
 * test receivers), and runs the given retry schedule (ms) so a test sees retries and dead letters in seconds.
 */
export async function startWebhooksStack(options: {
  schedule: string;
  resolve?: Resolver;
  env?: Record<string, string>;
  /** kafka: false runs on the in-memory bus (Postgres only). */
  kafka?: boolean;
}): Promise<WebhooksStack> {
  const group = `webhooks-test-${crypto.randomUUID().slice(0, 8)}`;
  if (options.kafka !== false) await startGroupsAtEnd([group], [topics.taskEvents, topics.auditEvents]);
  const stack = await startTestStack([createOrchestrator, webhooksFactory({ resolve: options.resolve })], {
    kafka: options.kafka,
    env: {
      WEBHOOKS_CONSUMER_GROUP: group,
      WEBHOOKS_ALLOWED_TARGETS: "127.0.0.1/32",
      WEBHOOKS_RETRY_SCHEDULE_MS: options.schedule,
      WEBHOOKS_POLL_MS: "100",
      WEBHOOKS_ATTEMPT_TIMEOUT_MS: "2000",
      ...options.env,
    },
  });
  const { user, tokens } = await connectClient(AuthService, stack.baseUrl).register({
    email: `webhooks-${crypto.randomUUID()}@example.com`,
    password: "correct horse battery",
    displayName: "Webhooks Test",
    timeZone: "Asia/Karachi",
    locale: "en",
  });
  const token = tokens!.accessToken;
  return {
    stack,
    userId: user!.id,
    tasks: connectClient(TaskService, stack.baseUrl, token),
    webhooks: connectClient(WebhookService, stack.baseUrl, token),
    stop: () => stack.stop(),
  };
}
