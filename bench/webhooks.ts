import type { LatencyReport } from "../services/webhooks/bench/delivery-latency";
import { childReport, ms } from "./stats";

/**
 * Webhook delivery latency: tasks created at 200/s for 15 s by 10 users, each with an endpoint on a local
 * receiver that verifies every Standard Webhooks signature; commit → receiver, beside the Kafka consumer's own
 * commit → handler latency for the same events in the same run (services/webhooks/bench/delivery-latency.ts on
 * real Postgres + Kafka). The difference is the webhooks service's own cost: its transaction, the dispatcher's
 * claim and the signed POST.
 */
export async function benchWebhooks(): Promise<void> {
  const report = childReport<LatencyReport>("services/webhooks/bench/delivery-latency.ts", '{"rate"', "webhooks");
  const row = (s: LatencyReport["webhook"]) => ({
    n: s.n,
    p50: ms(s.p50),
    p95: ms(s.p95),
    p99: ms(s.p99),
    max: ms(s.max),
  });
  console.log(
    `\nwebhook delivery latency, ${report.rate} events/s for ${report.seconds} s (${report.created} tasks created)`,
  );
  console.table({
    "Kafka consumer (commit → handler)": row(report.kafka),
    "webhooks consumer (commit → delivery row)": row(report.queued),
    "webhook (commit → receiver)": row(report.webhook),
  });
  console.log(
    `create errors ${report.createErrors}, duplicate webhook-ids ${report.duplicates}, bad signatures ${report.badSignatures}, load average ${report.loadAverage.toFixed(1)}`,
  );
}
