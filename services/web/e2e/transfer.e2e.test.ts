/**
 * Import and export on the Connections screen (issue 16) in a real browser: Ayesha chooses the Todoist template
 * sample, previews it (counts, first lines, a warning for the note row), imports it and finds the tasks; a second
 * preview says everything is already here. A spreadsheet CSV with a bad line shows the problem by line and keeps
 * Import disabled. Export downloads a JSON file holding her tasks, and a CSV. Dua does it in Urdu, right to left, on a
 * phone. axe-core on the section.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { en } from "../app/i18n/en";
import { browserSuite, englishDeskUrduPhone, eventually, expectAccessible, type SignedUp } from "./e2e-kit";

const sample = fileURLToPath(
  new URL("../../orchestrator/testing/import-samples/todoist-template.csv", import.meta.url),
);
const suite = await browserSuite("transfer");

let ayesha: SignedUp;
let dua: SignedUp;

const taskTitles = async (who: SignedUp) =>
  (((await suite.rpc(who.page, "TaskService/ListTasks", { pageSize: 100 })).tasks ?? []) as { title: string }[])
    .map((t) => t.title)
    .sort();

const openConnections = async (who: SignedUp) => {
  await who.page.goto(`${suite.baseUrl}/connections`);
  await who.page.getByTestId("transfer-section").waitFor({ timeout: 20_000 });
};

beforeAll(async () => {
  [ayesha, dua] = await suite.signUpAll(englishDeskUrduPhone);
}, 90_000);

afterAll(() => suite.close());

describe("import and export on the Connections screen", () => {
  test("Todoist CSV: preview, import, and a second preview finds everything already here", async () => {
    const { page } = ayesha;
    await openConnections(ayesha);
    const section = page.getByTestId("transfer-section");
    await section.getByTestId("import-file").setInputFiles(sample);
    await section.getByTestId("import-project").fill("Trip");
    await section.getByRole("button", { name: en["connections.importPreview"] }).click();
    const preview = section.getByTestId("import-preview");
    await preview.or(section.locator(".form-error")).first().waitFor();
    const formError = section.locator(".form-error");
    expect((await formError.count()) > 0 ? await formError.textContent() : "").toBe("");
    expect(await preview.textContent()).toContain("Would create 7 tasks, 1 project and 1 section");
    expect(await section.getByTestId("import-rows").locator("li").count()).toBe(9);
    expect(await section.getByTestId("import-warnings").textContent()).toContain("Line 5");
    await suite.snap(page, "todoist-preview");
    await expectAccessible(page, '[data-testid="transfer-section"]');
    await section.getByTestId("import-run").click();
    await eventually(async () => (await taskTitles(ayesha)).length, 7, 15_000);
    expect(await taskTitles(ayesha)).toContain("Plan the trip");
    await section.getByRole("button", { name: en["connections.importPreview"] }).click();
    await eventually(
      async () =>
        (await preview.textContent())?.includes("Would create 0 tasks, 0 projects and 0 sections. Already here: 9."),
      true,
    );
  }, 60_000);

  test("a spreadsheet CSV with a bad line lists it by line and cannot be imported", async () => {
    const { page } = ayesha;
    const section = page.getByTestId("transfer-section");
    await section.getByTestId("import-source").selectOption({ label: en["connections.importGeneric"] });
    await section.getByTestId("import-file").setInputFiles({
      name: "chores.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("title,priority,due\nSweep,high,2026-12-24\nMop,sometimes,\n"),
    });
    await section.getByTestId("import-source").selectOption({ label: en["connections.importGeneric"] });
    await section.getByRole("button", { name: en["connections.importPreview"] }).click();
    const problems = section.getByTestId("import-problems");
    await problems.waitFor();
    expect(await problems.textContent()).toContain("Line 3");
    expect(await section.getByTestId("import-run").isDisabled()).toBe(true);
  }, 30_000);

  test("export downloads everything as JSON, and the tasks as CSV", async () => {
    const { page } = ayesha;
    const section = page.getByTestId("transfer-section");
    const [json] = await Promise.all([page.waitForEvent("download"), section.getByTestId("export-json").click()]);
    expect(json.suggestedFilename()).toMatch(/^taskmesh-export-.*\.json$/);
    const document = JSON.parse(await readFile((await json.path())!, "utf8"));
    expect(document).toMatchObject({ format: "taskmesh-export", version: 2 });
    expect((document.tasks as { title: string }[]).map((t) => t.title).sort()).toEqual(await taskTitles(ayesha));
    const [csv] = await Promise.all([page.waitForEvent("download"), section.getByTestId("export-csv").click()]);
    expect(await readFile((await csv.path())!, "utf8")).toStartWith("title,description,due,priority,tags");
  }, 30_000);

  test("in Urdu on a phone: right to left, the same import by keyboard", async () => {
    const { page } = dua;
    await openConnections(dua);
    await page.waitForFunction(() => document.documentElement.dir === "rtl"); // Urdu paints once its chunk is here
    const section = page.getByTestId("transfer-section");
    await section.getByTestId("import-file").setInputFiles(sample);
    await section.getByTestId("import-file").focus();
    // Tab through the form to the Preview button and press it from the keyboard.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate(() => document.activeElement?.textContent)) === "پیش نظارہ") break;
    }
    await page.keyboard.press("Enter");
    await section.getByTestId("import-preview").waitFor();
    await suite.snap(page, "urdu-preview");
    await expectAccessible(page, '[data-testid="transfer-section"]');
    await page.getByTestId("import-run").focus();
    await page.keyboard.press("Enter");
    await eventually(async () => (await taskTitles(dua)).length, 7, 15_000);
  }, 60_000);
});
