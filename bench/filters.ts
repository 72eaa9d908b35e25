import { createClient } from "@connectrpc/connect";
import postgres from "postgres";
import { FilterService } from "../gen/todo/v1/filter_service_pb";
import type { Priority } from "../gen/todo/v1/task_pb";
import { type SignedIn, startOrchestratorProcess } from "./orchestrator-process";
import { loadRow, runLoad } from "./stats";

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const poolSize = Number(process.env.BENCH_POOL ?? 20);
const users = 50;
const tasksPerUser = Number(process.env.BENCH_TASKS_PER_USER ?? 200);

/** The example filter; a page of 50. */
const filter = "(today | overdue) & #work & p1";

/**
 * ListFilteredTasks with a filter query over Connect (binary, HTTP/1.1 keep-alive) against the orchestrator as
 * its own process (stack mode), 50 users with 200 tasks each, beside a raw baseline in the same run: the SQL the
 * filter compiles to, written by hand and run with postgres.js (same pool size and concurrency). Also Today.
 */
export async function benchFilters(): Promise<void> {
  const orchestrator = await startOrchestratorProcess(poolSize);
  try {
    const signedIn: SignedIn[] = [];
    for (let i = 0; i < users; i++) signedIn.push(await orchestrator.signIn());
    const day = 86_400_000;
    const tags = [["work"], ["home"], ["work", "errand"], []];
    await Promise.all(
      signedIn.map(async (user, worker) => {
        for (let i = 0; i < tasksPerUser; i++) {
          const due = i % 5 === 0 ? undefined : Date.now() + ((i % 31) - 10) * day + (i % 24) * 3_600_000;
          await user.tasks.createTask({
            title: `task ${i} of ${worker}`,
            tags: tags[i % tags.length]!,
            priority: (1 + (i % 5)) as Priority,
            ...(due ? { dueAt: { seconds: BigInt(Math.floor(due / 1000)), nanos: 0 } } : {}),
          });
        }
      }),
    );
    const filters = signedIn.map((s) => createClient(FilterService, s.transport));

    const sql = postgres(orchestrator.databaseUrl, { max: poolSize, onnotice: () => {} });
    const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from orchestrator.tasks`;
    const [{ zone } = { zone: "UTC" }] = await sql<
      { zone: string }[]
    >`select time_zone as zone from orchestrator.users limit 1`;
    // The same day bounds the server computes for the users' zone (all registered with the default zone).
    const startOf = (offset: number) => {
      const local = new Date().toLocaleDateString("en-CA", { timeZone: zone });
      return sql`(${local}::date + ${offset}::int)::timestamp at time zone ${zone}`;
    };
    const raw = await runLoad(
      concurrency,
      seconds,
      (worker) =>
        sql`select id, user_id, title, description, priority, tags, due_at, due_date_only, time_zone, remind_at,
                 remind_before_seconds, rrule, repeat_from, series_id, occurrence, status, created_at, updated_at,
                 completed_at, deleted_at, version, request_id, project_id, section_id, parent_id, rank,
                 coalesce(due_at, 'infinity'::timestamptz)::text as sort_key
          from orchestrator.tasks
          where user_id = ${signedIn[worker % users]!.userId} and deleted_at is null and status = 1
            and ((due_at is not null and due_at >= ${startOf(0)} and due_at < ${startOf(1)})
                 or (status = 1 and due_at is not null
                     and ((not due_date_only and due_at < now()) or (due_date_only and due_at < ${startOf(0)}))))
            and tags @> array['work']::text[] and priority = 5
          order by coalesce(due_at, 'infinity'::timestamptz), id limit 51`,
    );
    const listed = await runLoad(concurrency, seconds, (worker) =>
      filters[worker % users]!.listFilteredTasks({ source: { case: "filter", value: filter }, pageSize: 50 }),
    );
    const today = await runLoad(concurrency, seconds, (worker) => filters[worker % users]!.listToday({}));
    const sample = await filters[0]!.listFilteredTasks({ source: { case: "filter", value: filter }, pageSize: 50 });
    await sql.end();
    console.log(
      `\nfilters (stack mode: orchestrator process on Postgres + Kafka; ${n} tasks of ${users} users; ` +
        `${seconds}s per cell, pool ${poolSize}, ${concurrency} concurrent; filter "${filter}", ` +
        `${sample.tasks.length} tasks a page for one user)`,
    );
    console.table({
      [`raw SQL of the filter @${concurrency}`]: loadRow(raw),
      [`ListFilteredTasks @${concurrency}`]: loadRow(listed),
      [`ListToday @${concurrency}`]: loadRow(today),
    });
    console.log(`ListFilteredTasks ${(listed.perSecond / raw.perSecond).toFixed(2)}× of the raw baseline`);
  } finally {
    await orchestrator.stop();
  }
}
