/**
 * Issue 15 ("Share") in a real browser, two people in two browser contexts against embedded taskmesh with a
 * local SMTP sink (inviting needs a verified address, and the in-app list shows invitations to one), one story:
 * Ayesha (English) shares "Groceries" with Bilal (Urdu, right to left) from the project header's share dialog;
 * Bilal accepts in the sidebar; both edit (a rename, a quick add) and each sees the other's change live, told
 * who made it ("Bilal changed …", in Urdu for Bilal) and not told of their own; Ayesha assigns the task to
 * Bilal with the editor's picker by keyboard, his row shows his initials and his open "Assigned to me" lists it;
 * Bilal comments mentioning Ayesha, her inbox gets the mention, and her answer reaches his open thread; made a
 * viewer, he sees the assignee read only; removed, his open project page and sidebar lose the project. Each step
 * is asserted in the other browser within seconds. The mailed /invitation link is answered too (a second
 * project): signed out first, it asks to sign in and comes back. A third project: Ayesha makes a task from quick add's
 * "More details" assigned to Bilal in the same picker; made a viewer, Bilal's project page (Urdu) offers no quick
 * add, no completing or deleting, and his editor is read only without Save. axe-core on each new view.
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
const row = (page: Page, title: string) =>
  page.getByTestId("task-row").filter({ has: page.getByRole("link", { name: title, exact: true }) });
/** live waits until the page's WatchTasks stream is open, so what happens next reaches it. */
const live = (page: Page) => page.locator('[data-testid="live-state"][data-state="live"]').waitFor({ timeout: 10_000 });
const toastsOf = (page: Page) => page.getByTestId("toast-info").allTextContents();
/** said waits (a few seconds) for the polite notice that names who made a change. */
const said = (page: Page, text: string) =>
  eventually(async () => (await toastsOf(page)).some((t) => t.includes(text)), true, 5_000);

async function openTask(page: Page, title: string) {
  await row(page, title).getByRole("link", { name: title, exact: true }).click();
  await page.getByTestId("task-editor").locator("input").first().waitFor({ timeout: 15_000 });
}

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
}, 30_000);

describe("issue 15 in two browsers", () => {
  test("invite, accept, both edit, assign, comment with a mention, each sees the other live (and who did it), remove", async () => {
    const project = (await rpc(ayesha, "ProjectService/CreateProject", { name: "Groceries" })).project as {
      id: string;
    };
    const task = (await rpc(ayesha, "TaskService/CreateTask", { title: "milk", projectId: project.id, timeZone: zone }))
      .task as { id: string };
    const bilalId = ((await rpc(bilal, "AuthService/GetMe", {})).user as { id: string }).id;

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
    await live(bilal);

    // Both edit. Bilal renames the task; Ayesha's open project sees it without reloading, and who did it.
    await openTask(bilal, "milk");
    const editor = bilal.getByTestId("task-editor");
    await editor.locator("input").first().fill("oat milk");
    await editor.getByRole("button", { name: ur["editor.save"] }).click();
    await editor.waitFor({ state: "detached" });
    await eventually(() => titles(ayesha), ["oat milk"], 5_000);
    await said(ayesha, en["actor.updated"].replace("{name}", "Bilal").replace("{title}", "oat milk"));
    // Ayesha adds a task by quick add; Bilal's open project shows it, and says so in Urdu. His own rename he is not told of.
    await bilal.goto(`${stack.baseUrl}/projects/${project.id}`);
    await eventually(() => titles(bilal), ["oat milk"]);
    await live(bilal);
    await ayesha.getByTestId("quick-add-input").fill("eggs");
    await ayesha.getByTestId("quick-add-input").press("Enter");
    await eventually(async () => (await titles(bilal)).sort(), ["eggs", "oat milk"], 5_000);
    await said(bilal, ur["actor.created"].replace("{name}", "Ayesha Khan").replace("{title}", "eggs"));
    expect((await toastsOf(bilal)).filter((t) => t.includes("Bilal"))).toEqual([]);

    // Bilal keeps "Assigned to me" open (sidebar, Urdu): nothing yet.
    await bilal.getByTestId("sidebar-projects").waitFor();
    await bilal.getByRole("link", { name: ur["organise.assigned"] }).click();
    await bilal.getByText(ur["organise.assignedEmpty"]).waitFor();
    await live(bilal);

    // Ayesha assigns "oat milk" to Bilal from the editor's picker, by keyboard: Unassigned, herself, Bilal.
    await openTask(ayesha, "oat milk");
    const picker = ayesha.getByLabel(en["assignee.label"]);
    await picker.waitFor();
    expect(await picker.locator("option").allTextContents()).toEqual([
      en["assignee.none"],
      `Ayesha Khan ${en["share.you"]}`,
      "Bilal",
    ]);
    await picker.focus();
    await ayesha.keyboard.press("ArrowDown");
    await ayesha.keyboard.press("ArrowDown");
    expect(await picker.inputValue()).toBe(bilalId);
    await shot(ayesha, "share-03-assignee-picker");
    await expectAccessible(ayesha);
    await ayesha.getByTestId("task-editor").getByRole("button", { name: en["editor.save"] }).click();
    await ayesha.getByTestId("task-editor").waitFor({ state: "detached" });
    // Her list shows his initials on the row; his "Assigned to me" lists it under the project within seconds.
    await eventually(() => row(ayesha, "oat milk").getByTestId("task-assignee").getAttribute("data-user-id"), bilalId);
    await eventually(() => titles(bilal), ["oat milk"], 5_000);
    await eventually(() => bilal.locator(".task-group-title > span[dir=auto]").allTextContents(), ["Groceries"]);
    await said(bilal, ur["actor.updated"].replace("{name}", "Ayesha Khan").replace("{title}", "oat milk"));
    await shot(bilal, "share-04-assigned-to-me-ur");
    await expectAccessible(bilal);
    expect(await rpc(bilal, "TaskService/ListTasks", { assignedToMe: true })).toMatchObject({
      tasks: [{ id: task.id, title: "oat milk", assigneeId: bilalId }],
    });

    // Bilal opens it: the picker (in Urdu) names him; he comments, mentioning Ayesha.
    await bilal.getByRole("link", { name: "oat milk", exact: true }).click();
    await bilal.getByTestId("comment-thread").waitFor({ timeout: 15_000 });
    const hisPicker = bilal.getByLabel(ur["assignee.label"]);
    await hisPicker.waitFor();
    expect(await hisPicker.inputValue()).toBe(bilalId);
    expect(await hisPicker.locator("option:checked").textContent()).toBe(`Bilal ${ur["share.you"]}`);
    await bilal.getByTestId("comment-input").fill("@Ayesha Khan it is in the fridge");
    await bilal.getByTestId("comment-post").click();
    await eventually(() => bilal.getByTestId("comment-body").allTextContents(), ["@Ayesha Khan it is in the fridge"]);
    await shot(bilal, "share-05-editor-ur");
    await expectAccessible(bilal);
    // Ayesha is told who commented, and the mention reaches her inbox.
    await said(
      ayesha,
      en["actor.commented"].replace("{name}", "Bilal").replace("{title}", "@Ayesha Khan it is in the fridge"),
    );
    await eventually(() => ayesha.getByTestId("unread-count").textContent(), "1", 10_000);
    await ayesha.getByTestId("notification-bell").click();
    const mention = ayesha.locator(".inbox-item").filter({ hasText: "Bilal mentioned you on “oat milk”" });
    await mention.waitFor();
    await mention.click();
    // She answers in the thread; Bilal's open editor shows it live.
    await ayesha.getByTestId("comment-thread").waitFor({ timeout: 15_000 });
    await eventually(() => ayesha.getByTestId("comment-body").allTextContents(), ["@Ayesha Khan it is in the fridge"]);
    await ayesha.getByTestId("comment-input").fill("thanks!");
    await ayesha.getByTestId("comment-post").click();
    await eventually(
      () => bilal.getByTestId("comment-body").allTextContents(),
      ["@Ayesha Khan it is in the fridge", "thanks!"],
      5_000,
    );
    await said(bilal, ur["actor.commented"].replace("{name}", "Ayesha Khan").replace("{title}", "thanks!"));
    await ayesha.keyboard.press("Escape");
    await bilal.keyboard.press("Escape");

    // The project's activity names who did what: Ayesha sees Bilal's rename, Bilal (in Urdu) her assignment.
    await ayesha.goto(`${stack.baseUrl}/projects/${project.id}`);
    await ayesha.getByTestId("project-activity").click();
    const actors = (page: Page) => page.getByTestId("activity-actor").allTextContents();
    await eventually(
      async () => (await actors(ayesha)).includes(en["activity.byPerson"].replace("{name}", "Bilal")),
      true,
    );
    await bilal.goto(`${stack.baseUrl}/activity?project=${project.id}`);
    await bilal.waitForFunction(() => document.documentElement.dir === "rtl");
    await eventually(
      async () => (await actors(bilal)).includes(ur["activity.byPerson"].replace("{name}", "Ayesha Khan")),
      true,
    );
    await shot(bilal, "share-06-project-activity-ur");
    await expectAccessible(bilal);

    // Made a viewer, Bilal sees who holds the task but cannot change it.
    await ayesha.goto(`${stack.baseUrl}/projects/${project.id}`);
    await ayesha.getByTestId("share-open").click();
    const members = ayesha.getByTestId("share-members");
    await eventually(() => members.getByTestId("share-member").count(), 2);
    await members
      .getByLabel(en["share.roleOf"].replace("{name}", "Bilal"))
      .selectOption({ label: en["share.roleViewer"] });
    await eventually(
      async () => (await rpc(bilal, "ShareService/ListMembers", { projectId: project.id })).role,
      "PROJECT_ROLE_VIEWER",
    );
    await bilal.goto(`${stack.baseUrl}/tasks/${task.id}`);
    const readOnly = bilal.getByTestId("assignee-read-only");
    await readOnly.waitFor({ timeout: 15_000 });
    expect(await readOnly.inputValue()).toBe(`Bilal ${ur["share.you"]}`);
    expect(await readOnly.getAttribute("readonly")).not.toBeNull();
    expect(await bilal.locator('[data-testid="assignee-select"]').count()).toBe(0);
    await bilal.keyboard.press("Escape");

    // Ayesha removes Bilal; his sidebar and open project page lose the project.
    await bilal.goto(`${stack.baseUrl}/projects/${project.id}`);
    await eventually(async () => (await titles(bilal)).sort(), ["eggs", "oat milk"]);
    await live(bilal);
    await shot(ayesha, "share-07-members");
    await expectAccessible(ayesha);
    await members.getByRole("button", { name: en["share.removeMember"].replace("{name}", "Bilal") }).click();
    await eventually(() => members.getByTestId("share-member").count(), 1);
    await eventually(() => sidebarProjects(bilal), [], 5_000);
    // His open project page notices (the cut stream starts over, the project answers NotFound) and leaves for Today.
    await eventually(() => new URL(bilal.url()).pathname, "/today", 5_000);
    await eventually(() => titles(bilal), [], 5_000);
    await shot(bilal, "share-08-removed-ur");
    // The server agrees: his next read is NotFound, and removal unassigned him.
    await expect(rpc(bilal, "ProjectService/GetProject", { id: project.id })).rejects.toThrow("404");
    expect(await rpc(bilal, "TaskService/ListTasks", { assignedToMe: true })).toEqual({});
  }, 240_000);

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
    await shot(page, "share-09-invitation-page");
    await expectAccessible(page);
    await page.getByTestId("invitation-accept").click();
    await eventually(() => page.getByTestId("project-title").textContent(), "Trip");
    // The link works once.
    await page.goto(`${stack.baseUrl}${link.pathname}${link.search}`);
    await page.getByTestId("invitation-accept").click();
    await page.getByTestId("invitation-dead").waitFor();
  }, 90_000);

  test("a new task of a shared project is assigned from its 'More details'; a viewer's project and editor are read only", async () => {
    const project = (await rpc(ayesha, "ProjectService/CreateProject", { name: "Picnic" })).project as { id: string };
    const bilalId = ((await rpc(bilal, "AuthService/GetMe", {})).user as { id: string }).id;
    const invited = (
      await rpc(ayesha, "ShareService/InviteMember", {
        projectId: project.id,
        email: bilalEmail,
        role: "PROJECT_ROLE_EDITOR",
      })
    ).invitation as { id: string };
    await rpc(bilal, "ShareService/AcceptInvitation", { id: invited.id });

    // Ayesha creates a task in the shared project from quick add's "More details", assigned to Bilal in the same picker.
    await ayesha.goto(`${stack.baseUrl}/projects/${project.id}`);
    await eventually(() => ayesha.getByTestId("project-title").textContent(), "Picnic");
    expect(await ayesha.getByTestId("project-settings-open").count()).toBe(1); // the owner's settings
    const sidebarLink = (page: Page) => page.getByTestId("sidebar-projects").getByRole("link", { name: "Picnic" });
    expect(await sidebarLink(ayesha).getAttribute("draggable")).toBe("true"); // and she arranges it
    await ayesha.getByTestId("quick-add-input").fill("sandwiches");
    await ayesha.getByRole("button", { name: en["quickAdd.details"] }).click();
    const editor = ayesha.getByTestId("task-editor");
    const picker = editor.getByLabel(en["assignee.label"]);
    await picker.waitFor({ timeout: 15_000 });
    expect(await editor.locator("input").first().inputValue()).toBe("sandwiches");
    expect(await picker.locator("option").allTextContents()).toEqual([
      en["assignee.none"],
      `Ayesha Khan ${en["share.you"]}`,
      "Bilal",
    ]);
    await picker.selectOption({ label: "Bilal" });
    await shot(ayesha, "share-10-new-task-assignee");
    await expectAccessible(ayesha);
    await editor.getByRole("button", { name: en["editor.create"] }).click();
    await editor.waitFor({ state: "detached" });
    await eventually(
      () => row(ayesha, "sandwiches").getByTestId("task-assignee").getAttribute("data-user-id"),
      bilalId,
    );
    const assigned = (await rpc(bilal, "TaskService/ListTasks", { assignedToMe: true })).tasks as {
      title: string;
      projectId: string;
    }[];
    expect(assigned.map((t) => [t.title, t.projectId])).toEqual([["sandwiches", project.id]]);

    // Made a viewer, Bilal (Urdu) can neither add, complete nor delete there, and his editor changes nothing.
    await rpc(ayesha, "ShareService/ChangeMemberRole", {
      projectId: project.id,
      userId: bilalId,
      role: "PROJECT_ROLE_VIEWER",
    });
    // His role comes with the project list (Project.my_role): with ListMembers refused, the page still knows it.
    const listMembers = "**/todo.v1.ShareService/ListMembers";
    let refused = 0; // the row's assignee avatar still asks (and is refused): the route does catch ListMembers
    await bilal.route(listMembers, (route) => {
      refused++;
      return route.abort();
    });
    await bilal.goto(`${stack.baseUrl}/projects/${project.id}`);
    await bilal.waitForFunction(() => document.documentElement.dir === "rtl");
    await eventually(() => titles(bilal), ["sandwiches"]);
    expect(await bilal.getByTestId("project-settings-open").count()).toBe(0); // settings are the owner's
    expect(await sidebarLink(bilal).getAttribute("draggable")).toBe("false"); // as is arranging it
    const his = row(bilal, "sandwiches");
    await eventually(() => his.getByRole("checkbox").isDisabled(), true);
    expect(
      await his.getByRole("button", { name: ur["task.deleteNamed"].replace("{title}", "sandwiches") }).count(),
    ).toBe(0);
    expect(await bilal.getByTestId("quick-add-input").count()).toBe(0);
    await shot(bilal, "share-11-viewer-project-ur");
    await expectAccessible(bilal);
    // On the board his card cannot be dragged or moved.
    await bilal.getByTestId("view-switch").click();
    const card = bilal.getByTestId("board-card");
    await card.waitFor();
    await eventually(() => card.getAttribute("draggable"), "false");
    expect(await bilal.getByTestId("board-move").count()).toBe(0);
    expect(refused).toBeGreaterThan(0);
    await bilal.unroute(listMembers); // the editor's assignee field lists the people
    await bilal.goto(`${stack.baseUrl}/projects/${project.id}`);
    await bilal.waitForFunction(() => document.documentElement.dir === "rtl");
    await eventually(() => titles(bilal), ["sandwiches"]);
    await openTask(bilal, "sandwiches");
    const hisEditor = bilal.getByTestId("task-editor");
    await hisEditor.getByTestId("editor-read-only").waitFor();
    expect(await hisEditor.getByTestId("editor-read-only").textContent()).toBe(ur["editor.viewerOnly"]);
    expect(await hisEditor.locator("input").first().isDisabled()).toBe(true);
    expect(await hisEditor.getByLabel(ur["editor.priority"]).isDisabled()).toBe(true);
    expect(await hisEditor.getByRole("button", { name: ur["editor.save"] }).count()).toBe(0);
    await hisEditor.getByTestId("assignee-read-only").waitFor();
    // Read only from its first paint (the role came with the project list), so the dialog's focus is on a button and
    // a key press could close it: submit the form itself instead — nothing is sent, the task stays as it was.
    await hisEditor.locator("form.editor-form").evaluate((form) => (form as HTMLFormElement).requestSubmit());
    await shot(bilal, "share-12-viewer-editor-ur");
    await expectAccessible(bilal);
    // The footer's Close (the dialog's own × says the same).
    await hisEditor.locator("button.ghost", { hasText: ur["editor.close"] }).click();
    await hisEditor.waitFor({ state: "detached" });
    const stored = (await rpc(ayesha, "TaskService/ListTasks", { projectId: project.id })).tasks as {
      title: string;
      status?: string;
    }[];
    expect(stored.map((t) => [t.title, t.status])).toEqual([["sandwiches", "TASK_STATUS_OPEN"]]);
  }, 120_000);
});
