import type { LatenessReport } from "../services/notification/bench/reminder-lateness";
import { childReport, ms, stats } from "./stats";

/**
 * Reminder lateness: 1,000 reminders due within the same 2 seconds, through Kafka and the notification
 * scheduler (services/notification/bench/reminder-lateness.ts on real Postgres + Kafka), beside a raw
 * baseline: 1,000 plain timers for the same spread in this process (the event loop's own lateness).
 */
export async function benchReminders(): Promise<void> {
  const baseline: number[] = [];
  const start = Date.now() + 500;
  await Promise.all(
    Array.from({ length: 1000 }, (_, i) => {
      const due = start + (i * 2000) / 1000;
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          baseline.push(Date.now() - due);
          resolve();
        }, due - Date.now()),
      );
    }),
  );
  const report = childReport<LatenessReport>(
    "services/notification/bench/reminder-lateness.ts",
    '{"count"',
    "reminder",
  );
  const raw = stats(baseline);
  console.log("\nreminder lateness (delivered − due), 1000 reminders due within 2 s");
  console.table({
    "setTimeout baseline": { n: raw.count, p50: ms(raw.p50), p95: ms(raw.p95), p99: ms(raw.p99), max: ms(raw.max) },
    "taskmesh notification": {
      n: report.delivered,
      p50: ms(report.p50),
      p95: ms(report.p95),
      p99: ms(report.p99),
      max: ms(report.max),
    },
  });
  console.log(`armed before due: ${report.armedBeforeDue}; aim p99 < 500 ms`);
}
