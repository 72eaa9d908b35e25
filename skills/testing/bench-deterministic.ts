/**
 * Times the deterministic path over the corpus: `bun skills/testing/bench-deterministic.ts`.
 * Prints per-call p50/p95/p99 and mean for intent detection, task extraction and both together.
 */
import { RECENT_TASKS, UTTERANCES } from "../corpus/utterances";
import { detectIntentRules } from "../intent/intent-rules";
import type { DateFrame } from "../shared/dates/date-finding";
import { makeFrame } from "../shared/frame";
import { extractTaskRules } from "../task/task-rules";

const frame = makeFrame(new Date("2026-03-04T05:00:00Z"), "Asia/Karachi") as DateFrame;
const ROUNDS = Number(process.env.ROUNDS ?? 20);

function measure(name: string, run: (text: string) => void): void {
  for (const line of UTTERANCES) run(line.text);
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const line of UTTERANCES) {
      const started = performance.now();
      run(line.text);
      samples.push(performance.now() - started);
    }
  }
  samples.sort((a, b) => a - b);
  const at = (q: number): string =>
    (samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0).toFixed(3);
  const mean = (samples.reduce((sum, value) => sum + value, 0) / samples.length).toFixed(3);
  console.log(
    `${name.padEnd(16)} n=${samples.length} mean=${mean}ms p50=${at(0.5)}ms p95=${at(0.95)}ms p99=${at(0.99)}ms`,
  );
}

measure("detectIntent", (text) => detectIntentRules({ text, context: { recentTasks: RECENT_TASKS } }));
measure("extractTask", (text) => extractTaskRules(text, frame));
measure("intent+task", (text) => {
  detectIntentRules({ text, context: { recentTasks: RECENT_TASKS } });
  extractTaskRules(text, frame);
});
