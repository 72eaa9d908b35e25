import type { DescMethod } from "@bufbuild/protobuf";
import fc from "fast-check";
import { callJson } from "./input-call";

/** fuzzSeed is the fast-check seed (FUZZ_SEED), fixed by default so a failure can be replayed. */
export const fuzzSeed = Number(process.env.FUZZ_SEED ?? 20261203);

/** fuzzBudgetMs is how long a fuzz test runs: FUZZ_MS, or the test's own default. */
export const fuzzBudgetMs = (defaultMs: number) => Number(process.env.FUZZ_MS ?? defaultMs);

/**
 * fuzzJsonCalls sends generated JSON bodies to their procedures for `budgetMs` and lists every answer that is
 * Internal, Unknown, a 5xx or no answer at all, with its body; `calls` says how many were made.
 */
export async function fuzzJsonCalls(options: {
  baseUrl: string;
  token: string;
  call: fc.Arbitrary<{ method: DescMethod; body: unknown }>;
  budgetMs: number;
}): Promise<{ failures: string[]; calls: number }> {
  const failures: string[] = [];
  let calls = 0;
  const named = (method: DescMethod, body: unknown) =>
    `${method.parent.name}/${method.name} ${JSON.stringify(body).slice(0, 300)}`;
  await fc
    .assert(
      fc.asyncProperty(options.call, async ({ method, body }) => {
        calls++;
        const answer = await callJson(options.baseUrl, method, body, { token: options.token }).catch(
          (error: unknown) => {
            failures.push(`${named(method, body)} → no answer: ${String(error)}`);
            throw error;
          },
        );
        if (answer.code === "internal" || answer.code === "unknown" || answer.status >= 500) {
          failures.push(`${named(method, body)} → ${answer.status} ${answer.code} ${answer.message}`);
          return false;
        }
        return true;
      }),
      {
        seed: fuzzSeed,
        numRuns: 1_000_000,
        interruptAfterTimeLimit: options.budgetMs,
        markInterruptAsFailure: false,
        endOnFailure: true,
      },
    )
    .catch((error) => failures.push(String(error).slice(0, 2000)));
  if (failures.length) console.log(failures.join("\n"));
  return { failures, calls };
}
