/**
 * Issue 14's "organise a week", in a real browser, the way a person would: projects and sections made by
 * chat and by hand (rename, colour, nest, reorder, archive, delete with Undo; sections added, renamed,
 * reordered, deleted with the question answered), cards dragged across and within board columns with
 * the real mouse and moved with Alt+arrows, a parent completed with its subtasks, a filter saved from a
 * sentence, and Today / Upcoming seen right by two people in two zones. The server's state is checked
 * after every step (ListTasks, ListSections, ListProjects), not only the screen. axe-core's WCAG 2.1 AA
 * check on every screen and dialog opened; screenshots under .data/test/screenshots (printed at the end).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Locator, Page } from "playwright-core";
import { en } from "../app/i18n/en";
import { ur } from "../app/i18n/ur";
import { browserSuite, eventually, expectAccessible, type Person, type SignedUp } from "./e2e-kit";

const suite = await browserSuite("organise-week");
const people = [
  { name: "Ayesha", language: "en", size: "desktop", zone: "Asia/Karachi" },
  { name: "Bruno", language: "en", size: "phone", zone: "America/Los_Angeles" },
  { name: "Dua", language: "ur", size: "desktop", zone: "Asia/Karachi" },
] as const satisfies readonly Person[];
let ayesha: SignedUp;
let bruno: SignedUp;
let dua: SignedUp;

type Row = Record<string, unknown> & { id: string };
const rpc = (who: SignedUp, path: string, body: object) => suite.rpc(who.page, path, body);
const task = async (who: SignedUp, body: object) =>
  (await rpc(who, "TaskService/CreateTask", { timeZone: who.zone, ...body })).task as Row & { title: string };
const projectsOf = async (who: SignedUp, includeArchived = false) =>
  ((await rpc(who, "ProjectService/ListProjects", { includeArchived })).projects ?? []) as (Row & {
    name: string;
    parentId?: string;
    colour?: string;
    archived?: boolean;
  })[];
const projectNamed = async (who: SignedUp, name: string) => {
  const found = (await projectsOf(who, true)).find((p) => p.name === name);
  if (!found) throw new Error(`no project ${name}`);
  return found;
};
const sectionsOf = async (who: SignedUp, projectId: string) =>
  ((await rpc(who, "ProjectService/ListSections", { projectId })).sections ?? []) as (Row & { name: string })[];
/** manual reads a project's open top-level tasks from the server, each section's in its manual (rank) order. */
const manual = async (who: SignedUp, projectId: string, names: Record<string, string>) => {
  const tasks = ((await rpc(who, "TaskService/ListTasks", { projectId, sort: "TASK_SORT_MANUAL", pageSize: 200 }))
    .tasks ?? []) as (Row & { title: string; sectionId?: string; parentId?: string; status: string })[];
  const out: Record<string, string[]> = {};
  for (const t of tasks.filter((t) => !t.parentId && t.status !== "TASK_STATUS_COMPLETED")) {
    const section = names[t.sectionId ?? ""] ?? "none";
    out[section] = [...(out[section] ?? []), t.title];
  }
  return out;
};

const sidebar = (page: Page) => page.locator("#sidebar");
const sidebarProjects = (page: Page) => page.getByTestId("sidebar-projects").getByRole("link");
const wallDate = (instant: Date, zone: string) => new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(instant);
const titlesIn = (page: Page, group: string) =>
  page.locator(`section[data-group="${group}"] .task-title`).allTextContents();
const column = (page: Page, key: string) =>
  page.locator(`[data-column="${key}"] [data-testid="board-card"] > .task-title`).allTextContents();
const card = (page: Page, title: string) => page.getByTestId("board-card").filter({ hasText: title }).first();

/** drag moves the mouse as a person does: press on the card's edge, travel in steps, release over the target. */
async function drag(page: Page, from: Locator, to: Locator, at: "top" | "bottom" = "top") {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + 4, a.y + 4);
  await page.mouse.down();
  await page.mouse.move(a.x + 30, a.y + 20, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, at === "top" ? b.y + 12 : b.y + b.height - 12, { steps: 15 });
  await page.mouse.up();
}

async function openChat(who: SignedUp) {
  const toggle = who.page.getByTestId("chat-toggle");
  if ((await toggle.getAttribute("aria-pressed")) !== "true") await toggle.click();
  await who.page.getByTestId("chat-panel").waitFor();
}

async function say(who: SignedUp, text: string): Promise<string> {
  const replies = who.page.getByTestId("chat-assistant");
  const before = await replies.count();
  await who.page.getByTestId("chat-input").fill(text);
  await who.page.getByTestId("chat-input").press("Enter");
  await who.page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="chat-assistant"]').length > n,
    before,
    { timeout: 60_000 },
  );
  return (await replies.nth(before).textContent()) ?? "";
}

/** openSettings opens the project's settings dialog from the keyboard (focus the button, Enter). */
async function openSettings(page: Page) {
  await page.getByTestId("project-settings-open").focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("project-settings").waitFor();
}

beforeAll(async () => {
  [ayesha, bruno, dua] = await suite.signUpAll(people);
}, 120_000);

afterAll(() => suite.close());

describe("organise a week (issue 14) in a real browser", () => {
  test("projects and sections by chat and by hand: nest, colour, reorder, archive, delete with Undo", async () => {
    const { page } = ayesha;

    // By chat: a project with two sections; the sidebar shows it when the panel closes.
    await openChat(ayesha);
    expect(await say(ayesha, "create a project Trip with sections Before and During")).toContain("Trip");
    await page.getByTestId("chat-toggle").click();
    await eventually(() => sidebarProjects(page).allTextContents(), ["Trip"]);
    const trip = await projectNamed(ayesha, "Trip");
    expect((await sectionsOf(ayesha, trip.id)).map((s) => s.name)).toEqual(["Before", "During"]);
    await sidebarProjects(page).filter({ hasText: "Trip" }).click();
    await eventually(() => page.getByTestId("project-title").textContent(), "Trip");
    await eventually(() => page.locator("section[data-group] h2").allTextContents(), ["Before0", "During0"]);

    // By hand, keyboard only: a project by name, then three sections.
    await page.getByTestId("add-project-input").fill("Work");
    await page.getByTestId("add-project-input").press("Enter");
    await eventually(() => page.getByTestId("project-title").textContent(), "Work");
    const work = await projectNamed(ayesha, "Work");
    for (const name of ["Monday", "Tuesday", "Wednesday"]) {
      await page.getByTestId("add-section-input").fill(name);
      await page.getByTestId("add-section-input").press("Enter");
      await eventually(async () => (await sectionsOf(ayesha, work.id)).map((s) => s.name).includes(name), true);
    }
    const names = async () => (await sectionsOf(ayesha, work.id)).map((s) => s.name);
    expect(await names()).toEqual(["Monday", "Tuesday", "Wednesday"]);

    // Rename a section in its dialog; move one earlier (one UpdateSection naming its neighbour).
    const actions = (name: string) =>
      page.locator(`[data-testid="section-actions"]`).filter({
        has: page.getByRole("button", { name: en["arrange.renameSection"].replace("{name}", name) }),
      });
    await actions("Wednesday").getByTestId("section-rename").click();
    await expectAccessible(page, '[data-testid="rename-dialog"]');
    await page.getByTestId("rename-input").fill("Midweek");
    await page.getByTestId("rename-input").press("Enter");
    await eventually(names, ["Monday", "Tuesday", "Midweek"]);
    await actions("Tuesday").getByTestId("section-earlier").click();
    await eventually(names, ["Tuesday", "Monday", "Midweek"]);
    await eventually(
      () => page.locator("section[data-group] h2").allTextContents(),
      ["Tuesday0", "Monday0", "Midweek0"],
    );

    // Deleting a section asks what happens to its tasks: kept in the project, or deleted with it.
    const sections = Object.fromEntries((await sectionsOf(ayesha, work.id)).map((s) => [s.name, s.id]));
    const kept = await task(ayesha, { title: "standup notes", projectId: work.id, sectionId: sections.Midweek });
    await eventually(() => titlesIn(page, sections.Midweek!), ["standup notes"]);
    await actions("Midweek").getByTestId("section-delete").click();
    await page.getByTestId("section-delete-dialog").waitFor();
    expect(await page.getByTestId("section-delete-dialog").textContent()).toContain("It holds 1 open task.");
    await expectAccessible(page, '[data-testid="section-delete-dialog"]');
    await page.getByTestId("section-delete-keep").click();
    await eventually(names, ["Tuesday", "Monday"]);
    const keptNow = (await rpc(ayesha, "TaskService/GetTask", { id: kept.id })).task as Row;
    expect([keptNow.projectId, keptNow.sectionId ?? "", keptNow.deleted ?? false]).toEqual([work.id, "", false]);
    await page.getByTestId("add-section-input").fill("Scratch");
    await page.getByTestId("add-section-input").press("Enter");
    await eventually(names, ["Tuesday", "Monday", "Scratch"]);
    const scratch = (await sectionsOf(ayesha, work.id)).find((s) => s.name === "Scratch")!;
    const gone = await task(ayesha, { title: "old draft", projectId: work.id, sectionId: scratch.id });
    await eventually(() => titlesIn(page, scratch.id), ["old draft"]);
    await actions("Scratch").getByTestId("section-delete").click();
    await page.getByTestId("section-delete-with-tasks").click();
    await eventually(names, ["Tuesday", "Monday"]);
    expect(((await rpc(ayesha, "TaskService/GetTask", { id: gone.id })).task as Row).deleted).toBe(true);
    await suite.snap(page, "01-sections");
    await expectAccessible(page);

    // Settings: rename and colour (by name, from the keyboard), saved as one UpdateProject.
    await openSettings(page);
    await expectAccessible(page, '[data-testid="project-settings"]');
    await page.getByTestId("project-name-input").fill("Office");
    await page.getByRole("radio", { name: en["arrange.colour.blue"] }).check();
    await page.getByTestId("project-name-input").press("Enter");
    await eventually(() => page.getByTestId("project-title").textContent(), "Office");
    const office = await projectNamed(ayesha, "Office");
    expect([office.id, office.colour]).toEqual([work.id, "#3b7dd8"]);
    await eventually(() => sidebarProjects(page).allTextContents(), ["Trip", "Office"]);

    // Nest: "Reports" moves under Office (the list offers only places within three levels, never itself).
    await page.getByTestId("add-project-input").fill("Reports");
    await page.getByTestId("add-project-input").press("Enter");
    await eventually(() => page.getByTestId("project-title").textContent(), "Reports");
    await openSettings(page);
    expect(await page.getByTestId("project-parent").locator("option").allTextContents()).toEqual([
      en["arrange.topLevel"],
      "Trip",
      "Office",
    ]);
    await page.getByTestId("project-parent").selectOption({ label: "Office" });
    await page.getByRole("button", { name: en["arrange.save"] }).click();
    await eventually(async () => (await projectNamed(ayesha, "Reports")).parentId, office.id);
    await eventually(() => sidebarProjects(page).allTextContents(), ["Trip", "Office", "Reports"]);
    // (Reports was last at the top level too: the indent says it is nested now.)
    const indent = () =>
      sidebarProjects(page).evaluateAll((links) => links.map((a) => getComputedStyle(a).paddingInlineStart));
    await eventually(indent, ["10px", "10px", "26px"]);

    // Reorder in the sidebar: Alt+↑ on Office's link (its sub-project travels with it); Move down in settings.
    await sidebarProjects(page).filter({ hasText: "Office" }).focus();
    await page.keyboard.press("Alt+ArrowUp");
    await eventually(() => sidebarProjects(page).allTextContents(), ["Office", "Reports", "Trip"]);
    await eventually(() => page.evaluate(() => document.activeElement?.textContent), "Office");
    await sidebarProjects(page).filter({ hasText: "Office" }).click();
    await openSettings(page);
    await page.getByTestId("project-down").click();
    await eventually(() => sidebarProjects(page).allTextContents(), ["Trip", "Office", "Reports"]);
    await page.keyboard.press("Escape");
    // By mouse: Trip dropped on Reports goes under Office right before it; dropped on Office, back to the top.
    const link = (name: string) => sidebarProjects(page).filter({ hasText: name });
    await drag(page, link("Trip"), link("Reports"));
    await eventually(() => sidebarProjects(page).allTextContents(), ["Office", "Trip", "Reports"]);
    await eventually(indent, ["10px", "26px", "26px"]);
    expect((await projectNamed(ayesha, "Trip")).parentId).toBe(office.id);
    await drag(page, link("Trip"), link("Office"));
    await eventually(() => sidebarProjects(page).allTextContents(), ["Trip", "Office", "Reports"]);
    await eventually(indent, ["10px", "10px", "26px"]);

    // Archive and unarchive (the archived list), then delete with its task and Undo.
    await page.getByTestId("add-project-input").fill("Someday");
    await page.getByTestId("add-project-input").press("Enter");
    await eventually(() => page.getByTestId("project-title").textContent(), "Someday");
    const someday = await projectNamed(ayesha, "Someday");
    const idea = await task(ayesha, { title: "learn the oud", projectId: someday.id });
    await openSettings(page);
    await page.getByTestId("project-archive").click();
    await eventually(() => sidebarProjects(page).allTextContents(), ["Trip", "Office", "Reports"]);
    await page.getByTestId("project-archived").waitFor();
    await sidebar(page).getByTestId("sidebar-archived").click();
    await eventually(() => page.getByTestId("archived-projects").getByRole("link").allTextContents(), ["Someday"]);
    await suite.snap(page, "02-archived");
    await expectAccessible(page);
    await page.getByRole("button", { name: en["arrange.unarchiveNamed"].replace("{name}", "Someday") }).click();
    await page.getByTestId("archived-empty").waitFor();
    await eventually(() => sidebarProjects(page).allTextContents(), ["Trip", "Office", "Reports", "Someday"]);
    expect((await projectNamed(ayesha, "Someday")).archived ?? false).toBe(false);

    await sidebarProjects(page).filter({ hasText: "Someday" }).click();
    await eventually(() => page.getByTestId("project-title").textContent(), "Someday");
    await openSettings(page);
    await page.getByTestId("project-delete").click();
    const toast = page.getByTestId("toast-info").filter({ hasText: "Someday" });
    await eventually(() => toast.locator("span[dir]").textContent(), "Project “Someday” and 1 task deleted");
    await eventually(() => sidebarProjects(page).allTextContents(), ["Trip", "Office", "Reports"]);
    expect(((await rpc(ayesha, "TaskService/GetTask", { id: idea.id })).task as Row).deleted).toBe(true);
    await toast.getByRole("button", { name: en["task.undo"] }).click();
    await eventually(() => page.getByTestId("project-title").textContent(), "Someday");
    await eventually(() => sidebarProjects(page).allTextContents(), ["Trip", "Office", "Reports", "Someday"]);
    expect(((await rpc(ayesha, "TaskService/GetTask", { id: idea.id })).task as Row).deleted ?? false).toBe(false);
  }, 180_000);

  test("the board: real mouse drags across and within columns, Alt+arrows from the keyboard, one MoveTask each", async () => {
    const { page } = ayesha;
    const office = await projectNamed(ayesha, "Office");
    const sections = Object.fromEntries((await sectionsOf(ayesha, office.id)).map((s) => [s.name, s.id]));
    const names = Object.fromEntries(Object.entries(sections).map(([name, id]) => [id, name]));
    const tue = sections.Tuesday!;
    const mon = sections.Monday!;
    for (const [title, sectionId] of [
      ["plan sprint", tue],
      ["write report", mon],
      ["call client", mon],
      ["review code", mon],
    ] as const) {
      await task(ayesha, { title, projectId: office.id, sectionId });
    }
    const moves: string[] = [];
    page.on("request", (r) => r.url().endsWith("TaskService/MoveTask") && moves.push(r.url()));
    await page.goto(`${suite.baseUrl}/projects/${office.id}?view=board`);
    await eventually(() => column(page, mon), ["write report", "call client", "review code"]);
    expect(await column(page, tue)).toEqual(["plan sprint"]);

    // Across columns: "call client" dropped on "plan sprint" lands right before it.
    await drag(page, card(page, "call client"), card(page, "plan sprint"));
    await eventually(() => column(page, tue), ["call client", "plan sprint"]);
    await eventually(() => manual(ayesha, office.id, names), {
      none: ["standup notes"],
      Tuesday: ["call client", "plan sprint"],
      Monday: ["write report", "review code"],
    });
    // Within a column: "review code" dropped on "write report" goes first; onto free space goes last.
    await drag(page, card(page, "review code"), card(page, "write report"));
    await eventually(() => column(page, mon), ["review code", "write report"]);
    await drag(page, card(page, "review code"), page.locator(`[data-column="${mon}"]`), "bottom");
    await eventually(() => column(page, mon), ["write report", "review code"]);
    expect(moves.length).toBe(3);

    // Keyboard: Alt+↓ within the column, Alt+← to the previous column (at the same height); focus follows the card.
    const link = card(page, "call client").locator("> .task-title");
    await link.focus();
    await page.keyboard.press("Alt+ArrowDown");
    await eventually(() => column(page, tue), ["plan sprint", "call client"]);
    await eventually(() => page.evaluate(() => document.activeElement?.textContent), "call client");
    await page.keyboard.press("Alt+ArrowRight");
    await eventually(() => column(page, mon), ["write report", "call client", "review code"]);
    await eventually(() => page.evaluate(() => document.activeElement?.textContent), "call client");
    expect(await page.getByTestId("board-said").textContent()).toBe("“call client” moved to Monday");
    expect(moves.length).toBe(5);
    await eventually(() => manual(ayesha, office.id, names), {
      none: ["standup notes"],
      Tuesday: ["plan sprint"],
      Monday: ["write report", "call client", "review code"],
    });
    await suite.snap(page, "03-board");
    await expectAccessible(page);
  }, 90_000);

  test("the board in Urdu reads right to left: Alt+← goes to the next column", async () => {
    const { page } = dua;
    const home = (await rpc(dua, "ProjectService/CreateProject", { name: "گھر" })).project as Row;
    const first = (await rpc(dua, "ProjectService/CreateSection", { projectId: home.id, name: "پہلے" })).section as Row;
    const then = (await rpc(dua, "ProjectService/CreateSection", { projectId: home.id, name: "بعد میں" }))
      .section as Row;
    await task(dua, { title: "دودھ لانا", projectId: home.id, sectionId: first.id });
    await page.goto(`${suite.baseUrl}/projects/${home.id}?view=board`);
    await eventually(() => column(page, first.id), ["دودھ لانا"]);
    // The first column is at the right edge.
    const [a, b] = await Promise.all(
      [first.id, then.id].map((id) => page.locator(`[data-column="${id}"]`).boundingBox()),
    );
    expect(a!.x).toBeGreaterThan(b!.x);
    await card(page, "دودھ لانا").locator("> .task-title").focus();
    await page.keyboard.press("Alt+ArrowLeft");
    await eventually(() => column(page, then.id), ["دودھ لانا"]);
    expect(await page.locator("#board-help").textContent()).toBe(ur["arrange.boardHelp"]);
    // A section's "later" chevron points left, the way the board runs in Urdu; "earlier" points right.
    const turns = await page
      .locator(`[data-column="${first.id}"] [data-testid="section-actions"] svg`)
      .evaluateAll((svgs) => svgs.map((svg) => getComputedStyle(svg).transform));
    expect(turns.slice(1, 3)).toEqual(["none", "matrix(-1, 0, 0, 1, 0, 0)"]);
    await suite.snap(page, "04-board-ur");
    await expectAccessible(page);

    // The project's settings in Urdu: colours said by name, axe clean.
    await openSettings(page);
    expect(await page.getByRole("radio", { name: ur["arrange.colour.green"] }).count()).toBe(1);
    await expectAccessible(page, '[data-testid="project-settings"]');
    await page.keyboard.press("Escape");

    // A filter from an Urdu sentence: the query is shown with its Urdu explanation before anything is saved.
    await task(dua, {
      title: "بل جمع کرنا",
      priority: "PRIORITY_URGENT",
      tags: ["home"],
      dueAt: new Date().toISOString(),
    });
    await page.goto(`${suite.baseUrl}/filters/new`);
    await page.getByTestId("filter-sentence").fill("آج کے فوری home کام");
    await page.getByTestId("filter-sentence").press("Enter");
    await eventually(() => page.getByTestId("suggested-query").inputValue(), "today & p1 & #home");
    expect(await page.getByTestId("filter-explanation").textContent()).toStartWith("باقی کام:");
    await eventually(() => titlesIn(page, "preview"), ["بل جمع کرنا"]);
    await suite.snap(page, "04-filter-ur");
    await expectAccessible(page);
  }, 90_000);

  test("a parent completed from its checkbox completes its open subtasks; its card counted them", async () => {
    const { page } = ayesha;
    const trip = await projectNamed(ayesha, "Trip");
    const before = (await sectionsOf(ayesha, trip.id)).find((s) => s.name === "Before")!;
    const pack = await task(ayesha, { title: "pack the bag", projectId: trip.id, sectionId: before.id });
    const subtasks = await Promise.all(
      ["passport", "charger", "adapter"].map((title) => task(ayesha, { title, parentId: pack.id })),
    );
    await rpc(ayesha, "TaskService/CompleteTask", { id: subtasks[0]!.id });
    await page.goto(`${suite.baseUrl}/projects/${trip.id}?view=board`);
    await eventually(
      () => card(page, "pack the bag").getByTestId("subtask-progress").locator('[aria-hidden="true"]').textContent(),
      "1/3",
    );
    expect(await card(page, "pack the bag").getByTestId("board-subtasks").locator("li").allTextContents()).toEqual([
      "charger",
      "adapter",
    ]);
    await page.getByTestId("view-switch").click();
    await eventually(() => titlesIn(page, before.id), ["pack the bag", "charger", "adapter"]);
    await page
      .getByTestId("task-row")
      .filter({ has: page.getByRole("link", { name: "pack the bag", exact: true }) })
      .getByRole("checkbox")
      .click();
    await eventually(() => titlesIn(page, before.id), []);
    const statuses = await Promise.all(
      subtasks.map(async (s) => ((await rpc(ayesha, "TaskService/GetTask", { id: s.id })).task as Row).status),
    );
    expect(statuses).toEqual(["TASK_STATUS_COMPLETED", "TASK_STATUS_COMPLETED", "TASK_STATUS_COMPLETED"]);
  }, 60_000);

  test("a filter saved from a sentence: the Filter skill writes it, the user sees it and its matches, then saves", async () => {
    const { page } = ayesha;
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await task(ayesha, { title: "urgent work thing", priority: "PRIORITY_URGENT", tags: ["work"], dueAt: soon });
    await task(ayesha, { title: "relaxed work thing", priority: "PRIORITY_LOW", tags: ["work"], dueAt: soon });
    await task(ayesha, { title: "urgent home thing", priority: "PRIORITY_URGENT", tags: ["home"], dueAt: soon });
    const before = ((await rpc(ayesha, "FilterService/ListSavedFilters", {})).savedFilters ?? []) as Row[];

    await sidebar(page).getByTestId("sidebar-new-filter").click();
    await eventually(() => page.locator("#main h1").textContent(), en["newFilter.newTitle"]);
    // A sentence it cannot read says so and offers nothing to save.
    await page.getByTestId("filter-sentence").fill("hello there");
    await page.getByTestId("filter-sentence").press("Enter");
    await page.getByTestId("filter-not-understood").waitFor();
    expect(await page.getByTestId("filter-suggestion").count()).toBe(0);

    await page.getByTestId("filter-sentence").fill("my urgent work stuff this week");
    await page.getByTestId("filter-sentence").press("Enter");
    await eventually(() => page.getByTestId("suggested-query").inputValue(), "due before: +7 days & p1 & #work");
    expect(await page.getByTestId("filter-explanation").textContent()).toBe(
      "Open tasks: due before 7 days from today and priority p1 and tagged #work",
    );
    await eventually(() => titlesIn(page, "preview"), ["urgent work thing"]);
    // Nothing is saved until the user says so.
    expect(((await rpc(ayesha, "FilterService/ListSavedFilters", {})).savedFilters ?? []) as Row[]).toEqual(before);
    await suite.snap(page, "05-filter-suggested");
    await expectAccessible(page);

    await page.getByTestId("filter-name").fill("Urgent work this week");
    await page.getByRole("button", { name: en["newFilter.save"] }).click();
    await eventually(() => /\/filters\/[0-9a-f-]{36}$/.test(page.url()), true);
    await eventually(
      () => page.getByTestId("sidebar-filters").getByRole("link").allTextContents(),
      ["Urgent work this week"],
    );
    await eventually(() => titlesIn(page, "filter"), ["urgent work thing"]);
    expect(await page.getByTestId("filter-query").textContent()).toBe("due before: +7 days & p1 & #work");

    // Roman Urdu too: the query is shown for the user to check.
    await sidebar(page).getByTestId("sidebar-new-filter").click();
    await page.getByTestId("filter-sentence").fill("Office project mein kal ke kaam");
    await page.getByTestId("filter-sentence").press("Enter");
    await eventually(() => page.getByTestId("suggested-query").inputValue(), "tomorrow & project: Office");
  }, 90_000);

  test("Today and Upcoming in two zones: one instant is tomorrow in Karachi and today in Los Angeles", async () => {
    const now = Date.now();
    const karachiTomorrow = wallDate(new Date(now + 86_400_000), "Asia/Karachi");
    // 02:00 tomorrow in Karachi is 13:00 of the day before in Los Angeles.
    const edge = new Date(`${karachiTomorrow}T02:00:00+05:00`);
    const later = new Date(now + 4 * 86_400_000);
    for (const who of [ayesha, bruno]) {
      await task(who, { title: "overdue bill", dueAt: new Date(now - 3 * 86_400_000).toISOString() });
      await task(who, { title: "edge call", dueAt: edge.toISOString() });
      await task(who, { title: "dentist", dueAt: later.toISOString() });
    }
    for (const who of [ayesha, bruno]) {
      const { page } = who;
      if (who.size === "phone") await page.getByTestId("sidebar-toggle").click();
      await sidebar(page).getByRole("link", { name: en["organise.upcoming"] }).click();
      await eventually(() => titlesIn(page, "overdue"), ["overdue bill"]);
      expect(await titlesIn(page, wallDate(edge, who.zone))).toEqual(["edge call"]);
      expect(await titlesIn(page, wallDate(later, who.zone))).toContain("dentist");
      await suite.snap(page, `06-upcoming-${who.name.toLowerCase()}`);
      await expectAccessible(page);

      if (who.size === "phone") await page.getByTestId("sidebar-toggle").click();
      await sidebar(page).getByRole("link", { name: en["organise.today"] }).click();
      await eventually(() => titlesIn(page, "overdue"), ["overdue bill"]);
      const today = await titlesIn(page, "today");
      expect(today.includes("edge call")).toBe(wallDate(edge, who.zone) === wallDate(new Date(), who.zone));
      expect(today.includes("dentist")).toBe(false);
      await suite.snap(page, `07-today-${who.name.toLowerCase()}`);
    }
    expect(wallDate(edge, "Asia/Karachi")).not.toBe(wallDate(edge, "America/Los_Angeles"));

    // On the phone the new sidebar links close the panel like the others; the settings dialog fits the screen.
    const { page } = bruno;
    await page.getByTestId("sidebar-toggle").click();
    await sidebar(page).getByTestId("sidebar-archived").click();
    await eventually(() => page.locator("#sidebar.is-open").count(), 0);
    await page.getByTestId("archived-empty").waitFor();
    const errands = (await rpc(bruno, "ProjectService/CreateProject", { name: "Errands" })).project as Row;
    await page.goto(`${suite.baseUrl}/projects/${errands.id}`);
    await openSettings(page);
    const box = (await page.getByTestId("project-settings").locator(".dialog-panel").boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await suite.snap(page, "08-settings-phone");
    await expectAccessible(page, '[data-testid="project-settings"]');
  }, 90_000);
});
