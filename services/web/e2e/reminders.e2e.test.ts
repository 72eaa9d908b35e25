/**
 * Issue 14's reminders in a real browser: a task with several reminders made in the editor (added and removed by
 * keyboard, at most five), the reminder that falls due popping up and snoozed from the inbox, and the daily digest
 * set on the profile — in English on a desktop and in Urdu (right to left) on a phone. axe-core's WCAG 2.1 AA check
 * on each new part; screenshots under .data/test/screenshots.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { browserSuite, eventually, expectAccessible, type SignedUp, wallClock } from "./e2e-kit";

const suite = await browserSuite("reminders");
let ayesha: SignedUp;
let dua: SignedUp;

const row = (page: Page, title: string) =>
  page.getByTestId("task-row").filter({ has: page.getByRole("link", { name: title, exact: true }) });

beforeAll(async () => {
  [ayesha, dua] = await suite.signUpAll([
    { name: "Ayesha", language: "en", size: "desktop", zone: "Asia/Karachi" },
    { name: "Dua", language: "ur", size: "phone", zone: "Asia/Karachi" },
  ] as const);
}, 120_000);

afterAll(() => suite.close(), 60_000);

describe("several reminders, snooze, daily digest", () => {
  test("the editor keeps up to five reminders; the one due pops up and is snoozed from the inbox", async () => {
    const page = ayesha.page;
    await page.getByRole("button", { name: "New task" }).click();
    const editor = page.getByTestId("task-editor");
    await editor.getByLabel("Title").fill("pack for the trip");
    const tomorrow = wallClock(new Date(Date.now() + 86_400_000), ayesha.zone).date;
    await editor.getByLabel("Date", { exact: true }).fill(tomorrow);
    await editor.getByLabel("Time", { exact: true }).fill("17:00");
    await editor.getByRole("radio", { name: "Before it's due" }).check();
    await editor.getByLabel("How long before").first().selectOption({ label: "1 hour before" });

    // Add four more by keyboard: the fifth fills the task and the button turns off.
    const add = editor.getByTestId("add-reminder");
    for (let i = 0; i < 4; i++) {
      await add.focus();
      await page.keyboard.press("Enter");
    }
    await eventually(() => editor.getByTestId("extra-reminder").count(), 4);
    expect(await add.isDisabled()).toBe(true);
    // Remove two of them from the keyboard, by their labelled buttons.
    for (const n of [5, 4]) {
      await editor.getByRole("button", { name: `Remove reminder ${n}` }).focus();
      await page.keyboard.press("Enter");
    }
    await eventually(() => editor.getByTestId("extra-reminder").count(), 2);
    expect(await add.isDisabled()).toBe(false);

    const second = editor.getByTestId("extra-reminder").nth(0);
    await second.getByLabel("Reminder 2", { exact: true }).selectOption("before");
    await second.getByLabel("How long before").selectOption({ label: "10 minutes before" });
    const third = editor.getByTestId("extra-reminder").nth(1);
    await third.getByLabel("Reminder 3", { exact: true }).selectOption("at");
    const soon = wallClock(new Date(Date.now() + 8_000), ayesha.zone);
    await third.getByLabel("Remind me on").fill(soon.date);
    await third.getByLabel("Remind me at").fill(soon.time);
    await suite.snap(page, "editor-three-reminders");
    await expectAccessible(page, '[data-testid="task-editor"]');
    await editor.getByRole("button", { name: "Create task" }).click();
    await row(page, "pack for the trip").waitFor();

    // The server holds all three, the first as the old single reminder.
    const listed = (await suite.rpc(page, "TaskService/ListTasks", { query: "pack" })) as {
      tasks: { id: string; reminder: object; reminders: { remindBefore?: string; remindAt?: string }[] }[];
    };
    const [stored] = listed.tasks;
    expect(stored!.reminders.map((r) => r.remindBefore ?? "at")).toEqual(["3600s", "600s", "at"]);
    expect(stored!.reminder).toEqual(stored!.reminders[0]!);

    // Reopened, the editor shows them again.
    await row(page, "pack for the trip").getByRole("link", { name: "pack for the trip" }).click();
    await eventually(() => page.getByTestId("task-editor").getByTestId("extra-reminder").count(), 2);
    await page.keyboard.press("Escape");

    const toast = page.getByTestId("toast-reminder").filter({ hasText: "pack for the trip" });
    await toast.waitFor({ timeout: 25_000 });
    await eventually(() => page.getByTestId("unread-count").textContent(), "1");
    await page.getByTestId("notification-bell").click();
    const snooze = page.getByTestId("snooze").first();
    await snooze.waitFor();
    await expectAccessible(page, ".inbox");
    await suite.snap(page, "inbox-snooze");
    await snooze.getByRole("button", { name: "10 min" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText(/Reminder snoozed until/).waitFor();
    await eventually(() => page.getByTestId("unread-count").count(), 0);
    const inbox = (await suite.rpc(page, "NotificationService/ListNotifications", {})) as {
      notifications: { taskId: string; read?: boolean }[];
    };
    expect(inbox.notifications.map((n) => [n.taskId, n.read ?? false])).toEqual([[stored!.id, true]]);
    await page.keyboard.press("Escape");
  }, 90_000);

  test("the daily digest is set on the profile by keyboard (English, desktop)", async () => {
    const page = ayesha.page;
    await page.getByTestId("account-button").click();
    await page.getByRole("button", { name: "Profile" }).click();
    const card = page.getByTestId("digest-settings");
    await card.waitFor();
    expect(await page.getByTestId("digest-time").isDisabled()).toBe(true);
    await page.getByTestId("digest-enabled").focus();
    await page.keyboard.press("Space");
    await eventually(() => page.getByTestId("digest-time").isDisabled(), false);
    await page.getByTestId("digest-time").focus();
    await page.getByTestId("digest-time").fill("06:45");
    await page.keyboard.press("Enter");
    await page.getByTestId("digest-language").selectOption("roman-ur");
    await eventually(async () => {
      const { preferences } = (await suite.rpc(page, "NotificationService/GetPreferences", {})) as {
        preferences: { digestEnabled?: boolean; digestTime?: string; digestLanguage?: string; emailEnabled?: boolean };
      };
      return [preferences.digestEnabled, preferences.digestTime, preferences.digestLanguage, preferences.emailEnabled];
    }, [true, "06:45", "roman-ur", true]);
    // Turning email reminders off keeps the digest as it is (the whole set is sent).
    await page.getByLabel("Email me reminders").uncheck();
    await eventually(async () => {
      const { preferences } = (await suite.rpc(page, "NotificationService/GetPreferences", {})) as {
        preferences: { digestEnabled?: boolean; digestTime?: string; emailEnabled?: boolean };
      };
      return [preferences.emailEnabled ?? false, preferences.digestEnabled, preferences.digestTime];
    }, [false, true, "06:45"]);
    await suite.snap(page, "profile-digest");
    await expectAccessible(page, '[data-testid="digest-settings"]');
  }, 40_000);

  test("in Urdu on a phone: the digest card reads right to left and is set by keyboard", async () => {
    const page = dua.page;
    await page.waitForFunction(() => document.documentElement.dir === "rtl"); // Urdu paints once its chunk is here
    await page.getByTestId("account-button").click();
    await page.getByRole("button", { name: "پروفائل" }).click();
    const card = page.getByTestId("digest-settings");
    await card.getByRole("heading", { name: "روزانہ خلاصہ" }).waitFor();
    await page.getByTestId("digest-enabled").focus();
    await page.keyboard.press("Space");
    await eventually(
      async () =>
        (
          (await suite.rpc(page, "NotificationService/GetPreferences", {})) as {
            preferences: { digestEnabled?: boolean };
          }
        ).preferences.digestEnabled,
      true,
    );
    await suite.snap(page, "urdu-phone-digest");
    await expectAccessible(page, '[data-testid="digest-settings"]');
  }, 40_000);
});
