/**
 * startDaprStack runs every taskmesh service as its own process beside its own daprd, as on Kubernetes:
 * TASKMESH_MODE=kubernetes, calls through the sidecars (dapr-app-id), secrets only through the sidecar's
 * secret store (none in the app's environment), the Resiliency spec the cluster uses, and loopback name
 * resolution. Used by `npm run dapr` (scripts/dapr/main.ts), the real-sidecar test and the sidecar bench.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { Kafka, logLevel } from "kafkajs";
import { loadInternalToken, loadSigningKeys } from "../../services/platform/auth/keys";
import { allTopics, dlqTopic } from "../../services/platform/bus/event-codec";
import { ignoreKafkajsTimerWarning } from "../../services/platform/bus/kafkajs-timer-warning";
import { forEachLine } from "../output-lines";
import {
  type DaprApp,
  daprApps,
  daprdArgs,
  daprVersion,
  secretStoreComponent,
  secretStoreName,
  sidecarConfiguration,
} from "./layout";

export const repoRoot = join(import.meta.dir, "..", "..");
/** The Resiliency spec the cluster uses, loaded as-is. */
const resiliencyDir = join(repoRoot, "k8s/components/dapr/resiliency");

/** ensureDaprd returns the cached daprd, building it first if needed (scripts/dapr/daprd.sh). */
export function ensureDaprd(): string {
  const result = Bun.spawnSync(["bash", join(repoRoot, "scripts/dapr/daprd.sh")], {
    env: { ...process.env, TASKMESH_DAPR_VERSION: daprVersion },
    stdout: "pipe",
    stderr: "inherit",
  });
  const path = result.stdout.toString().trim().split("\n").pop() ?? "";
  if (result.exitCode !== 0 || !path) throw new Error("scripts/dapr/daprd.sh could not provide daprd");
  return path;
}

/** startGroupsAtEnd commits, for new consumer groups, the end offset of every existing topic. */
async function startGroupsAtEnd(brokers: string, groupIds: string[]) {
  ignoreKafkajsTimerWarning();
  const admin = new Kafka({
    clientId: "taskmesh-dapr-stack",
    brokers: brokers.split(","),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    for (const topic of [...allTopics, ...allTopics.map(dlqTopic)].filter((t) => existing.includes(t))) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const groupId of groupIds) {
        // setOffsets joins the group with a consumer of its own; the one from the previous topic may not
        // have left yet ("must have no running instances"), so wait for it a little.
        for (let attempt = 0; ; attempt++) {
          try {
            await admin.setOffsets({
              groupId,
              topic,
              partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
            });
            break;
          } catch (error) {
            if (attempt >= 40 || !String((error as Error).message).includes("no running instances")) throw error;
            await Bun.sleep(250);
          }
        }
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/** portFree tells whether nothing listens on a loopback port (by binding it for a moment). */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * freePortShift picks a port shift at or above `base` (in steps of 10) under which every app and sidecar
 * port is free, so two test runs on one machine (several engineers' `npm test`) do not meet.
 */
export async function freePortShift(base: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const shift = base + 10 * Math.floor(Math.random() * 100);
    const ports = daprApps(shift).flatMap((app) => Object.values(app.ports));
    if (new Set(ports).size !== ports.length) continue;
    if ((await Promise.all(ports.map(portFree))).every(Boolean)) return shift;
  }
  throw new Error(`no free set of ports for a Dapr stack near shift ${base}`);
}

export interface DaprStackOptions {
  /** Working directory for the generated sidecar files, the secrets file, keys and logs. */
  dir: string;
  databaseUrl: string;
  kafkaBrokers: string;
  smtpUrl?: string;
  /** Moves every port (layout.ts shiftPort) so a test never meets a running `npm run dapr`. */
  portShift?: number;
  /**
   * Consumer groups of this run's own (named after `ownConsumerGroups`), started at the end of every topic,
   * so a side-by-side run (test, bench) handles only its own events and leaves the shared groups alone.
   */
  ownConsumerGroups?: string;
  /** Extra non-secret environment for every app (log level, …). */
  env?: Record<string, string>;
  /** Echo every line the processes print, prefixed by app (the CLI); otherwise kept for failure messages. */
  echo?: boolean;
  daprd?: string;
}

interface RunningApp {
  app: DaprApp;
  /** The app process (undefined while stopped). */
  process?: Subprocess;
  sidecar?: Subprocess;
}

export interface DaprStack {
  apps: Map<string, RunningApp>;
  /** web's public URL. */
  webUrl: string;
  secretsFile: string;
  configFile(appId: string): string;
  /** stopApp ends an app process (SIGTERM), leaving its sidecar up; startApp starts it again and waits until ready. */
  stopApp(appId: string): Promise<void>;
  startApp(appId: string): Promise<void>;
  /** the last lines every process printed (for a failure message). */
  output(): string;
  close(): Promise<void>;
}

const kept: string[] = [];
function drain(stream: ReadableStream<Uint8Array> | undefined, prefix: string, echo: boolean) {
  forEachLine(stream, (line) => {
    if (echo) process.stdout.write(`${prefix}${line}\n`);
    kept.push(`${prefix}${line}`);
    if (kept.length > 400) kept.shift();
  });
}

async function waitUntil(what: string, check: () => Promise<boolean>, ms: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (!alive()) throw new Error(`${what}: the process exited\n${kept.slice(-60).join("\n")}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms\n${kept.slice(-60).join("\n")}`);
    await Bun.sleep(100);
  }
}

const ok = (url: string) => fetch(url, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok);

export async function startDaprStack(options: DaprStackOptions): Promise<DaprStack> {
  const daprd = options.daprd ?? ensureDaprd();
  const apps = daprApps(options.portShift ?? 0);
  const resources = join(options.dir, "resources");
  const configs = join(options.dir, "config");
  const dataDir = join(options.dir, "data");
  for (const dir of [resources, configs, dataDir]) mkdirSync(dir, { recursive: true });

  // One key pair and service credential for the run; they reach the apps only through the secret store.
  const keys = await loadSigningKeys({}, dataDir, true);
  const secrets: Record<string, string> = {
    "database-url": options.databaseUrl,
    "kafka-brokers": options.kafkaBrokers,
    "jwt-public-key": keys.publicKeyPem,
    "jwt-private-key": keys.privateKeyPem!,
    "internal-token": loadInternalToken({}, dataDir, true),
  };
  if (options.smtpUrl) secrets["smtp-url"] = options.smtpUrl;
  const secretsFile = join(options.dir, "dapr-secrets.json");
  writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  writeFileSync(join(resources, "secret-store.yaml"), secretStoreComponent(secretsFile));
  const configFile = (appId: string) => join(configs, `${appId}.yaml`);
  for (const app of apps) writeFileSync(configFile(app.appId), sidecarConfiguration(app.appId, apps));

  const migrate = Bun.spawnSync([process.execPath, "scripts/migrate.ts"], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: options.databaseUrl, DAPR_SECRET_STORE: "" },
    stdout: "pipe",
    stderr: "pipe",
  });
  if (migrate.exitCode !== 0) throw new Error(`migrations failed:\n${migrate.stderr.toString()}`);

  const groups: Record<string, string> = {};
  if (options.ownConsumerGroups) {
    for (const app of ["recurring", "notification", "audit", "webhooks"])
      groups[`${app.toUpperCase()}_CONSUMER_GROUP`] = `${app}-${options.ownConsumerGroups}`;
    await startGroupsAtEnd(options.kafkaBrokers, Object.values(groups));
  }

  const echo = options.echo ?? false;
  const running = new Map<string, RunningApp>(apps.map((app) => [app.appId, { app }]));

  const appEnv = (app: DaprApp): Record<string, string> => {
    // Nothing secret: PATH and friends from this process, minus anything the store provides.
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(
        ([k]) =>
          ![
            "DATABASE_URL",
            "KAFKA_BROKERS",
            "SMTP_URL",
            "JWT_PRIVATE_KEY",
            "JWT_PUBLIC_KEY",
            "INTERNAL_TOKEN",
          ].includes(k),
      ),
    ) as Record<string, string>;
    return {
      ...inherited,
      TASKMESH_MODE: "kubernetes",
      DAPR_SECRET_STORE: secretStoreName,
      DAPR_HTTP_PORT: String(app.ports.daprHttp),
      DAPR_GRPC_PORT: String(app.ports.daprGrpc),
      HOST: "127.0.0.1",
      PORT: String(app.ports.http),
      GRPC_PORT: String(app.ports.grpc),
      METRICS_PORT: String(app.ports.metrics),
      DATA_DIR: dataDir,
      PROMPTS_DIR: join(repoRoot, "prompts"),
      LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
      ...groups,
      ...options.env,
    };
  };

  const startSidecar = (entry: RunningApp) => {
    const sidecar = Bun.spawn(
      [daprd, ...daprdArgs(entry.app, configFile(entry.app.appId), [resources, resiliencyDir])],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" },
        stdout: "pipe",
        stderr: "pipe",
      },
    );
    drain(sidecar.stdout, `daprd ${entry.app.appId.padEnd(12)}| `, echo);
    drain(sidecar.stderr, `daprd ${entry.app.appId.padEnd(12)}| `, echo);
    entry.sidecar = sidecar;
  };

  const startApp = async (appId: string) => {
    const entry = running.get(appId)!;
    const child = Bun.spawn([process.execPath, entry.app.entry], {
      cwd: repoRoot,
      env: appEnv(entry.app),
      stdout: "pipe",
      stderr: "pipe",
    });
    drain(child.stdout, `${appId.padEnd(18)}| `, echo);
    drain(child.stderr, `${appId.padEnd(18)}| `, echo);
    entry.process = child;
    await waitUntil(
      `${appId} ready`,
      () => ok(`http://127.0.0.1:${entry.app.ports.http}/readyz`),
      90_000,
      () => child.exitCode === null,
    );
  };

  const stopApp = async (appId: string) => {
    const entry = running.get(appId)!;
    const child = entry.process;
    if (!child) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await child.exited;
    clearTimeout(timer);
    entry.process = undefined;
  };

  const close = async () => {
    const all = [...running.values()];
    await Promise.all(all.map((entry) => stopApp(entry.app.appId)));
    for (const entry of all) entry.sidecar?.kill("SIGTERM");
    await Promise.all(all.map((entry) => entry.sidecar?.exited));
  };

  try {
    // Sidecars first (an app reads its secrets through its sidecar before it listens), then the apps in
    // dependency order; a sidecar is ready once it has reached its app.
    for (const entry of running.values()) startSidecar(entry);
    for (const entry of running.values()) await startApp(entry.app.appId);
    for (const entry of running.values()) {
      await waitUntil(
        `daprd ${entry.app.appId} healthy`,
        () => ok(`http://127.0.0.1:${entry.app.ports.daprHttp}/v1.0/healthz`),
        60_000,
        () => entry.sidecar?.exitCode === null,
      );
    }
  } catch (error) {
    await close();
    throw error;
  }

  return {
    apps: running,
    webUrl: `http://127.0.0.1:${running.get("web")!.app.ports.http}`,
    secretsFile,
    configFile,
    stopApp,
    startApp,
    output: () => kept.join("\n"),
    close,
  };
}
