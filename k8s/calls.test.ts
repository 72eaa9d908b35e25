// The manifests that follow from the code: who calls whom (access control, NetworkPolicies), which
// secrets each app reads, the self-hosted sidecar files and dapr.yaml, and the prompts copy inside the base.
// Also: plain `kustomize build` (what `kubectl apply -k` runs) renders both overlays, with no flags.
import { beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { daprApps, daprVersion } from "../scripts/dapr/layout";
import { serviceCalls } from "../services/platform/rpc/clients";
import { callersOf, generatedFiles, promptFiles, sidecarPort } from "./generate";
import { allows, type Endpoint } from "./network-policy";
import { at, ensureTools, find, type K8sObject, list, parseYamlDocuments, repoRoot, run, serviceNames } from "./render";

let kustomize: string;
beforeAll(() => {
  kustomize = ensureTools().kustomize;
}, 600_000);

/** codeCalls scans each service's production code for the apps it calls: `client(Service, "app")` and web's proxied services (`servicesByApp`, or `{ service, appId }`). */
function codeCalls(): Record<string, string[]> {
  const calls: Record<string, string[]> = {};
  for (const app of serviceNames) {
    const dir = join(repoRoot, "services", app);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".test.ts"))
      .map((e) => join(e.parentPath, e.name))
      .filter((f) => !/\/(testing|bench|tests|e2e)\//.test(relative(dir, f).replace(/^/, "/")));
    const callees = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/\.client\(\s*\w+\s*,\s*"([a-z-]+)"\s*\)/g)) callees.add(m[1]!);
      for (const m of text.matchAll(/\{\s*service:\s*\w+\s*,\s*appId:\s*"([a-z-]+)"\s*\}/g)) callees.add(m[1]!);
      // web's proxied services, listed under the app that owns them: `servicesByApp = { app: [Service, …], … }`
      const byApp = /servicesByApp = \{([\s\S]*?)\n\};/.exec(text)?.[1] ?? "";
      for (const m of byApp.matchAll(/^\s*([a-z-]+): \[/gm)) callees.add(m[1]!);
    }
    calls[app] = [...callees].sort();
  }
  return calls;
}

const renderPlain = (dir: string) => run([kustomize, "build", dir], 120_000);

describe("one list of the calls the code makes", () => {
  test("serviceCalls is exactly what the code calls: nothing missing, nothing extra", () => {
    const declared = Object.fromEntries(serviceNames.map((app) => [app, [...(serviceCalls[app] ?? [])].sort()]));
    expect(codeCalls()).toEqual(declared);
    // the calls issue 17 found missing from the old hand-written lists
    expect(serviceCalls.notification).toContain("orchestrator");
    expect(serviceCalls.recurring).toContain("skills");
  });

  for (const overlay of ["local", "cloud"] as const) {
    test(`${overlay}: each callee's Dapr access control allows exactly its callers`, () => {
      const objects = parseYamlDocuments(renderPlain(join(repoRoot, "k8s/overlays", overlay)).stdout);
      for (const callee of serviceNames) {
        const config = find(objects, "Configuration", callee);
        expect(at(config, "spec", "accessControl", "defaultAction")).toBe("deny");
        const allowed = list(at(config, "spec", "accessControl", "policies"))
          .filter((p) => at(p, "defaultAction") === "allow")
          .map((p) => String(at(p, "appId")))
          .sort();
        expect(allowed, callee).toEqual(callersOf(callee).sort());
      }
    });
  }

  test("cloud: NetworkPolicies open the sidecar port for every call the code makes and for no other pair", () => {
    const objects = parseYamlDocuments(renderPlain(join(repoRoot, "k8s/overlays/cloud")).stdout);
    const pod = (name: string): Endpoint => ({
      namespace: "taskmesh",
      labels: { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "taskmesh" },
    });
    for (const from of serviceNames) {
      for (const to of serviceNames) {
        if (from === to) continue;
        const expected = (serviceCalls[from] ?? []).includes(to);
        expect(allows(objects, pod(from), pod(to), sidecarPort), `${from} -> ${to}`).toBe(expected);
      }
    }
  });
});

describe("generated files are up to date (bun k8s/generate.ts)", () => {
  test("access control, secret roles, call policies and the self-hosted sidecar files", () => {
    for (const [path, content] of generatedFiles())
      expect(readFileSync(join(repoRoot, path), "utf8"), path).toBe(content);
  });

  test("k8s/base/prompts is an exact copy of prompts/", () => {
    const source = promptFiles();
    expect(promptFiles(join(repoRoot, "k8s/base/prompts"))).toEqual(source);
    for (const file of source) {
      expect(readFileSync(join(repoRoot, "k8s/base/prompts", file), "utf8"), file).toBe(
        readFileSync(join(repoRoot, "prompts", file), "utf8"),
      );
    }
  });
});

describe("kubectl apply -k as the README writes it", () => {
  test("plain `kustomize build` (no --load-restrictor) renders both overlays", () => {
    for (const overlay of ["local", "cloud"]) {
      const result = renderPlain(join(repoRoot, "k8s/overlays", overlay));
      expect(result.stderr, overlay).toBe("");
      expect(result.exitCode, overlay).toBe(0);
      const prompts = parseYamlDocuments(result.stdout).find(
        (o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("taskmesh-prompts"),
      );
      expect(prompts?.data?.["system.global.md"]).toBe(
        readFileSync(join(repoRoot, "prompts/system/global.md"), "utf8"),
      );
    }
  });

  test("an overlay can still override a prompt with a file of its own", () => {
    const dir = mkdtempSync(join(tmpdir(), "taskmesh-overlay-"));
    writeFileSync(join(dir, "global.md"), "be brief\n");
    writeFileSync(
      join(dir, "kustomization.yaml"),
      `resources:\n  - ${relative(dir, join(repoRoot, "k8s/overlays/local"))}\nconfigMapGenerator:\n  - name: taskmesh-prompts\n    namespace: taskmesh\n    behavior: merge\n    files:\n      - system.global.md=global.md\n`,
    );
    const result = renderPlain(dir);
    expect(result.stderr).toBe("");
    const objects = parseYamlDocuments(result.stdout);
    const prompts = objects.find(
      (o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("taskmesh-prompts"),
    ) as K8sObject;
    expect(prompts.data?.["system.global.md"]).toBe("be brief\n");
    expect(Object.keys(prompts.data ?? {}).length).toBe(8);
  });
});

describe("dapr.yaml runs what `npm run dapr` and the real-sidecar test run", () => {
  const file = Bun.YAML.parse(readFileSync(join(repoRoot, "dapr.yaml"), "utf8")) as {
    common: { resourcesPaths: string[]; env: Record<string, unknown> };
    apps: Array<Record<string, unknown> & { env: Record<string, unknown> }>;
  };

  test("the pinned daprd version, the shared resources, and every app's ports and sidecar config", () => {
    expect(readFileSync(join(repoRoot, "dapr.yaml"), "utf8")).toContain(`daprd ${daprVersion}`);
    expect(file.common.resourcesPaths).toEqual(["./k8s/dapr-run/components", "./k8s/components/dapr/resiliency"]);
    expect(file.common.env.DAPR_SECRET_STORE).toBe("taskmesh-secrets");
    for (const forbidden of ["DATABASE_URL", "KAFKA_BROKERS", "JWT_PRIVATE_KEY", "INTERNAL_TOKEN"])
      expect(file.common.env[forbidden]).toBeUndefined();
    const apps = daprApps();
    expect(file.apps.map((a) => a.appID).sort()).toEqual(apps.map((a) => a.appId).sort());
    for (const app of apps) {
      const entry = file.apps.find((a) => a.appID === app.appId)!;
      const p = app.ports;
      expect(
        [
          entry.appPort,
          entry.daprHTTPPort,
          entry.daprGRPCPort,
          entry.daprInternalGRPCPort,
          entry.metricsPort,
          entry.configFilePath,
        ],
        app.appId,
      ).toEqual([
        p.grpc,
        p.daprHttp,
        p.daprGrpc,
        p.daprInternalGrpc,
        p.daprMetrics,
        `./k8s/dapr-run/config/${app.appId}.yaml`,
      ]);
      expect([entry.env.PORT, entry.env.GRPC_PORT, entry.env.METRICS_PORT], app.appId).toEqual([
        p.http,
        p.grpc,
        p.metrics,
      ]);
    }
  });
});
