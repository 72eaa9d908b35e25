import { eq, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../platform/db/database";
import { projectMembers, projects } from "../db/schema";

/** How long a project's member list is reused; a share event on any replica forgets it at once. */
const audienceTtlMs = 1_000;

/** ShareAudience tells who besides the owner watches a project: its top-level project's members. */
export interface ShareAudience {
  membersOf(projectId: string): Promise<string[]>;
  /**
   * isMember tells whether a user is a member of any project. A stale "no" only hides a just-shared project for
   * up to a second (a share event forgets it at once); a stale "yes" costs speed, never access.
   */
  isMember(userId: string): Promise<boolean>;
  /** forget drops every cached list (a membership changed somewhere). */
  forget(): void;
}

/** createShareAudience reads members through a short cache, so a burst of changes in one project costs one query. */
export function createShareAudience(db: Db): ShareAudience {
  const cache = new Map<string, { at: number; members: Promise<string[]> }>();
  const memberships = new Map<string, { at: number; member: Promise<boolean> }>();
  const read = async (projectId: string) =>
    rowsOf<{ user_id: string }>(
      await db.execute(sql`with recursive up(id, parent_id, n) as (
          select id, parent_id, 0 from ${projects} where id = ${projectId}
          union all
          select p.id, p.parent_id, up.n + 1 from ${projects} p join up on p.id = up.parent_id where up.n < 16
        ) select m.user_id from ${projectMembers} m join up on m.project_id = up.id where up.parent_id is null`),
    ).map((r) => r.user_id);
  return {
    membersOf(projectId) {
      const now = Date.now();
      const hit = cache.get(projectId);
      if (hit && now - hit.at < audienceTtlMs) return hit.members;
      const members = read(projectId);
      cache.set(projectId, { at: now, members });
      // A failed read is not kept: the next change asks again.
      members.catch(() => cache.get(projectId)?.members === members && cache.delete(projectId));
      if (cache.size > 10_000) cache.clear();
      return members;
    },
    isMember(userId) {
      const now = Date.now();
      const hit = memberships.get(userId);
      if (hit && now - hit.at < audienceTtlMs) return hit.member;
      const member = db
        .select({ projectId: projectMembers.projectId })
        .from(projectMembers)
        .where(eq(projectMembers.userId, userId))
        .limit(1)
        .then((rows) => rows.length > 0);
      memberships.set(userId, { at: now, member });
      member.catch(() => memberships.get(userId)?.member === member && memberships.delete(userId));
      if (memberships.size > 100_000) memberships.clear();
      return member;
    },
    forget: () => {
      cache.clear();
      memberships.clear();
    },
  };
}
