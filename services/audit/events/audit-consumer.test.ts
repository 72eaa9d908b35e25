import { expect, test } from "bun:test";
import { auditedEventTypes } from "./audit-consumer";

test("every enveloped event type is audited except the TaskChanged snapshot", () => {
  const types = auditedEventTypes();
  expect(types).not.toContain("todo.events.v1.TaskChanged");
  expect(types).not.toContain("todo.events.v1.EventMeta");
  expect(types).toEqual(
    expect.arrayContaining([
      "todo.events.v1.TaskCreated",
      "todo.events.v1.TaskUpdated",
      "todo.events.v1.TaskCompleted",
      "todo.events.v1.TaskReopened",
      "todo.events.v1.TaskDeleted",
      "todo.events.v1.TaskRestored",
      "todo.events.v1.ReminderScheduled",
      "todo.events.v1.ReminderCancelled",
      "todo.events.v1.ReminderDelivered",
      "todo.events.v1.ReminderFailed",
      "todo.events.v1.RecurringTaskGenerated",
      "todo.events.v1.UserRegistered",
      "todo.events.v1.SessionRevoked",
      "todo.events.v1.EmailVerificationRequested",
      "todo.events.v1.SignUpAttempted",
      "todo.events.v1.PasswordChanged",
      "todo.events.v1.PasswordResetRequested",
      "todo.events.v1.ProjectCreated",
      "todo.events.v1.ProjectUpdated",
      "todo.events.v1.ProjectArchived",
      "todo.events.v1.ProjectUnarchived",
      "todo.events.v1.ProjectDeleted",
      "todo.events.v1.ProjectRestored",
      "todo.events.v1.SectionCreated",
      "todo.events.v1.SectionUpdated",
      "todo.events.v1.SectionDeleted",
      "todo.events.v1.TaskMoved",
      "todo.events.v1.PersonalAccessTokenCreated",
      "todo.events.v1.PersonalAccessTokenRevoked",
      "todo.events.v1.MemberInvited",
      "todo.events.v1.InvitationAccepted",
      "todo.events.v1.InvitationDeclined",
      "todo.events.v1.MemberRoleChanged",
      "todo.events.v1.MemberRemoved",
      "todo.events.v1.ProjectOwnershipTransferred",
      "todo.events.v1.CommentAdded",
      "todo.events.v1.CommentEdited",
      "todo.events.v1.CommentDeleted",
      "todo.events.v1.CommentMention",
    ]),
  );
  expect(types).not.toContain("todo.events.v1.ProjectChanged");
  expect(types).not.toContain("todo.events.v1.SectionChanged");
  expect(types).not.toContain("todo.events.v1.AccountDeleted");
  expect(types).not.toContain("todo.events.v1.CommentChanged");
  expect(types).toHaveLength(43);
});
