import { createClient } from "@connectrpc/connect";
import type postgres from "postgres";
import { FilterService } from "../gen/todo/v1/filter_service_pb";
import { ProjectService } from "../gen/todo/v1/project_service_pb";
import type { OrchestratorProcess } from "./orchestrator-process";
import { loadRow, runLoad } from "./stats";

const projectCount = Number(process.env.BENCH_TODAY_PROJECTS ?? 50);
const tasksPerProject = Number(process.env.BENCH_TODAY_TASKS_PER_PROJECT ?? 100);
/** Due dates spread over `spanDays` days starting `pastDays` ago (default −10…+20: a third of them overdue). */
const pastDays = Number(process.env.BENCH_TODAY_PAST_DAYS ?? 10);
const spanDays = Number(process.env.BENCH_TODAY_SPAN_DAYS ?? 31);
/** The server's bound on each part of the view (db/task-views.ts VIEW_MAX_TASKS), plus the one that says "more". */
const viewLimit = 501;
const day = 86_400_000;

/**
 * Today across 50 projects: one user with 50 projects of 100 tasks each (due over −10…+20 days by default —
 * BENCH_TODAY_PAST_DAYS / BENCH_TODAY_SPAN_DAYS —, a fifth undated,
 * every seventh completed) and an archived project whose tasks due today must stay out; each client runs
 * ListToday in a closed loop. Baseline in the same run: the view's two range scans (overdue; due today in the
 * user's zone; open, not deleted, not in an archived project; by due time) written by hand, run in parallel with
 * postgres.js as the server runs them, at the same concurrency and pool size.
 */
export async function benchToday(
  orchestrator: OrchestratorProcess,
  sql: postgres.Sql,
  concurrency: number,
  seconds: number,
): Promise<void> {
  const user = await orchestrator.signIn();
  const projects = createClient(ProjectService, user.transport);
  const filters = createClient(FilterService, user.transport);
  const ids: string[] = [];
  for (let i = 0; i < projectCount; i++) ids.push((await projects.createProject({ name: `project ${i}` })).project!.id);
  const archived = (await projects.createProject({ name: "archived" })).project!.id;
  const filling = performance.now();
  const total = projectCount * tasksPerProject;
  await Promise.all(
    Array.from({ length: 20 }, async (_, worker) => {
      for (let i = worker; i < total; i += 20) {
        const due = i % 5 === 0 ? undefined : Date.now() + ((i % spanDays) - pastDays) * day + (i % 24) * 3_600_000;
        const { task } = await user.tasks.createTask({
          title: `task ${i}`,
          projectId: ids[i % projectCount]!,
          ...(due ? { dueAt: { seconds: BigInt(Math.floor(due / 1000)), nanos: 0 } } : {}),
        });
        if (i % 7 === 0) await user.tasks.completeTask({ id: task!.id });
      }
    }),
  );
  for (let i = 0; i < 50; i++) {
    await user.tasks.createTask({
      title: `hidden ${i}`,
      projectId: archived,
      dueAt: { seconds: BigInt(Math.floor(Date.now() / 1000)) },
    });
  }
  await projects.updateProject({ id: archived, updateMask: { paths: ["archived"] }, archived: true });
  const fillSeconds = (performance.now() - filling) / 1000;
  await sql`analyze orchestrator.tasks`;

  const [{ zone } = { zone: "UTC" }] = await sql<
    { zone: string }[]
  >`select time_zone as zone from orchestrator.users where id = ${user.userId}`;
  // The same day bounds the server computes for the user's zone.
  const startOf = (offset: number) => {
    const local = new Date().toLocaleDateString("en-CA", { timeZone: zone });
    return sql`(${local}::date + ${offset}::int)::timestamp at time zone ${zone}`;
  };
  const range = (from: ReturnType<typeof startOf> | undefined, to: ReturnType<typeof startOf>) =>
    sql`select id, user_id, title, description, priority, tags, due_at, due_date_only, time_zone, remind_at,
               remind_before_seconds, rrule, repeat_from, series_id, occurrence, status, created_at, updated_at,
               completed_at, deleted_at, version, request_id, project_id, section_id, parent_id, rank
        from orchestrator.tasks
        where user_id = ${user.userId} and deleted_at is null and status = 1
          and project_id not in (select id from orchestrator.projects
                                 where user_id = ${user.userId} and archived_at is not null)
          and due_at is not null ${from ? sql`and due_at >= ${from}` : sql``} and due_at < ${to}
        order by due_at, id limit ${viewLimit}`;
  const raw = await runLoad(concurrency, seconds, () =>
    Promise.all([range(undefined, startOf(0)), range(startOf(0), startOf(1))]),
  );
  const today = await runLoad(concurrency, seconds, () => filters.listToday({}));
  const sample = await filters.listToday({});
  const [overdueRaw, todayRaw] = await Promise.all([range(undefined, startOf(0)), range(startOf(0), startOf(1))]);
  // The server keeps 500 of each part and says truncated; the raw scans read the 501st that tells it so.
  const shown = (rows: readonly unknown[]) => Math.min(rows.length, viewLimit - 1);
  if (sample.overdue.length !== shown(overdueRaw) || sample.today.length !== shown(todayRaw)) {
    throw new Error(
      `ListToday (${sample.overdue.length} overdue, ${sample.today.length} today) and its raw SQL ` +
        `(${overdueRaw.length}, ${todayRaw.length}) disagree`,
    );
  }
  if (sample.today.some((t) => t.projectId === archived))
    throw new Error("ListToday showed an archived project's task");

  console.log(
    `\nToday across ${projectCount} projects (one user, ${total} tasks due over −${pastDays}…+${spanDays - pastDays - 1} days, filled by CreateTask in ${fillSeconds.toFixed(1)} s, ` +
      `+ 50 due today in an archived project; ${seconds}s per cell, ${concurrency} concurrent; ` +
      `the view: ${sample.overdue.length} overdue${sample.truncated ? " (truncated)" : ""} + ${sample.today.length} today)`,
  );
  console.table({
    [`raw SQL of Today (2 range scans) @${concurrency}`]: loadRow(raw),
    [`ListToday @${concurrency}`]: loadRow(today),
  });
  console.log(`ListToday ${(today.perSecond / raw.perSecond).toFixed(2)}× of the raw baseline`);
}
