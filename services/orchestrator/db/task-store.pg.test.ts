import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUIDv7 } from "bun";
import { eq, isNull } from "drizzle-orm";
import type { EventBus } from "../../platform/bus/event-bus";
import { type BusMessage, decodeEvent, topics } from "../../platform/bus/event-codec";
import { startOutboxRelay } from "../../platform/bus/outbox";
import { type DatabaseHandle, openDatabase } from "../../platform/db/database";
import { NotFoundError, VersionConflictError } from "../../platform/errors";
import { createLogger } from "../../platform/logger";
import { createMetrics } from "../../platform/metrics";
import { createTestDatabase } from "../../platform/testing/infra";
import { waitFor } from "../../platform/testing/wait";
import { TaskStatusValue } from "../domain/task-rules";
import { outbox } from "./schema";
import { type TaskRow, toTaskMessage } from "./task-row";
import { createTaskStore, type TaskFields } from "./task-store";

const migrations = fileURLToPath(new URL("./migrations", import.meta.url));

const fields = (overrides: Partial<TaskFields> = {}): TaskFields => ({
  title: "pay rent",
  description: "before the 5th",
  priority: 2,
  tags: ["home", 'with "quotes", commas', "back\\slash", "NULL"],
  dueAt: new Date("2031-03-04T05:06:07.089Z"),
  dueDateOnly: false,
  moreReminders: [],
  timeZone: "Asia/Karachi",
  remindAt: null,
  remindBeforeSeconds: 3600,
  rrule: "FREQ=MONTHLY",
  repeatFrom: 1,
  seriesId: null,
  occurrence: null,
  assigneeId: null,
  ...overrides,
});

// Both drivers: stack mode writes through postgres.js, embedded mode through PGlite.
const drivers: [string, () => Promise<{ database: DatabaseHandle; dispose: () => Promise<void> }>][] = [
  [
    "postgres.js",
    async () => {
      const created = await createTestDatabase("taskstore");
      const database = await openDatabase({ url: created.url, dataDir: "" });
      return { database, dispose: created.drop };
    },
  ],
  [
    "PGlite",
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), "taskstore-"));
      const database = await openDatabase({ dataDir });
      return { database, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  ],
];

describe.each(drivers)("task store on %s", (_name, open) => {
  let database: DatabaseHandle;
  let dispose: () => Promise<void>;
  let wakes = 0;
  const store = () =>
    createTaskStore(database.db, {
      wake: () => {
        wakes += 1;
      },
    });
  const outboxOf = (taskId: string) =>
    database.db.select().from(outbox).where(eq(outbox.key, taskId)).orderBy(outbox.id);

  beforeAll(async () => {
    ({ database, dispose } = await open());
    await database.migrate(migrations, "orchestrator");
  });
  afterAll(async () => {
    await database.close();
    await dispose();
  });

  test("create returns the stored row and writes its created events to the outbox", async () => {
    const userId = randomUUIDv7();
    const wakesBefore = wakes;
    const created = await store().create(userId, fields(), null);
    expect(wakes).toBe(wakesBefore + 1);
    expect(await store().get(userId, created.id)).toEqual(created);
    expect(created).toMatchObject({
      userId,
      status: TaskStatusValue.open,
      version: 1,
      seriesId: created.id,
      occurrence: 1,
      completedAt: null,
      deletedAt: null,
    });

    const rows = await outboxOf(created.id);
    expect(rows.map((row) => row.topic)).toEqual([topics.taskEvents, topics.taskUpdates, topics.reminders]);
    const decoded = rows.map((row) => decodeEvent({ key: row.key, value: row.payload, headers: row.headers }));
    expect(decoded.map((event) => event.type)).toEqual([
      "todo.events.v1.TaskCreated",
      "todo.events.v1.TaskChanged",
      "todo.events.v1.ReminderScheduled",
    ]);
    for (const [i, row] of rows.entries()) {
      expect(row.eventId).toBe(decoded[i]!.meta.eventId);
      expect(row.eventType).toBe(decoded[i]!.type);
      expect(row.headers).toMatchObject({
        ce_id: row.eventId,
        ce_type: row.eventType,
        ce_subject: created.id,
        ce_source: "/taskmesh/orchestrator",
      });
      expect(row.publishedAt).toBeNull();
      expect(decoded[i]!.meta.userId).toBe(userId);
    }
    // The events carry the task as stored, though they were built before the insert.
    const stored = toTaskMessage(await store().get(userId, created.id));
    const taskOf = (event: unknown) => (event as { task?: unknown }).task;
    expect(taskOf(decoded[0]!.event)).toEqual(stored);
    expect(taskOf(decoded[1]!.event)).toEqual(stored);
  });

  test("a repeated request_id answers with the first task and writes nothing", async () => {
    const userId = randomUUIDv7();
    const requestId = randomUUIDv7();
    const first = await store().create(userId, fields({ title: "once" }), requestId);
    const [wakesBefore, rowsBefore] = [wakes, await database.db.$count(outbox)];
    const again = await store().create(userId, fields({ title: "once (retry)" }), requestId);
    expect(again).toEqual(first);
    expect(await database.db.$count(outbox)).toBe(rowsBefore);
    expect(wakes).toBe(wakesBefore);
    const other = await store().create(randomUUIDv7(), fields({ title: "another user's" }), requestId);
    expect(other.id).not.toBe(first.id);
  });

  test("a series id continued in another spelling is returned the way Postgres stores it", async () => {
    const userId = randomUUIDv7();
    const series = randomUUIDv7();
    const created = await store().create(
      userId,
      fields({ seriesId: `{${series.toUpperCase()}}`, occurrence: 4 }),
      null,
    );
    expect(created.seriesId).toBe(series);
    expect(await store().get(userId, created.id)).toEqual(created);
  });

  test("update and changeStatus return the stored row and write their events; stale versions, other users and no-ops write nothing", async () => {
    const userId = randomUUIDv7();
    const created = await store().create(userId, fields(), null);
    const series = randomUUIDv7();
    const updated = await store().update(
      userId,
      created.id,
      1n,
      () => ({ title: "pay rent early", dueAt: null, remindBeforeSeconds: null, seriesId: series.toUpperCase() }),
      ["title", "due_at", "reminder"],
    );
    expect(updated).toMatchObject({ title: "pay rent early", dueAt: null, version: 2, seriesId: series });
    expect(await store().get(userId, created.id)).toEqual(updated);
    const completed = await store().changeStatus(userId, created.id, "completed", 2n);
    expect(completed).toMatchObject({ status: TaskStatusValue.completed, version: 3 });
    expect(await store().get(userId, created.id)).toEqual(completed);

    const rowsBefore = await database.db.$count(outbox);
    expect(await store().changeStatus(userId, created.id, "completed", 0n)).toEqual(completed);
    await expect(store().update(userId, created.id, 2n, () => ({ title: "stale" }), ["title"])).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    await expect(
      store().update(randomUUIDv7(), created.id, 0n, () => ({ title: "not mine" }), ["title"]),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(store().changeStatus(randomUUIDv7(), created.id, "deleted", 0n)).rejects.toBeInstanceOf(NotFoundError);
    expect(await database.db.$count(outbox)).toBe(rowsBefore);
    expect(await store().get(userId, created.id)).toEqual(completed);

    const decoded = (await outboxOf(created.id)).map((row) =>
      decodeEvent({ key: row.key, value: row.payload, headers: row.headers }),
    );
    expect(decoded.map((event) => event.type)).toEqual([
      "todo.events.v1.TaskCreated",
      "todo.events.v1.TaskChanged",
      "todo.events.v1.ReminderScheduled",
      "todo.events.v1.TaskUpdated",
      "todo.events.v1.TaskChanged",
      "todo.events.v1.ReminderCancelled",
      "todo.events.v1.TaskCompleted",
      "todo.events.v1.TaskChanged",
    ]);
    const taskOf = (event: unknown) => (event as { task?: unknown }).task;
    expect(taskOf(decoded[3]!.event)).toEqual(toTaskMessage(updated));
    expect(taskOf(decoded[6]!.event)).toEqual(toTaskMessage(completed));
  });

  // storeBeforeWrites is a task store that runs `beforeWrite` before each of its one-statement writes.
  const storeBeforeWrites = (beforeWrite: () => Promise<void>) => {
    const db = new Proxy(database.db, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (property !== "execute") return typeof value === "function" ? value.bind(target) : value;
        return async (query: Parameters<typeof target.execute>[0]) => {
          await beforeWrite();
          return target.execute(query);
        };
      },
    });
    return createTaskStore(db, { wake: () => {} });
  };

  // heldStore is a task store whose writes wait until `release` is called; held counts them.
  const heldStore = () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    const store = storeBeforeWrites(async () => {
      held += 1;
      await released;
    });
    return { store, release, held: () => held };
  };

  test("an update that lost the race to another reads again and lands on top of it, events in order", async () => {
    const userId = randomUUIDv7();
    const created = await store().create(
      userId,
      fields({ remindBeforeSeconds: null, dueAt: null, rrule: null, repeatFrom: null }),
      null,
    );
    const slow = heldStore();
    const late = slow.store.update(userId, created.id, 0n, () => ({ title: "late" }), ["title"]);
    await waitFor("the late update read the task and tried to write", async () => slow.held() === 1);
    const early = await store().update(userId, created.id, 0n, () => ({ title: "early" }), ["title"]);
    expect(early.version).toBe(2);
    slow.release();
    const landed = await late;
    expect(landed).toMatchObject({ title: "late", version: 3 });
    expect(await store().get(userId, created.id)).toEqual(landed);

    const updates = (await outboxOf(created.id))
      .map((row) => decodeEvent({ key: row.key, value: row.payload, headers: row.headers }))
      .filter((e) => e.type === "todo.events.v1.TaskUpdated");
    expect(updates.map((e) => (e.event as { task?: { title: string; version: bigint } }).task)).toMatchObject([
      { title: "early", version: 2n },
      { title: "late", version: 3n },
    ]);
  });

  test("an update naming a version that lost the race is refused and writes nothing", async () => {
    const userId = randomUUIDv7();
    const created = await store().create(userId, fields(), null);
    const slow = heldStore();
    const late = slow.store.update(userId, created.id, 1n, () => ({ title: "late" }), ["title"]);
    await waitFor("the late update read the task and tried to write", async () => slow.held() === 1);
    const early = await store().changeStatus(userId, created.id, "completed", 1n);
    const rowsBefore = await database.db.$count(outbox);
    slow.release();
    await expect(late).rejects.toBeInstanceOf(VersionConflictError);
    expect(await store().get(userId, created.id)).toEqual(early);
    expect(await database.db.$count(outbox)).toBe(rowsBefore);
  });

  test("an update that keeps losing the race takes the row lock and lands instead of failing", async () => {
    const userId = randomUUIDv7();
    const created = await store().create(
      userId,
      fields({ remindBeforeSeconds: null, dueAt: null, rrule: null, repeatFrom: null }),
      null,
    );
    // Before each of its one-statement writes, another process changes the task: every compare-and-swap misses.
    let rivals = 0;
    const raced = storeBeforeWrites(async () => {
      rivals += 1;
      await store().update(userId, created.id, 0n, () => ({ title: `rival ${rivals}` }), ["title"]);
    });
    const landed = await raced.update(userId, created.id, 0n, () => ({ title: "persistent" }), ["title"]);
    expect(rivals).toBe(3);
    expect(landed).toMatchObject({ title: "persistent", version: 5 });
    expect(await store().get(userId, created.id)).toEqual(landed);
    const titles = (await outboxOf(created.id))
      .map((row) => decodeEvent({ key: row.key, value: row.payload, headers: row.headers }))
      .filter((e) => e.type === "todo.events.v1.TaskUpdated")
      .map((e) => (e.event as { task?: { title: string } }).task!.title);
    expect(titles).toEqual(["rival 1", "rival 2", "rival 3", "persistent"]);
  });

  test("concurrent updates without a version from separate stores (processes) all land, one version each", async () => {
    const userId = randomUUIDv7();
    const created = await store().create(userId, fields(), null);
    const titles = ["a", "b", "c", "d"];
    const results = await Promise.all(
      titles.map((title) => store().update(userId, created.id, 0n, () => ({ title }), ["title"])),
    );
    expect(results.map((task) => task.version).sort()).toEqual([2, 3, 4, 5]);
    const last = results.find((task) => task.version === 5)!;
    expect(await store().get(userId, created.id)).toEqual(last);
    const versions = (await outboxOf(created.id))
      .map((row) => decodeEvent({ key: row.key, value: row.payload, headers: row.headers }))
      .filter((e) => e.type === "todo.events.v1.TaskUpdated")
      .map((e) => (e.event as { task?: { version: bigint } }).task!.version);
    expect(versions).toEqual([2n, 3n, 4n, 5n]);
  });

  test("one store's concurrent changes to a task take turns instead of racing", async () => {
    const userId = randomUUIDv7();
    const created = await store().create(userId, fields(), null);
    const counted = heldStore();
    counted.release();
    const results = await Promise.all(
      ["a", "b", "c", "d"].map((title) => counted.store.update(userId, created.id, 0n, () => ({ title }), ["title"])),
    );
    expect(results.map((task) => [task.title, task.version])).toEqual([
      ["a", 2],
      ["b", 3],
      ["c", 4],
      ["d", 5],
    ]);
    // One write each: none of them missed the compare-and-swap and tried again.
    expect(counted.held()).toBe(4);
  });

  test("the relay publishes created events in order per topic, across batches, and marks them published", async () => {
    const published: (BusMessage & { topic: string })[] = [];
    const bus: EventBus = {
      kind: "memory",
      ensureTopics: async () => {},
      publish: async () => {},
      publishAll: async (batches) =>
        void published.push(...batches.flatMap(({ topic, messages }) => messages.map((m) => ({ ...m, topic })))),
      subscribe: async () => {},
      ping: async () => {},
      close: async () => {},
    };
    const pending = await database.db.$count(outbox, isNull(outbox.publishedAt));
    const relay = startOutboxRelay({
      db: database.db,
      table: outbox,
      bus,
      service: "task-store-test",
      logger: createLogger("test", "fatal"),
      metrics: createMetrics(),
      batchSize: 4,
      pollMs: 10,
    });
    try {
      const userId = randomUUIDv7();
      const relayed = createTaskStore(database.db, relay);
      const created: TaskRow[] = [];
      for (let i = 0; i < 3; i++)
        created.push(
          await relayed.create(
            userId,
            fields({ title: `relayed ${i}`, remindBeforeSeconds: i === 1 ? null : 60 }),
            null,
          ),
        );
      await waitFor(
        "every outbox row published",
        async () => (await database.db.$count(outbox, isNull(outbox.publishedAt))) === 0,
      );
      expect(published).toHaveLength(pending + 8);
      // Within a topic (and so within a task) events keep the order they were written in.
      const keysOn = (topic: string) =>
        published.filter((m) => m.topic === topic && created.some((task) => task.id === m.key)).map((m) => m.key);
      const ids = created.map((task) => task.id);
      expect(keysOn(topics.taskEvents)).toEqual(ids);
      expect(keysOn(topics.taskUpdates)).toEqual(ids);
      expect(keysOn(topics.reminders)).toEqual([created[0]!.id, created[2]!.id]);
    } finally {
      await relay.stop();
    }
  });
});
