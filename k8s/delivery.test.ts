// The delivery pieces around the manifests: workflows (actionlint), the image recipe, the Dapr
// multi-app run file, and the smoke script against a stand-in that speaks the same Connect JSON.
import { afterEach, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { accessTokenOf, auditMentions, createdTaskIdOf, parseArgs, runSmoke, SmokeFailure } from "../scripts/smoke";
import { ensureTools, repoRoot, run, serviceNames } from "./render";

let actionlint: string;

beforeAll(() => {
  actionlint = ensureTools().actionlint;
}, 600_000);

describe("workflows", () => {
  test("actionlint passes on .github/workflows", () => {
    const result = run([actionlint, "-no-color"]);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
  });

  test("every action is pinned to a version", () => {
    for (const file of ["ci.yaml", "deliver.yaml"]) {
      const text = readFileSync(join(repoRoot, ".github/workflows", file), "utf8");
      const uses = [...text.matchAll(/uses:\s*(\S+)/g)].map((m) => m[1]!);
      expect(uses.length).toBeGreaterThan(0);
      for (const action of uses) expect(action, `${file}: ${action}`).toMatch(/@v?\d+\.\d+\.\d+$/);
    }
  });
});

describe("image", () => {
  const dockerfile = readFileSync(join(repoRoot, "Dockerfile"), "utf8");

  test("multi-stage on pinned Node and Bun images, runs bun as uid 10001, embedded by default", () => {
    expect(dockerfile).toMatch(/^ARG BUN_VERSION=\d+\.\d+\.\d+$/m);
    expect(dockerfile).toMatch(/^FROM oven\/bun:\$\{BUN_VERSION\}-distroless AS runtime$/m);
    expect(dockerfile).toContain("npm install --omit=dev");
    expect(dockerfile).not.toMatch(/:latest\b/);
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["bun"\]$/m);
    expect(dockerfile).toMatch(/^CMD \["services\/embedded\/main\.ts"\]$/m);
  });

  test(".dockerignore keeps the repository's heavy and private parts out", () => {
    const ignored = readFileSync(join(repoRoot, ".dockerignore"), "utf8")
      .split("\n")
      .map((l) => l.trim());
    for (const entry of [".git", "node_modules", ".data", "k8s", "**/*.test.ts"]) expect(ignored).toContain(entry);
  });
});

describe("image contents (.dockerignore applied to the tracked files, as docker build would)", () => {
  const patterns = readFileSync(join(repoRoot, ".dockerignore"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  // Docker anchors every pattern at the context root, allows ** and excludes a matched folder's contents.
  const globs = patterns.flatMap((p) => [new Bun.Glob(p), new Bun.Glob(`${p}/**`)]);
  const tracked = run(["git", "ls-files"]).stdout.split("\n").filter(Boolean);
  const image = new Set(tracked.filter((file) => !globs.some((g) => g.match(file))));

  /** reachable walks the relative imports from the entry points: every local file a service loads. */
  const reachable = (entries: string[]) => {
    const seen = new Set<string>();
    const ts = new Bun.Transpiler({ loader: "ts" });
    const tsx = new Bun.Transpiler({ loader: "tsx" });
    const queue = [...entries];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      if (!/\.tsx?$/.test(file)) continue; // a stylesheet or data file: loaded, not scanned
      for (const { path } of (file.endsWith(".tsx") ? tsx : ts).scanImports(
        readFileSync(join(repoRoot, file), "utf8"),
      )) {
        if (!path.startsWith(".")) continue;
        const base = join(file, "..", path);
        const found = ["", ".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find((f) => tracked.includes(f));
        if (found) queue.push(found);
      }
    }
    return seen;
  };

  test("every file a service, the migrations or the browser bundle load is in the image", () => {
    const entries = [
      ...tracked.filter((f) => /^services\/[a-z]+\/main\.ts$/.test(f)),
      "scripts/migrate.ts",
      "services/web/app/main.tsx",
    ];
    expect(entries.length).toBeGreaterThan(7);
    const loaded = reachable(entries);
    expect(loaded.size).toBeGreaterThan(200);
    expect([...loaded].filter((file) => !image.has(file))).toEqual([]);
  });

  test("no benchmark, test, test data or tooling in the image", () => {
    const leaked = [...image].filter((file) =>
      /(^|\/)(bench|tests?|testing|e2e|hostile|corpus|faults)\/|\.test\.tsx?$|^(k8s|docs|proto|scripts\/dapr)\//.test(
        file,
      ),
    );
    expect(leaked).toEqual([]);
    expect([...image].some((file) => file.startsWith("skills/"))).toBe(true);
  });
});

describe("dapr.yaml (dapr run -f .)", () => {
  const runFile = Bun.YAML.parse(readFileSync(join(repoRoot, "dapr.yaml"), "utf8")) as {
    common: { env: Record<string, string>; resourcesPaths: string[] };
    apps: Array<{ appID: string; appPort: number; command: string[]; env: Record<string, string | number> }>;
  };
  const expected: Record<string, [number, number]> = {
    orchestrator: [3101, 50061],
    skills: [3102, 50062],
    notification: [3103, 50063],
    recurring: [3104, 50064],
    audit: [3105, 50065],
    webhooks: [3107, 50067],
    web: [3000, 50066],
  };

  test("runs each service with its app id and stack-mode ports, gRPC to the app", () => {
    expect(runFile.apps.map((a) => a.appID).sort()).toEqual([...serviceNames].sort());
    expect(runFile.common.env.TASKMESH_MODE).toBe("kubernetes");
    for (const app of runFile.apps) {
      const [http, grpc] = expected[app.appID]!;
      expect(app.command).toEqual(["bun", `services/${app.appID}/main.ts`]);
      expect([Number(app.env.PORT), Number(app.env.GRPC_PORT), app.appPort]).toEqual([http, grpc, grpc]);
    }
    for (const path of runFile.common.resourcesPaths)
      expect(run(["test", "-d", join(repoRoot, path)]).exitCode).toBe(0);
  });
});

describe("smoke script", () => {
  const taskId = "0196f7a2-6a8e-7c1e-9b1a-2f4d3c2b1a00";
  let server: ReturnType<typeof Bun.serve> | undefined;
  const calls: string[] = [];

  afterEach(() => {
    server?.stop(true);
    server = undefined;
    calls.length = 0;
  });

  /** A stand-in deployment; `auditAfter` is how many ListAuditEvents calls return nothing first. */
  function serve(auditAfter: number) {
    let auditCalls = 0;
    server = Bun.serve({
      port: 0,
      async fetch(request) {
        const path = new URL(request.url).pathname;
        calls.push(path);
        const body = (await request.json()) as Record<string, unknown>;
        const authorized = request.headers.get("authorization") === "Bearer token-1";
        if (request.headers.get("content-type") !== "application/json") return new Response("", { status: 415 });
        if (path === "/todo.v1.AuthService/Register") {
          if (!body.email || !body.password) return Response.json({ code: "invalid_argument" }, { status: 400 });
          return Response.json({ user: { id: "u1" }, tokens: { accessToken: "token-1" } });
        }
        if (!authorized) return Response.json({ code: "unauthenticated", message: "no token" }, { status: 401 });
        if (path === "/todo.v1.ChatService/SendMessage") {
          return Response.json({
            reply: { text: "Added." },
            actions: [{ tool: "add_task", taskId, summary: "added" }],
          });
        }
        if (path === "/todo.v1.AuditService/ListAuditEvents") {
          auditCalls++;
          return Response.json({
            events: auditCalls > auditAfter ? [{ id: "a1", taskId, eventType: "todo.events.v1.TaskCreated" }] : [],
          });
        }
        if (path === "/todo.v1.TaskService/DeleteTask") {
          return body.id === taskId
            ? Response.json({ task: { id: taskId } })
            : Response.json({ code: "not_found" }, { status: 404 });
        }
        return Response.json({ code: "unimplemented" }, { status: 404 });
      },
    });
    return `http://127.0.0.1:${server.port}`;
  }

  test("passes against a deployment that keeps the contract, waiting for the audit event", async () => {
    const url = serve(2);
    await runSmoke({ url, auditTimeoutMs: 5_000, log: () => {} });
    expect(calls).toEqual([
      "/todo.v1.AuthService/Register",
      "/todo.v1.ChatService/SendMessage",
      "/todo.v1.AuditService/ListAuditEvents",
      "/todo.v1.AuditService/ListAuditEvents",
      "/todo.v1.AuditService/ListAuditEvents",
      "/todo.v1.TaskService/DeleteTask",
    ]);
  });

  test("fails at the audit step when the event never shows, and still deletes the task", async () => {
    const url = serve(Number.POSITIVE_INFINITY);
    const failure = await runSmoke({ url, auditTimeoutMs: 1_200, log: () => {} }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SmokeFailure);
    expect((failure as SmokeFailure).step).toBe("audit");
    expect(calls.at(-1)).toBe("/todo.v1.TaskService/DeleteTask");
  });

  test("the CLI exits non-zero with the failing step when nothing answers", () => {
    const result = run([process.execPath, "scripts/smoke.ts", "--url", "http://127.0.0.1:9"], 30_000);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain("FAILED at register");
  });

  test("reads the response shapes of the contract", () => {
    expect(accessTokenOf({ tokens: { accessToken: "t" } })).toBe("t");
    expect(accessTokenOf({ user: {} })).toBeUndefined();
    expect(createdTaskIdOf({ reply: { actions: [{ tool: "add_task", taskId: "x" }] } })).toBe("x");
    expect(createdTaskIdOf({ actions: [{ tool: "help" }] })).toBeUndefined();
    expect(auditMentions({ events: [{ taskId: "y" }] }, "y")).toBe(true);
    expect(auditMentions({ events: [{ taskId: "z" }] }, "y")).toBe(false);
    expect(parseArgs(["--url=https://example.com"]).url).toBe("https://example.com");
    expect(() => parseArgs(["--url", "not a url"])).toThrow("not a URL");
  });
});
