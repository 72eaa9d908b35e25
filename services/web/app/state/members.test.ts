import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { MemberSchema } from "../../../../gen/todo/v1/share_pb";
import { ListMembersResponseSchema } from "../../../../gen/todo/v1/share_service_pb";
import type { Api } from "../api/api";
import { MembersDirectory } from "./members";
import { TaskEvents } from "./task-events";

/** A ListMembers that counts its calls and answers the project's current people. */
function fakeApi(people: Map<string, string[]>) {
  const calls: string[] = [];
  const api = {
    share: {
      listMembers: async ({ projectId }: { projectId: string }) => {
        calls.push(projectId);
        const ids = people.get(projectId);
        if (!ids) throw new Error("offline");
        return create(ListMembersResponseSchema, {
          members: ids.map((userId) => create(MemberSchema, { userId, displayName: userId })),
        });
      },
    },
  } as unknown as Api;
  return { api, calls };
}

test("each project's people are read once; a fresh read replaces them and tells the hooks", async () => {
  const people = new Map([["groceries", ["ayesha", "bilal"]]]);
  const { api, calls } = fakeApi(people);
  const directory = new MembersDirectory(api, new TaskEvents());
  let told = 0;
  directory.onChange(() => told++);
  const [a, b] = await Promise.all([directory.get("groceries"), directory.get("groceries")]);
  expect(a).toBe(b);
  expect(calls).toEqual(["groceries"]);
  expect(told).toBe(0);
  people.set("groceries", ["ayesha", "bilal", "chand"]);
  expect((await directory.get("groceries", true)).members.map((m) => m.userId)).toEqual(["ayesha", "bilal", "chand"]);
  expect((await directory.get("groceries")).members).toHaveLength(3);
  expect(calls).toEqual(["groceries", "groceries"]);
  await Bun.sleep(0);
  expect(told).toBe(1);
});

test("an assignee the list does not name is read again once (they joined since), not on every row", async () => {
  const people = new Map([["groceries", ["ayesha"]]]);
  const { api, calls } = fakeApi(people);
  const directory = new MembersDirectory(api, new TaskEvents());
  expect((await directory.member("groceries", "ayesha"))?.userId).toBe("ayesha");
  people.set("groceries", ["ayesha", "bilal"]);
  expect((await directory.member("groceries", "bilal"))?.userId).toBe("bilal");
  expect(calls).toEqual(["groceries", "groceries"]);
  // Someone who is not there is asked about once, then answered from what was read.
  expect(await directory.member("groceries", "stranger")).toBeUndefined();
  expect(await directory.member("groceries", "stranger")).toBeUndefined();
  expect(calls).toHaveLength(3);
});

test("a reconnect or a project change forgets what was read; a failed read is not kept", async () => {
  const people = new Map<string, string[]>();
  const { api, calls } = fakeApi(people);
  const events = new TaskEvents();
  const directory = new MembersDirectory(api, events);
  await expect(directory.get("groceries")).rejects.toThrow("offline");
  people.set("groceries", ["ayesha"]);
  expect((await directory.get("groceries")).members).toHaveLength(1);
  events.resync();
  await directory.get("groceries");
  events.organiseChanged();
  await directory.get("groceries");
  expect(calls).toEqual(["groceries", "groceries", "groceries", "groceries"]);
});
