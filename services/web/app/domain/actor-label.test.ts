import { expect, test } from "bun:test";
import { ActorKind } from "../../../../gen/todo/v1/actor_pb";
import { actorLabel } from "./actor-label";

const record = (actorKind: ActorKind, actorTokenName = "", actorClient = "") => ({
  actorKind,
  actorTokenName,
  actorClient,
});

test("each door has its label; tokens and MCP clients are named", () => {
  expect(actorLabel(record(ActorKind.WEB))).toEqual({ key: "activity.byYou", vars: {} });
  expect(actorLabel(record(ActorKind.CHAT))).toEqual({ key: "activity.byChat", vars: {} });
  expect(actorLabel(record(ActorKind.TOKEN, "backup"))).toEqual({ key: "activity.byToken", vars: { name: "backup" } });
  expect(actorLabel(record(ActorKind.MCP, "laptop", "Claude"))).toEqual({
    key: "activity.byMcpToken",
    vars: { client: "Claude", name: "laptop" },
  });
  expect(actorLabel(record(ActorKind.MCP, "", ""))).toEqual({ key: "activity.byMcp", vars: { client: "MCP" } });
  expect(actorLabel(record(ActorKind.UNSPECIFIED))).toEqual({ key: "activity.bySystem", vars: {} });
});
