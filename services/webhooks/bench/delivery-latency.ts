import { loadavg } from "node:os";
import { isMessage } from "@bufbuild/protobuf";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { TaskCreatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { decodeEvent, topics } from "../../platform/bus/event-codec";

/** Summary is a sample's count and percentiles, in ms. */
export type Summary = ReturnType<typeof summary>;

/** LatencyReport is one run: webhook delivery (commit → receiver) beside the Kafka consumer's own (commit → handler). */
export interface LatencyReport {
  rate: number;
  seconds: number;
  created: number;
  /** webhook: event commit (its occurred_at, set in the orchestrator's transaction) → the receiver has the POST. */
  webhook: Summary;
  /** kafka: the same events' commit → a plain consumer group's handler on task-events, in the same run. */
  kafka: Summary;
  /** queued: commit → the webhooks consumer's delivery row (its statement's time): the consumer's share of `webhook`. */
  queued: Summary;
  createErrors: number;
  /** errors counts the failed creations by message (a bench on an overloaded machine says why). */
  errors: Record<string, number>;
  duplicates: number;
  badSignatures: number;
  /** loadAverage is the machine's 1-minute load when the run ended (2 cores: above 2 the figures include waiting). */
  loadAverage: number;
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** summary is count, p50, p95, p99 and max of a sample, in ms. */
function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 0.5) ?? NaN,
    p95: percentile(sorted, 0.95) ?? NaN,
    p99: percentile(sorted, 0.99) ?? NaN,
    max: sorted.at(-1) ?? NaN,
  };
}

/**
 * Runs the orchestrator and the webhooks service in process on real Postgres and Kafka, 10 users with one
 * endpoint each (task.created) on a local receiver that verifies every signature, and creates tasks at `rate`
 * per second (open loop: one every 1000/rate ms, whatever the answers take) for `seconds`. A plain consumer group
 * on task-events records when each of those events reaches a Kafka handler, as the baseline.
 */
if (import.meta.main) {
  const rate = Number(process.env.BENCH_RATE ?? 200);
  const seconds = Number(process.env.BENCH_SECONDS ?? 15);
  const { startReceiver } = await import("../testing/receiver");
  const { startWebhooksStack } = await import("../testing/stack");
  const { startGroupsAtEnd } = await import("../../platform/testing/kafka-groups");
  const { connectClient } = await import("../../platform/testing/tokens");
  const { AuthService } = await import("../../../gen/todo/v1/auth_service_pb");
  const { TaskService } = await import("../../../gen/todo/v1/task_service_pb");
  const { WebhookService } = await import("../../../gen/todo/v1/webhook_service_pb");

  const env = await startWebhooksStack({
    schedule: "1000,2000,4000",
    env: { LOG_LEVEL: "warn", REQUESTS_PER_ADDRESS: "10000" },
  });
  const receiver = startReceiver();
  const users = await Promise.all(
    Array.from({ length: 10 }, async (_, i) => {
      const { tokens } = await connectClient(AuthService, env.stack.baseUrl).register({
        email: `webhooks-bench-${i}-${crypto.randomUUID()}@example.com`,
        password: "correct horse battery",
        displayName: `Bench ${i}`,
        timeZone: "Asia/Karachi",
        locale: "en",
      });
      const token = tokens!.accessToken;
      return {
        tasks: connectClient(TaskService, env.stack.baseUrl, token),
        webhooks: connectClient(WebhookService, env.stack.baseUrl, token),
      };
    }),
  );
  // One receiver for all; each endpoint's secret differs, so the receiver checks against the right one by URL path.
  const secrets = new Map<string, string>();
  for (const [i, user] of users.entries()) {
    const url = `${receiver.url}?user=${i}`;
    const { secret } = await user.webhooks.createWebhookEndpoint({ url, eventTypes: ["task.created"] });
    secrets.set(String(i), secret);
  }
  receiver.setSecretFor((request) => secrets.get(new URL(request.url).searchParams.get("user") ?? "") ?? "");

  const ours = new Set<string>();
  const kafka = new Map<string, number>();
  const group = `webhooks-bench-baseline-${crypto.randomUUID().slice(0, 8)}`;
  await startGroupsAtEnd([group], [topics.taskEvents]);
  await env.stack.deps.bus.subscribe({
    groupId: group,
    topics: [topics.taskEvents],
    concurrency: 4,
    handle: async (message) => {
      const decoded = decodeEvent(message);
      if (!isMessage(decoded.event, TaskCreatedSchema) || !decoded.meta.occurredAt) return;
      kafka.set(decoded.meta.eventId, Date.now() - timestampDate(decoded.meta.occurredAt).getTime());
    },
  });

  let createErrors = 0;
  const errorCodes = new Map<string, number>();
  const total = rate * seconds;
  const start = performance.now();
  const inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await Bun.sleep(wait);
    inFlight.push(
      users[i % users.length]!.tasks.createTask({ title: `bench ${i}` }).then(
        () => undefined,
        (error: unknown) => {
          createErrors++;
          const code = error instanceof Error ? error.message.slice(0, 60) : String(error);
          errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const created = total - createErrors;
  const deadline = Date.now() + 60_000;
  while ((receiver.accepted.length < created || kafka.size < created) && Date.now() < deadline) await Bun.sleep(100);

  const webhook: number[] = [];
  for (const received of receiver.accepted) {
    ours.add(received.eventId);
    const meta = (received.body.data as { meta?: { occurredAt?: string } }).meta;
    if (meta?.occurredAt) webhook.push(received.at - new Date(meta.occurredAt).getTime());
  }
  const sql = (await import("postgres")).default(env.stack.databaseUrl, { max: 1 });
  const queuedRows = await sql<{ ms: number }[]>`
    select extract(epoch from (d.created_at - e.occurred_at)) * 1000 as ms
      from webhooks.deliveries d join webhooks.events e on e.event_id = d.event_id`;
  await sql.end();
  const report: LatencyReport = {
    rate,
    seconds,
    created,
    webhook: summary(webhook),
    kafka: summary([...kafka].filter(([id]) => ours.has(id)).map(([, ms]) => ms)),
    queued: summary(queuedRows.map((row) => Number(row.ms))),
    createErrors,
    errors: Object.fromEntries(errorCodes),
    duplicates: receiver.accepted.length - new Set(receiver.accepted.map((r) => r.webhookId)).size,
    badSignatures: receiver.badSignatures,
    loadAverage: loadavg()[0] ?? 0,
  };
  console.log(JSON.stringify(report));
  await receiver.stop();
  await env.stop();
  process.exit(0);
}
