/**
 * The Connections screen's webhooks section (issue 16) in a real browser: Ayesha adds an endpoint on a local
 * receiver (allow-listed: WEBHOOKS_ALLOWED_TARGETS=127.0.0.1/32), copies its signing secret (shown once), completes
 * a task and sees the signed delivery arrive and show as delivered in the log; with the receiver failing she sends
 * one again from the log, and replays since a time. A private address is refused on the URL field. Dua adds one
 * in Urdu, right to left, on a phone. axe-core on the section with its log open.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { startReceiver, type TestReceiver } from "../../webhooks/testing/receiver";
import { en } from "../app/i18n/en";
import { ur } from "../app/i18n/ur";
import { browserSuite, eventually, expectAccessible, type SignedUp } from "./e2e-kit";

process.env.WEBHOOKS_ALLOWED_TARGETS = "127.0.0.1/32";
const suite = await browserSuite("webhooks");

let ayesha: SignedUp;
let dua: SignedUp;
let receiver: TestReceiver;

beforeAll(async () => {
  receiver = startReceiver();
  [ayesha, dua] = await suite.signUpAll([
    { name: "Ayesha", language: "en", size: "desktop", zone: "Asia/Karachi" },
    { name: "Dua", language: "ur", size: "phone", zone: "Asia/Karachi" },
  ]);
  for (const { page } of [ayesha, dua]) {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.baseUrl });
    page.on("dialog", (dialog) => void dialog.accept());
  }
}, 90_000);

afterAll(async () => {
  await receiver?.stop();
  await suite.close();
});

describe("the webhooks section", () => {
  test("add an endpoint, copy its secret, get a signed delivery, see it in the log, send again, replay", async () => {
    const { page } = ayesha;
    await page.goto(`${suite.baseUrl}/connections`);
    const section = page.getByTestId("webhooks-section");
    await section.getByRole("heading", { name: en["connections.webhooksTitle"] }).waitFor();

    // A private address is refused on the URL field, in the user's words.
    await section.getByLabel(en["connections.webhookUrl"]).fill("https://10.1.2.3/hook");
    await section.getByRole("button", { name: en["connections.webhookCreate"] }).click();
    await section.locator(".field-error").waitFor();

    await section.getByLabel(en["connections.webhookUrl"]).fill(receiver.url);
    await section.locator('input[data-event-type="task.completed"]').check();
    await section.getByRole("button", { name: en["connections.webhookCreate"] }).click();
    const shown = section.getByTestId("webhook-secret-value");
    await shown.waitFor();
    const secret = await shown.inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await section.getByTestId("webhook-copy").click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    receiver.setSecret(secret);
    await section.getByRole("button", { name: en["connections.webhookDone"] }).click();
    await eventually(() => section.getByTestId("webhook-secret").count(), 0);

    const created = (await suite.rpc(page, "TaskService/CreateTask", { title: "send me a webhook" })) as {
      task: { id: string };
    };
    await suite.rpc(page, "TaskService/CompleteTask", { id: created.task.id });
    await eventually(() => receiver.accepted.map((r) => r.type).sort(), ["task.completed", "task.created"]);
    expect(receiver.badSignatures).toBe(0);

    const row = section.getByTestId("webhook-row");
    await row.getByRole("button", { name: en["connections.webhookLog"] }).click();
    const log = row.getByTestId("webhook-log");
    await eventually(() => log.locator('[data-testid="webhook-delivery"][data-status="SUCCEEDED"]').count(), 2);
    // Each delivery's attempts open under its count: the one attempt, delivered, with its answer and duration.
    const attempts = log.getByTestId("webhook-attempts").first();
    await attempts.locator("summary").click();
    const attempt = attempts.getByTestId("webhook-attempt");
    expect(await attempt.count()).toBe(1);
    expect(await attempt.getAttribute("data-succeeded")).toBe("true");
    expect(await attempt.innerText()).toMatch(/^#1, .+: HTTP 204 · \d+ ms$/);
    await suite.snap(page, "log");
    await expectAccessible(page, '[data-testid="webhooks-section"]');

    // Send one again: the receiver gets the same webhook-id once more.
    const before = receiver.accepted.length;
    await log
      .getByRole("button", { name: en["connections.webhookRedeliverNamed"].replace("{type}", "task.created") })
      .click();
    await eventually(() => receiver.accepted.length, before + 1);
    const again = receiver.accepted.at(-1)!;
    expect(receiver.accepted.filter((r) => r.webhookId === again.webhookId)).toHaveLength(2);

    // Replay since an hour ago: both events again, with their ids.
    await log.getByLabel(en["connections.webhookReplaySince"]).fill(
      await page.evaluate(() => {
        const d = new Date(Date.now() - 3600_000);
        const pad = (n: number) => String(n).padStart(2, "0");
        return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
      }),
    );
    await log.getByRole("button", { name: en["connections.webhookReplay"] }).click();
    await eventually(() => receiver.accepted.length, before + 3);
    expect(new Set(receiver.accepted.map((r) => r.webhookId)).size).toBe(2);
  }, 120_000);

  test("in Urdu, right to left, on a phone: an endpoint added and listed", async () => {
    const { page } = dua;
    await page.goto(`${suite.baseUrl}/connections`);
    await page.waitForFunction(() => document.documentElement.dir === "rtl"); // Urdu paints once its chunk is here
    const section = page.getByTestId("webhooks-section");
    await section.getByRole("heading", { name: ur["connections.webhooksTitle"] }).waitFor();
    await section.getByLabel(ur["connections.webhookUrl"]).fill(receiver.url);
    await section.getByRole("button", { name: ur["connections.webhookCreate"] }).click();
    await section.getByTestId("webhook-secret-value").waitFor();
    await eventually(() => section.getByTestId("webhook-row").count(), 1);
    await suite.snap(page, "urdu-phone");
    await expectAccessible(page, '[data-testid="webhooks-section"]');
  }, 90_000);
});
