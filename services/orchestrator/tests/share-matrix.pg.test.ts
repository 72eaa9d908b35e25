import { afterAll, beforeAll, expect, test } from "bun:test";
import { CalendarService } from "../../../gen/todo/v1/calendar_service_pb";
import { SectionTasks } from "../../../gen/todo/v1/project_service_pb";
import { ProjectRole } from "../../../gen/todo/v1/share_pb";
import { codeOf } from "../../platform/testing/outcome";
import { connectClient } from "../../platform/testing/tokens";
import { type MailStack, startMailStack } from "../testing/mail-stack";
import { type Person, person, shareWith } from "../testing/share-kit";

/*
 * The authorization matrix (issue 15): every id-taking RPC, called by each of {owner, editor, viewer, removed
 * member, stranger} on each kind of object (project, sub-project, section, task, subtask, saved filter, and the
 * share itself) answers the code its need says, and a refused call changes nothing the owner can see.
 *
 * Needs: read (any member), write (owner or editor), own (owner only), ref (a write whose object is named in a
 * reference field: a stranger's is InvalidArgument on that field, as for any id the caller does not have),
 * personal (the owner's own saved filter: nobody else's to see).
 */
type Role = "owner" | "editor" | "viewer" | "removed" | "stranger";
type Need = "read" | "write" | "own" | "ref" | "personal";
const roles: Role[] = ["owner", "editor", "viewer", "removed", "stranger"];

const expected: Record<Need, Record<Role, string>> = {
  read: { owner: "OK", editor: "OK", viewer: "OK", removed: "NotFound", stranger: "NotFound" },
  write: { owner: "OK", editor: "OK", viewer: "PermissionDenied", removed: "NotFound", stranger: "NotFound" },
  own: {
    owner: "OK",
    editor: "PermissionDenied",
    viewer: "PermissionDenied",
    removed: "NotFound",
    stranger: "NotFound",
  },
  ref: {
    owner: "OK",
    editor: "OK",
    viewer: "PermissionDenied",
    removed: "InvalidArgument",
    stranger: "InvalidArgument",
  },
  personal: { owner: "OK", editor: "NotFound", viewer: "NotFound", removed: "NotFound", stranger: "NotFound" },
};

let mail: MailStack;
const people = {} as Record<Role, Person>;
let shared: string; // the top-level project shared with editor, viewer (and once with removed)
let deletedTop: string; // a deleted top-level project shared with the same people

beforeAll(async () => {
  mail = await startMailStack({ AUTH_LIMIT_PER_ACCOUNT: "1000", AUTH_LIMIT_PER_ADDRESS: "1000" });
  // One at a time: five argon2 sign-ups at once on a loaded 2-core machine can pass the server's deadline.
  for (const role of roles) people[role] = await person(mail);
  const { owner, editor, viewer, removed } = people;
  const top = async (name: string) => {
    const { project } = await owner.projects.createProject({ name });
    await shareWith(mail, owner, project!.id, editor, ProjectRole.EDITOR);
    await shareWith(mail, owner, project!.id, viewer, ProjectRole.VIEWER);
    await shareWith(mail, owner, project!.id, removed, ProjectRole.EDITOR);
    await owner.share.removeMember({ projectId: project!.id, userId: removed.userId });
    return project!.id;
  };
  shared = await top("Shared");
  deletedTop = await top("Shared and deleted");
  await owner.projects.deleteProject({ id: deletedTop });
}, 120_000);
afterAll(() => mail?.stop(), 60_000);

/** Fixture is a fresh set of objects in the shared project, made by the owner, each made when first asked for. */
function fixture() {
  const { owner, editor } = people;
  const once = <T>(make: () => Promise<T>) => {
    let made: Promise<T> | undefined;
    return () => {
      made ??= make();
      return made;
    };
  };
  const n = crypto.randomUUID().slice(0, 8);
  const section = once(
    async () => (await owner.projects.createSection({ projectId: shared, name: `section ${n}` })).section!.id,
  );
  const task = once(async () => (await owner.tasks.createTask({ title: "task", sectionId: await section() })).task!);
  const subtask = once(
    async () => (await owner.tasks.createTask({ title: "subtask", parentId: (await task()).id })).task!,
  );
  const completed = once(async () => {
    const { task: t } = await owner.tasks.createTask({ title: "done", projectId: shared });
    return (await owner.tasks.completeTask({ id: t!.id })).task!;
  });
  const deletedTask = once(async () => {
    const { task: t } = await owner.tasks.createTask({ title: "gone", projectId: shared });
    return (await owner.tasks.deleteTask({ id: t!.id })).task!;
  });
  const sub = once(
    async () => (await owner.projects.createProject({ name: `sub ${n}`, parentId: shared })).project!.id,
  );
  const deletedSub = once(async () => {
    const { project } = await owner.projects.createProject({ name: `old sub ${n}`, parentId: shared });
    await owner.projects.deleteProject({ id: project!.id });
    return project!.id;
  });
  const filter = once(
    async () => (await owner.filters.createSavedFilter({ name: `filter ${n}`, query: "today" })).savedFilter!.id,
  );
  /** ownTop is a top-level project the owner-only calls may change: for the owner a fresh one shared with the editor. */
  const ownTop = once(async () => {
    const { project } = await owner.projects.createProject({ name: `own ${n}` });
    await shareWith(mail, owner, project!.id, editor, ProjectRole.EDITOR);
    return project!.id;
  });
  const ownDeletedTop = once(async () => {
    const id = await ownTop();
    await owner.projects.deleteProject({ id });
    return id;
  });
  const invitation = once(
    async () =>
      (
        await owner.share.inviteMember({
          projectId: await ownTop(),
          email: `invitee-${n}@example.com`,
          role: ProjectRole.VIEWER,
        })
      ).invitation!.id,
  );
  return { section, task, subtask, completed, deletedTask, sub, deletedSub, filter, ownTop, ownDeletedTop, invitation };
}
type Fixture = ReturnType<typeof fixture>;

/** For the refused roles' calls, the owner-only objects are the shared project itself (nothing may change there). */
function refusedFixture(): Fixture {
  const fx = fixture();
  let invitation: Promise<string> | undefined;
  return {
    ...fx,
    ownTop: async () => shared,
    ownDeletedTop: async () => deletedTop,
    invitation: () => {
      invitation ??= people.owner.share
        .inviteMember({ projectId: shared, email: "pending@example.com", role: ProjectRole.VIEWER })
        .then((r) => r.invitation!.id);
      return invitation;
    },
  };
}

interface Case {
  kind: "project" | "sub-project" | "section" | "task" | "subtask" | "filter" | "share";
  rpc: string;
  need: Need;
  call: (who: Person, fx: Fixture) => Promise<unknown>;
}

const feeds = (who: Person) => connectClient(CalendarService, mail.stack.baseUrl, who.accessToken);

const cases: Case[] = [
  // The top-level shared project: members read it; only its owner renames, archives, deletes or restores it.
  { kind: "project", rpc: "GetProject", need: "read", call: (w) => w.projects.getProject({ id: shared }) },
  { kind: "project", rpc: "ListSections", need: "read", call: (w) => w.projects.listSections({ projectId: shared }) },
  {
    kind: "project",
    rpc: "ListTasks(project_id)",
    need: "read",
    call: (w) => w.tasks.listTasks({ projectId: shared }),
  },
  {
    kind: "project",
    rpc: "GetCalendarFeed",
    need: "read",
    call: (w) => feeds(w).getCalendarFeed({ projectId: shared }),
  },
  {
    kind: "project",
    rpc: "UpdateProject(name)",
    need: "own",
    call: async (w, fx) =>
      w.projects.updateProject({ id: await fx.ownTop(), updateMask: { paths: ["name"] }, name: "x" }),
  },
  {
    kind: "project",
    rpc: "UpdateProject(archived)",
    need: "own",
    call: async (w, fx) =>
      w.projects.updateProject({ id: await fx.ownTop(), updateMask: { paths: ["archived"] }, archived: true }),
  },
  {
    kind: "project",
    rpc: "DeleteProject",
    need: "own",
    call: async (w, fx) => w.projects.deleteProject({ id: await fx.ownTop() }),
  },
  {
    kind: "project",
    rpc: "RestoreProject",
    need: "own",
    call: async (w, fx) => w.projects.restoreProject({ id: await fx.ownDeletedTop() }),
  },
  {
    kind: "project",
    rpc: "CreateSection",
    need: "write",
    call: (w) => w.projects.createSection({ projectId: shared, name: "s" }),
  },
  {
    kind: "project",
    rpc: "CreateTask(project_id)",
    need: "ref",
    call: (w) => w.tasks.createTask({ title: "t", projectId: shared }),
  },
  {
    kind: "project",
    rpc: "CreateProject(parent_id)",
    need: "ref",
    call: (w) => w.projects.createProject({ name: "child", parentId: shared }),
  },
  // A sub-project inherits the top-level project's members: editors change it, viewers read it.
  {
    kind: "sub-project",
    rpc: "GetProject",
    need: "read",
    call: async (w, fx) => w.projects.getProject({ id: await fx.sub() }),
  },
  {
    kind: "sub-project",
    rpc: "UpdateProject(name)",
    need: "write",
    call: async (w, fx) => w.projects.updateProject({ id: await fx.sub(), updateMask: { paths: ["name"] }, name: "y" }),
  },
  {
    kind: "sub-project",
    rpc: "UpdateProject(parent_id)",
    need: "own",
    call: async (w, fx) =>
      w.projects.updateProject({ id: await fx.sub(), updateMask: { paths: ["parent_id"] }, parentId: shared }),
  },
  {
    kind: "sub-project",
    rpc: "DeleteProject",
    need: "write",
    call: async (w, fx) => w.projects.deleteProject({ id: await fx.sub() }),
  },
  {
    kind: "sub-project",
    rpc: "RestoreProject",
    need: "write",
    call: async (w, fx) => w.projects.restoreProject({ id: await fx.deletedSub() }),
  },
  {
    kind: "sub-project",
    rpc: "CreateTask(project_id)",
    need: "ref",
    call: async (w, fx) => w.tasks.createTask({ title: "t", projectId: await fx.sub() }),
  },
  // Sections.
  {
    kind: "section",
    rpc: "UpdateSection",
    need: "write",
    call: async (w, fx) =>
      w.projects.updateSection({ id: await fx.section(), updateMask: { paths: ["name"] }, name: "z" }),
  },
  {
    kind: "section",
    rpc: "DeleteSection",
    need: "write",
    call: async (w, fx) => w.projects.deleteSection({ id: await fx.section(), tasks: SectionTasks.MOVE_TO_PROJECT }),
  },
  {
    kind: "section",
    rpc: "ListTasks(section_id)",
    need: "read",
    call: async (w, fx) => w.tasks.listTasks({ sectionId: await fx.section() }),
  },
  {
    kind: "section",
    rpc: "CreateTask(section_id)",
    need: "ref",
    call: async (w, fx) => w.tasks.createTask({ title: "t", sectionId: await fx.section() }),
  },
  // Tasks and subtasks.
  ...(["task", "subtask"] as const).flatMap((kind): Case[] => {
    const target = (fx: Fixture) => (kind === "task" ? fx.task() : fx.subtask());
    return [
      { kind, rpc: "GetTask", need: "read", call: async (w, fx) => w.tasks.getTask({ id: (await target(fx)).id }) },
      {
        kind,
        rpc: "ListTasks(parent_id)",
        need: "read",
        call: async (w, fx) => w.tasks.listTasks({ parentId: (await target(fx)).id }),
      },
      {
        kind,
        rpc: "UpdateTask",
        need: "write",
        call: async (w, fx) =>
          w.tasks.updateTask({ id: (await target(fx)).id, updateMask: { paths: ["title"] }, title: "w" }),
      },
      {
        kind,
        rpc: "CompleteTask",
        need: "write",
        call: async (w, fx) => w.tasks.completeTask({ id: (await target(fx)).id }),
      },
      {
        kind,
        rpc: "DeleteTask",
        need: "write",
        call: async (w, fx) => w.tasks.deleteTask({ id: (await target(fx)).id }),
      },
      {
        kind,
        rpc: "MoveTask",
        need: "write",
        call: async (w, fx) => w.tasks.moveTask({ id: (await target(fx)).id, projectId: shared }),
      },
      {
        kind,
        rpc: "CreateTask(parent_id)",
        need: "ref",
        call: async (w, fx) => w.tasks.createTask({ title: "child", parentId: (await target(fx)).id }),
      },
    ];
  }),
  {
    kind: "task",
    rpc: "ReopenTask",
    need: "write",
    call: async (w, fx) => w.tasks.reopenTask({ id: (await fx.completed()).id }),
  },
  {
    kind: "task",
    rpc: "RestoreTask",
    need: "write",
    call: async (w, fx) => w.tasks.restoreTask({ id: (await fx.deletedTask()).id }),
  },
  {
    kind: "task",
    rpc: "MoveTask(section_id)",
    need: "write",
    call: async (w, fx) => w.tasks.moveTask({ id: (await fx.completed()).id, sectionId: await fx.section() }),
  },
  // A saved filter is its owner's alone, shared project or not.
  {
    kind: "filter",
    rpc: "GetSavedFilter",
    need: "personal",
    call: async (w, fx) => w.filters.getSavedFilter({ id: await fx.filter() }),
  },
  {
    kind: "filter",
    rpc: "UpdateSavedFilter",
    need: "personal",
    call: async (w, fx) =>
      w.filters.updateSavedFilter({ id: await fx.filter(), name: `renamed ${crypto.randomUUID()}` }),
  },
  {
    kind: "filter",
    rpc: "DeleteSavedFilter",
    need: "personal",
    call: async (w, fx) => w.filters.deleteSavedFilter({ id: await fx.filter() }),
  },
  // The share itself: members see who is in; only the owner changes it.
  { kind: "share", rpc: "ListMembers", need: "read", call: (w) => w.share.listMembers({ projectId: shared }) },
  {
    kind: "share",
    rpc: "InviteMember",
    need: "own",
    call: async (w, fx) =>
      w.share.inviteMember({ projectId: await fx.ownTop(), email: "someone@example.com", role: ProjectRole.EDITOR }),
  },
  {
    kind: "share",
    rpc: "RevokeInvitation",
    need: "own",
    call: async (w, fx) => w.share.revokeInvitation({ id: await fx.invitation() }),
  },
  {
    kind: "share",
    rpc: "ChangeMemberRole",
    need: "own",
    call: async (w, fx) =>
      w.share.changeMemberRole({
        projectId: await fx.ownTop(),
        userId: people.editor.userId,
        role: ProjectRole.VIEWER,
      }),
  },
  {
    kind: "share",
    rpc: "RemoveMember",
    need: "own",
    call: async (w, fx) => w.share.removeMember({ projectId: await fx.ownTop(), userId: people.editor.userId }),
  },
  {
    kind: "share",
    rpc: "TransferOwnership",
    need: "own",
    call: async (w, fx) => w.share.transferOwnership({ projectId: await fx.ownTop(), userId: people.editor.userId }),
  },
];

/** everything lists all the owner can see, page by page: what a refused call must leave as it was. */
async function everything() {
  const { owner } = people;
  const tasks = [];
  let pageToken = "";
  do {
    const page = await owner.tasks.listTasks({
      includeDeleted: true,
      includeArchivedProjects: true,
      pageSize: 200,
      pageToken,
    });
    tasks.push(...page.tasks);
    pageToken = page.nextPageToken;
  } while (pageToken);
  const projects = (await owner.projects.listProjects({ includeArchived: true, includeDeleted: true })).projects;
  const sections = await Promise.all(
    projects
      .filter((p) => !p.deleted)
      .map(async (p) => (await owner.projects.listSections({ projectId: p.id })).sections),
  );
  const members = await Promise.all(
    projects.filter((p) => !p.parentId && !p.inbox).map((p) => owner.share.listMembers({ projectId: p.id })),
  );
  const filters = (await owner.filters.listSavedFilters({})).savedFilters;
  return { tasks, projects, sections, members, filters };
}

test("every id-taking RPC answers each role on each kind of object as its need says, and a refused call changes nothing", async () => {
  const refused = refusedFixture();
  // The refused calls' objects exist before the first call, so "unchanged" compares like with like.
  for (const make of Object.values(refused)) await make();
  const got: Record<string, string> = {};
  const want: Record<string, string> = {};
  const changed: string[] = [];
  let snapshot: Awaited<ReturnType<typeof everything>> | undefined;
  for (const role of roles) {
    for (const c of cases) {
      const name = `${c.kind} ${c.rpc} as ${role}`;
      const allowed = expected[c.need][role] === "OK";
      // An allowed call changes things: it gets fresh objects. A refused one shares a set, checked unchanged after.
      const fx = allowed ? fixture() : refused;
      // The state after one refused call is the state before the next, until an allowed call changes things.
      if (!allowed && !snapshot) snapshot = await everything();
      const before = allowed ? undefined : snapshot;
      want[name] = expected[c.need][role];
      got[name] = await codeOf(c.call(people[role], fx));
      snapshot = before && (await everything());
      if (before && !Bun.deepEquals(snapshot, before)) changed.push(name);
    }
  }
  expect(got).toEqual(want);
  expect(changed).toEqual([]);
}, 600_000);
