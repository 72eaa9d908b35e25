import { expect, test } from "bun:test";
import { join } from "node:path";

test("the negative-timer warning is dropped; other process warnings still reach stderr", () => {
  const script = `
    import { ignoreKafkajsTimerWarning } from ${JSON.stringify(join(import.meta.dir, "kafkajs-timer-warning.ts"))};
    ignoreKafkajsTimerWarning();
    setTimeout(() => process.emitWarning("something else", "OtherWarning"), -1_795_499_334_051);
  `;
  const result = Bun.spawnSync([process.execPath, "-e", script], { stderr: "pipe" });
  const stderr = result.stderr.toString();
  expect(result.exitCode).toBe(0);
  expect(stderr).not.toContain("TimeoutNegativeWarning");
  expect(stderr).toContain("OtherWarning: something else");
});
