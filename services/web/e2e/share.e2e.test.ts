/**
 * Issue 15 ("Share") in a real browser, two people in two browser contexts against embedded taskmesh with a
 * local SMTP sink (inviting needs a verified address, and the in-app list shows invitations to one):
 * Ayesha (English) shares "Groceries" with Bilal (Urdu, right to left) from the project header's share
 * dialog; Bilal accepts in the sidebar, sees the project and its task, renames the task and Ayesha sees
 * it live; Ayesha removes Bilal and his view loses the project. The mailed /invitation link is answered
 * too (a second project): signed out first, it asks to sign in and comes back. axe-core on each new view.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, Page } from "playwright-core";
import { type SmtpSink, startSmtpSink } from "../../notification/testing/smtp-sink";
import { verifyThroughLink } from "../../notification/testing/verify-email";
import { waitFor } from "../../platform/testing/wait";
import { en } from "../app/i18n/en";
import { loadLanguage } from "../app/i18n/translate";
import { ur } from "../app/i18n/ur";
import { eventually, expectAccessible, launchChromium, rpcAs, shot, startEmbedded } from "./e2e-kit";

const zone = "Asia/Karachi";
const password = "correct horse battery";
const stamp = Date.now();
const ayeshaEmail = `ayesha.${stamp}@example.com`;
const bilalEmail = `bilal.${stamp}@example.com`;

let sink: SmtpSink;
let stack: Awaited<ReturnType<typeof startEmbedded>>;
let browser: Browser;
let ayesha: Page;
let bilal: Page;

async function newPage(label: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    timezoneId: zone,
    locale: "en-US",
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`page error (${label}): ${error.message}`));
  return page;
}

async function signUp(page: Page, name: string, email: string, urdu: boolean) {
  await page.goto(stack.baseUrl);
  if (urdu) {
    await page.getByTestId("language-toggle").click();
    await eventually(() => page.evaluate(() => document.documentElement.lang), "ur");
  }
  await page.locator('input[autocomplete="name"]').fill(name);
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId("tasks-empty").waitFor({ timeout: 40_000 });
  expect(await verifyThroughLink(sink, email, stack.baseUrl)).toBe(200);
}

const rpc = (page: Page, path: string, body: object) => rpcAs(stack.baseUrl, page, path, body);

const sidebarProjects = (page: Page) => page.getByTestId("sidebar-projects").getByRole("link").allTextContents();
const titles = (page: Page) => page.locator('[data-testid="task-row"] .task-title').allTextContents();

beforeAll(async () => {
  sink = await startSmtpSink();
  stack = await startEmbedded({ SMTP_URL: sink.url });
  browser = await launchChromium();
  ayesha = await newPage("Ayesha");
  bilal = await newPage("Bilal");
  await signUp(ayesha, "Ayesha Khan", ayeshaEmail, false);
  await signUp(bilal, "Bilal", bilalEmail, true);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await sink?.close();
});

describe("issue 15 in two browsers", () => {
  test("invite, accept in-app, edit live, remove: the member's view loses the project", async () => {
    const project = (await rpc(ayesha, "ProjectService/CreateProject", { name: "Groceries" })).project as {
      id: string;
    };
    const task = (await rpc(ayesha, "TaskService/CreateTask", { title: "milk", projectId: project.id, timeZone: zone }))
      .task as { id: string };

    // Ayesha invites Bilal as an editor from the project header.
    await ayesha.goto(`${stack.baseUrl}/projects/${project.id}`);
    await eventually(() => ayesha.getByTestId("project-title").textContent(), "Groceries");
    await ayesha.getByTestId("share-open").click();
    const dialog = ayesha.getByTestId("share-dialog");
    await dialog.getByLabel(en["share.email"]).fill(bilalEmail);
    await dialog.getByTestId("share-invite-role").selectOption({ label: en["share.roleEditor"] });
    await dialog.getByRole("button", { name: en["share.invite"] }).click();
    await dialog.getByTestId("share-pending").getByText(bilalEmail).waitFor();
    await shot(ayesha, "share-01-dialog-invited");
    await expectAccessible(ayesha);
    await ayesha.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    // Bilal sees the invitation in his sidebar (in Urdu, right to left) and accepts it.
    await bilal.reload();
    const invitation = bilal.getByTestId("invitation");
    await invitation.waitFor({ timeout: 20_000 });
    expect(await invitation.textContent()).toContain("Groceries");
    expect(await invitation.textContent()).toContain("Ayesha Khan");
    await bilal.waitForFunction(() => document.documentElement.dir === "rtl"); // Urdu paints once its chunk is here
    await shot(bilal, "share-02-invitation-ur");
    await expectAccessible(bilal);
    await invitation.getByRole("button", { name: ur["share.acceptFor"].replace("{project}", "Groceries") }).click();
    await eventually(() => bilal.getByTestId("project-title").textContent(), "Groceries");
    expect(bilal.url()).toContain(`/projects/${project.id}`);
    await eventually(() => titles(bilal), ["milk"]);
    await eventually(() => sidebarProjects(bilal), ["Groceries"]);
    // Both people show as avatars in the header.
    await eventually(() => bilal.getByTestId("member-avatars").locator("li").allTextContents(), ["AK", "B"]);
    await invitation.waitFor({ state: "detached" });

    // Bilal renames the task; Ayesha's open project sees it without reloading.
    await bilal.goto(`${stack.baseUrl}/tasks/${task.id}`);
    const editor = bilal.getByTestId("task-editor");
    await editor.waitFor();
    await editor.locator("input").first().fill("oat milk");
    await editor.getByRole("button", { name: ur["editor.save"] }).click();
    await editor.waitFor({ state: "detached" });
    await eventually(() => titles(ayesha), ["oat milk"], 15_000);

    // Ayesha removes Bilal; his sidebar and screen lose the project.
    await bilal.goto(`${stack.baseUrl}/projects/${project.id}`);
    await eventually(() => titles(bilal), ["oat milk"]);
    await ayesha.getByTestId("share-open").click();
    const members = ayesha.getByTestId("share-members");
    await eventually(() => members.getByTestId("share-member").count(), 2);
    await shot(ayesha, "share-03-members");
    await expectAccessible(ayesha);
    await members.getByRole("button", { name: en["share.removeMember"].replace("{name}", "Bilal") }).click();
    await eventually(() => members.getByTestId("share-member").count(), 1);
    await eventually(() => sidebarProjects(bilal), [], 15_000);
    // His open project page notices (the cut stream starts over, the project answers NotFound) and leaves for Today.
    await eventually(() => new URL(bilal.url()).pathname, "/today", 15_000);
    await eventually(() => titles(bilal), [], 15_000);
    await shot(bilal, "share-04-removed-ur");
    // The server agrees: his next read is NotFound.
    await expect(rpc(bilal, "ProjectService/GetProject", { id: project.id })).rejects.toThrow("404");
  }, 120_000);

  test("the mailed /invitation link: signed out it asks to sign in, then names the project and accepts", async () => {
    const project = (await rpc(ayesha, "ProjectService/CreateProject", { name: "Trip" })).project as { id: string };
    await rpc(ayesha, "ShareService/InviteMember", {
      projectId: project.id,
      email: bilalEmail,
      role: "PROJECT_ROLE_VIEWER",
    });
    const mail = await waitFor(
      "the invitation email",
      () => sink.received.find((m) => m.to.includes(bilalEmail) && m.subject.includes("Trip")),
      15_000,
    );
    const text = mail.text.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    const link = new URL(/https?:\/\/\S+\/invitation\?\S+/.exec(text)?.[0] ?? "");
    const page = await newPage("Bilal, signed out");
    await page.goto(`${stack.baseUrl}${link.pathname}${link.search}`);
    await page.getByText(en["share.signInFirst"]).waitFor();
    const toSignIn = page.getByRole("button", { name: "Sign in instead" });
    if (await toSignIn.isVisible().catch(() => false)) await toSignIn.click();
    await page.getByLabel("Email").fill(bilalEmail);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const invitationPage = page.getByTestId("invitation-page");
    await invitationPage.waitFor({ timeout: 20_000 });
    // Bilal's profile is in Urdu: the page switches to it once he is signed in.
    const urdu = await loadLanguage("ur");
    await eventually(
      () => page.getByTestId("invitation-text").textContent(),
      urdu.t("share.invitationFrom", { inviter: "Ayesha Khan", project: "Trip", role: urdu.t("share.roleViewer") }),
    );
    await shot(page, "share-05-invitation-page");
    await expectAccessible(page);
    await page.getByTestId("invitation-accept").click();
    await eventually(() => page.getByTestId("project-title").textContent(), "Trip");
    // The link works once.
    await page.goto(`${stack.baseUrl}${link.pathname}${link.search}`);
    await page.getByTestId("invitation-accept").click();
    await page.getByTestId("invitation-dead").waitFor();
  }, 90_000);
});
