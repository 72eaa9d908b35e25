/**
 * What the browser e2e suites share: embedded taskmesh as a child process, Debian's headless Chromium,
 * axe-core's WCAG 2.1 AA check, the screenshots folder, and (browserSuite) one stack and one browser per
 * suite with sign-up through the page and API calls as a signed-in person.
 */
import { expect } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { startServiceProcess } from "../../platform/testing/service-process";
import { waitFor } from "../../platform/testing/wait";

const axeSource = await Bun.file(Bun.resolveSync("axe-core/axe.min.js", import.meta.dir)).text();

/**
 * accessibilityProblems runs axe-core's WCAG 2.1 A/AA rules on the page (or only on what `within`, a CSS
 * selector, matches) and lists each violation with where it is.
 */
export async function accessibilityProblems(page: Page, within?: string): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: object,
            options: object,
          ) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const context = selector ? { include: [[selector]] } : document;
    const result = await axe.run(context, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, within);
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

/** Language is a language the app speaks. */
type Language = "en" | "ur";

/** wallClock reads an instant in a zone as YYYY-MM-DD and HH:MM:SS, as the app's date and time inputs take them. */
export function wallClock(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}` };
}

/** viewports are the two screen sizes the suites check: a desktop and a 390 px phone. */
export const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };

/** Person is someone a suite signs up through the page: a name, a language, a screen size and a time zone. */
export type Person = { name: string; language: Language; size: keyof typeof viewports; zone: string };

/** SignedUp is a person signed in on their own page (a browser context of their size and zone). */
export type SignedUp = Person & { page: Page };

/** fourPeople is each language at each size, in Karachi: the people the issue 13 suites sign up. */
export const fourPeople: readonly [Person, Person, Person, Person] = [
  { name: "Ayesha", language: "en", size: "desktop", zone: "Asia/Karachi" },
  { name: "Bilal", language: "ur", size: "desktop", zone: "Asia/Karachi" },
  { name: "Chand", language: "en", size: "phone", zone: "Asia/Karachi" },
  { name: "Dua", language: "ur", size: "phone", zone: "Asia/Karachi" },
];

/** englishDeskUrduPhone is Ayesha (English, desktop) and Dua (Urdu, phone): the pair most single-screen suites sign up. */
export const englishDeskUrduPhone = [fourPeople[0], fourPeople[3]] as const;

const password = "correct horse battery";

/**
 * browserSuite starts embedded taskmesh for one suite (named `name`, the prefix of its screenshots) and
 * opens Chromium the first time a page is asked for; close() stops both and prints the screenshots taken.
 */
export async function browserSuite(name: string) {
  const stack = await startEmbedded();
  const taken: string[] = [];
  let browser: Promise<Browser> | undefined;

  /** newPage opens a page in a fresh browser context of the size and zone, logging the page's errors. */
  async function newPage(size: keyof typeof viewports, zone: string, label: string): Promise<Page> {
    browser ??= launchChromium();
    const context = await (await browser).newContext({ viewport: viewports[size], timezoneId: zone, locale: "en-US" });
    const page = await context.newPage();
    page.on("pageerror", (error) => console.error(`page error (${label}): ${error.message}`));
    return page;
  }

  async function signUp<X extends object = object>(person: Person, watch?: (page: Page) => X): Promise<SignedUp & X> {
    const page = await newPage(person.size, person.zone, `${person.name}, ${person.language} ${person.size}`);
    const extra = watch?.(page);
    await page.goto(stack.baseUrl);
    if (person.language === "ur") {
      await page.getByTestId("language-toggle").click();
      await eventually(() => page.evaluate(() => document.documentElement.lang), "ur");
    }
    await page.locator('input[autocomplete="name"]').fill(person.name);
    await page.locator('input[type="email"]').fill(`${person.name.toLowerCase()}.${Date.now()}@example.com`);
    await page.locator('input[type="password"]').fill(password);
    await page.locator('button[type="submit"]').click();
    await page.getByTestId("tasks-empty").waitFor({ timeout: 40_000 });
    await page.locator('[data-testid="live-state"][data-state="live"]').waitFor({ timeout: 10_000 });
    return { ...person, ...extra, page } as SignedUp & X;
  }

  return {
    baseUrl: stack.baseUrl,
    newPage,

    /** signUp creates the person's account through the page in their language and waits until the list is live. */
    signUp,

    /** signUpAll signs the people up at once, in order; `watch` (if given) sees each page first and adds to the person. */
    async signUpAll<const T extends readonly Person[], X extends object = object>(
      people: T,
      watch?: (page: Page) => X,
    ): Promise<{ -readonly [K in keyof T]: SignedUp & X }> {
      return (await Promise.all(people.map((person) => signUp(person, watch)))) as {
        -readonly [K in keyof T]: SignedUp & X;
      };
    },

    /** rpc calls a public method (`TaskService/CreateTask`) as the page's signed-in user, for setup the page need not show. */
    rpc: (page: Page, path: string, body: object) => rpcAs(stack.baseUrl, page, path, body),

    /** snap saves a screenshot named `<suite>-<label>` and remembers its path for the summary close() prints. */
    async snap(page: Page, label: string) {
      await shot(page, `${name}-${label}`);
      taken.push(`${screenshots}/${name}-${label}.png`);
    },

    async close() {
      await (await browser)?.close();
      await stack.stop();
      console.log(`${name} e2e screenshots (${taken.length}):\n${taken.join("\n")}`);
    },
  };
}

/**
 * rpcAs calls a public method (`TaskService/CreateTask`) of the app at `baseUrl` as the page's signed-in user
 * (Connect JSON), for setup the page need not show; a refusal throws with its status.
 */
export async function rpcAs(baseUrl: string, page: Page, path: string, body: object): Promise<Record<string, unknown>> {
  const session = JSON.parse((await page.evaluate(() => localStorage.getItem("taskmesh.session"))) ?? "{}");
  const res = await fetch(`${baseUrl}/todo.v1.${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${session.accessToken}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** expectAccessible asserts axe-core finds no WCAG 2.1 A/AA violation on the page (or in `within`) as it is now. */
export async function expectAccessible(page: Page, within?: string) {
  expect(await accessibilityProblems(page, within)).toEqual([]);
}
