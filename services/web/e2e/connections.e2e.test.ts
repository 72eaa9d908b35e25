/**
 * The Connections screen's tokens and calendar sections (issue 16) in a real browser: Ayesha reaches the screen from
 * the account menu, sees her calendar feed address, creates a personal access token, copies the secret (shown once)
 * with the Copy button, uses it as a bearer token on the API and on /mcp, then revokes it and the same secret is
 * refused. Dua does it in Urdu, right to left, on a phone. axe-core on both sections.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { en } from "../app/i18n/en";
import { ur } from "../app/i18n/ur";
import { browserSuite, englishDeskUrduPhone, eventually, expectAccessible, type SignedUp } from "./e2e-kit";

const suite = await browserSuite("connections");

let ayesha: SignedUp;
let dua: SignedUp;

beforeAll(async () => {
  [ayesha, dua] = await suite.signUpAll(englishDeskUrduPhone);
  for (const { page } of [ayesha, dua]) {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: suite.baseUrl });
    // Revoking and regenerating ask first; the tests say yes.
    page.on("dialog", (dialog) => void dialog.accept());
  }
}, 90_000);

afterAll(() => suite.close());

/** listTasksWith calls the API with a bearer token, as a script would, and answers the HTTP status. */
const listTasksWith = (secret: string) =>
  fetch(`${suite.baseUrl}/todo.v1.TaskService/ListTasks`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
    body: "{}",
  }).then((res) => res.status);

/** mcpToolsWith lists the MCP tools with a bearer token, as an MCP client would, and answers the HTTP status. */
const mcpToolsWith = (secret: string) =>
  fetch(`${suite.baseUrl}/mcp`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      authorization: `Bearer ${secret}`,
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
  }).then((res) => res.status);

describe("the Connections screen", () => {
  test("from the account menu: the calendar address, then a token created, copied, used and revoked", async () => {
    const { page } = ayesha;
    await page.getByTestId("account-button").click();
    await page.getByTestId("connections-link").click();
    await page.getByRole("heading", { level: 1, name: en["connections.title"] }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/connections");

    const calendar = page.getByTestId("calendar-section");
    await eventually(
      async () => (await calendar.getByTestId("calendar-url").inputValue()).includes("/calendar/"),
      true,
    );

    const tokens = page.getByTestId("tokens-section");
    await tokens.getByLabel(en["connections.tokenName"]).fill("Claude Desktop");
    await tokens.getByRole("button", { name: en["connections.tokenCreate"] }).click();
    const shown = tokens.getByTestId("token-secret-value");
    await shown.waitFor();
    const secret = await shown.inputValue();
    expect(secret).toMatch(/^tm_pat_[A-Za-z0-9_-]{43}$/);
    await tokens.getByTestId("token-copy").click();
    await tokens.getByText(en["connections.copied"], { exact: true }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await suite.snap(page, "token-created");
    await expectAccessible(page, '[data-testid="tokens-section"]');
    await expectAccessible(page, '[data-testid="calendar-section"]');

    expect(await listTasksWith(secret)).toBe(200);
    expect(await mcpToolsWith(secret)).toBe(200);

    // Once dismissed, the secret is gone from the page; the list names the token by its prefix only.
    await tokens.getByRole("button", { name: en["connections.tokenDone"] }).click();
    await eventually(() => tokens.getByTestId("token-secret").count(), 0);
    const row = tokens.getByTestId("token-row").filter({ hasText: "Claude Desktop" });
    await row.waitFor();
    expect(await row.textContent()).toContain(secret.slice(0, 11));
    expect(await page.content()).not.toContain(secret);
    // The list after a reload says the token was used.
    await page.reload();
    await row.waitFor();
    expect(await row.textContent()).not.toContain(en["connections.tokenNeverUsed"]);

    await row.getByRole("button", { name: "Revoke token Claude Desktop" }).click();
    await eventually(() => tokens.getByTestId("token-row").filter({ hasText: "Claude Desktop" }).count(), 0);
    expect(await listTasksWith(secret)).toBe(401);
    expect(await mcpToolsWith(secret)).toBe(401);
    await suite.snap(page, "token-revoked");
  }, 60_000);

  test("Activity names who acted and shows only what agents did when asked", async () => {
    const { page } = ayesha;
    const { secret } = (await suite.rpc(page, "TokenService/CreatePersonalAccessToken", {
      name: "backup script",
      scopes: ["TOKEN_SCOPE_READ", "TOKEN_SCOPE_WRITE"],
      expiresInDays: 7,
    })) as { secret: string };
    await suite.rpc(page, "TaskService/CreateTask", { title: "typed by Ayesha" });
    const scripted = await fetch(`${suite.baseUrl}/todo.v1.TaskService/CreateTask`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
      body: JSON.stringify({ title: "made by the script" }),
    });
    expect(scripted.status).toBe(200);
    await page.goto(`${suite.baseUrl}/activity`);
    const item = (title: string) => page.getByTestId("activity-item").filter({ hasText: title });
    await eventually(
      async () => (await item("made by the script").count()) > 0 && (await item("typed by Ayesha").count()) > 0,
      true,
      15_000,
    );
    expect(await item("made by the script").first().getByTestId("activity-actor").textContent()).toBe(
      "by token “backup script”",
    );
    expect(await item("typed by Ayesha").first().getByTestId("activity-actor").textContent()).toBe(
      en["activity.byYou"],
    );
    await page.getByTestId("activity-agents-only").check();
    // The list is read again with the filter: the script's record stays, Ayesha's own goes.
    await eventually(
      async () => (await item("made by the script").count()) > 0 && (await item("typed by Ayesha").count()) === 0,
      true,
    );
    const kinds = await page
      .getByTestId("activity-actor")
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-actor-kind")));
    expect(new Set(kinds)).toEqual(new Set(["3"]));
    await suite.snap(page, "activity-agents");
    await expectAccessible(page, "#main");
  }, 60_000);

  test("the calendar address: copied, and replaced by a new one after which the old one is gone", async () => {
    const { page } = ayesha;
    await page.goto(`${suite.baseUrl}/connections`);
    const calendar = page.getByTestId("calendar-section");
    const field = calendar.getByTestId("calendar-url");
    await eventually(async () => (await field.inputValue()).includes("/calendar/"), true);
    const before = await field.inputValue();
    await calendar.getByRole("button", { name: en["connections.copy"] }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(before);
    expect(await calendar.getByRole("link", { name: en["connections.calendarSubscribe"] }).getAttribute("href")).toBe(
      before.replace(/^https?:/, "webcal:"),
    );
    // The feed is served on this origin's path (PUBLIC_URL names the public origin).
    const served = (url: string) => fetch(`${suite.baseUrl}${new URL(url).pathname}`).then((res) => res.status);
    expect(await served(before)).toBe(200);
    await calendar.getByRole("button", { name: en["connections.calendarRegenerate"] }).click();
    await eventually(async () => (await field.inputValue()) !== before, true);
    const after = await field.inputValue();
    expect(await served(after)).toBe(200);
    expect(await served(before)).toBe(404);
  });

  test("a token without a name is not created: the field says why", async () => {
    const { page } = ayesha;
    await page.goto(`${suite.baseUrl}/connections`);
    const tokens = page.getByTestId("tokens-section");
    await tokens.getByRole("button", { name: en["connections.tokenCreate"] }).click();
    await tokens.getByText(en["connections.tokenNameRequired"]).waitFor();
    expect(await tokens.getByTestId("token-secret").count()).toBe(0);
  });

  test("in Urdu, right to left, on a phone: create, copy, revoke, from the keyboard", async () => {
    const { page } = dua;
    await page.goto(`${suite.baseUrl}/connections`);
    await page.getByRole("heading", { level: 1, name: ur["connections.title"] }).waitFor();
    await page.waitForFunction(() => document.documentElement.dir === "rtl"); // Urdu paints once its chunk is here
    const tokens = page.getByTestId("tokens-section");
    const name = tokens.getByLabel(ur["connections.tokenName"]);
    await name.fill("بیک اپ اسکرپٹ");
    // Only read: a read-only token.
    await tokens.locator('input[data-scope="write"]').uncheck();
    await name.press("Enter");
    const shown = tokens.getByTestId("token-secret-value");
    await shown.waitFor();
    const secret = await shown.inputValue();
    await tokens.getByTestId("token-copy").focus();
    await page.keyboard.press("Enter");
    await tokens.getByText(ur["connections.copied"], { exact: true }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await suite.snap(page, "token-created-ur");
    await expectAccessible(page, '[data-testid="tokens-section"]');
    const row = tokens.getByTestId("token-row").filter({ hasText: "بیک اپ اسکرپٹ" });
    await row.waitFor();
    expect(await row.textContent()).toContain(ur["connections.scopeRead"]);
    expect(await row.textContent()).not.toContain(ur["connections.scopeWrite"]);
    await row.getByRole("button").focus();
    await page.keyboard.press("Enter");
    await eventually(() => tokens.getByTestId("token-row").count(), 0);
    expect(await listTasksWith(secret)).toBe(401);
  }, 60_000);
});
