/**
 * A project's completed tasks (issue 14) in a real browser: below the open list, "Completed (N)" is closed at
 * first and opens from the keyboard; it lists this project's completed tasks only, newest completion first;
 * a task reopened there goes back to the open list. In Urdu the disclosure says so, right to left. axe-core
 * on the open disclosure.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { en } from "../app/i18n/en";
import { ur } from "../app/i18n/ur";
import { browserSuite, englishDeskUrduPhone, eventually, expectAccessible, type SignedUp } from "./e2e-kit";

const suite = await browserSuite("project-completed");

let ayesha: SignedUp;
let dua: SignedUp;

const rpc = (who: SignedUp, path: string, body: object) => suite.rpc(who.page, path, body);

type Named = { id: string; name: string };
type Made = { id: string; title: string; version: string };
const project = async (who: SignedUp, name: string) =>
  (await rpc(who, "ProjectService/CreateProject", { name })).project as Named;
const task = async (who: SignedUp, projectId: string, title: string) =>
  (await rpc(who, "TaskService/CreateTask", { timeZone: who.zone, projectId, title })).task as Made;
const complete = (who: SignedUp, made: Made) =>
  rpc(who, "TaskService/CompleteTask", { id: made.id, expectedVersion: made.version });

/** titlesIn lists the task titles shown in one group ("completed", "none" = not in a section). */
const titlesIn = (page: Page, group: string) =>
  page.locator(`section[data-group="${group}"] .task-title`).allTextContents();

beforeAll(async () => {
  [ayesha, dua] = await suite.signUpAll(englishDeskUrduPhone);
}, 90_000);

afterAll(() => suite.close());

describe("a project's completed tasks", () => {
  test("Completed (2) opens from the keyboard, newest completion first, only this project; reopen moves a task back", async () => {
    const { page } = ayesha;
    const home = await project(ayesha, "Home");
    const work = await project(ayesha, "Work");
    const rent = await task(ayesha, home.id, "pay rent");
    const milk = await task(ayesha, home.id, "buy milk");
    await task(ayesha, home.id, "water plants");
    const report = await task(ayesha, work.id, "file report");
    // Completed in the other order than made: the later completion is listed first (not the later made).
    await complete(ayesha, milk);
    await complete(ayesha, rent);
    await complete(ayesha, report);

    await page.getByTestId("sidebar-projects").getByRole("link", { name: "Home", exact: true }).click();
    const toggle = page.getByTestId("completed-toggle");
    await eventually(() => toggle.textContent(), en["organise.completed"].replace("{count}", "2"));
    await eventually(() => titlesIn(page, "none"), ["water plants"]);
    // Closed at first: the completed tasks are not on the page yet.
    expect(await page.locator('section[data-group="completed"]').count()).toBe(0);

    await toggle.focus();
    await page.keyboard.press("Enter");
    await eventually(() => titlesIn(page, "completed"), ["pay rent", "buy milk"]);
    expect(await page.getByTestId("completed-tasks").getByText("file report").count()).toBe(0);
    await expectAccessible(page, '[data-testid="completed-tasks"]');
    await suite.snap(page, "ayesha-completed-open");

    // Reopen "pay rent" with its row's checkbox: it leaves Completed and is open again above.
    await page.getByRole("checkbox", { name: en["task.markOpen"].replace("{title}", "pay rent") }).click();
    await eventually(async () => (await titlesIn(page, "none")).sort(), ["pay rent", "water plants"]);
    await eventually(() => titlesIn(page, "completed"), ["buy milk"]);
    await eventually(() => toggle.textContent(), en["organise.completed"].replace("{count}", "1"));
    const reopened = (await rpc(ayesha, "TaskService/GetTask", { id: rent.id })).task as { status: string };
    expect(reopened.status).toBe("TASK_STATUS_OPEN");
  }, 60_000);

  test("Show more adds the next completed tasks", async () => {
    const { page } = ayesha;
    const many = await project(ayesha, "Many");
    for (let i = 1; i <= 22; i++) await complete(ayesha, await task(ayesha, many.id, `done ${i}`));
    await page.getByTestId("sidebar-projects").getByRole("link", { name: "Many", exact: true }).click();
    const toggle = page.getByTestId("completed-toggle");
    await eventually(() => toggle.textContent(), en["organise.completed"].replace("{count}", "22"));
    await toggle.click();
    await eventually(async () => (await titlesIn(page, "completed")).length, 20);
    expect((await titlesIn(page, "completed"))[0]).toBe("done 22");
    await page.getByTestId("completed-more").click();
    await eventually(async () => (await titlesIn(page, "completed")).length, 22);
    expect((await titlesIn(page, "completed")).at(-1)).toBe("done 1");
    expect(await page.getByTestId("completed-more").count()).toBe(0);
  }, 60_000);

  test("in Urdu the disclosure reads right to left", async () => {
    const { page } = dua;
    const shop = await project(dua, "دکان");
    await complete(dua, await task(dua, shop.id, "حساب لکھنا"));
    // On a phone the sidebar is behind the menu.
    await page.getByTestId("sidebar-toggle").click();
    await page.getByTestId("sidebar-projects").getByRole("link", { name: "دکان", exact: true }).click();
    const toggle = page.getByTestId("completed-toggle");
    await eventually(
      async () => (await toggle.textContent())?.startsWith(ur["organise.completed"].replace(" ({count})", "")),
      true,
    );
    await toggle.click();
    await eventually(() => titlesIn(page, "completed"), ["حساب لکھنا"]);
    await page.waitForFunction(() => document.documentElement.dir === "rtl"); // Urdu paints once its chunk is here
    await suite.snap(page, "dua-completed-open");
  }, 60_000);
});
