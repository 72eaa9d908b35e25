import { type Member, ProjectRole } from "../../../../gen/todo/v1/share_pb";
import { useI18n } from "../state/i18n-context";
import { useKnownRole, useMembers } from "../state/members";
import { useSession } from "../state/session";
import { Avatar } from "./assignee-avatar";
import { TextField } from "./form-fields";
import { nameOf } from "./project-members";

/**
 * AssigneeField is the task editor's assignee picker: "Unassigned", you, then the project's owner and members
 * (ListMembers, read fresh when the editor opens), as a native select so it works from the keyboard and with
 * screen readers as any select does. A viewer sees who holds the task, read only. It shows for a task of a
 * shared project (or one already assigned): in an unshared project or the Inbox only the owner could hold it.
 */
export function AssigneeField({
  id,
  projectId,
  value,
  onChange,
  problemId,
}: {
  /** id is the select's id (the editor's problem summary links to it). */
  id: string;
  projectId: string;
  value: string;
  onChange: (userId: string) => void;
  /** problemId is the id of the editor's line saying why the server refused the assignee, while there is one. */
  problemId?: string;
}) {
  const i18n = useI18n();
  const { user } = useSession();
  const people = useMembers(projectId);
  // The role the project list already holds (Project.my_role); ListMembers' answer only for a project it does not.
  const known = useKnownRole(projectId);
  if (!people || (people.members.length < 2 && !value)) return null;
  const name = (m: Member) => (m.userId === user.id ? `${nameOf(m)} ${i18n.t("share.you")}` : nameOf(m));
  const current = people.members.find((m) => m.userId === value);
  if ((known ?? people.role) === ProjectRole.VIEWER)
    return (
      <TextField
        label={i18n.t("assignee.label")}
        value={current ? name(current) : i18n.t("assignee.none")}
        hint={i18n.t("assignee.viewerHint")}
        readOnly
        dir="auto"
        data-testid="assignee-read-only"
      />
    );
  const you = people.members.filter((m) => m.userId === user.id);
  return (
    <div className="field">
      <label htmlFor={id}>{i18n.t("assignee.label")}</label>
      <div className="assignee-pick">
        {current && <Avatar member={current} />}
        <select
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={problemId}
          aria-invalid={problemId ? true : undefined}
          data-testid="assignee-select"
        >
          <option value="">{i18n.t("assignee.none")}</option>
          {[...you, ...people.members.filter((m) => m.userId !== user.id)].map((m) => (
            <option key={m.userId} value={m.userId}>
              {name(m)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
