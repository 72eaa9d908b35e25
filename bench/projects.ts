import { createClient } from "@connectrpc/connect";
import postgres from "postgres";
import { ProjectService } from "../gen/todo/v1/project_service_pb";
import { TaskSort } from "../gen/todo/v1/task_service_pb";
import { startOrchestratorProcess } from "./orchestrator-process";
import { benchToday } from "./projects-today";
import { loadRow, runLoad } from "./stats";

const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const poolSize = Number(process.env.BENCH_POOL ?? 20);
const projectTasks = Number(process.env.BENCH_PROJECT_TASKS ?? 10_000);
const pageSize = 50;

/**
 * ListTasks of one project holding 10,000 tasks (manual order, a page of 50, keyset pages) over Connect (binary,
 * HTTP/1.1 keep-alive) against the orchestrator as its own process (stack mode), beside the raw baseline in the
 * same run: the SQL ListTasks runs, written by hand and run with postgres.js (same pool and concurrency). Then
 * MoveTask inside that project, with the number of task rows one move rewrote. Then Today across 50 projects
 * (projects-today.ts).
 */
export async function benchProjects(): Promise<void> {
  const orchestrator = await startOrchestratorProcess(poolSize);
  const sql = postgres(orchestrator.databaseUrl, { max: poolSize, onnotice: () => {} });
  try {
    const user = await orchestrator.signIn();
    const { project } = await createClient(ProjectService, user.transport).createProject({ name: "Big" });
    const projectId = project!.id;
    const filling = performance.now();
    await Promise.all(
      Array.from({ length: 20 }, async (_, worker) => {
        for (let i = worker; i < projectTasks; i += 20) {
          await user.tasks.createTask({ title: `task ${i}`, projectId, priority: 1 + (i % 5) });
        }
      }),
    );
    const fillSeconds = (performance.now() - filling) / 1000;
    // Other tasks of the same user elsewhere, so the project filter has to filter.
    for (let i = 0; i < 500; i++) await user.tasks.createTask({ title: `inbox ${i}` });
    await sql`analyze orchestrator.tasks`;

    const firstPage = await user.tasks.listTasks({ projectId, sort: TaskSort.MANUAL, pageSize });
    const middle = (await user.tasks.listTasks({ projectId, sort: TaskSort.MANUAL, pageSize: 200, pageToken: "" }))
      .nextPageToken;
    const raw = await runLoad(
      concurrency,
      seconds,
      () =>
        sql`select id, user_id, title, description, priority, tags, due_at, due_date_only, time_zone, remind_at,
                   remind_before_seconds, rrule, repeat_from, series_id, occurrence, status, created_at, updated_at,
                   completed_at, deleted_at, version, request_id, project_id, section_id, parent_id, rank,
                   rank::text as sort_key
            from orchestrator.tasks
            where user_id = ${user.userId} and deleted_at is null and project_id = ${projectId}
            order by rank, id limit ${pageSize + 1}`,
    );
    const list = await runLoad(concurrency, seconds, () =>
      user.tasks.listTasks({ projectId, sort: TaskSort.MANUAL, pageSize }),
    );
    const listLater = await runLoad(concurrency, seconds, () =>
      user.tasks.listTasks({ projectId, sort: TaskSort.MANUAL, pageSize, pageToken: middle }),
    );
    const listDue = await runLoad(concurrency, seconds, () =>
      user.tasks.listTasks({ projectId, sort: TaskSort.DUE, pageSize }),
    );

    // A move: one task to just after another, in the same big list.
    const ids = (
      await sql<
        { id: string }[]
      >`select id from orchestrator.tasks where project_id = ${projectId} order by rank limit 200`
    ).map((r) => r.id);
    const before = await sql<
      { n: number }[]
    >`select sum(version)::int as n from orchestrator.tasks where project_id = ${projectId}`;
    await user.tasks.moveTask({ id: ids[0]!, projectId, afterId: ids[100]! });
    const after = await sql<
      { n: number }[]
    >`select sum(version)::int as n from orchestrator.tasks where project_id = ${projectId}`;
    const rowsRewritten = after[0]!.n - before[0]!.n;
    const moves = await runLoad(concurrency, seconds, (worker, i) =>
      user.tasks.moveTask({
        id: ids[worker % ids.length]!,
        projectId,
        // Never itself: a task is not a neighbour of its own new place.
        afterId: ids[(worker + 1 + ((worker * 7 + i) % (ids.length - 1))) % ids.length]!,
      }),
    );

    console.log(
      `\nprojects (stack mode: orchestrator process on Postgres + Kafka; one project of ${projectTasks} tasks ` +
        `(filled by CreateTask in ${fillSeconds.toFixed(1)} s) + 500 elsewhere; ${seconds}s per cell, pool ${poolSize}, ` +
        `${concurrency} concurrent; a page of ${pageSize}, first page ${firstPage.tasks.length} tasks)`,
    );
    console.table({
      [`raw SQL of the page @${concurrency}`]: loadRow(raw),
      [`ListTasks(project, manual) @${concurrency}`]: loadRow(list),
      [`ListTasks(project, manual, after 200) @${concurrency}`]: loadRow(listLater),
      [`ListTasks(project, due) @${concurrency}`]: loadRow(listDue),
      [`MoveTask @${concurrency}`]: loadRow(moves),
    });
    console.log(`ListTasks(project) ${(list.perSecond / raw.perSecond).toFixed(2)}× of the raw baseline`);
    console.log(`one MoveTask rewrote ${rowsRewritten} task row(s) of ${projectTasks}`);
    await benchToday(orchestrator, sql, concurrency, seconds);
  } finally {
    await sql.end();
    await orchestrator.stop();
  }
}
