// Test support for the Kubernetes manifests: finds (or installs) the tools, renders every target
// through scripts/k8s-validate.sh, and parses the renders into plain objects.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const repoRoot = join(import.meta.dir, "..");

/** The six services: app id = Deployment = Service = ServiceAccount name. */
export const serviceNames = [
  "orchestrator",
  "skills",
  "notification",
  "recurring",
  "audit",
  "webhooks",
  "web",
] as const;

export const renderTargets = ["base", "overlays-local", "overlays-cloud"] as const;
export type RenderTarget = (typeof renderTargets)[number];

/** K8sObject is the part of a manifest the tests read; everything below spec stays loosely typed. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  scopes?: string[];
  [field: string]: unknown;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string[], timeoutMs = 60_000): CommandResult {
  const result = Bun.spawnSync(cmd, { cwd: repoRoot, stdout: "pipe", stderr: "pipe", timeout: timeoutMs });
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

function goBinDir(): string | undefined {
  const go = Bun.which("go") ?? (existsSync("/usr/local/go/bin/go") ? "/usr/local/go/bin/go" : undefined);
  if (!go) return undefined;
  const gopath = run([go, "env", "GOPATH"]).stdout.trim();
  return gopath ? join(gopath, "bin") : undefined;
}

/** toolPath finds a tool the way scripts/k8s-validate.sh does: PATH first, then GOPATH/bin. */
export function toolPath(name: string): string | undefined {
  const onPath = Bun.which(name);
  if (onPath) return onPath;
  const dir = goBinDir();
  return dir && existsSync(join(dir, name)) ? join(dir, name) : undefined;
}

const tools = ["kustomize", "kubeconform", "actionlint"] as const;

/**
 * ensureTools returns the path of each tool. Outside CI a missing tool is installed (pinned, with
 * go install); in CI (CI=true) it is an error, because CI must install its tools on purpose.
 */
export function ensureTools(): Record<(typeof tools)[number], string> {
  const missing = tools.filter((tool) => !toolPath(tool));
  if (missing.length > 0) {
    if (process.env.CI === "true") {
      throw new Error(
        `missing ${missing.join(", ")}: CI must run \`bash scripts/k8s-validate.sh --install-tools\` before the tests`,
      );
    }
    const install = run(["bash", "scripts/k8s-validate.sh", "--install-tools"], 600_000);
    if (install.exitCode !== 0)
      throw new Error(`installing ${missing.join(", ")} failed:\n${install.stdout}${install.stderr}`);
  }
  const found = Object.fromEntries(tools.map((tool) => [tool, toolPath(tool)]));
  const still = tools.filter((tool) => !found[tool]);
  if (still.length > 0) throw new Error(`still missing after install: ${still.join(", ")}`);
  return found as Record<(typeof tools)[number], string>;
}

/** parseYamlDocuments reads a multi-document YAML stream into objects, skipping empty documents. */
export function parseYamlDocuments(text: string): K8sObject[] {
  const parsed = Bun.YAML.parse(text) as unknown;
  // Bun returns an array for a stream of several documents and the bare object for a single one.
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  return docs.filter((doc): doc is K8sObject => doc !== null && typeof doc === "object");
}

export interface Renders {
  validation: CommandResult;
  objects: Record<RenderTarget, K8sObject[]>;
}

/** renderAll runs scripts/k8s-validate.sh once, keeping its renders, and parses them. */
export function renderAll(): Renders {
  const out = mkdtempSync(join(tmpdir(), "taskmesh-k8s-"));
  const validation = run(["bash", "scripts/k8s-validate.sh", "--out", out], 120_000);
  const objects = {} as Record<RenderTarget, K8sObject[]>;
  for (const target of renderTargets) {
    const file = join(out, `${target}.yaml`);
    objects[target] = existsSync(file) ? parseYamlDocuments(readFileSync(file, "utf8")) : [];
  }
  return { validation, objects };
}

/** find returns the one object of a kind and name, or throws naming what is missing. */
export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

/** at walks a path of keys and indexes through a loosely typed object. */
export function at(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
