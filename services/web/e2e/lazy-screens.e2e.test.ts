/**
 * End-to-end, the split bundle: embedded taskmesh in headless Chromium. The first screen loads without the
 * rarely used screens' chunks; opening Connections from the account menu fetches its chunk, served like the
 * entry script (immutable caching, compressed, nosniff, its own ETag) and allowed by the page's CSP. A chunk
 * that fails to arrive shows the offline message with a retry, and the retry loads the screen. The Urdu
 * dictionary is a chunk too: an English reader never fetches it, an Urdu reader's first paint waits for it
 * (no English on screen meanwhile), and if it cannot be fetched the app starts in English and says so.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Response as PlaywrightResponse } from "playwright-core";
import { en } from "../app/i18n/en";
import { ur } from "../app/i18n/ur";
import { browserSuite, type SignedUp } from "./e2e-kit";

let suite: Awaited<ReturnType<typeof browserSuite>>;
let ayesha: SignedUp;
const scripts: PlaywrightResponse[] = [];
const cspViolations: string[] = [];

beforeAll(async () => {
  suite = await browserSuite("lazy-screens");
  ayesha = await suite.signUp({ name: "Ayesha", language: "en", size: "desktop", zone: "Asia/Karachi" }, (page) => {
    page.on("response", (res) => {
      if (/\/assets\/.+\.js$/.test(new URL(res.url()).pathname)) scripts.push(res);
    });
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return {};
  });
}, 90_000);

afterAll(async () => {
  await suite?.close();
}, 30_000);

const fetched = (name: string) => scripts.filter((res) => new URL(res.url()).pathname.startsWith(`/assets/${name}-`));

describe("screens loaded on demand", () => {
  test("Connections' chunk arrives when the screen opens, with the entry script's headers", async () => {
    const { page } = ayesha;
    const entry = scripts.find((res) => /\/assets\/main-[^/]+\.js$/.test(res.url()));
    expect(entry).toBeDefined();
    expect(fetched("connections-screen")).toEqual([]);
    expect(fetched("activity-screen")).toEqual([]);
    // Signed up in English, the list live: no Urdu and none of the rarely used services' descriptors.
    expect(fetched("ur")).toEqual([]);
    expect(fetched("webhook_service_pb")).toEqual([]);
    expect(fetched("transfer_service_pb")).toEqual([]);

    await page.getByTestId("account-button").click();
    await page.getByTestId("connections-link").click();
    await page.getByRole("heading", { level: 1, name: en["connections.title"] }).waitFor({ timeout: 15_000 });
    const [chunk] = fetched("connections-screen");
    expect(chunk).toBeDefined();
    expect(chunk!.status()).toBe(200);
    const headers = await chunk!.allHeaders();
    const entryHeaders = await entry!.allHeaders();
    expect(headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers.etag).toBe(`"${new URL(chunk!.url()).pathname.split("/").pop()}"`);
    // Compressed as the entry is (brotli when the browser offers it, else gzip).
    expect(headers["content-encoding"]).toMatch(/^(br|gzip)$/);
    expect(headers["content-encoding"]).toBe(entryHeaders["content-encoding"]!);
    expect(cspViolations).toEqual([]);
  }, 30_000);

  test("a chunk that fails shows the offline message and a retry that loads the screen", async () => {
    const { page } = ayesha;
    await page.route("**/assets/activity-screen-*.js", (route) => route.abort("internetdisconnected"));
    await page.evaluate(() => {
      history.pushState(null, "", "/activity");
      window.dispatchEvent(new PopStateEvent("popstate"));
    });
    const alert = page.locator("#main").getByRole("alert");
    await alert.getByText(en["errors.offline"]).waitFor({ timeout: 15_000 });

    await page.unroute("**/assets/activity-screen-*.js");
    await alert.getByRole("button", { name: en["common.retry"] }).click();
    await page.getByRole("heading", { level: 1, name: en["activity.title"] }).waitFor({ timeout: 15_000 });
    expect(fetched("activity-screen").some((res) => res.status() === 200)).toBe(true);
    expect(cspViolations).toEqual([]);
  }, 30_000);

  test("an Urdu reader's first paint waits for the Urdu chunk: no English words on screen, right to left", async () => {
    const page = await suite.newPage("desktop", "Asia/Karachi", "Bilal, Urdu stored");
    const urdu: PlaywrightResponse[] = [];
    page.on("response", (res) => {
      if (/^\/assets\/ur-[^/]+\.js$/.test(new URL(res.url()).pathname)) urdu.push(res);
    });
    // Before any of the page's scripts: the stored language, and a watch for English text on screen.
    await page.addInitScript(
      (english: string[]) => {
        localStorage.setItem("taskmesh.language", "ur");
        const seen: string[] = [];
        Object.assign(window, { englishSeen: seen });
        new MutationObserver(() => {
          const text = document.body?.textContent ?? "";
          for (const words of english) if (text.includes(words)) seen.push(words);
        }).observe(document, { subtree: true, childList: true, characterData: true });
      },
      [en["auth.signUpTitle"], en["auth.signUp"], en["app.loading"], en["app.tagline"]],
    );
    await page.goto(suite.baseUrl);
    await page.getByRole("heading", { level: 1, name: ur["auth.signUpTitle"] }).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      "ur",
      "rtl",
    ]);
    expect(await page.evaluate(() => (window as unknown as { englishSeen: string[] }).englishSeen)).toEqual([]);
    expect(urdu.map((res) => res.status())).toEqual([200]);
    await page.context().close();
  }, 30_000);

  test("an Urdu chunk that fails: English with the offline message, the choice kept; the toggle retries", async () => {
    const page = await suite.newPage("desktop", "Asia/Karachi", "Bilal, Urdu unreachable");
    await page.goto(suite.baseUrl);
    await page.evaluate(() => localStorage.setItem("taskmesh.language", "ur"));
    await page.route("**/assets/ur-*.js", (route) => route.abort("internetdisconnected"));
    await page.reload();
    await page.getByRole("heading", { level: 1, name: en["auth.signUpTitle"] }).waitFor({ timeout: 15_000 });
    await page.getByTestId("toast-error").filter({ hasText: en["errors.offline"] }).first().waitFor();
    // Not stored as English: the next visit asks for Urdu again.
    expect(await page.evaluate(() => localStorage.getItem("taskmesh.language"))).toBe("ur");

    // The toggle while it still fails: the page stays in English and says so again.
    await page.getByTestId("language-toggle").click();
    await page.getByTestId("toast-error").filter({ hasText: en["errors.offline"] }).nth(1).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");

    await page.unroute("**/assets/ur-*.js");
    await page.getByTestId("language-toggle").click();
    await page.getByRole("heading", { level: 1, name: ur["auth.signUpTitle"] }).waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await page.context().close();
  }, 30_000);
});
