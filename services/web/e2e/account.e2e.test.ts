/**
 * End-to-end, account (issue 13): embedded taskmesh mailing through a real SMTP sink, driven in headless
 * Chromium. Resend the verification link and follow it → change the password (a wrong current one is
 * told at its field; the other browser is signed out) → forgot password in Urdu, through the mailed link,
 * on a phone-sized screen → delete the account (the password is asked; afterwards it cannot sign in).
 * Screenshots go to the e2e kit's folder (path printed); axe-core checks WCAG 2.1 AA on each new screen.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { passwordResetSubject } from "../../notification/events/account-mail-consumer";
import { type SmtpSink, startSmtpSink } from "../../notification/testing/smtp-sink";
import { verificationSubject } from "../../notification/testing/verify-email";
import { waitFor } from "../../platform/testing/wait";
import { accessibilityProblems, launchChromium, screenshots, shot, startEmbedded } from "./e2e-kit";

const zone = "Asia/Karachi";
const email = `bilal.${Date.now()}@example.com`;
const first = "correct horse battery";
const second = "a second long password";
const third = "تیسرا لمبا پاس ورڈ 33";

let sink: SmtpSink;
let stack: Awaited<ReturnType<typeof startEmbedded>>;
let browser: Browser;
let desktop: BrowserContext;
let phone: BrowserContext;
let a: Page;
let b: Page;

/** linkIn waits for the nth email with `subject` to the address and returns its link, on the test server's origin. */
async function linkIn(subject: string, path: string, nth: number): Promise<string> {
  const mail = await waitFor(
    `email ${nth} "${subject}"`,
    () => sink.received.filter((m) => m.to.includes(email) && m.subject === subject)[nth - 1],
    15_000,
  );
  const text = mail.text.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const link = new RegExp(`https?://\\S+${path}\\?\\S+`).exec(text)?.[0];
  if (!link) throw new Error(`no ${path} link in: ${mail.text}`);
  const url = new URL(link);
  return `${stack.baseUrl}${url.pathname}${url.search}`;
}

async function signIn(page: Page, password: string) {
  await page.goto(stack.baseUrl);
  const toSignIn = page.getByRole("button", { name: "Sign in instead" });
  if (await toSignIn.isVisible().catch(() => false)) await toSignIn.click();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function openProfile(page: Page) {
  await page.getByTestId("account-button").click();
  await page.getByRole("button", { name: "Profile", exact: true }).click();
  await page.getByTestId("change-password").waitFor();
}

beforeAll(async () => {
  sink = await startSmtpSink();
  stack = await startEmbedded({ SMTP_URL: sink.url });
  browser = await launchChromium();
  desktop = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: zone, locale: "en-US" });
  phone = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: zone, locale: "en-US" });
  a = await desktop.newPage();
  b = await phone.newPage();
  for (const page of [a, b]) page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await sink?.close();
  console.log(`account e2e screenshots: ${screenshots}`);
});

describe("account screens in a real browser", () => {
  test("an unverified user resends the verification link from the profile and follows it", async () => {
    await a.goto(stack.baseUrl);
    await a.getByLabel("Your name").fill("Bilal Ahmed");
    await a.getByLabel("Email").fill(email);
    await a.getByLabel("Password").fill(first);
    await a.getByRole("button", { name: "Create account" }).click();
    await a.getByTestId("tasks-empty").waitFor();
    await linkIn(verificationSubject, "/verify-email", 1);

    await openProfile(a);
    const notice = a.getByTestId("verify-email-notice");
    await notice.waitFor();
    await shot(a, "account-01-profile-unverified");
    expect(await accessibilityProblems(a)).toEqual([]);
    await notice.getByRole("button", { name: "Send the link again" }).click();
    await notice.getByText("A new link is on its way").waitFor();
    const verify = await linkIn(verificationSubject, "/verify-email", 2);
    const answer = await fetch(verify);
    expect(answer.status).toBe(200);
    await a.reload();
    await a.getByTestId("change-password").waitFor();
    expect(await a.getByTestId("verify-email-notice").count()).toBe(0);

    // The account part in Urdu, right to left, on a phone-sized screen.
    await a.getByTestId("language-toggle").click();
    await a.waitForFunction(() => document.documentElement.dir === "rtl");
    await a.getByRole("heading", { name: "پاس ورڈ تبدیل کریں" }).waitFor();
    await a.setViewportSize({ width: 390, height: 844 });
    await a.getByTestId("delete-account").scrollIntoViewIfNeeded();
    await shot(a, "account-01b-profile-ur-phone");
    expect(await accessibilityProblems(a)).toEqual([]);
    await a.setViewportSize({ width: 1280, height: 800 });
    await a.getByTestId("language-toggle").click();
    await a.waitForFunction(() => document.documentElement.dir === "ltr");
  }, 60_000);

  test("change password: a wrong current password is told at its field; then it changes and the other browser is signed out", async () => {
    await signIn(b, first);
    await b.getByTestId("tasks-empty").waitFor();

    const form = a.getByTestId("change-password");
    await form.getByLabel("Current password").fill("not my password");
    await form.getByLabel("New password").fill(second);
    await form.getByRole("button", { name: "Change password" }).click();
    const problem = form.getByText("That isn't your current password.");
    await problem.waitFor();
    expect(await form.getByLabel("Current password").getAttribute("aria-invalid")).toBe("true");
    await shot(a, "account-02-wrong-current-password");
    expect(await accessibilityProblems(a)).toEqual([]);

    await form.getByLabel("Current password").fill(first);
    await form.getByRole("button", { name: "Change password" }).click();
    await a.getByText("Password changed. Your other devices were signed out.").waitFor();
    await a.reload();
    await a.getByTestId("change-password").waitFor();

    // The other browser's live stream is closed by the revocation: it is signed out without a reload.
    await b.getByText("Your session ended. Please sign in again.").waitFor({ timeout: 15_000 });
    await mailed("Your taskmesh password was changed", 1);
  }, 60_000);

  test("forgot password, in Urdu on a phone: the mailed link sets a new password once", async () => {
    await b.goto(stack.baseUrl);
    await b.getByTestId("language-toggle").click();
    await b.waitForFunction(() => document.documentElement.dir === "rtl");
    await b.getByRole("button", { name: "پاس ورڈ بھول گئے؟" }).click();
    await b.locator('input[type="email"]').fill(email);
    await shot(b, "account-03-forgot-ur-phone");
    expect(await accessibilityProblems(b)).toEqual([]);
    await b.getByRole("button", { name: "مجھے لنک بھیجیں" }).click();
    await b.getByTestId("reset-link-sent").waitFor();

    const link = await linkIn(passwordResetSubject, "/reset-password", 1);
    await b.goto(link);
    await b.locator('input[autocomplete="new-password"]').fill(third);
    await shot(b, "account-04-reset-ur-phone");
    expect(await accessibilityProblems(b)).toEqual([]);
    await b.getByRole("button", { name: "نیا پاس ورڈ محفوظ کریں" }).click();
    await b.getByTestId("reset-done").waitFor();
    await shot(b, "account-05-reset-done-ur-phone");

    // The link works once.
    await b.goto(link);
    await b.locator('input[autocomplete="new-password"]').fill("yet another password");
    await b.getByRole("button", { name: "نیا پاس ورڈ محفوظ کریں" }).click();
    await b.getByTestId("reset-dead").waitFor();

    // The reset signed the desktop out too; the new password signs in.
    await signIn(a, third);
    await a.getByTestId("tasks-empty").waitFor();
  }, 60_000);

  test("delete account: the password is asked, then the account is gone and cannot sign in", async () => {
    await openProfile(a);
    const section = a.getByTestId("delete-account");
    await section.getByRole("button", { name: "Delete account" }).click();
    await section.getByLabel("Your password, to confirm").fill("wrong password");
    await section.getByRole("button", { name: "Delete my account for good" }).click();
    await section.getByText("That isn't your current password.").waitFor();
    await shot(a, "account-06-delete-wrong-password");
    expect(await accessibilityProblems(a)).toEqual([]);

    await section.getByLabel("Your password, to confirm").fill(third);
    await section.getByRole("button", { name: "Delete my account for good" }).click();
    await a.getByText("Your account and its data were deleted.").waitFor();
    await a.getByRole("button", { name: "Sign in", exact: true }).or(a.getByLabel("Your name")).first().waitFor();
    await shot(a, "account-07-deleted");

    await signIn(a, third);
    await a.getByTestId("auth-error").waitFor();
    expect(await a.getByTestId("auth-error").textContent()).toContain("don't match");
  }, 60_000);
});

/** mailed waits until the address received `count` emails with the subject. */
async function mailed(subject: string, count: number) {
  await waitFor(
    `${count} × "${subject}"`,
    () => sink.received.filter((m) => m.to.includes(email) && m.subject === subject).length >= count || undefined,
    15_000,
  );
}
