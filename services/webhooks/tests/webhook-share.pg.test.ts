import { afterAll, beforeAll, expect, test } from "bun:test";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import type { Client } from "@connectrpc/connect";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { WebhookService } from "../../../gen/todo/v1/webhook_service_pb";
import { createNotification } from "../../notification/notification";
import { type SmtpSink, startSmtpSink } from "../../notification/testing/smtp-sink";
import { createOrchestrator } from "../../orchestrator/orchestrator";
import type { MailStack } from "../../orchestrator/testing/mail-stack";
import { type Person, person, shareWith } from "../../orchestrator/testing/share-kit";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import { startReceiver, type TestReceiver } from "../testing/receiver";
import { webhooksFactory } from "../webhooks";

// The orchestrator, notification (the owner's address must be verified to invite) and webhooks on the in-memory
// bus and real Postgres; each person's endpoint on a real receiver of their own.
let sink: SmtpSink;
let stack: TestStack;
let mail: MailStack;
const receivers: TestReceiver[] = [];

interface Subscriber extends Person {
  webhooks: Client<typeof WebhookService>;
  receiver: TestReceiver;
  endpointId: string;
}

const types = ["task.created", "task.updated", "task.completed", "project.created", "project.updated"];

async function subscriber(): Promise<Subscriber> {
  const someone = await person(mail);
  const webhooks = connectClient(WebhookService, stack.baseUrl, someone.accessToken);
  const receiver = startReceiver();
  receivers.push(receiver);
  const { endpoint, secret } = await webhooks.createWebhookEndpoint({ url: receiver.url, eventTypes: types });
  receiver.setSecret(secret);
  return { ...someone, webhooks, receiver, endpointId: endpoint!.id };
}

beforeAll(async () => {
  sink = await startSmtpSink();
  stack = await startTestStack([createOrchestrator, createNotification, webhooksFactory()], {
    kafka: false,
    env: {
      SMTP_URL: sink.url,
      WEBHOOKS_ALLOWED_TARGETS: "127.0.0.1/32",
      WEBHOOKS_RETRY_SCHEDULE_MS: "500,1000,2000,2000",
      WEBHOOKS_POLL_MS: "100",
      WEBHOOKS_ATTEMPT_TIMEOUT_MS: "2000",
    },
  });
  mail = { sink, stack, stop: () => stack.stop() };
}, 60_000);

afterAll(async () => {
  for (const receiver of receivers) await receiver.stop();
  await stack?.stop();
  await sink?.close();
}, 60_000);

const titles = (receiver: TestReceiver) =>
  receiver.accepted
    .filter((r) => r.type.startsWith("task."))
    .map((r) => (r.body.data as { task: { title: string } }).task.title);

test("a member's endpoint gets the shared project's events (sub-projects too) from joining until removed, nothing else", async () => {
  const [owner, member, stranger] = [await subscriber(), await subscriber(), await subscriber()];
  const start = new Date();
  const shared = (await owner.projects.createProject({ name: "Shared" })).project!.id;
  const inside = (await owner.projects.createProject({ name: "Inside", parentId: shared })).project!.id;
  const own = (await owner.projects.createProject({ name: "Own" })).project!.id;
  await owner.tasks.createTask({ title: "before joining", projectId: shared });

  await shareWith(mail, owner, shared, member, ProjectRole.EDITOR);
  await owner.tasks.createTask({ title: "shared by owner", projectId: shared });
  await owner.tasks.createTask({ title: "in the sub-project", projectId: inside });
  const { task: byMember } = await member.tasks.createTask({ title: "shared by member", projectId: shared });
  await member.tasks.completeTask({ id: byMember!.id });
  await owner.tasks.createTask({ title: "owner's own project", projectId: own });
  await owner.tasks.createTask({ title: "owner's inbox" });
  await member.tasks.createTask({ title: "member's inbox" });

  // The owner hears all of the owner's events (the member's task in the shared project is the owner's).
  await waitFor("owner's 7 task events", () => (titles(owner.receiver).length >= 7 ? true : undefined), 30_000);
  await waitFor("member's 5 task events", () => (titles(member.receiver).length >= 5 ? true : undefined), 30_000);
  await Bun.sleep(1000);
  expect(titles(member.receiver).sort()).toEqual(
    ["member's inbox", "in the sub-project", "shared by member", "shared by member", "shared by owner"].sort(),
  );
  expect(member.receiver.accepted.filter((r) => r.type === "task.completed")).toHaveLength(1);
  expect(member.receiver.badSignatures).toBe(0);
  expect(stranger.receiver.accepted).toEqual([]);
  expect(titles(owner.receiver)).not.toContain("member's inbox");

  // The member's log says which shared project a delivery came through; their own inbox task came through none.
  const { deliveries } = await member.webhooks.listWebhookDeliveries({ endpointId: member.endpointId });
  const through = deliveries.map((d) => [JSON.parse(d.payload).data.task?.title, d.sharedProjectId]);
  expect(through).toContainEqual(["in the sub-project", shared]);
  expect(through).toContainEqual(["member's inbox", ""]);
  expect(deliveries.every((d) => d.attemptHistory.length === 1 && d.attemptHistory[0]!.succeeded)).toBe(true);

  // A replay sends the shared events of the membership again, never those from before joining or elsewhere.
  const { queued } = await member.webhooks.replayWebhookEvents({
    endpointId: member.endpointId,
    since: timestampFromDate(start),
  });
  expect(queued).toBe(5);

  // Removed: nothing more, and the project's deliveries leave the member's log.
  await owner.share.removeMember({ projectId: shared, userId: member.userId });
  await owner.tasks.createTask({ title: "after removal", projectId: shared });
  await owner.tasks.createTask({ title: "after removal, sub-project", projectId: inside });
  await waitFor("owner hears the later events", () =>
    titles(owner.receiver).filter((t) => t.startsWith("after removal")).length === 2 ? true : undefined,
  );
  await Bun.sleep(1000);
  expect(titles(member.receiver).filter((title) => title.startsWith("after removal"))).toEqual([]);
  const after = await member.webhooks.listWebhookDeliveries({ endpointId: member.endpointId });
  expect(after.deliveries.map((d) => d.sharedProjectId).filter(Boolean)).toEqual([]);
  expect(after.deliveries.map((d) => JSON.parse(d.payload).data.task?.title)).toEqual(["member's inbox"]);
}, 120_000);

test("ownership transfer: the new owner's endpoint hears it as owner, the former owner's as a member", async () => {
  const [first, second] = [await subscriber(), await subscriber()];
  const project = (await first.projects.createProject({ name: "Handed over" })).project!.id;
  const sub = (await first.projects.createProject({ name: "Below", parentId: project })).project!.id;
  await shareWith(mail, first, project, second, ProjectRole.EDITOR);
  // A delivery to the member still being retried at the transfer goes on, now as the new owner's.
  second.receiver.setMode("fail");
  const failedBefore = second.receiver.requests;
  await first.tasks.createTask({ title: "while handing over", projectId: project });
  await waitFor("a failed attempt", () => (second.receiver.requests > failedBefore ? true : undefined));
  await first.share.transferOwnership({ projectId: project, userId: second.userId });
  second.receiver.setMode("ok");
  await second.tasks.createTask({ title: "after the transfer", projectId: sub });
  for (const who of [first, second]) {
    await waitFor("the task after the transfer", () =>
      titles(who.receiver).includes("after the transfer") ? true : undefined,
    );
  }
  await waitFor("the retried delivery", () =>
    titles(second.receiver).includes("while handing over") ? true : undefined,
  );
  const [firstLog, secondLog] = await Promise.all(
    [first, second].map((who) => who.webhooks.listWebhookDeliveries({ endpointId: who.endpointId })),
  );
  const viaOf = (log: typeof firstLog | undefined) =>
    log!.deliveries.find((d) => JSON.parse(d.payload).data.task?.title === "after the transfer")!.sharedProjectId;
  expect(viaOf(firstLog)).toBe(project);
  expect(viaOf(secondLog)).toBe("");
}, 120_000);
