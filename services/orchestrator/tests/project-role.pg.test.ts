import { afterAll, beforeAll, expect, test } from "bun:test";
import type { Project } from "../../../gen/todo/v1/project_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { codeOf } from "../../platform/testing/outcome";
import { type MailStack, startMailStack } from "../testing/mail-stack";
import { person, shareWith } from "../testing/share-kit";

/*
 * Project.my_role: every Project ProjectService answers carries the caller's role on it (db/access.ts roleOn, read
 * in the listing's own statement), so a client learns it without a ListMembers call per project.
 */

let mail: MailStack;
beforeAll(async () => {
  mail = await startMailStack({ AUTH_LIMIT_PER_ACCOUNT: "1000", AUTH_LIMIT_PER_ADDRESS: "1000" });
}, 90_000);
afterAll(async () => {
  await mail?.stop();
}, 60_000);

const roleOf = (list: Project[], id: string) => list.find((p) => p.id === id)?.myRole;

test("owner, editor and viewer see their role on a top-level and a sub-project; a stranger still NotFound", async () => {
  const owner = await person(mail);
  const editor = await person(mail);
  const viewer = await person(mail);
  const stranger = await person(mail);
  const { project: top } = await owner.projects.createProject({ name: "Shared" });
  const { project: sub } = await owner.projects.createProject({ name: "Sub", parentId: top!.id });
  expect([top!.myRole, sub!.myRole]).toEqual([ProjectRole.OWNER, ProjectRole.OWNER]);
  await shareWith(mail, owner, top!.id, editor, ProjectRole.EDITOR);
  await shareWith(mail, owner, top!.id, viewer, ProjectRole.VIEWER);

  for (const [who, role] of [
    [owner, ProjectRole.OWNER],
    [editor, ProjectRole.EDITOR],
    [viewer, ProjectRole.VIEWER],
  ] as const) {
    const { projects } = await who.projects.listProjects({});
    expect([roleOf(projects, top!.id), roleOf(projects, sub!.id)]).toEqual([role, role]);
    // Their own Inbox is theirs.
    expect(projects.find((p) => p.inbox)!.myRole).toBe(ProjectRole.OWNER);
    const got = await Promise.all([who.projects.getProject({ id: top!.id }), who.projects.getProject({ id: sub!.id })]);
    expect(got.map((r) => r.project!.myRole)).toEqual([role, role]);
  }

  // Writes answer the caller's role too: an editor's new and renamed sub-project, the owner's rename of the top.
  const { project: made } = await editor.projects.createProject({ name: "Editor's", parentId: top!.id });
  expect(made!.myRole).toBe(ProjectRole.EDITOR);
  const { project: renamed } = await editor.projects.updateProject({
    id: sub!.id,
    updateMask: { paths: ["name"] },
    name: "Sub, renamed",
  });
  expect(renamed!.myRole).toBe(ProjectRole.EDITOR);
  const { project: ownRenamed } = await owner.projects.updateProject({
    id: top!.id,
    updateMask: { paths: ["name"] },
    name: "Shared, renamed",
  });
  expect(ownRenamed!.myRole).toBe(ProjectRole.OWNER);
  const { project: deleted } = await editor.projects.deleteProject({ id: made!.id });
  expect(deleted!.myRole).toBe(ProjectRole.EDITOR);
  const { project: restored } = await editor.projects.restoreProject({ id: made!.id });
  expect(restored!.myRole).toBe(ProjectRole.EDITOR);

  // A stranger sees none of it.
  expect(await codeOf(stranger.projects.getProject({ id: top!.id }))).toBe("NotFound");
  expect(await codeOf(stranger.projects.getProject({ id: sub!.id }))).toBe("NotFound");
  const { projects: strangers } = await stranger.projects.listProjects({});
  expect(strangers.map((p) => p.id)).not.toContain(top!.id);
  expect(strangers.map((p) => p.id)).not.toContain(sub!.id);

  // A role change shows on the next listing (read live, no cache).
  await owner.share.changeMemberRole({ projectId: top!.id, userId: viewer.userId, role: ProjectRole.EDITOR });
  const { projects: after } = await viewer.projects.listProjects({});
  expect([roleOf(after, top!.id), roleOf(after, sub!.id)]).toEqual([ProjectRole.EDITOR, ProjectRole.EDITOR]);
}, 120_000);
