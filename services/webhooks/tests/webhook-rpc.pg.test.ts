import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { ConnectError } from "@connectrpc/connect";
import { ViolationsSchema } from "../../../gen/buf/validate/validate_pb";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { WebhookDeliveryStatus, WebhookService } from "../../../gen/todo/v1/webhook_service_pb";
import { codeOf } from "../../platform/testing/outcome";
import { connectClient } from "../../platform/testing/tokens";
import { waitFor } from "../../platform/testing/wait";
import type { Resolver } from "../delivery/resolve-target";
import { startReceiver, type TestReceiver } from "../testing/receiver";
import { startWebhooksStack, type WebhooksStack } from "../testing/stack";

/** The test's DNS: names the tests control, so a name can resolve to a private address or change its answer. */
const answers = new Map<string, string>([
  ["rebind.test", "10.0.0.7"],
  ["metadata.test", "169.254.169.254"],
  ["mapped.test", "::ffff:192.168.1.1"],
  ["public.test", "93.184.216.34"],
  ["receiver.test", "127.0.0.1"],
]);
const resolve: Resolver = async (host) => {
  const address = answers.get(host);
  if (!address) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
  return [{ address, family: address.includes(":") ? 6 : 4 }];
};

let alice: WebhooksStack;
let receiver: TestReceiver;

beforeAll(async () => {
  alice = await startWebhooksStack({
    schedule: "100,100",
    resolve,
    kafka: false,
    env: { WEBHOOKS_MAX_ENDPOINTS_PER_USER: "4" },
  });
  receiver = startReceiver();
}, 30_000);

afterAll(async () => {
  await receiver?.stop();
  await alice?.stop();
});

const fieldsOf = (error: unknown) =>
  ConnectError.from(error)
    .findDetails(ViolationsSchema)
    .flatMap((d) => d.violations.map((v) => (v.field?.elements ?? []).map((e) => e.fieldName).join(".")));

async function refusal(url: string, eventTypes = ["task.created"]) {
  try {
    await alice.webhooks.createWebhookEndpoint({ url, eventTypes });
  } catch (error) {
    return {
      code: ConnectError.from(error).code,
      fields: fieldsOf(error),
      message: ConnectError.from(error).rawMessage,
    };
  }
  throw new Error(`${url} was accepted`);
}

describe("SSRF: targets are refused unless allow-listed", () => {
  test.each([
    "https://10.0.0.1/hook",
    "https://192.168.1.20/hook",
    "https://169.254.169.254/latest/meta-data",
    "https://[::1]/hook",
    "https://[fe80::1]/hook",
    "https://[fd00::5]/hook",
    "https://[::ffff:10.0.0.1]/hook",
    "https://0.0.0.0/hook",
    "https://localhost/hook",
    "https://rebind.test/hook",
    "https://metadata.test/hook",
    "https://mapped.test/hook",
    "http://public.test/hook",
    "http://127.0.0.2:9/hook",
    "ftp://public.test/hook",
  ])("%s is InvalidArgument on url", async (url) => {
    const { code, fields } = await refusal(url);
    expect(code).toBe(3);
    expect(fields).toEqual(["url"]);
  });

  test("an allow-listed address (127.0.0.1/32) is accepted, by plain http too", async () => {
    const created = await alice.webhooks.createWebhookEndpoint({ url: receiver.url, eventTypes: ["task.created"] });
    await alice.webhooks.deleteWebhookEndpoint({ id: created.endpoint!.id });
  });

  test("a name is resolved once and the request goes to the checked address; a changed answer is refused at delivery", async () => {
    // receiver.test exists only in the test's resolver: the delivery reaching the receiver shows the socket
    // connected to the address that was checked, not to a second lookup.
    const named = await alice.webhooks.createWebhookEndpoint({
      url: `http://receiver.test:${receiver.port}/hook`,
      eventTypes: ["task.created"],
    });
    receiver.setSecret(named.secret);
    const flip = await alice.webhooks.createWebhookEndpoint({
      url: "https://public.test/hook",
      eventTypes: ["task.created"],
    });
    answers.set("public.test", "169.254.169.254");
    await alice.tasks.createTask({ title: "to both" });
    await waitFor("delivered by name", () => (receiver.accepted.length > 0 ? true : undefined), 10_000);
    expect(receiver.badSignatures).toBe(0);
    const refused = await waitFor(
      "the rebound target dead-lettered",
      async () =>
        (await alice.webhooks.listWebhookDeliveries({ endpointId: flip.endpoint!.id })).deliveries.find(
          (d) => d.status === WebhookDeliveryStatus.DEAD,
        ),
      10_000,
    );
    expect(refused.lastError).toContain("169.254.169.254");
    expect(refused.lastStatusCode).toBe(0);
    await alice.webhooks.deleteWebhookEndpoint({ id: named.endpoint!.id });
    await alice.webhooks.deleteWebhookEndpoint({ id: flip.endpoint!.id });
  }, 30_000);
});

describe("bounds and scoping", () => {
  test("unknown event types are violations on their index; URL and list sizes are bounded by the contract", async () => {
    const { code, fields } = await refusal(receiver.url, ["task.created", "task.exploded"]);
    expect(code).toBe(3);
    expect(fields).toEqual(["event_types[1]"]);
    expect((await refusal(`https://public.test/${"a".repeat(2100)}`)).fields).toEqual(["url"]);
    expect((await refusal(receiver.url, [])).fields).toEqual(["event_types"]);
  });

  test("each user has at most WEBHOOKS_MAX_ENDPOINTS_PER_USER endpoints", async () => {
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      made.push(
        (await alice.webhooks.createWebhookEndpoint({ url: receiver.url, eventTypes: ["task.created"] })).endpoint!.id,
      );
    }
    expect(
      await codeOf(alice.webhooks.createWebhookEndpoint({ url: receiver.url, eventTypes: ["task.created"] })),
    ).toBe("FailedPrecondition");
    expect((await alice.webhooks.listWebhookEndpoints({})).endpoints.map((e) => e.id)).toEqual(made);
    for (const id of made) await alice.webhooks.deleteWebhookEndpoint({ id });
    expect((await alice.webhooks.listWebhookEndpoints({})).endpoints).toEqual([]);
  });

  test("replay is bounded by the kept history; another user's endpoint is NotFound everywhere", async () => {
    const mine = await alice.webhooks.createWebhookEndpoint({ url: receiver.url, eventTypes: ["task.created"] });
    const id = mine.endpoint!.id;
    const tooOld = timestampFromDate(new Date(Date.now() - 8 * 86_400_000));
    const replay = alice.webhooks.replayWebhookEvents({ endpointId: id, since: tooOld });
    expect(await codeOf(replay)).toBe("InvalidArgument");
    expect(fieldsOf(await replay.catch((e: unknown) => e))).toEqual(["since"]);

    const { tokens } = await connectClient(AuthService, alice.stack.baseUrl).register({
      email: `webhooks-bob-${crypto.randomUUID()}@example.com`,
      password: "correct horse battery",
      displayName: "Bob",
      timeZone: "Asia/Karachi",
      locale: "ur",
    });
    const bobHere = connectClient(WebhookService, alice.stack.baseUrl, tokens!.accessToken);
    expect(await codeOf(bobHere.listWebhookDeliveries({ endpointId: id }))).toBe("NotFound");
    expect(await codeOf(bobHere.deleteWebhookEndpoint({ id }))).toBe("NotFound");
    expect(await codeOf(bobHere.replayWebhookEvents({ endpointId: id, since: timestampFromDate(new Date()) }))).toBe(
      "NotFound",
    );
    expect(await codeOf(bobHere.redeliverWebhook({ endpointId: id, deliveryId: crypto.randomUUID() }))).toBe(
      "NotFound",
    );
    expect((await bobHere.listWebhookEndpoints({})).endpoints).toEqual([]);
    expect((await alice.webhooks.listWebhookEndpoints({})).endpoints.map((e) => e.id)).toEqual([id]);
  }, 30_000);
});
