/**
 * What the browser e2e suites share: embedded taskmesh as a child process, Debian's headless Chromium,
 * axe-core's WCAG 2.1 AA check and the screenshots folder. (web.e2e.test.ts keeps its own copies for now;
 * they are the same code and can move here.)
 */
import { expect } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { startServiceProcess } from "../../platform/testing/service-process";
import { waitFor } from "../../platform/testing/wait";

const axeSource = await Bun.file(Bun.resolveSync("axe-core/axe.min.js", import.meta.dir)).text();

/** accessibilityProblems runs axe-core's WCAG 2.1 A/AA rules on the page and lists each violation with where it is. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: Document,
            options: object,
          ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}

const repoRoot = join(import.meta.dir, "../../..");
/** screenshots is where the suites write what a person can look at (printed at the end). */
export const screenshots = join(repoRoot, ".data/test/screenshots");

/** shot saves a screenshot of the page under `name`.png. */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(screenshots, `${name}.png`), animations: "disabled" });

/** startEmbedded runs embedded taskmesh (PGlite, in-memory bus) as `npm start` does, plus `env`, on a fresh data dir. */
export async function startEmbedded(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "taskmesh-web-e2e-"));
  const taskmesh = await startServiceProcess({
    entry: "services/embedded/main.ts",
    env: { DATA_DIR: dataDir, TASKMESH_MODE: "embedded", DATABASE_URL: "", KAFKA_BROKERS: "", ...env },
  });
  await waitFor(
    "the app bundle",
    async () => {
      const page = await fetch(taskmesh.baseUrl).catch(() => undefined);
      return page?.ok === true && (await page.text()).includes("/assets/");
    },
    60_000,
  );
  return {
    baseUrl: taskmesh.baseUrl,
    async stop() {
      await taskmesh.stop(10_000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** launchChromium starts Debian's chromium (or CHROMIUM_PATH) headless. */
export async function launchChromium(): Promise<Browser> {
  const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing: run \`bash scripts/infra/install-tools.sh\` (installs Debian's chromium)`,
    );
  }
  mkdirSync(screenshots, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** eventually polls until read() returns the expected value, then asserts it (failing with the last value). */
export async function eventually<T>(read: () => T | Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const attempt = async () => {
    try {
      return await read();
    } catch {
      return undefined;
    }
  };
  let value = await attempt();
  while (JSON.stringify(value) !== JSON.stringify(expected) && Date.now() < deadline) {
    await Bun.sleep(100);
    value = await attempt();
  }
  expect(value as T).toEqual(expected);
}
