import type { Member } from "../../../../gen/todo/v1/share_pb";
import type { Task } from "../../../../gen/todo/v1/task_pb";
import { useI18n } from "../state/i18n-context";
import { useMember } from "../state/members";
import { initials, nameOf } from "./project-members";
import "./assignee.css";

/** Avatar is a person's initials in a circle, their name on hover; screen readers hear `label` instead. */
export function Avatar({ member, label }: { member: Member; label?: string }) {
  return (
    <>
      <span className="member-avatar" title={nameOf(member)} aria-hidden="true">
        {initials(member)}
      </span>
      {label && <span className="visually-hidden">{label}</span>}
    </>
  );
}

/** AssigneeAvatar is a task's assignee on its row or card (nothing while unassigned or not yet read). */
export function AssigneeAvatar({ task }: { task: Task }) {
  const i18n = useI18n();
  const member = useMember(task.projectId, task.assigneeId);
  if (!member) return null;
  return (
    <span className="meta" data-testid="task-assignee" data-user-id={member.userId}>
      <Avatar member={member} label={i18n.t("assignee.assignedTo", { name: nameOf(member) })} />
    </span>
  );
}
