import postgres from "postgres";
import { ProjectRole } from "../gen/todo/v1/share_pb";
import { actingOn, authorize } from "../services/orchestrator/db/access";
import { taskColumns, tasks } from "../services/orchestrator/db/schema";
import { createTaskStore } from "../services/orchestrator/db/task-store";
import { type MailStack, startMailStack } from "../services/orchestrator/testing/mail-stack";
import { type Person, person, shareWith } from "../services/orchestrator/testing/share-kit";
import { loadRow, ms, runLoad, stats } from "./stats";

const calls = Number(process.env.BENCH_SHARE_CALLS ?? 400);
const concurrency = Number(process.env.BENCH_SHARE_CONCURRENCY ?? 20);
const seconds = Number(process.env.BENCH_SECONDS ?? 4);

const sub = (n: number) => `${n.toFixed(3)} ms`;

/** sequential times `calls` calls one after another: each one's own latency, nothing queued in front of it. */
async function sequential(op: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = performance.now();
    await op(i);
    latencies.push(performance.now() - t);
  }
  return stats(latencies);
}

/** explain answers a statement's server-side execution time (EXPLAIN ANALYZE), the best of 20 runs. */
async function explain(sql: postgres.Sql, text: string, params: string[]): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 20; i++) {
    const plan = await sql.unsafe(`explain (analyze, format json) ${text}`, params);
    best = Math.min(best, (plan[0]!["QUERY PLAN"] as [{ "Execution Time": number }])[0]["Execution Time"]);
  }
  return best;
}

/**
 * Share access (issue 15): the cost of the authorization on id-taking task calls. GetTask and UpdateTask by a
 * project's owner (who is nobody's member) and by an editor (a member), one at a time (the round trips show) and
 * at `concurrency`; and the server time of the authorize statement (EXPLAIN ANALYZE). In process: orchestrator +
 * notification on a real Postgres database, Connect over HTTP/1.1, no Kafka.
 */
export async function benchShareAccess(): Promise<void> {
  let mail: MailStack | undefined;
  try {
    mail = await startMailStack({
      AUTH_LIMIT_PER_ACCOUNT: "100000",
      AUTH_LIMIT_PER_ADDRESS: "100000",
      QUOTA_TASK_CREATES_PER_HOUR: "1000000",
    });
    const owner: Person = await person(mail);
    const editor: Person = await person(mail);
    const { project } = await owner.projects.createProject({ name: "Shared" });
    await shareWith(mail, owner, project!.id, editor, ProjectRole.EDITOR);
    // Some weight in the tables: the owner's 2,000 tasks in the shared project, 50 sub-projects.
    for (let i = 0; i < 50; i++) await owner.projects.createProject({ name: `sub ${i}`, parentId: project!.id });
    const ids: string[] = [];
    for (let i = 0; i < 2_000; i += 50) {
      const made = await Promise.all(
        Array.from({ length: 50 }, (_, j) => owner.tasks.createTask({ title: `t ${i + j}`, projectId: project!.id })),
      );
      ids.push(...made.map((m) => m.task!.id));
    }
    const rows: Record<string, Record<string, string>> = {};
    for (const [who, p] of [
      ["owner", owner],
      ["editor", editor],
    ] as const) {
      const get = await sequential((i) => p.tasks.getTask({ id: ids[i % ids.length]! }));
      const update = await sequential((i) =>
        p.tasks.updateTask({ id: ids[i % ids.length]!, updateMask: { paths: ["title"] }, title: `${who} ${i}` }),
      );
      rows[`GetTask ${who} (sequential)`] = { p50: ms(get.p50), p95: ms(get.p95), p99: ms(get.p99) };
      rows[`UpdateTask ${who} (sequential)`] = { p50: ms(update.p50), p95: ms(update.p95), p99: ms(update.p99) };
      rows[`GetTask ${who} @${concurrency}`] = loadRow(
        await runLoad(concurrency, seconds, (w, i) => p.tasks.getTask({ id: ids[(w * 97 + i) % ids.length]! })),
      );
    }
    console.log(`\nshare access (in process, real Postgres; ${calls} sequential calls, ${seconds}s at ${concurrency})`);
    console.table(rows);

    // The same calls at the store, in this process, both ways in one run: authorize first, then the store's read as
    // the owner (before), and the store's read checking the caller's role itself (now).
    const db = mail.stack.deps.database.db;
    const store = createTaskStore(db, { wake: () => {} });
    const ways: Record<string, Record<string, string>> = {};
    for (const [who, p] of [
      ["owner", owner],
      ["editor", editor],
    ] as const) {
      const before = await sequential(async (i) => {
        const id = ids[i % ids.length]!;
        await store.get((await authorize(db, p.userId, { task: id }, "read")).ownerId, id);
      });
      const now = await sequential((i) => store.get({ callerId: p.userId, need: "read" }, ids[i % ids.length]!));
      const updateBefore = await sequential(async (i) => {
        const id = ids[i % ids.length]!;
        const { ownerId } = await authorize(db, p.userId, { task: id }, "write");
        await store.update(ownerId, id, 0n, () => ({ title: `b ${i}` }), ["title"]);
      });
      const updateNow = await sequential((i) =>
        store.update({ callerId: p.userId, need: "write" }, ids[i % ids.length]!, 0n, () => ({ title: `n ${i}` }), [
          "title",
        ]),
      );
      ways[`get ${who}`] = { "authorize + read p50": ms(before.p50), "folded p50": ms(now.p50) };
      ways[`update ${who}`] = { "authorize + read p50": ms(updateBefore.p50), "folded p50": ms(updateNow.p50) };
    }
    console.log("the store's task reads and updates, authorize first vs the role in the store's own read");
    console.table(ways);

    const sql = postgres(mail.stack.databaseUrl, { max: 1, onnotice: () => {} });
    const authorizeTask = `with object as (select user_id as owner_id, project_id from orchestrator.tasks where id = $2),
      up as (with recursive up(id, parent_id, n) as (
          select p.id, p.parent_id, 0 from orchestrator.projects p join object o on p.id = o.project_id
          union all select p.id, p.parent_id, up.n + 1 from orchestrator.projects p join up on p.id = up.parent_id where up.n < 16
        ) select id from up where parent_id is null)
      select o.owner_id, o.project_id,
        case when o.owner_id = $1 then 'owner' else (select m.role from orchestrator.project_members m join up on m.project_id = up.id where m.user_id = $1) end as role,
        exists (select 1 from up where up.id = o.project_id) as top_level from object o`;
    const readTask = "select * from orchestrator.tasks where id = $2 and user_id = $1";
    const id = ids[7]!;
    const folded = (callerId: string) => {
      const { where, role } = actingOn({ callerId, need: "read" }, tasks, id);
      const query = db
        .select({ ...taskColumns, role })
        .from(tasks)
        .where(where)
        .toSQL();
      return explain(sql, query.sql, query.params as string[]);
    };
    console.log(
      `EXPLAIN ANALYZE (best of 20): the former authorize(task) statement as owner ${sub(await explain(sql, authorizeTask, [owner.userId, id]))}, ` +
        `as editor ${sub(await explain(sql, authorizeTask, [editor.userId, id]))}; the owner's read ${sub(await explain(sql, readTask, [owner.userId, id]))}; ` +
        `the read with the role folded in as owner ${sub(await folded(owner.userId))}, as editor ${sub(await folded(editor.userId))}`,
    );
    await sql.end();
  } finally {
    await mail?.stop();
  }
}
