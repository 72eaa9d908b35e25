import { expect, test } from "bun:test";
import { ActorKind } from "../../../gen/todo/v1/actor_pb";
import { runInScope } from "../request-context";
import { newEventMeta } from "./event-codec";

const owner = "0190a000-0000-7000-8000-000000000001";
const editor = "0190a000-0000-7000-8000-000000000002";

test("an event written from a person's request names that person, not the owner whose data it is", () => {
  const meta = runInScope(
    { correlationId: "c1", userId: editor, actor: { kind: ActorKind.WEB, displayName: "Sara" } },
    () => newEventMeta({ userId: owner, correlationId: "c1" }),
  );
  expect([meta.userId, meta.actorUserId, meta.actorDisplayName, meta.actorKind]).toEqual([
    owner,
    editor,
    "Sara",
    ActorKind.WEB,
  ]);
});

test("what the system does on its own (a consumer's scope has no actor) names nobody", () => {
  const meta = runInScope({ correlationId: "c2", userId: owner }, () =>
    newEventMeta({ userId: owner, correlationId: "c2" }),
  );
  expect([meta.actorUserId, meta.actorDisplayName, meta.actorKind]).toEqual(["", "", ActorKind.UNSPECIFIED]);
  expect(newEventMeta({ userId: owner, correlationId: "c3" }).actorUserId).toBe("");
});
