import { useEffect, useRef, useState } from "react";
import type { Project } from "../../../../gen/todo/v1/project_pb";
import { type Member, ProjectRole } from "../../../../gen/todo/v1/share_pb";
import type { ListMembersResponse } from "../../../../gen/todo/v1/share_service_pb";
import type { Api } from "../api/api";
import { useSession } from "./session";
import type { TaskEvents } from "./task-events";
import { useOrganise } from "./use-projects";

/**
 * MembersDirectory reads each project's people once (ListMembers: the owner first, then the members; a
 * sub-project or the Inbox answers its top-level project's), for the assignee avatars on task rows and the
 * editor's assignee picker. It forgets what it read when the live stream starts over or a project changes,
 * reads again when asked `fresh` (the picker, the share dialog), and once when a task names an assignee it
 * does not list (someone who joined since).
 */
export class MembersDirectory {
  private readonly read = new Map<string, Promise<ListMembersResponse>>();
  private readonly retried = new Set<string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly api: Api,
    taskEvents: TaskEvents,
  ) {
    taskEvents.onResync(() => this.forget());
    taskEvents.onOrganiseChange(() => this.forget());
  }

  /** get is the project's people, read once (or again if `fresh`); a failed read is forgotten. */
  get(projectId: string, fresh = false): Promise<ListMembersResponse> {
    const known = this.read.get(projectId);
    if (known && !fresh) return known;
    const pending = this.api.share.listMembers({ projectId });
    this.read.set(projectId, pending);
    pending.then(
      () => known && this.changed(),
      () => this.read.get(projectId) === pending && this.read.delete(projectId),
    );
    return pending;
  }

  /** member is one person of the project, read again once if the list read before does not name them. */
  async member(projectId: string, userId: string): Promise<Member | undefined> {
    const find = (r: ListMembersResponse) => r.members.find((m) => m.userId === userId);
    const found = find(await this.get(projectId));
    const key = `${projectId}/${userId}`;
    if (found || this.retried.has(key)) return found;
    this.retried.add(key);
    return find(await this.get(projectId, true));
  }

  /** onChange hears that what was read may be out of date (the hooks read again). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private forget() {
    this.read.clear();
    this.retried.clear();
    this.changed();
  }

  private changed() {
    for (const listener of this.listeners) listener();
  }
}

/** useDirectoryRead runs `read` (named by `key`) now, and again whenever the directory says its lists may be out of date. */
function useDirectoryRead<T>(
  read: ((members: MembersDirectory) => Promise<T>) | undefined,
  key: string,
): T | undefined {
  const { members } = useSession();
  const [value, setValue] = useState<T | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const reader = useRef(read);
  reader.current = read;
  useEffect(() => members.onChange(() => setGeneration((g) => g + 1)), [members]);
  useEffect(() => {
    void generation;
    void key;
    const run = reader.current;
    if (!run) return setValue(undefined);
    let live = true;
    run(members).then(
      (v) => live && setValue(v),
      () => live && setValue(undefined),
    );
    return () => {
      live = false;
    };
  }, [members, key, generation]);
  return value;
}

/** useMember is the task's assignee as a member of its project (undefined while unknown or unassigned). */
export const useMember = (projectId: string, userId: string): Member | undefined =>
  useDirectoryRead(userId ? (m) => m.member(projectId, userId) : undefined, `${projectId}/${userId}`);

/** useMembers is a project's people, read fresh the first time (the picker offers everyone there is now). */
export function useMembers(projectId: string): ListMembersResponse | undefined {
  const fresh = useRef(true);
  return useDirectoryRead((m) => {
    const first = fresh.current;
    fresh.current = false;
    return m.get(projectId, first);
  }, projectId);
}

/**
 * useKnownRole is the user's role on the project as the loaded project list says (ListProjects answers each
 * project's `my_role`): no request. Undefined for a project the list does not hold (an archived one, or before it
 * loaded).
 */
export const useKnownRole = (projectId: string | undefined): ProjectRole | undefined =>
  roleIn(useOrganise().projects, projectId);

const roleIn = (projects: readonly Project[], projectId: string | undefined): ProjectRole | undefined =>
  (projectId && projects.find((p) => p.id === projectId)?.myRole) || undefined;

/**
 * useProjectRole is the user's role on the project: from the loaded project list, else (a project it does not hold,
 * once it has loaded) from the project's ListMembers, read once per project. Undefined while unknown.
 */
function useProjectRole(projectId: string | undefined): ProjectRole | undefined {
  const organise = useOrganise();
  const known = roleIn(organise.projects, projectId);
  // While the list loads, wait for it rather than ask ListMembers of every project a screen shows.
  const ask = !!projectId && !known && organise.status !== "loading";
  const read = useDirectoryRead(
    ask && projectId ? (m) => m.get(projectId).then((r) => r.role) : undefined,
    ask ? `role/${projectId}` : "",
  );
  return known ?? read;
}

/**
 * useReadOnly says the user is a viewer of the project (useProjectRole): rows, cards, the project screen and the
 * editor then offer no change the server would refuse. False while unknown.
 */
export const useReadOnly = (projectId: string | undefined): boolean => useProjectRole(projectId) === ProjectRole.VIEWER;
