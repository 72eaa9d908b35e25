import { and, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { PROJECT_DEPTH_MAX, PROJECTS_PER_USER_MAX, SUBTASK_DEPTH_MAX } from "../../../vocabulary/organise";
import type { OutboxRelay } from "../../platform/bus/outbox";
import type { Db, Tx } from "../../platform/db/database";
import { parseFilter } from "../domain/filter/parse";
import { type ImportPlan, type PlannedTask, type RowProblem, refusal } from "../domain/import/plan";
import { appendRank, rankBetween } from "../domain/rank";
import { storeReminders } from "../domain/reminders";
import { idFromRequest } from "../domain/request-id";
import { TaskStatusValue } from "../domain/task-rules";
import { savedFilterChangeEvents } from "../events/filter-events";
import { projectChangeEvents, sectionChangeEvents } from "../events/project-events";
import { taskChangeEvents } from "../events/task-events";
import { visibleTo } from "./access";
import { importComments } from "./import-comments";
import { inboxFinder } from "./inbox";
import { correlationId, organiseWriter, projectAncestry, taskAncestry } from "./organise-writes";
import type { ProjectRow, SectionRow } from "./project-row";
import { SAVED_FILTERS_PER_USER } from "./saved-filter-store";
import { projects, savedFilters, sections, tasks } from "./schema";
import type { TaskRow } from "./task-row";

/** ImportOutcome counts what an import made and what it found already there; `existing` holds the keys found. */
export interface ImportOutcome {
  projectsCreated: number;
  sectionsCreated: number;
  tasksCreated: number;
  projectsExisting: number;
  sectionsExisting: number;
  tasksExisting: number;
  commentsCreated: number;
  commentsExisting: number;
  existing: Set<string>;
  /** problems only the database can tell (a parent that is nowhere, a nesting too deep with what is there). */
  problems: RowProblem[];
}

/**
 * owned scopes a look-up to rows the user owns: visible to them (the one rule) and theirs, since an import creates
 * only in the importer's own account — a project someone shares with them is never where a file's rows go.
 */
const owned = (table: typeof projects | typeof sections | typeof tasks, userId: string) =>
  and(visibleTo(table, userId), eq(table.userId, userId));

/** Rows per insert: well under Postgres's 65,535 parameters with a task's 26 columns. */
const rowsPerInsert = 500;
/** Ids per `in (…)` look-up. */
const idsPerLookup = 5_000;

const chunks = <T>(list: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
};

/** rowProblem names what is wrong with one row of the file, and in which field. */
const rowProblem = (row: number, field: string, description: string): RowProblem => ({ row, field, description });

/** newlyPlaced are the columns of a project or section created now: last in its place, live, version 1. */
const newlyPlaced = (now: Date) => ({
  rank: appendRank(now),
  deletedAt: null,
  createdAt: now,
  updatedAt: now,
  version: 1,
});

/**
 * parentsFirst orders items so each comes after the item its parentKey names (when that is in the list), keeping
 * the file's order otherwise; an item in a cycle is left out and reported by the caller as a missing parent.
 */
function parentsFirst<T extends { key: string; parentKey: string | null }>(items: readonly T[]): T[] {
  const byKey = new Map(items.map((item) => [item.key, item]));
  const placed = new Set<string>();
  const out: T[] = [];
  const visiting = new Set<string>();
  const place = (item: T): void => {
    if (placed.has(item.key) || visiting.has(item.key)) return;
    visiting.add(item.key);
    const parent = item.parentKey ? byKey.get(item.parentKey) : undefined;
    if (parent) place(parent);
    visiting.delete(item.key);
    if (parent && !placed.has(parent.key)) return;
    placed.add(item.key);
    out.push(item);
  };
  for (const item of items) place(item);
  return out;
}

/**
 * createImportStore writes an ImportPlan for one user in ONE transaction: projects, sections, tasks and saved
 * filters with their outbox events (the same event builders every other write uses), all or nothing. Each created
 * row's id is derived from the user and the item's key (idFromRequest), so a second import of the same file finds
 * every row the first one made and creates nothing; a project or section read from a CSV is also found by name.
 * A task exported from this same account (its former id is the user's) is found too, so importing one's own export
 * duplicates nothing. A dry run makes the same look-ups, in the same order, and writes nothing.
 */
export function createImportStore(db: Db, relay: Pick<OutboxRelay, "wake">) {
  const inboxOf = inboxFinder(db);
  const write = organiseWriter(db, relay);

  return {
    async apply(userId: string, plan: ImportPlan, options: { timeZone: string; dryRun: boolean }) {
      // Before the transaction: the Inbox is found (or made) on its own connection, which embedded mode's single
      // PGlite connection could not give while the transaction holds it.
      const inboxId = await inboxOf(userId);
      return write(async (tx, events, now): Promise<ImportOutcome> => {
        const outcome: ImportOutcome = {
          projectsCreated: 0,
          sectionsCreated: 0,
          tasksCreated: 0,
          projectsExisting: 0,
          sectionsExisting: 0,
          tasksExisting: 0,
          commentsCreated: 0,
          commentsExisting: 0,
          existing: new Set(),
          problems: [],
        };
        const run: ImportRun = {
          tx,
          userId,
          plan,
          dryRun: options.dryRun,
          now,
          outcome,
          events,
          context: { correlationId: correlationId() },
        };
        // One import at a time per user: two imports of the same file would otherwise both find nothing and race.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`import:${userId}`}))`);
        const projectIds = await importProjects(run, inboxId);
        const sectionIds = await importSections(run, projectIds);
        const taskIds = await importTasks(run, { inboxId, projectIds, sectionIds }, options.timeZone);
        await importSavedFilters(run);
        const comments = await importComments(tx, userId, plan, taskIds, options.dryRun, events);
        outcome.commentsCreated = comments.created;
        outcome.commentsExisting = comments.existing;
        outcome.problems.push(...comments.problems);
        if (options.dryRun) events.length = 0;
        // All or nothing: a problem found while writing rolls back everything written before it.
        else if (outcome.problems.length > 0) throw refusal(outcome.problems);
        return outcome;
      });
    },
  };
}

type Events = Parameters<Parameters<ReturnType<typeof organiseWriter>>[0]>[1];

/** ImportRun is what every step of one import shares: its transaction, whose plan, what it counts and queues. */
interface ImportRun {
  tx: Tx;
  userId: string;
  plan: ImportPlan;
  dryRun: boolean;
  now: Date;
  outcome: ImportOutcome;
  events: Events;
  context: { correlationId: string };
}

async function importProjects(run: ImportRun, inboxId: string): Promise<Map<string, string>> {
  const { tx, userId, plan, dryRun, now, outcome, events, context } = run;
  const ids = new Map<string, string>([["inbox", inboxId]]);
  const live = await tx
    .select({ id: projects.id, name: projects.name, isInbox: projects.isInbox, deletedAt: projects.deletedAt })
    .from(projects)
    .where(owned(projects, userId));
  const byId = new Map(live.map((p) => [p.id, p]));
  const byName = new Map(live.filter((p) => !p.deletedAt && !p.isInbox).map((p) => [p.name.toLowerCase(), p.id]));
  let total = live.filter((p) => !p.deletedAt).length;
  const depthOf = new Map<string, number>();
  const [{ n } = { n: 0 }] = await tx
    .select({ n: count() })
    .from(projects)
    .where(and(owned(projects, userId), isNull(projects.deletedAt)));
  total = n;
  const ordered = parentsFirst(plan.projects);
  for (const planned of plan.projects) {
    if (!ordered.includes(planned))
      outcome.problems.push({ row: planned.row, field: "parent", description: "its parents form a cycle" });
  }
  for (const p of ordered) {
    if (p.inbox) {
      ids.set(p.key, inboxId);
      continue;
    }
    const derived = idFromRequest("project", userId, `import:${p.key}`);
    const found =
      (byId.get(derived) && derived) ||
      (p.formerId && byId.get(p.formerId) && !byId.get(p.formerId)!.deletedAt ? p.formerId : null) ||
      (p.matchByName ? byName.get(p.name.toLowerCase()) : undefined);
    if (found) {
      ids.set(p.key, found);
      outcome.projectsExisting++;
      outcome.existing.add(p.key);
      continue;
    }
    const parentId = p.parentKey ? ids.get(p.parentKey) : null;
    if (p.parentKey && !parentId) {
      outcome.problems.push({ row: p.row, field: "parent_id", description: "its parent project is not in the file" });
      continue;
    }
    const depth = await projectDepth(tx, userId, parentId ?? null, depthOf);
    if (depth > PROJECT_DEPTH_MAX) {
      outcome.problems.push(rowProblem(p.row, "parent_id", `projects nest at most ${PROJECT_DEPTH_MAX} deep`));
      continue;
    }
    if (++total > PROJECTS_PER_USER_MAX) {
      outcome.problems.push(rowProblem(p.row, "name", `at most ${PROJECTS_PER_USER_MAX} projects per user`));
      continue;
    }
    depthOf.set(derived, depth);
    ids.set(p.key, derived);
    outcome.projectsCreated++;
    byName.set(p.name.toLowerCase(), derived);
    if (dryRun) continue;
    const row: ProjectRow = {
      id: derived,
      userId,
      name: p.name,
      colour: p.colour,
      parentId: parentId ?? null,
      isInbox: false,
      archivedAt: p.archived ? now : null,
      ...newlyPlaced(now),
    };
    await tx.insert(projects).values(row);
    events.push(...projectChangeEvents("created", row, context));
  }
  return ids;
}

/** projectDepth is the level a project gets under `parentId` (1 at the top), counting what exists and what is planned. */
async function projectDepth(tx: Tx, userId: string, parentId: string | null, planned: Map<string, number>) {
  if (!parentId) return 1;
  const known = planned.get(parentId);
  if (known !== undefined) return known + 1;
  return (await projectAncestry(tx, userId, parentId)).length + 1;
}

async function importSections(run: ImportRun, projectIds: Map<string, string>): Promise<Map<string, string>> {
  const { tx, userId, plan, dryRun, now, outcome, events, context } = run;
  const ids = new Map<string, string>();
  const live = await tx
    .select({ id: sections.id, projectId: sections.projectId, name: sections.name, deletedAt: sections.deletedAt })
    .from(sections)
    .where(owned(sections, userId));
  const byId = new Map(live.map((s) => [s.id, s]));
  const byName = new Map(
    live.filter((s) => !s.deletedAt).map((s) => [`${s.projectId}\u0000${s.name.toLowerCase()}`, s.id]),
  );
  for (const s of plan.sections) {
    const projectId = projectIds.get(s.projectKey);
    if (!projectId) {
      outcome.problems.push({ row: s.row, field: "project_id", description: "its project is not in the file" });
      continue;
    }
    const derived = idFromRequest("section", userId, `import:${s.key}`);
    const former = s.formerId ? byId.get(s.formerId) : undefined;
    const found =
      (byId.get(derived) && derived) ||
      (former && !former.deletedAt && former.projectId === projectId ? former.id : null) ||
      (s.matchByName ? byName.get(`${projectId}\u0000${s.name.toLowerCase()}`) : undefined);
    if (found) {
      ids.set(s.key, found);
      outcome.sectionsExisting++;
      outcome.existing.add(s.key);
      continue;
    }
    ids.set(s.key, derived);
    byName.set(`${projectId}\u0000${s.name.toLowerCase()}`, derived);
    outcome.sectionsCreated++;
    if (dryRun) continue;
    const row: SectionRow = {
      id: derived,
      userId,
      projectId,
      name: s.name,
      ...newlyPlaced(now),
    };
    await tx.insert(sections).values(row);
    events.push(...sectionChangeEvents("created", row, context));
  }
  return ids;
}

/** importTasks creates the plan's tasks in their places (`where`); a task without a zone of its own gets `timeZone`. */
async function importTasks(
  run: ImportRun,
  where: { inboxId: string; projectIds: Map<string, string>; sectionIds: Map<string, string> },
  timeZone: string,
): Promise<Map<string, string>> {
  const { tx, userId, plan, dryRun, now, outcome, events, context } = run;
  const ordered = parentsFirst(plan.tasks);
  const derivedOf = (t: PlannedTask) => idFromRequest("task", userId, `import:${t.key}`);
  // Which derived or former ids exist already (the user's only), with where they are.
  const lookups = [...new Set(ordered.flatMap((t) => [derivedOf(t), ...(t.formerId ? [t.formerId] : [])]))].filter(
    (id) => /^[0-9a-f-]{36}$/i.test(id),
  );
  const found = new Map<string, Pick<TaskRow, "id" | "projectId" | "sectionId" | "deletedAt">>();
  for (const batch of chunks(lookups, idsPerLookup)) {
    const rows = await tx
      .select({ id: tasks.id, projectId: tasks.projectId, sectionId: tasks.sectionId, deletedAt: tasks.deletedAt })
      .from(tasks)
      .where(and(owned(tasks, userId), inArray(tasks.id, batch)));
    for (const row of rows) found.set(row.id, row);
  }
  const placed = new Map<string, { id: string; projectId: string; sectionId: string | null; depth: number }>();
  const toInsert: TaskRow[] = [];
  let rank = appendRank(now);
  for (const planned of plan.tasks) {
    if (!ordered.includes(planned))
      outcome.problems.push({ row: planned.row, field: "parent_id", description: "its parents form a cycle" });
  }
  for (const t of ordered) {
    const derived = derivedOf(t);
    const existing =
      found.get(derived) ??
      (t.formerId && found.get(t.formerId)?.deletedAt === null ? found.get(t.formerId) : undefined);
    if (existing) {
      placed.set(t.key, { id: existing.id, projectId: existing.projectId, sectionId: existing.sectionId, depth: 0 });
      outcome.tasksExisting++;
      outcome.existing.add(t.key);
      continue;
    }
    let projectId = t.projectKey ? where.projectIds.get(t.projectKey) : where.inboxId;
    let sectionId = t.sectionKey ? (where.sectionIds.get(t.sectionKey) ?? null) : null;
    let depth = 1;
    let parentId: string | null = null;
    if (t.parentKey) {
      const parent = placed.get(t.parentKey);
      if (!parent) {
        outcome.problems.push({ row: t.row, field: "parent_id", description: "its parent task is not in the file" });
        continue;
      }
      // A subtask lives in its parent's project and section.
      parentId = parent.id;
      projectId = parent.projectId;
      sectionId = parent.sectionId;
      depth = (parent.depth || (await taskAncestry(tx, userId, parent.id)).length) + 1;
      if (depth > SUBTASK_DEPTH_MAX) {
        outcome.problems.push(rowProblem(t.row, "parent_id", `subtasks nest at most ${SUBTASK_DEPTH_MAX} deep`));
        continue;
      }
    }
    if (!projectId || (t.sectionKey && !sectionId)) {
      outcome.problems.push(rowProblem(t.row, "project_id", "its project or section is not in the file"));
      continue;
    }
    placed.set(t.key, { id: derived, projectId, sectionId, depth });
    outcome.tasksCreated++;
    if (dryRun) continue;
    const completed = t.completedAt !== null;
    const row: TaskRow = {
      id: derived,
      userId,
      title: t.title,
      description: t.description,
      priority: t.priority,
      tags: t.tags,
      dueAt: t.dueAt,
      dueDateOnly: t.dueDateOnly,
      timeZone: t.timeZone ?? timeZone,
      ...storeReminders(t.reminders),
      rrule: t.rrule,
      repeatFrom: t.rrule ? (t.repeatFrom ?? 1) : null,
      seriesId: t.rrule ? derived : null,
      occurrence: t.rrule ? 1 : null,
      status: completed ? TaskStatusValue.completed : TaskStatusValue.open,
      createdAt: now,
      updatedAt: now,
      completedAt: t.completedAt,
      deletedAt: null,
      version: 1,
      requestId: null,
      projectId,
      sectionId,
      parentId,
      // One rising key for the whole file: every list keeps the file's order, after what it held before.
      rank,
      assigneeId: null,
    };
    rank = rankBetween(rank, null);
    toInsert.push(row);
  }
  for (const batch of chunks(toInsert, rowsPerInsert)) {
    await tx.insert(tasks).values(batch);
    for (const row of batch) events.push(...taskChangeEvents("created", row, undefined, context));
  }
  return new Map([...placed].map(([key, p]) => [key, p.id]));
}

async function importSavedFilters(run: ImportRun): Promise<void> {
  const { tx, userId, plan, dryRun, now, outcome, events, context } = run;
  if (plan.savedFilters.length === 0) return;
  const have = new Set(
    (await tx.select({ name: savedFilters.name }).from(savedFilters).where(eq(savedFilters.userId, userId))).map((f) =>
      f.name.toLowerCase(),
    ),
  );
  for (const f of plan.savedFilters) {
    try {
      parseFilter(f.query, "query");
    } catch (error) {
      outcome.problems.push({ row: f.row, field: "savedFilters.query", description: (error as Error).message });
      continue;
    }
    if (have.has(f.name.toLowerCase())) continue;
    if (have.size >= SAVED_FILTERS_PER_USER) {
      outcome.problems.push(
        rowProblem(f.row, "savedFilters", `at most ${SAVED_FILTERS_PER_USER} saved filters per user`),
      );
      continue;
    }
    have.add(f.name.toLowerCase());
    if (dryRun) continue;
    const [row] = await tx
      .insert(savedFilters)
      .values({
        id: idFromRequest("project", userId, `import-filter:${f.name.toLowerCase()}`),
        userId,
        name: f.name,
        query: f.query,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    events.push(...savedFilterChangeEvents("created", row!, context));
  }
}
