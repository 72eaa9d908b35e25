/**
 * Issue 14 ("Organise") in a real browser: the sidebar (Inbox, Today, Upcoming, projects nested, saved
 * filters; a menu on a 390 px phone; Urdu right to left), Today and Upcoming in two zones, a project
 * with sections, quick add inside it, and subtask progress. axe-core's WCAG 2.1 AA check on every new
 * screen; screenshots under .data/test/screenshots (paths printed at the end).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Page } from "playwright-core";
import { en } from "../app/i18n/en";
import { ur } from "../app/i18n/ur";
import { browserSuite, eventually, expectAccessible, type SignedUp } from "./e2e-kit";

const suite = await browserSuite("organise");

type Who = SignedUp;
let karachi: Who;
let angeles: Who;
let urduPhone: Who;

const snap = (who: Who, step: string) => suite.snap(who.page, `${who.name.toLowerCase()}-${step}`);

const accessible = (who: Who) => expectAccessible(who.page);

const row = (page: Page, title: string) =>
  page.getByTestId("task-row").filter({ has: page.getByRole("link", { name: title, exact: true }) });

/** wallDate is the YYYY-MM-DD an instant falls on in a zone. */
const wallDate = (instant: Date, zone: string) => new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(instant);

/** titlesIn lists the task titles shown in one group (data-group is a day, "overdue", "today" or a section id). */
const titlesIn = (page: Page, group: string) =>
  page.locator(`section[data-group="${group}"] .task-title`).allTextContents();

/** rpc calls a public method as the person (Connect JSON), for setup the page does not need to show. */
const rpc = (who: Who, path: string, body: object) => suite.rpc(who.page, path, body);

const task = async (who: Who, body: object) =>
  (await rpc(who, "TaskService/CreateTask", { timeZone: who.zone, ...body })).task as { id: string; title: string };

beforeAll(async () => {
  [karachi, angeles, urduPhone] = await suite.signUpAll([
    { name: "Ayesha", language: "en", size: "desktop", zone: "Asia/Karachi" },
    { name: "Bruno", language: "en", size: "phone", zone: "America/Los_Angeles" },
    { name: "Dua", language: "ur", size: "phone", zone: "Asia/Karachi" },
  ]);
}, 90_000);

afterAll(() => suite.close());

describe("issue 14 in a real browser", () => {
  test("sidebar: Inbox, Today, Upcoming; a project added by name opens, nested projects indent, saved filters run", async () => {
    const { page } = karachi;
    const sidebar = page.getByRole("navigation", { name: en["organise.sidebar"] });
    await sidebar.getByRole("link", { name: en["organise.inbox"] }).waitFor();
    await sidebar.getByRole("link", { name: en["organise.today"] }).waitFor();
    await sidebar.getByRole("link", { name: en["organise.upcoming"] }).waitFor();

    // Adding a project by name (keyboard only) opens it and lists it.
    await page.getByTestId("add-project-input").fill("Trip");
    await page.getByTestId("add-project-input").press("Enter");
    await eventually(() => page.getByTestId("project-title").textContent(), "Trip");
    const trip = sidebar.getByRole("link", { name: "Trip", exact: true });
    expect(await trip.getAttribute("aria-current")).toBe("page");
    const tripId = page.url().split("/projects/")[1]!;

    // A child project sits under its parent, indented.
    await rpc(karachi, "ProjectService/CreateProject", { name: "Packing", parentId: tripId });
    await rpc(karachi, "ProjectService/CreateProject", { name: "Work" });
    await page.reload();
    const projects = page.getByTestId("sidebar-projects").getByRole("link");
    await eventually(() => projects.allTextContents(), ["Trip", "Packing", "Work"]);
    const indent = await projects.evaluateAll((links) => links.map((a) => getComputedStyle(a).paddingInlineStart));
    expect(indent).toEqual(["10px", "26px", "10px"]);

    // A saved filter shows in the sidebar and runs on the server.
    await task(karachi, { title: "urgent report", priority: "PRIORITY_URGENT" });
    const saved = (await rpc(karachi, "FilterService/CreateSavedFilter", { name: "Urgent", query: "p1" }))
      .savedFilter as { id: string };
    await page.reload();
    await page.getByTestId("sidebar-filters").getByRole("link", { name: "Urgent" }).click();
    await eventually(() => page.url().endsWith(`/filters/${saved.id}`), true);
    await eventually(() => titlesIn(page, "filter"), ["urgent report"]);
    // A project made elsewhere (chat's "add milk to Groceries") shows up when its first task arrives live.
    const groceries = (await rpc(karachi, "ProjectService/CreateProject", { name: "Groceries" })).project as {
      id: string;
    };
    await task(karachi, { title: "milk", projectId: groceries.id });
    await eventually(() => projects.allTextContents(), ["Trip", "Packing", "Work", "Groceries"]);
    await snap(karachi, "01-filter");
    await accessible(karachi);
  }, 60_000);

  test("a project: quick add puts the task there, sections group its tasks in manual order, subtasks show 2/3", async () => {
    const { page } = karachi;
    const projects = ((await rpc(karachi, "ProjectService/ListProjects", {})).projects ?? []) as {
      id: string;
      name: string;
    }[];
    const trip = projects.find((p) => p.name === "Trip")!;
    const before = (await rpc(karachi, "ProjectService/CreateSection", { projectId: trip.id, name: "Before" }))
      .section as { id: string };
    const pack = await task(karachi, { title: "pack the bag", projectId: trip.id, sectionId: before.id });
    await task(karachi, { title: "book hotel", projectId: trip.id, sectionId: before.id });
    const subtasks = await Promise.all(
      ["passport", "charger", "tickets"].map((title) => task(karachi, { title, parentId: pack.id })),
    );
    await rpc(karachi, "TaskService/CompleteTask", { id: subtasks[0]!.id });
    await rpc(karachi, "TaskService/CompleteTask", { id: subtasks[1]!.id });

    await page.goto(`${suite.baseUrl}/projects/${trip.id}`);
    // Open subtasks read inline under their parent, indented; done ones only count towards "2/3".
    await eventually(() => titlesIn(page, before.id), ["pack the bag", "tickets", "book hotel"]);
    expect(await row(page, "passport").count()).toBe(0);
    expect(await row(page, "tickets").getAttribute("data-depth")).toBe("1");
    await eventually(
      () =>
        row(page, "pack the bag").getByTestId("subtask-progress").locator('[aria-hidden="true"]').last().textContent(),
      "2/3",
    );

    // Quick add inside the project puts the task in it (outside any section).
    await page.getByTestId("quick-add-input").fill("buy adapter");
    await page.getByTestId("quick-add-input").press("Enter");
    await eventually(() => titlesIn(page, "none"), ["buy adapter"]);
    const listed = (await rpc(karachi, "TaskService/ListTasks", { projectId: trip.id, query: "adapter" })).tasks as {
      projectId: string;
    }[];
    expect(listed.map((t) => t.projectId)).toEqual([trip.id]);

    // Moving a task (another client) reorders the list: manual order comes from the server's ranks.
    const hotel = (await rpc(karachi, "TaskService/ListTasks", { projectId: trip.id, query: "hotel" })).tasks as {
      id: string;
    }[];
    await rpc(karachi, "TaskService/MoveTask", {
      id: hotel[0]!.id,
      projectId: trip.id,
      sectionId: before.id,
      beforeId: pack.id,
    });
    await eventually(() => titlesIn(page, before.id), ["book hotel", "pack the bag", "tickets"]);
    await snap(karachi, "02-project");
    await accessible(karachi);

    // Completing the parent completes its open subtask too: both leave the list.
    await row(page, "pack the bag").getByRole("checkbox").click();
    await eventually(() => titlesIn(page, before.id), ["book hotel"]);
    const tickets = (await rpc(karachi, "TaskService/GetTask", { id: subtasks[2]!.id })).task as { status: string };
    expect(tickets.status).toBe("TASK_STATUS_COMPLETED");

    // The board: sections as columns; a card is dragged to another column, or moved with its "Move to" list.
    await page.getByTestId("view-switch").click();
    const column = (key: string) =>
      page.locator(`[data-column="${key}"] [data-testid="board-card"] .task-title`).allTextContents();
    await eventually(() => column(before.id), ["book hotel"]);
    await eventually(() => column("none"), ["buy adapter"]);
    // Dragged by the card's edge (its title is a link and its list a control) onto the column's heading, not
    // onto a card (a card dropped on a card lands before it): it goes to the column's end.
    await page
      .getByTestId("board-card")
      .filter({ hasText: "book hotel" })
      .dragTo(page.locator('[data-column="none"]'), {
        sourcePosition: { x: 4, y: 4 },
        targetPosition: { x: 20, y: 12 },
      });
    await eventually(() => column("none"), ["buy adapter", "book hotel"]);
    await eventually(() => column(before.id), []);
    // Keyboard alternative: focus the card's list and pick a column.
    const adapterMove = page.getByTestId("board-card").filter({ hasText: "buy adapter" }).getByTestId("board-move");
    await adapterMove.focus();
    await adapterMove.selectOption(before.id);
    await eventually(() => column(before.id), ["buy adapter"]);
    const moved = (await rpc(karachi, "TaskService/ListTasks", { projectId: trip.id, query: "adapter" })).tasks as {
      sectionId: string;
    }[];
    expect(moved.map((t) => t.sectionId)).toEqual([before.id]);
    await snap(karachi, "02-board");
    await accessible(karachi);

    // The Inbox holds tasks added without a project.
    await task(karachi, { title: "call the bank" });
    await page
      .getByRole("navigation", { name: en["organise.sidebar"] })
      .getByRole("link", { name: en["organise.inbox"] })
      .click();
    await eventually(() => page.getByTestId("project-title").textContent(), en["organise.inbox"]);
    await eventually(async () => (await titlesIn(page, "none")).includes("call the bank"), true);
  }, 60_000);

  test("Today and Upcoming: overdue on top, days in the user's zone (Karachi and Los Angeles see one instant on different days)", async () => {
    const now = Date.now();
    // 02:00 tomorrow in Karachi is 13:00 of the day before in Los Angeles.
    const karachiTomorrow = wallDate(new Date(now + 86_400_000), "Asia/Karachi");
    const edge = new Date(`${karachiTomorrow}T02:00:00+05:00`);
    const inThreeDays = new Date(now + 3 * 86_400_000);
    for (const who of [karachi, angeles]) {
      await task(who, { title: "old bill", dueAt: new Date(now - 2 * 86_400_000).toISOString() });
      await task(who, { title: "edge call", dueAt: edge.toISOString() });
      await task(who, { title: "dentist", dueAt: inThreeDays.toISOString() });
    }
    for (const who of [karachi, angeles]) {
      const { page } = who;
      if (who === angeles) {
        await page.getByTestId("sidebar-toggle").click();
        await page
          .getByRole("navigation", { name: en["organise.sidebar"] })
          .getByRole("link", { name: en["organise.upcoming"] })
          .click();
        // Following a link closes the phone's panel.
        await eventually(() => page.locator("#sidebar.is-open").count(), 0);
      } else {
        await page
          .getByRole("navigation", { name: en["organise.sidebar"] })
          .getByRole("link", { name: en["organise.upcoming"] })
          .click();
      }
      await eventually(() => titlesIn(page, "overdue"), ["old bill"]);
      const groups = await page
        .locator("section[data-group]")
        .evaluateAll((s) => s.map((e) => e.getAttribute("data-group")));
      expect(groups[0]).toBe("overdue");
      const edgeDay = wallDate(edge, who.zone);
      expect(await titlesIn(page, edgeDay)).toEqual(["edge call"]);
      expect(await titlesIn(page, wallDate(inThreeDays, who.zone))).toEqual(["dentist"]);
      // Days are in order.
      const days = groups.slice(1) as string[];
      expect([...days].sort()).toEqual(days);
      await snap(who, "03-upcoming");
      await accessible(who);

      await page.goto(`${suite.baseUrl}/today`);
      await eventually(() => titlesIn(page, "overdue"), ["old bill"]);
      const todayHere = wallDate(new Date(), who.zone);
      const today = await titlesIn(page, "today");
      expect(today.includes("edge call")).toBe(edgeDay === todayHere);
      expect(today.includes("dentist")).toBe(false);
      await snap(who, "04-today");
      await accessible(who);
    }
    // The same instant is a different day in the two zones.
    expect(wallDate(edge, "Asia/Karachi")).not.toBe(wallDate(edge, "America/Los_Angeles"));
  }, 60_000);

  test("Urdu on a phone: the menu opens the sidebar right to left, Escape closes it, Today in Urdu", async () => {
    const { page } = urduPhone;
    await page.waitForFunction(() => document.documentElement.dir === "rtl"); // Urdu paints once its chunk is here
    expect(await page.locator("#sidebar").isVisible()).toBe(false);
    const toggle = page.getByTestId("sidebar-toggle");
    expect(await toggle.getAttribute("aria-label")).toBe(ur["organise.menu"]);
    await toggle.click();
    const sidebar = page.getByRole("navigation", { name: ur["organise.sidebar"] });
    await sidebar.waitFor();
    // The panel opens at the right edge in Urdu, and takes focus.
    const box = (await sidebar.boundingBox())!;
    expect(Math.round(box.x + box.width)).toBe(390);
    await eventually(() => page.evaluate(() => !!document.activeElement?.closest("#sidebar")), true);
    await snap(urduPhone, "05-sidebar-ur");
    await accessible(urduPhone);
    await page.keyboard.press("Escape");
    await eventually(() => page.locator("#sidebar").isVisible(), false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("sidebar-toggle");

    await task(urduPhone, { title: "دودھ لانا", dueAt: new Date(Date.now() - 2 * 86_400_000).toISOString() });
    await toggle.click();
    await sidebar.getByRole("link", { name: ur["organise.today"] }).click();
    await eventually(() => page.locator("#main h1").textContent(), ur["organise.today"]);
    await eventually(() => titlesIn(page, "overdue"), ["دودھ لانا"]);
    expect(await page.locator('section[data-group="overdue"] h2').textContent()).toContain(ur["organise.overdue"]);
    await snap(urduPhone, "06-today-ur");
    await accessible(urduPhone);
  }, 60_000);
});
