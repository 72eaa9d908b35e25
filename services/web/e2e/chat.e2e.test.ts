/**
 * The chat panel (issue 13) in a real browser: replies laid out in their own script's direction (Urdu
 * right to left even when it starts with an English title; Roman Urdu left to right, in Latin), lists one
 * item per line, "show more" offered as a button that continues the list, a deleted task offered for
 * Restore (never "Open task") and restored by it, and a bulk delete of 228 tasks folded into one line
 * with Undo, without one GetTask per task. English and Urdu, desktop (1280×800) and phone (390×844);
 * axe-core's WCAG 2.1 AA rules on the chat panel at each step; screenshots under artifacts/screenshots
 * (paths printed at the end).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Locator, Page } from "playwright-core";
import { browserSuite, expectAccessible, fourPeople, type SignedUp } from "./e2e-kit";

const zone = "Asia/Karachi";
const RLM = "\u200F";
const FSI = "\u2068";
const PDI = "\u2069";
const suite = await browserSuite("chat");

/** Who is a signed-up person and the GetTask calls their page has made (a bulk reply must make none). */
type Who = SignedUp & { requests: { getTasks: number } };
let enDesktop: Who;
let urDesktop: Who;
let enPhone: Who;
let urPhone: Who;

/** countGetTasks counts the page's GetTask calls from its first request on. */
function countGetTasks(page: Page) {
  const requests = { getTasks: 0 };
  page.on("request", (request) => {
    if (request.url().endsWith("/todo.v1.TaskService/GetTask")) requests.getTasks += 1;
  });
  return { requests };
}

async function snap(who: Who, step: string) {
  // The log scrolls smoothly to the newest message; take the picture once it got there.
  await who.page
    .waitForFunction(
      () => {
        const log = document.querySelector(".chat-log");
        return !log || log.scrollTop + log.clientHeight >= log.scrollHeight - 2;
      },
      undefined,
      { timeout: 3_000 },
    )
    .catch(() => undefined);
  await suite.snap(who.page, `${who.language}-${who.size}-${step}`);
}

/** accessible asserts axe-core's WCAG 2.1 A/AA rules find nothing in the chat panel as it is now. */
const accessible = (who: Who) => expectAccessible(who.page, '[data-testid="chat-panel"]');

/** rpc calls a TaskService method as the person (Connect JSON), for setup the page does not need to show. */
const rpc = (who: Who, method: string, body: object) => suite.rpc(who.page, `TaskService/${method}`, body);

/** addTasks creates `prefix 1` … `prefix n` through the API, 8 at a time. */
async function addTasks(who: Who, n: number, prefix: string) {
  for (let from = 1; from <= n; from += 8) {
    const batch = [];
    for (let i = from; i < Math.min(from + 8, n + 1); i += 1) {
      batch.push(rpc(who, "CreateTask", { title: `${prefix} ${i}`, timeZone: zone, requestId: crypto.randomUUID() }));
    }
    await Promise.all(batch);
  }
}

const panel = (who: Who) => who.page.getByTestId("chat-panel");
const replies = (who: Who) => who.page.getByTestId("chat-assistant");

/** openChat opens the panel unless it is open (the shell remembers it across a reload, per tab). */
async function openChat(who: Who) {
  const toggle = who.page.getByTestId("chat-toggle");
  await toggle.waitFor();
  if ((await toggle.getAttribute("aria-pressed")) !== "true") await toggle.click();
  await panel(who).waitFor();
}

/** waitForReply runs `act` and waits for the assistant's next bubble, which it returns. */
async function waitForReply(who: Who, act: () => Promise<void>): Promise<Locator> {
  const before = await replies(who).count();
  await act();
  await who.page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="chat-assistant"]').length > n,
    before,
    { timeout: 60_000 },
  );
  return replies(who).nth(before);
}

const say = (who: Who, text: string) =>
  waitForReply(who, async () => {
    await who.page.getByTestId("chat-input").fill(text);
    await who.page.getByTestId("chat-input").press("Enter");
  });

/** choose clicks one of the options offered under the last reply (a button that sends its text). */
const choose = (who: Who, option: string) =>
  waitForReply(who, () =>
    panel(who).getByTestId("chat-options").getByRole("button", { name: option, exact: true }).click(),
  );

/** layout reads how the browser lays out a reply's text: its computed direction, white-space and rendered lines. */
const layout = (reply: Locator) =>
  reply.getByTestId("chat-text").evaluate((p) => ({
    direction: getComputedStyle(p).direction,
    whiteSpace: getComputedStyle(p).whiteSpace,
    text: p.textContent ?? "",
    // innerText keeps a line break only where one is rendered (textContent would pass with white-space: normal).
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered lines are what is tested
    lines: (p as HTMLElement).innerText.split("\n").length,
    height: p.getBoundingClientRect().height,
    lineHeight: Number.parseFloat(getComputedStyle(p).lineHeight) || 20,
  }));

const options = (who: Who) =>
  panel(who)
    .getByTestId("chat-options")
    .evaluate((fieldset) => ({
      kind: fieldset.getAttribute("data-kind"),
      buttons: [...fieldset.querySelectorAll("button")].map((b) => b.textContent),
    }));

beforeAll(async () => {
  [enDesktop, urDesktop, enPhone, urPhone] = await suite.signUpAll(fourPeople, countGetTasks);
}, 120_000);

afterAll(() => suite.close());

describe("chat panel, issue 13, in a real browser", () => {
  test("a list reads one item per line and “show more” is one click (English, desktop)", async () => {
    const who = enDesktop;
    await addTasks(who, 228, "task");
    await openChat(who);
    const listed = await say(who, "show my tasks");
    const first = await layout(listed);
    // A listing reads at most 200 tasks; past that it says "200+".
    expect(first.text.split("\n")[0]).toBe("You have 200+ open tasks:");
    expect(first.whiteSpace).toBe("pre-line");
    expect(first.lines).toBe(12); // the heading, 10 tasks, "…and 190+ more"
    expect(first.height).toBeGreaterThan(11 * first.lineHeight);
    expect(first.direction).toBe("ltr");
    expect(await options(who)).toEqual({ kind: "offer", buttons: ["show more"] });
    await snap(who, "01-list");
    await accessible(who);

    const more = await layout(await choose(who, "show more"));
    expect(more.text.split("\n")[0]).toMatch(/^11\. task \d+$/); // created 8 at a time: the server's order
    expect(more.lines).toBeGreaterThan(20);
  }, 120_000);

  test("“delete all my tasks” with 228: one folded line with Undo, no GetTask per task; Undo brings them back", async () => {
    const who = enDesktop;
    await openChat(who);
    const ask = await say(who, "delete all my tasks");
    expect((await layout(ask)).text).toStartWith("Delete all 228 open tasks (“task 1”, “task 2”, “task 3”, …)?");
    expect(await options(who)).toEqual({ kind: "confirmation", buttons: ["yes", "no"] });

    who.requests.getTasks = 0;
    let reply = await choose(who, "yes");
    let deleted = await reply.getByTestId("chat-action").count();
    // A busy machine may stop early and say how many remain; "yes" goes on.
    while ((await options(who)).buttons.includes("yes")) {
      reply = await choose(who, "yes");
      deleted += await reply.getByTestId("chat-action").count();
    }
    expect(deleted).toBe(228);
    const last = await reply.getByTestId("chat-action").count();
    expect((await layout(reply)).text).toBe(`Deleted ${last} tasks. Say “undo” to bring them back.`);
    // Folded: the count is the only line shown until opened.
    const fold = reply.getByTestId("chat-actions-fold");
    expect(await fold.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await fold.locator("summary").textContent()).toBe(`What changed: ${last} tasks`);
    expect(await reply.getByRole("button", { name: "Restore" }).first().isVisible()).toBe(false);
    expect(await options(who)).toEqual({ kind: "offer", buttons: ["undo"] });
    expect(who.requests.getTasks).toBe(0);
    await snap(who, "02-bulk-folded");
    await accessible(who);

    await fold.locator("summary").click();
    expect(await fold.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await reply.getByRole("button", { name: "Restore" }).count()).toBe(last);
    await snap(who, "03-bulk-open");
    await accessible(who);
    await fold.locator("summary").click();

    const undone = await choose(who, "undo");
    expect((await layout(undone)).text).toBe(`Restored ${last} tasks.`);
    expect(who.requests.getTasks).toBe(0);
    // The bulk reply's tasks are offered to open again, as GetConversation would say (the fold is closed: hidden).
    expect(await reply.getByRole("button", { name: "Restore", includeHidden: true }).count()).toBe(0);
    expect(await reply.getByRole("link", { name: "Open task", includeHidden: true }).count()).toBe(last);
    const listed = await say(who, "show my tasks");
    expect((await layout(listed)).text.split("\n")[0]).toBe(`You have ${last > 200 ? "200+" : last} open tasks:`);
  }, 240_000);

  test("a deleted task offers Restore, never “Open task”, and Restore brings it back and shows it", async () => {
    const who = enDesktop;
    await openChat(who);
    const added = await say(who, "buy oat milk tomorrow");
    const href = await added.getByRole("link", { name: "Open task" }).getAttribute("href");
    expect(href).toMatch(/^\/tasks\/[0-9a-f-]{36}$/);
    const id = href!.slice("/tasks/".length);

    await say(who, "delete the oat milk task");
    const deleted = await choose(who, "yes");
    expect(await deleted.getByRole("button", { name: "Restore" }).count()).toBe(1);
    expect(await deleted.getByRole("link", { name: "Open task" }).count()).toBe(0);
    // The reply that added it no longer offers to open it.
    expect(await added.getByRole("link", { name: "Open task" }).count()).toBe(0);
    expect(await added.getByRole("button", { name: "Restore" }).count()).toBe(1);
    expect(await options(who)).toEqual({ kind: "offer", buttons: ["undo"] });
    await snap(who, "04-restore-offered");
    await accessible(who);

    // After a reload the history (GetConversation) says the same.
    await who.page.reload();
    await openChat(who);
    await panel(who).getByRole("button", { name: "Restore" }).first().waitFor();
    expect(await panel(who).locator(`a[href="${href}"]`).count()).toBe(0);

    await panel(who).getByRole("button", { name: "Restore" }).last().click();
    await who.page.waitForURL(`**/tasks/${id}`);
    expect(((await rpc(who, "GetTask", { id })).task as { deleted?: boolean }).deleted ?? false).toBe(false);
    expect(await panel(who).locator(`a[href="${href}"]`).count()).toBe(2);
    expect(await panel(who).getByRole("button", { name: "Restore" }).count()).toBe(0);
    await snap(who, "05-restored");
  }, 120_000);

  test("Urdu: a reply starting with an English title is laid out right to left (desktop)", async () => {
    const who = urDesktop;
    await rpc(who, "CreateTask", { title: "Quarterly report 2.0", timeZone: zone, requestId: crypto.randomUUID() });
    await openChat(who);
    const listed = await layout(await say(who, "میرے کام دکھاؤ"));
    expect(listed.text).toBe(`آپ کے 1 کام ہیں:\n1. ${FSI}Quarterly report 2.0${PDI}`);
    expect(listed.direction).toBe("rtl");
    expect(listed.lines).toBe(2);

    const done = await say(who, "Quarterly report والا کام مکمل کر دو");
    const reply = await layout(done);
    expect(reply.text).toBe(`${RLM}${FSI}“Quarterly report 2.0”${PDI} مکمل کر دیا۔`);
    expect(reply.direction).toBe("rtl");
    expect(await done.getByTestId("chat-text").getAttribute("dir")).toBe("rtl");
    // Right to left: the Urdu full stop ends the line on the left, the title starts it on the right.
    const box = await done.getByTestId("chat-text").evaluate((p) => {
      const range = document.createRange();
      const text = p.firstChild as Text;
      const end = text.length;
      range.setStart(text, end - 1);
      range.setEnd(text, end);
      const stop = range.getBoundingClientRect();
      range.setStart(text, 2);
      range.setEnd(text, 3);
      const title = range.getBoundingClientRect();
      return { stop: stop.left, title: title.left };
    });
    expect(box.stop).toBeLessThan(box.title);
    await snap(who, "06-urdu-rtl");
    await accessible(who);
  }, 120_000);

  test("Urdu: a bulk delete folds, and “واپس لائیں” undoes it (desktop)", async () => {
    const who = urDesktop;
    await openChat(who);
    await addTasks(who, 7, "کام");
    const ask = await say(who, "میرے سارے کام حذف کر دو");
    expect((await layout(ask)).direction).toBe("rtl");
    const reply = await choose(who, "ہاں");
    expect((await layout(reply)).text).toBe("7 کام حذف کر دیے۔ واپس لانے کے لیے “واپس لائیں” لکھیں۔");
    expect(await reply.getByTestId("chat-actions-fold").locator("summary").textContent()).toBe("کیا بدلا: 7 کام");
    expect(await options(who)).toEqual({ kind: "offer", buttons: ["واپس لائیں"] });
    await snap(who, "07-urdu-bulk");
    await accessible(who);
    expect((await layout(await choose(who, "واپس لائیں"))).text).toBe("7 کام واپس آ گئے۔");
  }, 120_000);

  test("Roman Urdu is answered left to right in Latin script, and “aur dikhao” continues the list (phone)", async () => {
    const who = enPhone;
    await addTasks(who, 12, "kaam");
    await openChat(who);
    const listed = await say(who, "mere kaam dikhao");
    const first = await layout(listed);
    expect(first.direction).toBe("ltr");
    expect(first.text).not.toMatch(/[\u0600-\u06FF]/u);
    expect(first.text.split("\n")[0]).toBe("Aap ke 12 kaam hain:");
    expect(first.text.split("\n").at(-1)).toBe("…aur 2 mazeed — dekhne ke liye “aur dikhao” likhein.");
    expect(first.lines).toBe(12);
    expect(await options(who)).toEqual({ kind: "offer", buttons: ["aur dikhao"] });
    await snap(who, "08-roman-urdu");
    await accessible(who);
    const more = await layout(await choose(who, "aur dikhao"));
    // Tasks were created 8 at a time, so their order is the server's; together the two replies list all 12.
    expect(more.text.split("\n")).toEqual([
      expect.stringMatching(/^11\. kaam \d+$/),
      expect.stringMatching(/^12\. kaam \d+$/),
    ]);
    const titles = [...first.text.split("\n").slice(1, 11), ...more.text.split("\n")].map((l) =>
      l.replace(/^\d+\. /, ""),
    );
    expect(new Set(titles)).toEqual(new Set(Array.from({ length: 12 }, (_, i) => `kaam ${i + 1}`)));
    expect(more.direction).toBe("ltr");
  }, 120_000);

  test("“what did I finish today?” reads as a list, and its “show more” opens the rest with one click (phone)", async () => {
    const who = enPhone;
    await openChat(who);
    for (let i = 1; i <= 12; i += 1) {
      const created = (await rpc(who, "CreateTask", {
        title: `errand ${i}`,
        timeZone: zone,
        requestId: crypto.randomUUID(),
      })) as { task: { id: string; version: string } };
      await rpc(who, "CompleteTask", { id: created.task.id, expectedVersion: created.task.version });
    }
    // The completions reach the audit log through the bus: ask until all 12 are there.
    let reply = await say(who, "what did I finish today?");
    const deadline = Date.now() + 20_000;
    while (!(await layout(reply)).text.startsWith("Today you completed 12 tasks:") && Date.now() < deadline) {
      await Bun.sleep(500);
      reply = await say(who, "what did I finish today?");
    }
    const first = await layout(reply);
    expect(first.text.split("\n")[0]).toBe("Today you completed 12 tasks:");
    expect(first.lines).toBe(12); // the heading, 10 titles, "…and 2 more"
    expect(first.height).toBeGreaterThan(11 * first.lineHeight);
    expect(first.text.split("\n").at(-1)).toBe("…and 2 more — say “show more” to see them.");
    expect(await options(who)).toEqual({ kind: "offer", buttons: ["show more"] });
    await snap(who, "09-finished-today");
    await accessible(who);
    const all = await layout(await choose(who, "show more"));
    expect(all.lines).toBe(13);
    expect(new Set(all.text.split("\n").slice(1))).toEqual(
      new Set(Array.from({ length: 12 }, (_, i) => `• errand ${i + 1}`)),
    );
  }, 120_000);

  test("Urdu on a phone: a list one per line, “مزید دکھائیں” continues it; a deleted task offers واپس لائیں", async () => {
    const who = urPhone;
    await addTasks(who, 12, "کام");
    await openChat(who);
    const first = await layout(await say(who, "میرے کام دکھاؤ"));
    expect(first.direction).toBe("rtl");
    expect(first.lines).toBe(12);
    expect(await options(who)).toEqual({ kind: "offer", buttons: ["مزید دکھائیں"] });
    await snap(who, "10-urdu-list");
    await accessible(who);
    const more = await layout(await choose(who, "مزید دکھائیں"));
    expect(more.text.split("\n")).toEqual([
      expect.stringMatching(new RegExp(`^11\\. ${FSI}کام \\d+${PDI}$`, "u")),
      expect.stringMatching(new RegExp(`^12\\. ${FSI}کام \\d+${PDI}$`, "u")),
    ]);
    expect(more.direction).toBe("rtl");

    await say(who, "کام 12 حذف کر دو");
    const deleted = await choose(who, "ہاں");
    expect(await deleted.getByRole("button", { name: "واپس لائیں" }).count()).toBe(1);
    expect(await deleted.getByRole("link", { name: "کام کھولیں" }).count()).toBe(0);
    await snap(who, "11-urdu-restore");
    await accessible(who);
  }, 120_000);
});
