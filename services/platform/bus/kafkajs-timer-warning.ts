let installed = false;

/**
 * kafkajs 2.2.4 schedules its request-queue check with `setTimeout(throttledUntil - Date.now())` while
 * `throttledUntil` is still -1, a negative delay that Bun (like Node ≥ 23) clamps to 1 ms and reports as a
 * TimeoutNegativeWarning on stderr. The timer behaves as kafkajs intends, so that one warning is dropped;
 * every other process warning is still printed. Called wherever a kafkajs client is made.
 */
export function ignoreKafkajsTimerWarning(): void {
  if (installed) return;
  installed = true;
  process.removeAllListeners("warning");
  process.on("warning", (warning) => {
    if (warning.name === "TimeoutNegativeWarning") return;
    process.stderr.write(`(${process.release.name}:${process.pid}) ${warning.name}: ${warning.message}\n`);
  });
}
