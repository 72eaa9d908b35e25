/**
 * `npm run test:faults` (issue 11): Postgres and Kafka outages and kill -9 of each consumer service, against
 * real Postgres + Kafka and every service as its own process — in a private network namespace with its own
 * infrastructure (scripts/infra/infra.sh in a private state directory), so it can stop and start them on the
 * usual ports without disturbing the shared pair or other tests. Needs root (unshare -n).
 *
 * For each fault: every acknowledged write exists, every event has exactly one effect (audit record,
 * reminder schedule, next recurring instance), nothing is dead-lettered, no process exits on its own, RPCs
 * answer Unavailable (never Internal), and the time to recover is printed. Exit code 1 if any of that fails.
 */
import { type FaultService, startCluster } from "./cluster";
import { complete, createOne, loadUntil, metric, openFacts, signUp, type Workload } from "./workload";

if (process.env.TASKMESH_FAULTS_NETNS !== "1") {
  if (process.getuid?.() !== 0) {
    console.error(
      "test:faults needs root: it runs its own Postgres and Kafka in a private network namespace (unshare -n)",
    );
    process.exit(1);
  }
  const child = Bun.spawn(
    [
      "unshare",
      "-n",
      "--",
      "bash",
      "-c",
      'ip link set lo up && exec "$@"',
      "netns",
      process.execPath,
      import.meta.path,
    ],
    {
      env: { ...process.env, TASKMESH_FAULTS_NETNS: "1" },
      stdout: "inherit",
      stderr: "inherit",
    },
  );
  process.exit(await child.exited);
}

interface Row {
  fault: string;
  acked: number;
  unavailable: number;
  internal: number;
  crashes: number;
  deadLettered: number;
  lost: number;
  doubled: number;
  recoverySeconds: number;
  notes: string[];
}

const started = Date.now();
const failures: string[] = [];
const rows: Row[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) failures.push(what);
};
const seconds = (ms: number) => Math.round(ms / 100) / 10;
const log = (text: string) => console.log(`[faults +${seconds(Date.now() - started)}s] ${text}`);

log("starting a private Postgres + Kafka (scripts/infra/infra.sh) and the services");
const cluster = await startCluster();
const facts = openFacts();
const orchestratorPorts = [9102, 3101];
const readyz = (name: FaultService) =>
  fetch(`http://127.0.0.1:${cluster.services.get(name)!.http}/readyz`).then(
    (r) => r.status,
    () => 0,
  );

try {
  log(`up; state in ${cluster.stateDir}`);
  const workload = await signUp("http://127.0.0.1:3101", facts.sql, cluster.keys.privateKeyPem);
  await facts.deadLettered(); // connects the admin client while the broker is up

  /** converge waits until every acknowledged write has all its effects and the outbox is empty. */
  const converge = async (w: Workload, extra: () => Promise<boolean> = async () => true) => {
    const deadline = Date.now() + 180_000;
    for (;;) {
      const f = await facts.facts(w).catch(() => undefined);
      if (
        f &&
        f.missingWrites === 0 &&
        f.auditMissing === 0 &&
        f.remindersMissing === 0 &&
        f.outboxBacklog === 0 &&
        (await extra())
      )
        return f;
      if (Date.now() > deadline) return f ?? (await facts.facts(w));
      await Bun.sleep(250);
    }
  };
  const crashes = () => [...cluster.services.values()].reduce((n, s) => n + s.crashes, 0);

  /** scenario runs a fault with a fresh accounting, then checks and records the row. */
  const scenario = async (
    fault: string,
    run: (w: Workload) => Promise<{ faultEnded: number; extra?: () => Promise<boolean>; notes?: string[] }>,
  ) => {
    log(`— ${fault}`);
    const w: Workload = { ...workload, acked: new Set(), codes: new Map() };
    const dlqBefore = await facts.deadLettered();
    const crashesBefore = crashes();
    const outcome = await run(w);
    const f = await converge(w, outcome.extra);
    const recovered = Date.now();
    const row: Row = {
      fault,
      acked: w.acked.size,
      unavailable: (w.codes.get("Unavailable") ?? 0) + (w.codes.get("DeadlineExceeded") ?? 0),
      internal: (w.codes.get("Internal") ?? 0) + (w.codes.get("Unknown") ?? 0),
      crashes: crashes() - crashesBefore,
      deadLettered: f.deadLettered - dlqBefore,
      lost: f.missingWrites + f.auditMissing + f.remindersMissing,
      doubled: f.auditDoubled,
      recoverySeconds: seconds(recovered - outcome.faultEnded),
      notes: [...(outcome.notes ?? []), `answers ${[...w.codes].map(([code, n]) => `${code} ${n}`).join(", ")}`],
    };
    rows.push(row);
    check(row.crashes === 0, `${fault}: ${row.crashes} process(es) died`);
    check(row.deadLettered === 0, `${fault}: ${row.deadLettered} message(s) dead-lettered`);
    check(row.lost === 0, `${fault}: ${row.lost} acknowledged write(s) or effect(s) missing`);
    check(row.doubled === 0, `${fault}: ${row.doubled} effect(s) doubled`);
    check(row.internal === 0, `${fault}: ${row.internal} answer(s) Internal/Unknown instead of Unavailable`);
    check(w.acked.size > 0, `${fault}: no write was acknowledged at all`);
    log(
      `${fault}: ${JSON.stringify(row)}${w.reasons ? ` failures seen by the client: ${JSON.stringify([...w.reasons])}` : ""}`,
    );
  };

  /** readiness samples /readyz of a service every 500 ms until stopped: which statuses were seen. */
  const sampleReadiness = (name: FaultService) => {
    const seen = new Set<number>();
    let on = true;
    const done = (async () => {
      while (on) {
        seen.add(await readyz(name));
        await Bun.sleep(500);
      }
    })();
    const stop = async () => {
      on = false;
      await done;
    };
    return { seen, stop };
  };

  await scenario("Postgres stopped 10 s during writes", async (w) => {
    const { promise: stop, resolve } = Promise.withResolvers<void>();
    const load = loadUntil(w, 15, stop);
    const ready = sampleReadiness("orchestrator");
    await Bun.sleep(3000);
    cluster.infra("pg-stop");
    await Bun.sleep(10_000);
    cluster.infra("pg-start");
    const faultEnded = Date.now();
    await Bun.sleep(3000);
    resolve();
    await load;
    await ready.stop();
    check(ready.seen.has(503) && ready.seen.has(200), "Postgres outage: /readyz did not go 503 and back to 200");
    return { faultEnded, notes: [`readyz seen ${[...ready.seen].join("/")}`] };
  });

  await scenario("Postgres crashed (pg_ctl -m immediate) during writes, synchronous_commit=on", async (w) => {
    const { promise: stop, resolve } = Promise.withResolvers<void>();
    const load = loadUntil(w, 15, stop);
    await Bun.sleep(3000);
    // No checkpoint, no goodbye to clients: recovery replays the WAL. Every acknowledged commit must survive.
    cluster.infra("pg-stop", { PG_STOP_MODE: "immediate" });
    await Bun.sleep(5000);
    cluster.infra("pg-start");
    const faultEnded = Date.now();
    await Bun.sleep(3000);
    resolve();
    await load;
    const [setting] = await facts.sql`show synchronous_commit`;
    check(
      setting?.synchronous_commit === "on",
      `the private Postgres runs with synchronous_commit=${setting?.synchronous_commit}`,
    );
    return { faultEnded };
  });

  await scenario("Postgres stopped 10 s during a consumer backlog (TaskCompleted while down)", async (w) => {
    const firsts: string[] = [];
    for (let i = 0; i < 30; i += 10) {
      const made = await Promise.all(Array.from({ length: 10 }, () => createOne(w, { recurring: true })));
      firsts.push(...made.filter((id): id is string => id !== undefined));
    }
    // A burst the consumers are still working through, and the completions, then the database goes.
    await Promise.all(Array.from({ length: 150 }, () => createOne(w)));
    await Promise.all(firsts.map((id) => complete(w, id)));
    const lagDuring: number[] = [];
    cluster.infra("pg-stop");
    for (let i = 0; i < 10; i++) {
      await Bun.sleep(1000);
      const lag = await metric([9104, 3104], "event_consumer_lag", 'group="recurring"');
      if (lag !== undefined) lagDuring.push(lag);
    }
    cluster.infra("pg-start");
    const faultEnded = Date.now();
    const allOnce = async () => (await facts.nextInstances(firsts)).every((n) => n === 1);
    return {
      faultEnded,
      extra: allOnce,
      notes: [`${firsts.length} completions`, `recurring's lag while down max ${Math.max(0, ...lagDuring)}`],
    };
  });
  {
    const last = rows.at(-1)!;
    // The recurring series check is part of convergence; say so explicitly if it never came.
    const firstsOk = last.recoverySeconds < 180;
    check(firstsOk, "backlog scenario: recurring next instances did not converge to exactly one each");
  }

  await scenario("Kafka stopped 10 s during writes", async (w) => {
    const { promise: stop, resolve } = Promise.withResolvers<void>();
    const load = loadUntil(w, 15, stop);
    await Bun.sleep(3000);
    cluster.infra("kafka-stop");
    // The real backlog every 200 ms, the gauge every second: how stale is the gauge?
    const real: { at: number; n: number }[] = [];
    const gauge: { at: number; n: number }[] = [];
    const until = Date.now() + 10_000;
    let nextGauge = Date.now() + 1000;
    while (Date.now() < until) {
      const [row] = await facts.sql`select count(*)::int as n from orchestrator.outbox where published_at is null`;
      real.push({ at: Date.now(), n: row!.n });
      if (Date.now() >= nextGauge) {
        nextGauge += 1000;
        const g = await metric(orchestratorPorts, "outbox_backlog", 'service="orchestrator"');
        if (g !== undefined) gauge.push({ at: Date.now(), n: g });
      }
      await Bun.sleep(200);
    }
    cluster.infra("kafka-start");
    const faultEnded = Date.now();
    await Bun.sleep(3000);
    resolve();
    await load;
    // The backlog only grows during the outage: the gauge's value was true at the latest real sample not
    // above it (or later), so the gauge is at most that old. A gauge above every earlier sample is current.
    const staleness = gauge.map((g) => {
      const before = real.filter((r) => r.at <= g.at);
      if (before.length === 0 || g.n >= before.at(-1)!.n) return 0;
      const match = before.filter((r) => r.n <= g.n).at(-1);
      return match ? g.at - match.at : Number.POSITIVE_INFINITY;
    });
    const worst = Math.max(...staleness.slice(2)); // the first second is before the relay's first failed pass
    const peakReal = Math.max(...real.map((r) => r.n));
    const peakGauge = Math.max(...gauge.map((g) => g.n));
    check(worst <= 1000, `Kafka outage: outbox_backlog was ${worst} ms behind the table (want ≤ 1 s)`);
    check(
      peakGauge > 0 && gauge.at(-1)!.n > gauge[1]!.n,
      "Kafka outage: outbox_backlog did not grow (the runbook alert could not fire)",
    );
    return {
      faultEnded,
      notes: [`backlog peak ${peakReal} rows, gauge peak ${peakGauge}`, `gauge staleness max ${worst} ms`],
    };
  });

  for (const victim of ["audit", "recurring", "notification"] as const) {
    await scenario(`kill -9 ${victim} mid-burst`, async (w) => {
      const firsts =
        victim === "recurring"
          ? (await Promise.all(Array.from({ length: 20 }, () => createOne(w, { recurring: true })))).filter(
              (id): id is string => !!id,
            )
          : [];
      const { promise: stop, resolve } = Promise.withResolvers<void>();
      const load = loadUntil(w, 25, stop);
      const completions = Promise.all(firsts.map((id) => complete(w, id)));
      await Bun.sleep(2000);
      await cluster.kill9(victim);
      await Bun.sleep(2000);
      await cluster.start(victim);
      const faultEnded = Date.now();
      await Bun.sleep(2000);
      resolve();
      await Promise.all([load, completions]);
      return {
        faultEnded,
        extra: firsts.length > 0 ? async () => (await facts.nextInstances(firsts)).every((n) => n === 1) : undefined,
        notes: firsts.length > 0 ? [`${firsts.length} completions`] : [],
      };
    });
  }

  const deathLines = [...cluster.services.keys()].flatMap((name) =>
    cluster
      .logLines(name)
      .filter((l) => l.includes("socket.write") || l.includes("exiting to be restarted"))
      .map((l) => `${name}: ${l.slice(0, 200)}`),
  );
  check(deathLines.length === 0, `crash lines in the logs:\n${deathLines.join("\n")}`);
} catch (error) {
  failures.push(`the suite itself failed: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  await facts.close();
  await cluster.stop();
}

console.log(
  "\n| fault | acked | Unavailable | Internal | crashes | dead-lettered | lost | doubled | recovery | notes |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  console.log(
    `| ${r.fault} | ${r.acked} | ${r.unavailable} | ${r.internal} | ${r.crashes} | ${r.deadLettered} | ${r.lost} | ${r.doubled} | ${r.recoverySeconds} s | ${r.notes.join("; ")} |`,
  );
}
console.log(`\nfault suite: ${rows.length} faults in ${seconds(Date.now() - started)} s; logs in ${cluster.stateDir}`);
if (failures.length > 0) {
  console.error(`\nFAILED:\n- ${failures.join("\n- ")}`);
  process.exit(1);
}
console.log("all faults: nothing lost, nothing doubled, nothing dead-lettered, no process died");
process.exit(0);
