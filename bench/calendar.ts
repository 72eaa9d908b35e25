import { createClient } from "@connectrpc/connect";
import postgres from "postgres";
import { CalendarService } from "../gen/todo/v1/calendar_service_pb";
import { type Priority, RepeatFrom } from "../gen/todo/v1/task_pb";
import { feedDocument } from "../services/orchestrator/calendar/feed-document";
import { feedLimits } from "../services/orchestrator/db/calendar-feed-store";
import type { ReminderSpec } from "../services/orchestrator/domain/reminders";
import { startOrchestratorProcess } from "./orchestrator-process";
import { ms, stats } from "./stats";

const taskCount = Number(process.env.BENCH_CALENDAR_TASKS ?? 1000);
/** Rounds stay under the per-address feed quota's burst (30), which the benchmark does not lift. */
const rounds = 10;

/**
 * The calendar feed of one user with 1,000 tasks (due times over 60 days, tags, priorities, every tenth recurring,
 * every fifth reminded, every tenth completed), fetched over HTTP from the orchestrator as its own process (stack
 * mode), beside the raw SQL read of the same rows (postgres.js) and the document built from those rows in this
 * process: the difference is the route's own cost. Sequential fetches: a calendar app polls one feed at a time.
 */
export async function benchCalendar(): Promise<void> {
  const orchestrator = await startOrchestratorProcess(10);
  try {
    const user = await orchestrator.signIn();
    const start = Date.now();
    const ids: string[] = [];
    for (let batch = 0; batch < taskCount; batch += 20) {
      const made = await Promise.all(
        Array.from({ length: Math.min(20, taskCount - batch) }, (_, k) => {
          const i = batch + k;
          const due = BigInt(Math.floor((start + (i % 60) * 86_400_000 + (i % 24) * 3_600_000) / 1000));
          return user.tasks.createTask({
            title: `Task ${i}: call, write; review`,
            description: i % 3 === 0 ? `Notes for task ${i}\nsecond line` : "",
            tags: i % 2 === 0 ? ["work", `t${i % 7}`] : [],
            priority: (1 + (i % 5)) as Priority,
            ...(i % 8 === 7 ? {} : { dueAt: { seconds: due, nanos: 0 } }),
            ...(i % 5 === 0 && i % 8 !== 7
              ? { reminder: { when: { case: "remindBefore", value: { seconds: 900n } } } }
              : {}),
            ...(i % 10 === 1 && i % 8 !== 7
              ? { recurrence: { rrule: "FREQ=WEEKLY;BYDAY=MO,WE", repeatFrom: RepeatFrom.DUE } }
              : {}),
          });
        }),
      );
      ids.push(...made.map((r) => r.task!.id));
    }
    for (let i = 0; i < ids.length; i += 10) await user.tasks.completeTask({ id: ids[i]! });
    const calendar = createClient(CalendarService, user.transport);
    const { feed } = await calendar.getCalendarFeed({});
    const url = `${orchestrator.baseUrl}${new URL(feed!.url).pathname}`;

    const full: number[] = [];
    let bytes = 0;
    let etag = "";
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      const response = await fetch(url);
      const body = await response.arrayBuffer();
      full.push(performance.now() - t);
      bytes = body.byteLength;
      etag = response.headers.get("etag") ?? "";
    }
    const conditional: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      const response = await fetch(url, { headers: { "if-none-match": etag } });
      await response.arrayBuffer();
      if (response.status !== 304) throw new Error(`expected 304, got ${response.status}`);
      conditional.push(performance.now() - t);
    }

    const sql = postgres(orchestrator.databaseUrl, { max: 2, onnotice: () => {} });
    const raw: number[] = [];
    const build: number[] = [];
    let rows: Record<string, unknown>[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      rows = await sql`
        select id, title, description, priority, tags, due_at, due_date_only, time_zone, remind_at,
               remind_before_seconds, more_reminders, rrule, repeat_from, occurrence, status, parent_id, created_at, updated_at,
               completed_at
        from orchestrator.tasks
        where user_id = ${user.userId} and deleted_at is null
          and (status = 1 or completed_at >= now() - make_interval(days => ${feedLimits.completedDays}))
        order by status, due_at asc nulls last, id
        limit ${feedLimits.maxTasks}`;
      raw.push(performance.now() - t);
    }
    await sql.end();
    const feedTasks = rows.map((r) => ({
      id: r.id as string,
      title: r.title as string,
      description: r.description as string,
      priority: r.priority as number,
      tags: r.tags as string[],
      dueAt: r.due_at as Date | null,
      dueDateOnly: r.due_date_only as boolean,
      timeZone: r.time_zone as string,
      remindAt: r.remind_at as Date | null,
      remindBeforeSeconds: r.remind_before_seconds as number | null,
      moreReminders: (r.more_reminders ?? []) as ReminderSpec[],
      rrule: r.rrule as string | null,
      repeatFrom: r.repeat_from as number | null,
      occurrence: r.occurrence as number | null,
      status: r.status as number,
      parentId: r.parent_id as string | null,
      createdAt: r.created_at as Date,
      updatedAt: r.updated_at as Date,
      completedAt: r.completed_at as Date | null,
    }));
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      await feedDocument(feedTasks, { name: "taskmesh", todos: true, events: true });
      build.push(performance.now() - t);
    }
    const row = (samples: number[]) => {
      const s = stats(samples);
      return { p50: ms(s.p50), p95: ms(s.p95), max: ms(s.max) };
    };
    console.log(`\ncalendar feed: ${rows.length} tasks in the feed of ${taskCount}, ${(bytes / 1024).toFixed(0)} KiB`);
    console.table({
      "GET /calendar/<secret>.ics (200)": row(full),
      "GET with If-None-Match (304)": row(conditional),
      "raw SQL read of the same rows": row(raw),
      "feedDocument on those rows (in process)": row(build),
    });
  } finally {
    await orchestrator.stop();
  }
}
