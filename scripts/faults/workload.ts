/**
 * The fault suite's load and its accounting: one user creating tasks (each with a due date and a reminder,
 * so every create has an effect in audit and in notification) through the orchestrator's public Connect
 * API, and completing recurring ones (an effect in recurring). Every answer is recorded by code.
 */

import { type Client, Code, ConnectError } from "@connectrpc/connect";
import { randomUUIDv7 } from "bun";
import { importPKCS8, SignJWT } from "jose";
import { Kafka, logLevel } from "kafkajs";
import postgres from "postgres";
import { RepeatFrom } from "../../gen/todo/v1/task_pb";
import { TaskService } from "../../gen/todo/v1/task_service_pb";
import { allTopics, dlqTopic } from "../../services/platform/bus/event-codec";
import { ignoreKafkajsTimerWarning } from "../../services/platform/bus/kafkajs-timer-warning";
import { connectClient } from "../../services/platform/testing/tokens";
import { databaseUrl, kafkaBrokers } from "./cluster";

export interface Workload {
  userId: string;
  tasks: Client<typeof TaskService>;
  /** Ids of tasks whose CreateTask answered OK. */
  acked: Set<string>;
  /** Answers by code: OK, Unavailable, DeadlineExceeded, Internal, … */
  codes: Map<string, number>;
  /** Failure messages as the client saw them, by count (what "Unavailable" was, for the log). */
  reasons?: Map<string, number>;
}

/**
 * signUp makes the suite's user straight in the orchestrator's table and signs its access token with the
 * cluster's key, the way the orchestrator's issuer does: the suite is about faults, not about sign-up.
 */
export async function signUp(baseUrl: string, sql: postgres.Sql, privateKeyPem: string): Promise<Workload> {
  const userId = randomUUIDv7();
  await sql`insert into orchestrator.users (id, email, password_hash, display_name, time_zone, locale)
    values (${userId}, ${`faults-${userId}@example.com`}, 'x', 'Fault Suite', 'UTC', 'en')`;
  const token = await new SignJWT({ typ: "access", sid: crypto.randomUUID() })
    .setProtectedHeader({ alg: "EdDSA" })
    .setSubject(userId)
    .setIssuer("taskmesh")
    .setAudience("taskmesh-api")
    .setIssuedAt()
    .setExpirationTime("2h")
    .sign(await importPKCS8(privateKeyPem, "EdDSA"));
  return { userId, tasks: connectClient(TaskService, baseUrl, token), acked: new Set(), codes: new Map() };
}

const count = (w: Workload, code: string) => w.codes.set(code, (w.codes.get(code) ?? 0) + 1);

/** createOne creates a task with a due date a day ahead and a reminder an hour before it (bounded by a 20 s deadline). */
export async function createOne(w: Workload, extra: { recurring?: boolean } = {}): Promise<string | undefined> {
  const due = BigInt(Math.floor(Date.now() / 1000) + 86_400);
  try {
    const { task } = await w.tasks.createTask(
      {
        title: `fault ${crypto.randomUUID().slice(0, 8)}`,
        dueAt: { seconds: due },
        reminder: { when: { case: "remindBefore", value: { seconds: 3600n } } },
        ...(extra.recurring ? { recurrence: { rrule: "FREQ=DAILY", repeatFrom: RepeatFrom.DUE } } : {}),
        requestId: crypto.randomUUID(),
      },
      { timeoutMs: 20_000 },
    );
    count(w, "OK");
    w.acked.add(task!.id);
    return task!.id;
  } catch (error) {
    const connectError = ConnectError.from(error);
    count(w, Code[connectError.code] ?? "Unknown");
    w.reasons ??= new Map();
    const reason = `${Code[connectError.code]}: ${connectError.rawMessage.slice(0, 120)}`;
    w.reasons.set(reason, (w.reasons.get(reason) ?? 0) + 1);
    return undefined;
  }
}

/**
 * complete completes a task as a well-behaved client does: Unavailable and DeadlineExceeded are retried
 * (the call did not happen, or happened once: a second completion of a completed task changes nothing).
 */
export async function complete(w: Workload, id: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await w.tasks.completeTask({ id }, { timeoutMs: 20_000 });
      count(w, "OK");
      return;
    } catch (error) {
      const code = ConnectError.from(error).code;
      count(w, Code[code] ?? "Unknown");
      if (code === Code.FailedPrecondition && attempt > 1) return;
      if ((code !== Code.Unavailable && code !== Code.DeadlineExceeded) || attempt >= 30) throw error;
      await Bun.sleep(500);
    }
  }
}

/** loadFor creates tasks at about `perSecond` until `stop()` resolves, at most 16 in flight. */
export async function loadUntil(w: Workload, perSecond: number, stop: Promise<unknown>): Promise<void> {
  let stopped = false;
  void stop.then(() => (stopped = true));
  const inFlight = new Set<Promise<unknown>>();
  while (!stopped) {
    if (inFlight.size < 16) {
      const call = createOne(w).finally(() => inFlight.delete(call));
      inFlight.add(call);
    }
    await Bun.sleep(1000 / perSecond);
  }
  await Promise.all(inFlight);
}

/** Facts is what the private database and broker say about the workload's effects. */
export interface Facts {
  missingWrites: number;
  auditMissing: number;
  auditDoubled: number;
  remindersMissing: number;
  deadLettered: number;
  outboxBacklog: number;
}

export function openFacts() {
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {}, connect_timeout: 3 });
  ignoreKafkajsTimerWarning();
  const admin = new Kafka({
    clientId: "fault-suite",
    brokers: [kafkaBrokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 2 },
  }).admin();
  let connected: Promise<void> | undefined;
  return {
    sql,
    async facts(w: Workload): Promise<Facts> {
      const ids = [...w.acked];
      const [tasks] = await sql`select count(*)::int as n from orchestrator.tasks where id = any(${ids}::uuid[])`;
      const [audit] = await sql`
        select count(distinct task_id)::int as tasks, count(*)::int as rows from audit.audit_events
        where task_id = any(${ids}) and event_type like '%TaskCreated'`;
      const [reminders] =
        await sql`select count(*)::int as n from notification.reminder_schedules where task_id = any(${ids})`;
      const [backlog] = await sql`select count(*)::int as n from orchestrator.outbox where published_at is null`;
      return {
        missingWrites: ids.length - tasks!.n,
        auditMissing: ids.length - audit!.tasks,
        auditDoubled: audit!.rows - audit!.tasks,
        remindersMissing: ids.length - reminders!.n,
        deadLettered: await this.deadLettered(),
        outboxBacklog: backlog!.n,
      };
    },
    /** deadLettered counts every message on the four DLQ topics. */
    async deadLettered(): Promise<number> {
      connected ??= admin.connect();
      await connected;
      let total = 0;
      const existing = new Set(await admin.listTopics());
      for (const topic of allTopics.map(dlqTopic)) {
        if (!existing.has(topic)) continue;
        for (const { high, low } of await admin.fetchTopicOffsets(topic)) total += Number(high) - Number(low);
      }
      return total;
    },
    /** nextInstances counts, per recurring series, the instances after the first. */
    async nextInstances(firsts: string[]): Promise<number[]> {
      const rows = await sql`
        select series_id::text as series, count(*)::int as n from orchestrator.tasks
        where series_id = any(${firsts}::uuid[]) and id <> series_id group by series_id`;
      const bySeries = new Map(rows.map((r) => [r.series as string, r.n as number]));
      return firsts.map((id) => bySeries.get(id) ?? 0);
    },
    async close() {
      await Promise.allSettled([sql.end({ timeout: 2 }), connected ? admin.disconnect() : Promise.resolve()]);
    },
  };
}

/** metric reads a gauge (the largest of its matching series) from a service's Prometheus text, on its metrics port or its HTTP port. */
export async function metric(ports: number[], name: string, labels: string): Promise<number | undefined> {
  for (const port of ports) {
    const text = await fetch(`http://127.0.0.1:${port}/metrics`).then(
      (r) => (r.ok ? r.text() : ""),
      () => "",
    );
    const values = text
      .split("\n")
      .filter((l) => l.startsWith(`${name}{`) && l.includes(labels))
      .map((l) => Number(l.split(" ").pop()));
    if (values.length > 0) return Math.max(...values);
  }
  return undefined;
}
