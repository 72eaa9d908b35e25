// Generates the JSON schemas kubeconform validates our manifests against, offline.
//
// Sources are fetched as Go modules (the only registry that carries them):
//   - k8s.io/kubernetes  -> api/openapi-spec/v3/*.json (the API server's published OpenAPI v3)
//   - github.com/dapr/dapr -> charts/dapr/crds/*.yaml (the Dapr CRDs with their openAPIV3Schema)
// Only the kinds we render are written, as standalone strict schemas named the way kubeconform's
// `{{.ResourceKind}}{{.KindSuffix}}.json` template expects (deployment-apps-v1.json, component-dapr-v1alpha1.json).
//
// Run: bun k8s/schemas/generate.ts   (needs `go` on PATH; writes next to this file)
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const KUBERNETES_MODULE = "k8s.io/kubernetes@v1.36.3";
const DAPR_MODULE = "github.com/dapr/dapr@v1.18.0";

/** The kinds our manifests render; add one here when a manifest starts using a new kind. */
const KINDS: ReadonlyArray<{ apiVersion: string; kind: string }> = [
  { apiVersion: "v1", kind: "Namespace" },
  { apiVersion: "v1", kind: "ServiceAccount" },
  { apiVersion: "v1", kind: "Service" },
  { apiVersion: "v1", kind: "ConfigMap" },
  { apiVersion: "v1", kind: "Secret" },
  { apiVersion: "v1", kind: "PersistentVolumeClaim" },
  { apiVersion: "apps/v1", kind: "Deployment" },
  { apiVersion: "apps/v1", kind: "StatefulSet" },
  { apiVersion: "batch/v1", kind: "Job" },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role" },
  { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding" },
  { apiVersion: "networking.k8s.io/v1", kind: "Ingress" },
  { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy" },
  { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler" },
  { apiVersion: "policy/v1", kind: "PodDisruptionBudget" },
  { apiVersion: "dapr.io/v1alpha1", kind: "Configuration" },
  { apiVersion: "dapr.io/v1alpha1", kind: "Component" },
  { apiVersion: "dapr.io/v1alpha1", kind: "Resiliency" },
];

type Schema = Record<string, unknown>;

// Keys that only document or drive server-side behaviour; dropping them keeps the vendored files small.
const DROPPED_KEYS = new Set(["description", "default", "format", "example"]);

function moduleDir(module: string): string {
  const run = Bun.spawnSync(["go", "mod", "download", "-json", module], { stderr: "pipe" });
  const info = JSON.parse(run.stdout.toString()) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download ${module} failed: ${info.Error ?? run.stderr.toString()}`);
  return info.Dir;
}

/** kubeconform's KindSuffix: "-" + first label of the group (or the version for core) + "-" + version. */
export function schemaFileName(apiVersion: string, kind: string): string {
  const [groupOrVersion, version] = apiVersion.split("/");
  const suffix = version === undefined ? `-${groupOrVersion}` : `-${groupOrVersion!.split(".")[0]}-${version}`;
  return `${kind.toLowerCase()}${suffix.toLowerCase()}.json`;
}

/** Inlines every $ref, so the schema stands alone, and closes objects so unknown fields fail (kubeconform -strict). */
function standalone(node: unknown, resolve: (ref: string) => Schema, path: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) return node.map((item) => standalone(item, resolve, path));
  if (node === null || typeof node !== "object") return node;
  const source = node as Schema;
  if (typeof source.$ref === "string") {
    // Recursive types (only JSONSchemaProps, which we never render) stay open instead of looping.
    if (path.has(source.$ref)) return {};
    return standalone(resolve(source.$ref), resolve, new Set([...path, source.$ref]));
  }
  const allOf = source.allOf;
  if (Array.isArray(allOf) && allOf.length === 1) return standalone(allOf[0], resolve, path);

  const out: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED_KEYS.has(key) || key.startsWith("x-kubernetes-") && key !== "x-kubernetes-preserve-unknown-fields") {
      continue;
    }
    if (key === "properties") {
      const properties: Schema = {};
      for (const [name, property] of Object.entries(value as Schema)) {
        properties[name] = standalone(property, resolve, path);
      }
      out.properties = properties;
    } else {
      out[key] = standalone(value, resolve, path);
    }
  }
  if (source["x-kubernetes-int-or-string"] === true) {
    delete out["x-kubernetes-int-or-string"];
    out.oneOf = [{ type: "integer" }, { type: "string" }];
  }
  if (source.nullable === true && typeof out.type === "string") {
    out.type = [out.type, "null"];
    delete out.nullable;
  }
  const open = source["x-kubernetes-preserve-unknown-fields"] === true;
  delete out["x-kubernetes-preserve-unknown-fields"];
  if (out.properties !== undefined && out.additionalProperties === undefined && !open) {
    out.additionalProperties = false;
  }
  return out;
}

function pinKind(schema: Schema, apiVersion: string, kind: string, source: string): Schema {
  const properties = { ...(schema.properties as Schema) };
  properties.apiVersion = { type: "string", enum: [apiVersion] };
  properties.kind = { type: "string", enum: [kind] };
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    $comment: `generated by k8s/schemas/generate.ts from ${source}`,
    ...schema,
    properties,
    required: [...new Set([...((schema.required as string[] | undefined) ?? []), "apiVersion", "kind"])],
  };
}

function kubernetesSchema(specDir: string, apiVersion: string, kind: string): Schema {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const file = group === "" ? `api__${version}_openapi.json` : `apis__${group}__${version}_openapi.json`;
  const spec = JSON.parse(readFileSync(join(specDir, file), "utf8")) as { components: { schemas: Record<string, Schema> } };
  const schemas = spec.components.schemas;
  const entry = Object.entries(schemas).find(([, s]) => {
    const gvks = (s["x-kubernetes-group-version-kind"] ?? []) as Array<{ group: string; version: string; kind: string }>;
    return gvks.some((g) => g.group === group && g.version === version && g.kind === kind);
  });
  if (!entry) throw new Error(`no schema for ${apiVersion} ${kind} in ${file}`);
  const resolve = (ref: string): Schema => {
    const resolved = schemas[ref.replace("#/components/schemas/", "")];
    if (!resolved) throw new Error(`unresolved ${ref}`);
    return resolved;
  };
  return standalone(entry[1], resolve, new Set([entry[0]])) as Schema;
}

function daprSchema(crdDir: string, apiVersion: string, kind: string): Schema {
  const [group, version] = apiVersion.split("/");
  for (const file of readdirSync(crdDir).filter((f) => f.endsWith(".yaml"))) {
    const parsed = Bun.YAML.parse(readFileSync(join(crdDir, file), "utf8")) as unknown;
    const docs = (Array.isArray(parsed) ? parsed : [parsed]) as Array<Schema | null>;
    for (const doc of docs) {
      const spec = doc?.spec as { group: string; names: { kind: string }; versions: Array<{ name: string; schema: { openAPIV3Schema: Schema } }> } | undefined;
      if (!spec || spec.group !== group || spec.names.kind !== kind) continue;
      const served = spec.versions.find((v) => v.name === version);
      if (!served) throw new Error(`${kind} has no version ${version} in ${file}`);
      return standalone(served.schema.openAPIV3Schema, (ref) => {
        throw new Error(`unexpected $ref ${ref} in CRD ${file}`);
      }, new Set()) as Schema;
    }
  }
  throw new Error(`no CRD for ${apiVersion} ${kind} in ${crdDir}`);
}

function main(): void {
  const outDir = import.meta.dir;
  const specDir = join(moduleDir(KUBERNETES_MODULE), "api/openapi-spec/v3");
  const crdDir = join(moduleDir(DAPR_MODULE), "charts/dapr/crds");
  for (const old of readdirSync(outDir).filter((f) => f.endsWith(".json"))) rmSync(join(outDir, old));
  for (const { apiVersion, kind } of KINDS) {
    const isDapr = apiVersion.startsWith("dapr.io/");
    const raw = isDapr ? daprSchema(crdDir, apiVersion, kind) : kubernetesSchema(specDir, apiVersion, kind);
    const source = isDapr ? `${DAPR_MODULE} charts/dapr/crds` : `${KUBERNETES_MODULE} api/openapi-spec/v3`;
    const file = join(outDir, schemaFileName(apiVersion, kind));
    writeFileSync(file, `${JSON.stringify(pinKind(raw, apiVersion, kind, source))}\n`);
    console.log(`wrote ${file}`);
  }
}

if (import.meta.main) main();
