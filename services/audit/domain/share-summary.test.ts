import { expect, test } from "bun:test";
import { create } from "@bufbuild/protobuf";
import { MemberInvitedSchema, MemberRemovedSchema } from "../../../gen/todo/events/v1/share_events_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { describeShareEvent } from "./share-summary";

test("membership events read as one line each; other events are not theirs", () => {
  const invited = create(MemberInvitedSchema, {
    invitation: { email: "sara@example.com", projectName: "Groceries", role: ProjectRole.VIEWER },
  });
  expect(describeShareEvent(invited)?.summary).toBe('Invited sara@example.com to "Groceries" as viewer');
  expect(describeShareEvent(create(MemberRemovedSchema, { memberId: "u1", left: true }))?.summary).toBe(
    "Member u1 left",
  );
  expect(describeShareEvent(create(MemberRemovedSchema, { memberId: "u1" }))?.summary).toBe("Member u1 removed");
  expect(describeShareEvent(create(MemberInvitedSchema, {}))?.summary).toContain("as member");
});
