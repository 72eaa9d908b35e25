import { expect, test } from "bun:test";
import { ActorKind } from "../../../../gen/todo/v1/actor_pb";
import { actorLabel } from "./actor-label";

const me = "0190f7a4-0000-7000-8000-0000000000a1";
const record = (
  actorKind: ActorKind,
  actorTokenName = "",
  actorClient = "",
  actorUserId = "",
  actorDisplayName = "",
) => ({
  actorKind,
  actorTokenName,
  actorClient,
  actorUserId,
  actorDisplayName,
});

test("each door has its label; tokens and MCP clients are named", () => {
  expect(actorLabel(record(ActorKind.WEB), me)).toEqual({ key: "activity.byYou", vars: {} });
  expect(actorLabel(record(ActorKind.CHAT), me)).toEqual({ key: "activity.byChat", vars: {} });
  expect(actorLabel(record(ActorKind.TOKEN, "backup"), me)).toEqual({
    key: "activity.byToken",
    vars: { name: "backup" },
  });
  expect(actorLabel(record(ActorKind.MCP, "laptop", "Claude"), me)).toEqual({
    key: "activity.byMcpToken",
    vars: { client: "Claude", name: "laptop" },
  });
  expect(actorLabel(record(ActorKind.MCP, "", ""), me)).toEqual({ key: "activity.byMcp", vars: { client: "MCP" } });
  expect(actorLabel(record(ActorKind.UNSPECIFIED), me)).toEqual({ key: "activity.bySystem", vars: {} });
});

test("another person (a member of a shared project) is named, whatever door they used; the user's own id is not", () => {
  const sara = "0190f7a4-0000-7000-8000-0000000000a2";
  expect(actorLabel(record(ActorKind.WEB, "", "", sara, "Sara"), me)).toEqual({
    key: "activity.byPerson",
    vars: { name: "Sara" },
  });
  expect(actorLabel(record(ActorKind.TOKEN, "backup", "", sara, "Sara"), me).key).toBe("activity.byPerson");
  expect(actorLabel(record(ActorKind.WEB, "", "", sara, ""), me).vars).toEqual({ name: "…" });
  expect(actorLabel(record(ActorKind.WEB, "", "", me, "Me"), me).key).toBe("activity.byYou");
});
