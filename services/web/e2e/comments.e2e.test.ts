/**
 * Comments on a task (issue 15) in a real browser: the thread in the task editor shows comments as text only.
 * Script, HTML, Markdown-link and javascript: URL injections are posted through the thread itself; none executes
 * (no dialog, no global set, no element injected, no navigation) and each is shown exactly as typed. The same
 * user's second tab, with the same task open, sees comments arrive, change and go live (WatchTasks); the author
 * edits and deletes their own by keyboard. axe-core on the thread.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { browserSuite, eventually, expectAccessible, type SignedUp } from "./e2e-kit";

const suite = await browserSuite("comments");
let ayesha: SignedUp;
let second: Page;
let taskId = "";
const dialogs: string[] = [];

const payloads = [
  "<script>window.__pwned = 1; alert(1)</script>",
  '<img src=x onerror="window.__pwned = 2; alert(2)">',
  "[click me](javascript:window.__pwned=3;alert(3))",
  "javascript:alert(4)",
  '<a href="javascript:alert(5)" id="injected">x</a><iframe src="javascript:alert(6)"></iframe>',
  "<svg onload=alert(7)></svg> **bold** &lt;b&gt; ![x](x onerror=alert(8))",
];

const row = (page: Page, title: string) =>
  page.getByTestId("task-row").filter({ has: page.getByRole("link", { name: title, exact: true }) });

async function openTask(page: Page) {
  await row(page, "quarterly report").getByRole("link", { name: "quarterly report", exact: true }).click();
  await page.getByTestId("comment-thread").waitFor({ timeout: 15_000 });
}

const bodies = (page: Page) => page.getByTestId("comment-body").allTextContents();
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned ?? 0);
/** injected counts elements a body could have made: any element inside a body, and script/img/iframe/svg/links anywhere in the thread. */
const injected = (page: Page) =>
  page.evaluate(
    () =>
      document.querySelectorAll(
        '[data-testid="comment-body"] *, [data-testid="comment-thread"] :is(script, img, iframe, svg, a), #injected',
      ).length,
  );

beforeAll(async () => {
  [ayesha] = await suite.signUpAll([
    { name: "Ayesha", language: "en", size: "desktop", zone: "Asia/Karachi" },
  ] as const);
  const page = ayesha.page;
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const created = (await suite.rpc(page, "TaskService/CreateTask", { title: "quarterly report" })) as {
    task: { id: string };
  };
  taskId = created.task.id;
  second = await page.context().newPage();
  second.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await second.goto(suite.baseUrl);
  await second.locator('[data-testid="live-state"][data-state="live"]').waitFor({ timeout: 20_000 });
  await row(page, "quarterly report").waitFor({ timeout: 15_000 });
}, 120_000);

afterAll(() => suite.close(), 60_000);

describe("comment thread", () => {
  test("injections posted in the thread do not execute and are shown literally; the other tab sees them live", async () => {
    const page = ayesha.page;
    await openTask(page);
    await openTask(second);
    const url = page.url();
    const input = page.getByLabel(/Add a comment/);
    for (const payload of payloads) {
      await input.fill(payload);
      await page.getByTestId("comment-post").press("Enter");
      await eventually(async () => (await bodies(page)).includes(payload), true);
    }
    expect(await bodies(page)).toEqual(payloads);
    // The second tab got every one through the live stream, as text.
    await eventually(() => bodies(second), payloads, 15_000);
    // Give anything injected a moment to fire, then look for every trace of it.
    await Bun.sleep(500);
    for (const p of [page, second]) {
      expect(await pwned(p)).toBe(0);
      expect(await injected(p)).toBe(0);
    }
    expect(dialogs).toEqual([]);
    expect(page.url()).toBe(url);
    // The literal text is what the page holds (not parsed HTML): "<script>" is in the text, no element made of it.
    const html = await page.getByTestId("comment-body").first().innerHTML();
    expect(html).toBe("&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;");
    await expectAccessible(page, '[data-testid="comment-thread"]');
    // The stored bodies are the typed text too.
    const listed = (await suite.rpc(page, "CommentService/ListComments", { taskId })) as {
      comments: { body: string }[];
    };
    expect(listed.comments.map((c) => c.body)).toEqual(payloads);
  }, 90_000);

  test("the author edits and deletes their own comment by keyboard; the other tab follows", async () => {
    const page = ayesha.page;
    const first = page.getByTestId("comment").first();
    await first.getByTestId("comment-edit").focus();
    await page.keyboard.press("Enter");
    const edit = page.getByLabel("Edit your comment");
    await edit.fill("sent to finance <i>today</i>");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await eventually(async () => (await bodies(page))[0], "sent to finance <i>today</i>");
    await eventually(async () => (await bodies(second))[0], "sent to finance <i>today</i>", 15_000);
    expect(await page.getByTestId("comment").first().textContent()).toContain("edited");
    await page.getByTestId("comment").first().getByTestId("comment-delete").focus();
    await page.keyboard.press("Enter");
    await eventually(async () => (await bodies(page)).length, payloads.length - 1);
    await eventually(async () => (await bodies(second)).length, payloads.length - 1, 15_000);
    expect(await injected(page)).toBe(0);
    expect(dialogs).toEqual([]);
  }, 60_000);
});
