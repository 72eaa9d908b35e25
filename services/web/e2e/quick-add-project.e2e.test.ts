/**
 * The quick-add project marker (issue 14) in a real browser: "+Work" shows a Project chip and puts the task in
 * Work; "+Trip", a project the person does not have, shows the chip marked "new" and asks before creating it
 * (Not now creates nothing; Create and add makes the project and the task in it); an archived project is asked
 * about too; in Urdu, right to left, "+گھر" does the same from the keyboard. axe-core on the question. And a
 * saved filter or project made on another client shows in the sidebar live (WatchTasks carries them).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { en } from "../app/i18n/en";
import { ur } from "../app/i18n/ur";
import { browserSuite, englishDeskUrduPhone, eventually, expectAccessible, type SignedUp } from "./e2e-kit";

const suite = await browserSuite("quick-add-project");

let ayesha: SignedUp;
let dua: SignedUp;

const rpc = (who: SignedUp, path: string, body: object) => suite.rpc(who.page, path, body);

type Named = { id: string; name: string };
const projectsOf = async (who: SignedUp, includeArchived = false) =>
  (await rpc(who, "ProjectService/ListProjects", { includeArchived })).projects as Named[];
const projectNamed = async (who: SignedUp, name: string) => (await projectsOf(who)).find((p) => p.name === name);
const titlesIn = async (who: SignedUp, projectId: string) =>
  (((await rpc(who, "TaskService/ListTasks", { projectId })).tasks ?? []) as { title: string }[]).map((t) => t.title);

/** chipOf is the Project chip's value and badge ("" without one), once the server's reading arrives. */
const chipOf = (who: SignedUp) => async () => {
  const chip = who.page.locator('[data-testid="quick-add-chips"] li[data-field="project"]');
  if ((await chip.count()) === 0) return undefined;
  const badge = chip.getByTestId("project-chip-badge");
  return [await chip.locator(".chip-value").textContent(), (await badge.count()) > 0 ? await badge.textContent() : ""];
};

beforeAll(async () => {
  [ayesha, dua] = await suite.signUpAll(englishDeskUrduPhone);
}, 90_000);

afterAll(() => suite.close());

describe("quick add's +Project marker", () => {
  test("+work puts the task in Work; the chip shows the project's own name", async () => {
    const { page } = ayesha;
    const work = (await rpc(ayesha, "ProjectService/CreateProject", { name: "Work" })).project as Named;
    const input = page.getByTestId("quick-add-input");
    await input.fill("write report +work p1");
    await eventually(chipOf(ayesha), ["Work", ""]);
    await input.press("Enter");
    await eventually(() => titlesIn(ayesha, work.id), ["write report"]);
    expect(await page.getByTestId("quick-add-project-dialog").count()).toBe(0);
  }, 30_000);

  test("+Trip is new: the chip says so, Enter asks, Not now creates nothing, Create and add makes both", async () => {
    const { page } = ayesha;
    const input = page.getByTestId("quick-add-input");
    await input.fill("book hotel +Trip");
    await eventually(chipOf(ayesha), ["Trip", en["quickAdd.newProject"]]);
    await input.press("Enter");
    const dialog = page.getByTestId("quick-add-project-dialog");
    await dialog.waitFor();
    expect(await dialog.getByRole("heading").textContent()).toBe(
      en["quickAdd.createProjectTitle"].replace("{name}", "Trip"),
    );
    await expectAccessible(page, '[data-testid="quick-add-project-dialog"]');
    await suite.snap(page, "ayesha-ask-new-project");
    await dialog.getByRole("button", { name: en["quickAdd.cancel"] }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await projectNamed(ayesha, "Trip")).toBeUndefined();
    expect(await input.inputValue()).toBe("book hotel +Trip");

    await input.press("Enter");
    await page.getByTestId("quick-add-project-confirm").click();
    await eventually(async () => (await projectNamed(ayesha, "Trip"))?.name, "Trip");
    const trip = (await projectNamed(ayesha, "Trip"))!;
    await eventually(() => titlesIn(ayesha, trip.id), ["book hotel"]);
    await eventually(() => input.inputValue(), "");
    // The sidebar learns of the project made here.
    await page.getByTestId("sidebar-projects").getByRole("link", { name: "Trip", exact: true }).waitFor();
    expect((await projectsOf(ayesha)).filter((p) => p.name === "Trip")).toHaveLength(1);
  }, 30_000);

  test("an archived project is asked about and brought back", async () => {
    const { page } = ayesha;
    const old = (await rpc(ayesha, "ProjectService/CreateProject", { name: "Garden" })).project as Named;
    await rpc(ayesha, "ProjectService/UpdateProject", { id: old.id, updateMask: "archived", archived: true });
    const input = page.getByTestId("quick-add-input");
    await input.fill("prune roses +garden");
    await eventually(chipOf(ayesha), ["Garden", en["quickAdd.archivedProject"]]);
    await input.press("Enter");
    await page.getByTestId("quick-add-project-confirm").click();
    await eventually(() => titlesIn(ayesha, old.id), ["prune roses"]);
    expect((await projectsOf(ayesha)).map((p) => p.id)).toContain(old.id);
  }, 30_000);

  test("a saved filter or project made on another client reaches the sidebar live, without a reload", async () => {
    const { page } = ayesha;
    const filters = page.getByTestId("sidebar-filters");
    const saved = (await rpc(ayesha, "FilterService/CreateSavedFilter", { name: "Live one", query: "p1" }))
      .savedFilter as Named;
    await filters.getByRole("link", { name: "Live one" }).waitFor({ timeout: 10_000 });
    await rpc(ayesha, "FilterService/UpdateSavedFilter", { id: saved.id, name: "Live two" });
    await filters.getByRole("link", { name: "Live two" }).waitFor({ timeout: 10_000 });
    await rpc(ayesha, "FilterService/DeleteSavedFilter", { id: saved.id });
    await filters.getByRole("link", { name: "Live two" }).waitFor({ state: "detached", timeout: 10_000 });
    await rpc(ayesha, "ProjectService/CreateProject", { name: "Made elsewhere" });
    await page
      .getByTestId("sidebar-projects")
      .getByRole("link", { name: "Made elsewhere" })
      .waitFor({ timeout: 10_000 });
  }, 40_000);

  test("in Urdu, right to left, from the keyboard: +گھر asks in Urdu and creates the project", async () => {
    const { page } = dua;
    const input = page.getByTestId("quick-add-input");
    await input.fill("دودھ لانا +گھر");
    await eventually(chipOf(dua), ["گھر", ur["quickAdd.newProject"]]);
    await input.press("Enter");
    const dialog = page.getByTestId("quick-add-project-dialog");
    await dialog.waitFor();
    expect(await dialog.getByRole("heading").textContent()).toBe(
      ur["quickAdd.createProjectTitle"].replace("{name}", "گھر"),
    );
    await page.waitForFunction(() => document.documentElement.dir === "rtl"); // Urdu paints once its chunk is here
    await expectAccessible(page, '[data-testid="quick-add-project-dialog"]');
    await suite.snap(page, "dua-ask-new-project");
    // Keyboard only: Tab reaches the confirm button, Enter presses it.
    const confirm = page.getByTestId("quick-add-project-confirm");
    for (let i = 0; i < 5 && !(await confirm.evaluate((b) => b === document.activeElement)); i++) {
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    await eventually(async () => (await projectNamed(dua, "گھر"))?.name, "گھر");
    const home = (await projectNamed(dua, "گھر"))!;
    await eventually(() => titlesIn(dua, home.id), ["دودھ لانا"]);
  }, 30_000);
});
