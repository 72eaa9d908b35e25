import { expect, test } from "bun:test";
import { create, toJsonString } from "@bufbuild/protobuf";
import { TaskCreatedSchema } from "../../../gen/todo/events/v1/task_events_pb";
import { ActorKind } from "../../../gen/todo/v1/actor_pb";
import { eventRegistry } from "../../platform/bus/event-codec";
import { actorKindName, actorOf, actorSuffix } from "./actor";
import { describeEvent } from "./event-summary";

const created = (meta: {
  actorKind?: ActorKind;
  actorTokenId?: string;
  actorTokenName?: string;
  actorClient?: string;
  actorUserId?: string;
  actorDisplayName?: string;
}) =>
  create(TaskCreatedSchema, { meta: { eventId: "e1", userId: "u1", ...meta }, task: { id: "t1", title: "Buy milk" } });

test("actorOf reads the envelope's actor from the payload JSON the audit consumer stores", () => {
  const event = created({
    actorKind: ActorKind.MCP,
    actorTokenId: "tok-1",
    actorTokenName: "laptop",
    actorClient: "claude-ai/1.0",
    actorUserId: "u2",
    actorDisplayName: "Sara",
  });
  const json = toJsonString(TaskCreatedSchema, event, { registry: eventRegistry });
  expect(json).toContain(actorKindName(ActorKind.MCP));
  expect(actorOf(json)).toEqual({
    kind: ActorKind.MCP,
    tokenId: "tok-1",
    tokenName: "laptop",
    client: "claude-ai/1.0",
    userId: "u2",
    displayName: "Sara",
  });
});

test("no actor (the system, or a record from before provenance), unknown kinds and bad JSON read as UNSPECIFIED", () => {
  const none = { kind: ActorKind.UNSPECIFIED, tokenId: "", tokenName: "", client: "", userId: "", displayName: "" };
  expect(actorOf(toJsonString(TaskCreatedSchema, created({})))).toEqual(none);
  expect(actorOf('{"meta":{"actorKind":"ACTOR_KIND_ROBOT"}}').kind).toBe(ActorKind.UNSPECIFIED);
  expect(actorOf('{"meta":{"actorKind":42}}').kind).toBe(ActorKind.UNSPECIFIED);
  expect(actorOf("not json")).toEqual(none);
  expect(actorOf("{}")).toEqual(none);
});

test("summaries name the agent that acted: a token, an MCP client; the web and chat add nothing", () => {
  expect(describeEvent(created({ actorKind: ActorKind.TOKEN, actorTokenName: "backup" })).summary).toBe(
    'Task created: "Buy milk" (by token "backup")',
  );
  expect(
    describeEvent(created({ actorKind: ActorKind.MCP, actorTokenName: "laptop", actorClient: "Claude" })).summary,
  ).toBe('Task created: "Buy milk" (by MCP client "Claude", token "laptop")');
  expect(describeEvent(created({ actorKind: ActorKind.WEB })).summary).toBe('Task created: "Buy milk"');
  expect(describeEvent(created({ actorKind: ActorKind.CHAT })).summary).toBe('Task created: "Buy milk"');
  expect(actorSuffix({ actorKind: ActorKind.MCP, actorTokenName: "", actorClient: "" })).toBe(" (by MCP client)");
});
