/**
 * End-to-end: embedded taskmesh started as a child process, driven in Debian's headless Chromium.
 * Sign up → quick add → a second signed-in context sees it live → chat completes it (seen live too) →
 * Urdu flips the page to RTL → a reminder a few seconds ahead pops a toast. Screenshots of the main
 * screens go to .data/test/screenshots/ (the path is printed); axe-core checks WCAG 2.1 AA on the main screens.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  accessibilityProblems,
  eventually,
  launchChromium,
  screenshots,
  shot,
  startEmbedded,
  wallClock,
} from "./e2e-kit";

const zone = "Asia/Karachi";

/** tomorrowAt is 17:00 tomorrow in the zone, as an ISO instant (Karachi has no DST: UTC+5). */
function tomorrowFivePm(): string {
  const today = wallClock(new Date(), zone).date;
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1, 17 - 5, 0)).toISOString();
}

const stack = await startEmbedded();
const email = `ayesha.${Date.now()}@example.com`;
const password = "correct horse battery";
let browser: Browser;
let first: BrowserContext;
let second: BrowserContext;
let a: Page;
let b: Page;

const row = (page: Page, title: string) =>
  page.getByTestId("task-row").filter({ has: page.getByRole("link", { name: title, exact: true }) });

beforeAll(async () => {
  browser = await launchChromium();
  const options = { viewport: { width: 1280, height: 800 }, timezoneId: zone, locale: "en-US" };
  first = await browser.newContext(options);
  second = await browser.newContext(options);
  a = await first.newPage();
  b = await second.newPage();
  for (const page of [a, b]) page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await stack.stop();
  console.log(`web e2e screenshots: ${screenshots}`);
});

describe("taskmesh in a real browser", () => {
  test("sign up, then sign in as the same user in a second browser", async () => {
    await a.goto(stack.baseUrl);
    await a.getByLabel("Your name").waitFor();
    await shot(a, "01-sign-up");
    expect(await accessibilityProblems(a)).toEqual([]);
    await a.getByLabel("Your name").fill("Ayesha Khan");
    await a.getByLabel("Email").fill(email);
    await a.getByLabel("Password").fill(password);
    await a.getByRole("button", { name: "Create account" }).click();
    await a.getByTestId("tasks-empty").waitFor();
    await shot(a, "02-tasks-empty");

    await b.goto(stack.baseUrl);
    await b.getByTestId("auth-switch").click();
    await b.getByLabel("Email").fill(email);
    await b.getByLabel("Password").fill(password);
    await b.getByRole("button", { name: "Sign in", exact: true }).click();
    await b.getByTestId("tasks-empty").waitFor();
    // The second browser's WatchTasks stream is open before the first one changes anything.
    await b.locator('[data-testid="live-state"][data-state="live"]').waitFor({ timeout: 10_000 });
  }, 30_000);

  test("quick add reads the due time, tag and priority; the other browser sees the task live", async () => {
    await a.getByTestId("quick-add-input").fill("buy milk tomorrow at 5pm #home p1");
    const chips = a.getByTestId("quick-add-chips").locator("li");
    await eventually(() => chips.count(), 3);
    expect(await chips.evaluateAll((items) => items.map((li) => li.getAttribute("data-field")))).toEqual([
      "due",
      "tag",
      "priority",
    ]);
    await shot(a, "03-quick-add-chips");
    await a.getByTestId("quick-add-input").press("Enter");

    for (const page of [a, b]) {
      const milk = row(page, "buy milk");
      await milk.waitFor({ timeout: 10_000 });
      expect(await milk.getByTestId("task-due").getAttribute("data-due")).toBe(tomorrowFivePm());
      expect(await milk.getByTestId("task-due").innerText()).toContain("Tomorrow, 5:00 PM");
      expect(
        await milk.getByTestId("task-tag").evaluateAll((tags) => tags.map((t) => t.getAttribute("data-tag"))),
      ).toEqual(["home"]);
      expect(await milk.getByTestId("task-priority").getAttribute("data-priority")).toBe("urgent");
    }
    await shot(a, "04-task-list");
    expect(await accessibilityProblems(a)).toEqual([]);
  }, 30_000);

  test("chat “mark the milk one done” completes it, in both browsers", async () => {
    await a.getByTestId("chat-toggle").click();
    await a.getByTestId("chat-input").fill("mark the milk one done");
    await a.getByTestId("chat-input").press("Enter");
    await a.getByTestId("chat-assistant").last().waitFor({ timeout: 15_000 });
    // The list shows what is left to do: the completed task leaves it in both browsers.
    for (const page of [a, b]) {
      await eventually(() => row(page, "buy milk").count(), 0);
    }
    await shot(a, "05-chat");
    expect(await accessibilityProblems(a)).toEqual([]);
    await a.getByTestId("chat-panel").getByRole("button", { name: "Close the assistant" }).click();
  }, 30_000);

  test("switching to Urdu flips the document to right-to-left", async () => {
    await a.getByTestId("language-toggle").click();
    await eventually(
      () => a.evaluate(() => [document.documentElement.dir, document.documentElement.lang]),
      ["rtl", "ur"],
    );
    await eventually(() => a.getByRole("heading", { level: 1 }).innerText(), "کام");
    await shot(a, "06-urdu");
    expect(await accessibilityProblems(a)).toEqual([]);
    await a.setViewportSize({ width: 360, height: 760 });
    await shot(a, "07-urdu-phone");
    await a.setViewportSize({ width: 1280, height: 800 });
    await a.getByTestId("language-toggle").click();
    await eventually(() => a.evaluate(() => document.documentElement.dir), "ltr");
  }, 30_000);

  test("a reminder set a few seconds ahead shows a notification toast", async () => {
    await a.getByRole("button", { name: "New task" }).click();
    const editor = a.getByTestId("task-editor");
    await editor.getByLabel("Title").fill("stretch your legs");
    await editor.getByLabel("Date", { exact: true }).fill(wallClock(new Date(tomorrowFivePm()), zone).date);
    await editor.getByLabel("Time", { exact: true }).fill("17:00");
    await editor.getByRole("radio", { name: "At a set time" }).check();
    const at = wallClock(new Date(Date.now() + 6_000), zone);
    await editor.getByLabel("Remind me on").fill(at.date);
    await editor.getByTestId("remind-at-time").fill(at.time);
    await shot(a, "08-editor-reminder");
    expect(await accessibilityProblems(a)).toEqual([]);
    await editor.getByRole("button", { name: "Create task" }).click();
    await row(a, "stretch your legs").waitFor();

    const toast = a.getByTestId("toast-reminder").filter({ hasText: "stretch your legs" });
    await toast.waitFor({ timeout: 20_000 });
    await eventually(() => a.getByTestId("unread-count").innerText(), "1");
    await shot(a, "09-reminder-toast");
    await a.getByTestId("notification-bell").click();
    // One date style: the inbox says the due time exactly as the list does.
    const listDue = (await row(a, "stretch your legs").getByTestId("task-due").textContent()) ?? "";
    expect(listDue).toContain("Tomorrow, 5:00 PM");
    expect(await a.getByTestId("inbox-due").first().textContent()).toBe("Due: Tomorrow, 5:00 PM");
    await shot(a, "10-inbox");
    await a.keyboard.press("Escape");
  }, 40_000);

  test("activity and profile screens render", async () => {
    await a.getByRole("link", { name: "Activity" }).click();
    await a.getByRole("heading", { name: "Activity" }).waitFor();
    await a.waitForLoadState("networkidle").catch(() => undefined);
    await a
      .locator('[data-testid="activity-list"], [data-testid="activity-unavailable"]')
      .first()
      .waitFor({ timeout: 10_000 });
    await shot(a, "11-activity");
    expect(await accessibilityProblems(a)).toEqual([]);
    await a.getByTestId("account-button").click();
    await a.getByRole("button", { name: "Profile" }).click();
    await a.getByTestId("profile-form").waitFor();
    await shot(a, "12-profile");
    await a.setViewportSize({ width: 360, height: 760 });
    await a.getByRole("link", { name: "Tasks" }).click();
    await row(a, "stretch your legs").waitFor();
    await shot(a, "13-phone");
  }, 30_000);
});
