// Needs real Postgres (npm run infra:up) and runs a real SMTP server (smtp-server) as the sink. Issue 13
// (account): change password, forgot password through a mailed link, delete account; issue 10 item 4:
// resend the verification link.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { sql } from "drizzle-orm";
import { ViolationsSchema } from "../../../gen/buf/validate/validate_pb";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { ChatService } from "../../../gen/todo/v1/chat_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { passwordResetSubject } from "../../notification/events/account-mail-consumer";
import { verificationSubject, verifyThroughLink } from "../../notification/testing/verify-email";
import { rowsOf } from "../../platform/db/database";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { type MailStack, startMailStack } from "../testing/mail-stack";

let mail: MailStack;
const password = "correct horse battery";

beforeAll(async () => {
  mail = await startMailStack({
    AUTH_LIMIT_PER_ACCOUNT: "1000",
    AUTH_LIMIT_PER_ADDRESS: "1000",
    QUOTA_PASSWORD_RESET_EMAILS_PER_HOUR: "3",
    QUOTA_VERIFICATION_EMAILS_PER_HOUR: "2",
  });
}, 60_000);
afterAll(() => mail?.stop(), 60_000);

const auth = (token?: string) => connectClient(AuthService, mail.stack.baseUrl, token);
const mailTo = (email: string, subject: string) =>
  mail.sink.received.filter((m) => m.to.includes(email) && m.subject === subject);
const newEmail = () => `acct-${crypto.randomUUID().slice(0, 8)}@example.com`;
const query = async <T>(statement: ReturnType<typeof sql>) =>
  rowsOf<T>(await mail.stack.deps.database.db.execute(statement));

/** outboxRowsNaming counts the orchestrator's outbox rows (published ones are kept an hour) whose payload holds `text`. */
const outboxRowsNaming = async (text: string) =>
  (
    await query<{ n: number }>(
      sql`select count(*)::int as n from orchestrator.outbox where position(convert_to(${text}, 'UTF8') in payload) > 0`,
    )
  )[0]!.n;

/** refusal runs a call and answers the ConnectError it threw (the test fails if it did not throw). */
async function refusal(call: Promise<unknown>): Promise<ConnectError> {
  try {
    await call;
  } catch (error) {
    return ConnectError.from(error);
  }
  throw new Error("the call succeeded");
}

/** violatedFields lists the fields an InvalidArgument's Violations detail names (protovalidate's and the domain's). */
const violatedFields = (error: ConnectError) =>
  error
    .findDetails(ViolationsSchema)
    .flatMap((d) => d.violations.map((v) => (v.field?.elements ?? []).map((e) => e.fieldName).join(".")));

async function verifiedAccount(name = "Owner") {
  const email = newEmail();
  const registered = await auth().register({ email, password, displayName: name });
  expect(await verifyThroughLink(mail.sink, email, mail.stack.baseUrl)).toBe(200);
  return { email, userId: registered.user!.id, tokens: registered.tokens! };
}

/** resetLinkFor waits for the reset email to `email` (the nth, counting from 1) and returns its link. */
async function resetLinkFor(email: string, nth = 1): Promise<URL> {
  const mail = await waitFor(
    `reset email ${nth} to ${email}`,
    () => mailTo(email, passwordResetSubject)[nth - 1],
    10_000,
  );
  const text = mail.text.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  const link = /https?:\/\/\S+\/reset-password\?\S+/.exec(text)?.[0];
  if (!link) throw new Error(`no link in the reset email: ${mail.text}`);
  return new URL(link);
}

test("ChangePassword: wrong current password and bad new ones are InvalidArgument on their field", async () => {
  const { tokens } = await verifiedAccount();
  const me = auth(tokens.accessToken);
  const wrong = await refusal(me.changePassword({ currentPassword: "not my password", newPassword: "a new password" }));
  expect(wrong.code).toBe(Code.InvalidArgument);
  expect(violatedFields(wrong)).toContain("current_password");
  const same = await refusal(me.changePassword({ currentPassword: password, newPassword: password }));
  expect(same.code).toBe(Code.InvalidArgument);
  expect(violatedFields(same)).toContain("new_password");
  const short = await refusal(me.changePassword({ currentPassword: password, newPassword: "short" }));
  expect(short.code).toBe(Code.InvalidArgument);
  expect(violatedFields(short)).toContain("new_password");
  // Nothing changed: the old password still signs in, the token still works.
  expect((await me.getMe({})).user).toBeDefined();
}, 30_000);

test("ChangePassword revokes every session at once, answers a new one, and the owner is told by email", async () => {
  const { email, tokens } = await verifiedAccount();
  const other = await auth().login({ email, password });
  const changed = await auth(tokens.accessToken).changePassword({
    currentPassword: password,
    newPassword: "a brand new password",
  });
  for (const old of [tokens.accessToken, other.tokens!.accessToken]) {
    expect((await refusal(auth(old).getMe({}))).code).toBe(Code.Unauthenticated);
  }
  expect((await refusal(auth().refresh({ refreshToken: other.tokens!.refreshToken }))).code).toBe(Code.Unauthenticated);
  expect((await auth(changed.tokens!.accessToken).getMe({})).user!.email).toBe(email);
  expect((await refusal(auth().login({ email, password }))).code).toBe(Code.Unauthenticated);
  expect((await auth().login({ email, password: "a brand new password" })).user!.email).toBe(email);
  await waitFor("the password-changed notice", () => mailTo(email, "Your taskmesh password was changed")[0], 10_000);
}, 30_000);

test("a revoked session's open WatchTasks stream ends (it was checked only when it opened)", async () => {
  const { email, tokens } = await verifiedAccount();
  const other = await auth().login({ email, password });
  const watching = connectClient(TaskService, mail.stack.baseUrl, other.tokens!.accessToken);
  const stream = watching.watchTasks({}, { timeoutMs: 20_000 });
  const iterator = stream[Symbol.asyncIterator]();
  expect((await iterator.next()).done).toBe(false);
  const ended = (async () => {
    for (;;) if ((await iterator.next()).done) return Date.now();
  })();
  const changedAt = Date.now();
  await auth(tokens.accessToken).changePassword({ currentPassword: password, newPassword: "changed while watched" });
  const endedAt = await Promise.race([ended, Bun.sleep(10_000).then(() => 0)]);
  expect(endedAt).toBeGreaterThan(0);
  console.log(`the revoked session's stream ended ${endedAt - changedAt} ms after ChangePassword`);
  expect((await refusal(watching.getTask({ id: crypto.randomUUID() }))).code).toBe(Code.Unauthenticated);
}, 30_000);

test("forgot password: the mailed link resets once, revokes every session, and a used, forged or expired link is refused", async () => {
  const { email, tokens } = await verifiedAccount();
  expect(await auth().requestPasswordReset({ email: email.toUpperCase() })).toBeDefined();
  const link = await resetLinkFor(email);
  expect(link.pathname).toBe("/reset-password");
  const resetId = link.searchParams.get("id")!;
  const token = link.searchParams.get("token")!;

  const forged = await refusal(
    auth().resetPassword({ resetId, token: "A".repeat(43), newPassword: "forged password" }),
  );
  expect(forged.code).toBe(Code.FailedPrecondition);
  const bad = await refusal(auth().resetPassword({ resetId: "not-a-uuid", token, newPassword: "x" }));
  expect(bad.code).toBe(Code.InvalidArgument);
  expect(violatedFields(bad)).toContain("reset_id");
  expect(violatedFields(bad)).toContain("new_password");

  await auth().resetPassword({ resetId, token, newPassword: "reset to this one" });
  expect((await refusal(auth(tokens.accessToken).getMe({}))).code).toBe(Code.Unauthenticated);
  expect((await auth().login({ email, password: "reset to this one" })).user!.email).toBe(email);
  const again = await refusal(auth().resetPassword({ resetId, token, newPassword: "and once more" }));
  expect(again.code).toBe(Code.FailedPrecondition);
  await waitFor("the password-changed notice", () => mailTo(email, "Your taskmesh password was changed")[0], 10_000);

  // A link past its 30 minutes is refused: age one in the database.
  await auth().requestPasswordReset({ email });
  const late = await resetLinkFor(email, 2);
  await query(
    sql`update orchestrator.password_resets set expires_at = now() - interval '1 second' where id = ${late.searchParams.get("id")}`,
  );
  const expired = await refusal(
    auth().resetPassword({
      resetId: late.searchParams.get("id")!,
      token: late.searchParams.get("token")!,
      newPassword: "too late for this",
    }),
  );
  expect(expired.code).toBe(Code.FailedPrecondition);
}, 30_000);

test("forgot password answers the same for an unknown and an unverified address, mails neither, and is limited per address", async () => {
  const unknown = newEmail();
  const unverified = newEmail();
  await auth().register({ email: unverified, password, displayName: "Unverified" });
  expect(await auth().requestPasswordReset({ email: unknown })).toEqual(
    await auth().requestPasswordReset({ email: unverified }),
  );
  // QUOTA_PASSWORD_RESET_EMAILS_PER_HOUR=3 here: the 4th request for one address is refused, known or not.
  await auth().requestPasswordReset({ email: unknown });
  await auth().requestPasswordReset({ email: unknown });
  const limited = await refusal(auth().requestPasswordReset({ email: unknown }));
  expect(limited.code).toBe(Code.ResourceExhausted);
  const { email: owned } = await verifiedAccount();
  for (let i = 0; i < 3; i++) await auth().requestPasswordReset({ email: owned });
  expect((await refusal(auth().requestPasswordReset({ email: owned }))).code).toBe(Code.ResourceExhausted);
  await resetLinkFor(owned, 3);
  await Bun.sleep(500);
  expect(mailTo(unknown, passwordResetSubject)).toHaveLength(0);
  expect(mailTo(unverified, passwordResetSubject)).toHaveLength(0);
  expect(mailTo(owned, passwordResetSubject)).toHaveLength(3);
  const malformed = await refusal(auth().requestPasswordReset({ email: "not an address" }));
  expect(malformed.code).toBe(Code.InvalidArgument);
  expect(violatedFields(malformed)).toContain("email");
}, 30_000);

test("ResendVerificationEmail mails a new working link to an unverified address, is rate-limited, and refuses a verified one", async () => {
  const email = newEmail();
  const { tokens } = await auth().register({ email, password, displayName: "Late" });
  await waitFor("the first verification email", () => mailTo(email, verificationSubject)[0], 10_000);
  const me = auth(tokens!.accessToken);
  await me.resendVerificationEmail({});
  await waitFor("the resent verification email", () => mailTo(email, verificationSubject)[1], 10_000);
  // QUOTA_VERIFICATION_EMAILS_PER_HOUR=2 here.
  await me.resendVerificationEmail({});
  expect((await refusal(me.resendVerificationEmail({}))).code).toBe(Code.ResourceExhausted);
  const newest = mailTo(email, verificationSubject).at(-1)!;
  const link = /https?:\/\/\S+\/verify-email\?\S+/.exec(newest.text.replace(/=\r?\n/g, "").replace(/=3D/g, "="))![0];
  const url = new URL(link);
  expect((await fetch(`${mail.stack.baseUrl}${url.pathname}${url.search}`)).status).toBe(200);
  expect((await me.getMe({})).user!.emailVerified).toBe(true);

  const { tokens: verified } = await verifiedAccount();
  expect((await refusal(auth(verified.accessToken).resendVerificationEmail({}))).code).toBe(Code.FailedPrecondition);
}, 30_000);

test("DeleteAccount needs the password, erases every row of the account, and its tokens stop at once", async () => {
  const { email, userId, tokens } = await verifiedAccount("Leaving");
  const other = await auth().login({ email, password });
  const tasks = connectClient(TaskService, mail.stack.baseUrl, tokens.accessToken);
  await tasks.createTask({ title: "private thing", tags: ["secret"] });
  await connectClient(ChatService, mail.stack.baseUrl, tokens.accessToken).sendMessage({
    text: "add buy milk tomorrow",
  });
  const me = auth(tokens.accessToken);

  const wrong = await refusal(me.deleteAccount({ password: "not my password" }));
  expect(wrong.code).toBe(Code.InvalidArgument);
  expect(violatedFields(wrong)).toContain("password");
  expect((await refusal(me.deleteAccount({ password: "" }))).code).toBe(Code.InvalidArgument);
  expect((await tasks.listTasks({})).tasks.length).toBeGreaterThan(0);
  expect(await outboxRowsNaming("private thing")).toBeGreaterThan(0);

  await me.deleteAccount({ password });
  for (const token of [tokens.accessToken, other.tokens!.accessToken]) {
    expect((await refusal(auth(token).getMe({}))).code).toBe(Code.Unauthenticated);
  }
  expect((await refusal(auth().refresh({ refreshToken: other.tokens!.refreshToken }))).code).toBe(Code.Unauthenticated);
  expect((await refusal(auth().login({ email, password }))).code).toBe(Code.Unauthenticated);

  // Every orchestrator table with a user_id holds nothing of the account; its user row keeps no personal data.
  const owned = await query<{ table_name: string }>(
    sql`select table_name from information_schema.columns where table_schema = 'orchestrator' and column_name = 'user_id'`,
  );
  expect(owned.length).toBeGreaterThanOrEqual(6);
  for (const { table_name } of owned) {
    if (table_name === "sessions") continue;
    const [row] = await query<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier("orchestrator")}.${sql.identifier(table_name)} where user_id = ${userId}`,
    );
    expect({ table_name, n: row!.n }).toEqual({ table_name, n: 0 });
  }
  const [user] = await query<{ email: string; display_name: string; password_hash: string; deleted: boolean }>(
    sql`select email, display_name, password_hash, deleted_at is not null as deleted from orchestrator.users where id = ${userId}`,
  );
  expect(user).toEqual({ email: "", display_name: "", password_hash: "", deleted: true });
  const [live] = await query<{ n: number }>(
    sql`select count(*)::int as n from orchestrator.sessions where user_id = ${userId} and revoked_at is null`,
  );
  expect(live!.n).toBe(0);
  expect(await outboxRowsNaming("private thing")).toBe(0);

  // The address is free again: a new account can register and verify it.
  const again = await auth().register({ email, password, displayName: "Back" });
  expect(again.user!.id).not.toBe(userId);
  await waitFor("a verification email for the new account", () => mailTo(email, verificationSubject)[1], 10_000);
}, 60_000);
