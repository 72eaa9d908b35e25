// Needs real Postgres (npm run infra:up) and runs a real SMTP server (smtp-server) as the sink. Issue 10
// item 4: no email to an address until its owner confirmed it; Register does not tell whether an address
// is taken; a stranger cannot lock an owner out; reminder emails are under a per-user quota.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { NotificationService } from "../../../gen/todo/v1/notification_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { verificationLinkFor, verificationSubject, verifyThroughLink } from "../../notification/testing/verify-email";
import { type MailStack, startMailStack } from "../../orchestrator/testing/mail-stack";
import { clientAddressHeader, internalTokenHeader } from "../../platform/rpc/clients";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";

let mail: MailStack;
const password = "correct horse battery";

beforeAll(async () => {
  mail = await startMailStack({
    QUOTA_REMINDER_EMAILS_PER_HOUR: "3",
    AUTH_LIMIT_PER_ACCOUNT: "5",
    AUTH_LIMIT_PER_ADDRESS: "1000",
  });
}, 60_000);
afterAll(() => mail?.stop(), 60_000);

const authAt = () => connectClient(AuthService, mail.stack.baseUrl);
const mailTo = (email: string) => mail.sink.received.filter((m) => m.to.includes(email));
const newEmail = () => `victim-${crypto.randomUUID().slice(0, 8)}@example.com`;

/** Creates `count` tasks whose reminders fall due in about a second, and waits until each reached the in-app inbox. */
async function remindersDelivered(token: string, count: number) {
  const tasks = connectClient(TaskService, mail.stack.baseUrl, token);
  const inbox = connectClient(NotificationService, mail.stack.baseUrl, token);
  const remindAt = timestampFromDate(new Date(Date.now() + 1000));
  for (let i = 0; i < count; i++)
    await tasks.createTask({
      title: `phishing title ${i}: click http://evil.example`,
      reminder: { when: { case: "remindAt", value: remindAt } },
    });
  await waitFor(
    `${count} in-app reminders`,
    async () => (await inbox.listNotifications({ pageSize: 200 })).notifications.length >= count || undefined,
    30_000,
  );
}

test("50 reminders for an account whose address is unverified send 0 emails there; the address got exactly one verification email", async () => {
  const email = newEmail();
  const { user, tokens } = await authAt().register({ email, password, displayName: "Mallory" });
  expect(user!.emailVerified).toBe(false);
  await verificationLinkFor(mail.sink, email);
  await remindersDelivered(tokens!.accessToken, 50);
  await Bun.sleep(500);
  expect(mailTo(email).map((m) => m.subject)).toEqual([verificationSubject]);
}, 60_000);

test("the mailed link verifies the address once; a forged or replayed link does not; then reminders are emailed, up to the quota", async () => {
  const email = newEmail();
  const { tokens } = await authAt().register({ email, password, displayName: "Owner" });
  const link = await verificationLinkFor(mail.sink, email);
  const forged = `${mail.stack.baseUrl}/verify-email?id=${link.searchParams.get("id")}&token=${"A".repeat(43)}`;
  expect((await fetch(forged)).status).toBe(400);
  expect(await verifyThroughLink(mail.sink, email, mail.stack.baseUrl)).toBe(200);
  expect(await verifyThroughLink(mail.sink, email, mail.stack.baseUrl)).toBe(400);
  const me = connectClient(AuthService, mail.stack.baseUrl, tokens!.accessToken);
  expect((await me.getMe({})).user!.emailVerified).toBe(true);

  await remindersDelivered(tokens!.accessToken, 5);
  await waitFor(
    "the emails within the quota",
    () => mailTo(email).filter((m) => m.subject.startsWith("Reminder")).length >= 3 || undefined,
    10_000,
  );
  await Bun.sleep(1000);
  // QUOTA_REMINDER_EMAILS_PER_HOUR=3 here: the other two reached the user in-app only.
  expect(mailTo(email).filter((m) => m.subject.startsWith("Reminder")).length).toBe(3);
}, 60_000);

test("Register answers the same for a taken address; the owner is told by email and the newcomer cannot verify it", async () => {
  const email = newEmail();
  const first = await authAt().register({ email, password, displayName: "Owner" });
  expect(await verifyThroughLink(mail.sink, email, mail.stack.baseUrl)).toBe(200);
  const again = await authAt().register({ email, password: "another long password", displayName: "Stranger" });
  // Same shape: an account and tokens, unverified, as for any new address.
  expect(again.user!.email).toBe(email);
  expect(again.user!.emailVerified).toBe(false);
  expect(again.tokens!.accessToken).not.toBe("");
  expect(again.user!.id).not.toBe(first.user!.id);
  await waitFor(
    "the owner's notice",
    () => mailTo(email).find((m) => m.subject.startsWith("Someone tried to sign up")),
    10_000,
  );
  expect(mailTo(email).filter((m) => m.subject === verificationSubject)).toHaveLength(1);
  // Each signs in with their own password; the owner's account is the one with the owner's password.
  expect((await authAt().login({ email, password })).user!.id).toBe(first.user!.id);
  expect((await authAt().login({ email, password: "another long password" })).user!.id).toBe(again.user!.id);
}, 60_000);

test("a stranger failing logins for an account from another address does not lock its owner out", async () => {
  const email = newEmail();
  await authAt().register({ email, password, displayName: "Owner" });
  const from = (address: string) =>
    createClient(
      AuthService,
      createConnectTransport({
        baseUrl: mail.stack.baseUrl,
        httpVersion: "1.1",
        interceptors: [
          (next) => (req) => {
            req.header.set(internalTokenHeader, mail.stack.deps.internalToken);
            req.header.set(clientAddressHeader, address);
            return next(req);
          },
        ],
      }),
    );
  const stranger = from("203.0.113.7");
  const codes: string[] = [];
  for (let i = 0; i < 8; i++)
    codes.push(
      await stranger.login({ email, password: "guess" }).then(
        () => "OK",
        (e: unknown) => Code[ConnectError.from(e).code],
      ),
    );
  expect(codes.slice(-2)).toEqual(["ResourceExhausted", "ResourceExhausted"]);
  expect((await from("198.51.100.20").login({ email, password })).user!.email).toBe(email);
}, 60_000);
