// Renders k8s/base and both overlays (through scripts/k8s-validate.sh, which also validates every
// object against the vendored schemas) and checks the promises the manifests make.
import { beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { recurringConfigShape } from "../services/recurring/config";
import { allows, type Endpoint, egressToOutside } from "./network-policy";
import {
  at,
  ensureTools,
  find,
  type K8sObject,
  list,
  parseYamlDocuments,
  type Renders,
  renderAll,
  renderTargets,
  repoRoot,
  run,
  serviceNames,
} from "./render";
import { schemaFileName } from "./schemas/generate";

let renders: Renders;
let kubeconform: string;

beforeAll(() => {
  kubeconform = ensureTools().kubeconform;
  renders = renderAll();
}, 600_000);

const deployments = (objects: K8sObject[]) => objects.filter((o) => o.kind === "Deployment");
const podSpec = (o: K8sObject) => at(o, "spec", "template", "spec");
const isTaskmeshImage = (image: unknown) => /(^|\/)taskmesh(:|$)/.test(String(image));

describe("rendering and validation", () => {
  test("every target renders and validates against the vendored schemas, offline and strict", () => {
    expect(renders.validation.stderr).toBe("");
    expect(renders.validation.exitCode).toBe(0);
    expect(renders.validation.stdout).toContain("all renders valid");
    for (const target of renderTargets) expect(renders.objects[target].length).toBeGreaterThan(10);
  });

  test("the schemas reject a field the API does not have (strict schemas, not permissive ones)", () => {
    const deployment = structuredClone(find(renders.objects["overlays-cloud"], "Deployment", "web"));
    (at(deployment, "spec", "template", "spec", "containers", 0) as Record<string, unknown>).livenessProbes = {};
    const file = join(mkdtempSync(join(tmpdir(), "taskmesh-bad-")), "bad.yaml");
    writeFileSync(file, Bun.YAML.stringify(deployment));
    const result = run([
      kubeconform,
      "-strict",
      "-schema-location",
      join(repoRoot, "k8s/schemas/{{.ResourceKind}}{{.KindSuffix}}.json"),
      file,
    ]);
    expect(result.exitCode).not.toBe(0);
    expect(result.stdout).toContain("livenessProbes");
  });

  test("every rendered kind has a vendored schema, and the schemas stay small", () => {
    const files = readdirSync(join(repoRoot, "k8s/schemas")).filter((f) => f.endsWith(".json"));
    for (const target of renderTargets) {
      for (const o of renders.objects[target]) expect(files).toContain(schemaFileName(o.apiVersion, o.kind));
    }
    const bytes = files.reduce((sum, f) => sum + statSync(join(repoRoot, "k8s/schemas", f)).size, 0);
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
  });
});

describe.each(renderTargets)("%s: service workloads", (target) => {
  const objects = () => renders.objects[target];

  test("each service has a Deployment, a Service on 8080/50051 and its own ServiceAccount", () => {
    for (const name of serviceNames) {
      const deployment = find(objects(), "Deployment", name);
      expect(at(podSpec(deployment), "serviceAccountName")).toBe(name);
      expect(find(objects(), "ServiceAccount", name)).toBeDefined();
      const ports = list(at(find(objects(), "Service", name), "spec", "ports")).map((p) => at(p, "port"));
      expect(ports).toEqual([8080, 50051]);
      expect(at(deployment, "spec", "selector", "matchLabels", "app.kubernetes.io/name")).toBe(name);
      expect(at(deployment, "spec", "template", "metadata", "labels", "app.kubernetes.io/name")).toBe(name);
    }
  });

  test("every Deployment has probes, requests and limits, non-root, read-only root and no privilege", () => {
    for (const deployment of deployments(objects())) {
      const spec = podSpec(deployment);
      const label = `${target} ${deployment.metadata.name}`;
      const podRunsAsNonRoot = at(spec, "securityContext", "runAsNonRoot") === true;
      expect(at(spec, "securityContext", "seccompProfile", "type"), label).toBe("RuntimeDefault");
      for (const container of [...list(at(spec, "containers")), ...list(at(spec, "initContainers"))]) {
        const name = `${label}/${String(at(container, "name"))}`;
        for (const kind of ["requests", "limits"]) {
          expect(at(container, "resources", kind, "cpu"), `${name} ${kind}.cpu`).toBeDefined();
          expect(at(container, "resources", kind, "memory"), `${name} ${kind}.memory`).toBeDefined();
        }
        expect(podRunsAsNonRoot || at(container, "securityContext", "runAsNonRoot") === true, name).toBe(true);
        expect(at(container, "securityContext", "readOnlyRootFilesystem"), name).toBe(true);
        expect(at(container, "securityContext", "allowPrivilegeEscalation"), name).toBe(false);
        expect(at(container, "securityContext", "capabilities", "drop"), name).toEqual(["ALL"]);
      }
      for (const container of list(at(spec, "containers"))) {
        expect(at(container, "livenessProbe"), `${label} liveness`).toBeDefined();
        expect(at(container, "readinessProbe"), `${label} readiness`).toBeDefined();
      }
    }
  });

  test("taskmesh pods: Dapr annotations match the app, probes hit /healthz and /readyz on 8080, uid 10001", () => {
    const services = deployments(objects()).filter((d) => isTaskmeshImage(at(podSpec(d), "containers", 0, "image")));
    expect(services.map((d) => d.metadata.name).sort()).toEqual([...serviceNames].sort());
    for (const deployment of services) {
      const name = deployment.metadata.name;
      const annotations = (at(deployment, "spec", "template", "metadata", "annotations") ?? {}) as Record<
        string,
        string
      >;
      expect(annotations["dapr.io/enabled"]).toBe("true");
      expect(annotations["dapr.io/app-id"]).toBe(name);
      expect(annotations["dapr.io/app-port"]).toBe("50051");
      expect(annotations["dapr.io/app-protocol"]).toBe("grpc");
      expect(annotations["dapr.io/config"]).toBe(name);
      expect(annotations["prometheus.io/port"]).toBe("9464");
      expect(annotations["dapr.io/log-as-json"]).toBe("true");
      expect(annotations["dapr.io/metrics-port"]).toBeDefined();
      const spec = podSpec(deployment);
      const app = at(spec, "containers", 0);
      expect(at(app, "args")).toEqual([`services/${name}/main.ts`]);
      expect(at(app, "livenessProbe", "httpGet", "path")).toBe("/healthz");
      expect(at(app, "readinessProbe", "httpGet", "path")).toBe("/readyz");
      const ports = Object.fromEntries(list(at(app, "ports")).map((p) => [at(p, "name"), at(p, "containerPort")]));
      expect(ports).toEqual({ http: 8080, grpc: 50051, metrics: 9464 });
      expect(at(app, "livenessProbe", "httpGet", "port")).toBe("http");
      expect(at(spec, "securityContext", "runAsUser")).toBe(10001);
      const mounts = list(at(app, "volumeMounts")).map((m) => at(m, "mountPath"));
      expect(mounts).toContain("/tmp");
      expect(mounts).toContain("/app/.data");
      expect(list(at(spec, "topologySpreadConstraints")).length).toBeGreaterThan(0);
      const config = list(at(app, "envFrom")).map((e) => String(at(e, "configMapRef", "name")));
      expect(config.some((n) => n.startsWith("taskmesh-config"))).toBe(true);
    }
  });

  test("orchestrator and skills read the prompts from the ConfigMap at PROMPTS_DIR", () => {
    const prompts = objects().find((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("taskmesh-prompts"))!;
    expect(Object.keys(prompts.data ?? {}).length).toBe(8);
    for (const name of ["orchestrator", "skills"]) {
      const spec = podSpec(find(objects(), "Deployment", name));
      const env = list(at(spec, "containers", 0, "env"));
      expect(env.find((e) => at(e, "name") === "PROMPTS_DIR")).toEqual({
        name: "PROMPTS_DIR",
        value: "/etc/taskmesh/prompts",
      });
      const volume = list(at(spec, "volumes")).find((v) => at(v, "name") === "prompts");
      expect(at(volume, "configMap", "name")).toBe(prompts.metadata.name);
      const paths = list(at(volume, "configMap", "items")).map((i) => at(i, "path"));
      expect(paths).toContain("system/global.md");
      expect(paths).toContain("skills/intent/detect-intent.md");
      for (const item of list(at(volume, "configMap", "items")))
        expect(Object.keys(prompts.data!)).toContain(String(at(item, "key")));
    }
  });

  test("the migrations Job runs scripts/migrate.ts once, without a Dapr sidecar", () => {
    const job = find(objects(), "Job", "migrate");
    expect(at(job, "spec", "template", "metadata", "annotations", "dapr.io/enabled")).toBe("false");
    expect(at(podSpec(job), "containers", 0, "args")).toEqual(["scripts/migrate.ts"]);
    expect(at(podSpec(job), "restartPolicy")).toBe("Never");
    expect(at(podSpec(job), "securityContext", "runAsNonRoot")).toBe(true);
  });

  test("everything lives in the taskmesh namespace", () => {
    for (const o of objects())
      if (o.kind !== "Namespace") expect(o.metadata.namespace, `${o.kind} ${o.metadata.name}`).toBe("taskmesh");
  });
});

describe.each(["overlays-local", "overlays-cloud"] as const)("%s: Dapr component", (target) => {
  const objects = () => renders.objects[target];

  test("a Configuration per app: metrics, deny-by-default access control, a secret scope of its own", () => {
    for (const name of serviceNames) {
      const config = find(objects(), "Configuration", name);
      expect(at(config, "spec", "metrics", "enabled")).toBe(true);
      expect(at(config, "spec", "accessControl", "defaultAction")).toBe("deny");
      expect(at(config, "spec", "secrets", "scopes", 0, "defaultAccess")).toBe("deny");
      expect(at(config, "spec", "secrets", "scopes", 0, "storeName")).toBe("taskmesh-secrets");
    }
    // only the orchestrator signs tokens
    const holders = serviceNames.filter((name) =>
      list(at(find(objects(), "Configuration", name), "spec", "secrets", "scopes", 0, "allowedSecrets")).includes(
        "jwt-private-key",
      ),
    );
    expect(holders).toEqual(["orchestrator"]);
  });

  test("tracing only where a collector is configured (the cloud overlay's observability namespace)", () => {
    for (const name of serviceNames) {
      const tracing = at(find(objects(), "Configuration", name), "spec", "tracing");
      if (target === "overlays-local") expect(tracing, name).toBeUndefined();
      else
        expect(at(tracing, "otel", "endpointAddress"), name).toBe(
          "otel-collector.observability.svc.cluster.local:4317",
        );
    }
  });

  test("the secret store reads Kubernetes secrets; each service account may get exactly its own Secrets", () => {
    const store = find(objects(), "Component", "taskmesh-secrets");
    expect(at(store, "spec", "type")).toBe("secretstores.kubernetes");
    expect([...(store.scopes ?? [])].sort()).toEqual([...serviceNames].sort());
    for (const name of serviceNames) {
      const role = find(objects(), "Role", `${name}-secrets`);
      const allowed = list(
        at(find(objects(), "Configuration", name), "spec", "secrets", "scopes", 0, "allowedSecrets"),
      );
      expect(at(role, "rules", 0, "resourceNames")).toEqual(allowed);
      expect(at(role, "rules", 0, "verbs")).toEqual(["get"]);
      expect(list(at(find(objects(), "RoleBinding", `${name}-secrets`), "subjects")).map((s) => at(s, "name"))).toEqual(
        [name],
      );
      expect(find(objects(), "ServiceAccount", name).automountServiceAccountToken).toBe(true);
    }
    expect(find(objects(), "ServiceAccount", "migrate").automountServiceAccountToken).toBe(false);
  });

  test("no state store (no code uses one) and no pub/sub component", () => {
    const types = objects()
      .filter((o) => o.kind === "Component")
      .map((o) => String(at(o, "spec", "type")));
    expect(types).toEqual(["secretstores.kubernetes"]);
  });

  test("Resiliency: retries only on UNAVAILABLE, no Dapr circuit breakers, budgets inside the callers' deadlines", () => {
    const seconds = (d: unknown) => {
      const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(String(d));
      if (!m) throw new Error(`unparsed duration ${String(d)}`);
      return Number(m[1]) / (m[2] === "ms" ? 1000 : 1);
    };
    const all = objects().filter((o) => o.kind === "Resiliency");
    expect(all.map((r) => r.metadata.name).sort()).toEqual(["taskmesh", "taskmesh-recurring"]);
    for (const resiliency of all) {
      expect(at(resiliency, "spec", "policies", "circuitBreakers")).toBeUndefined();
      for (const retry of Object.values(
        (at(resiliency, "spec", "policies", "retries") ?? {}) as Record<string, unknown>,
      )) {
        expect(at(retry, "matching", "gRPCStatusCodes")).toBe("14");
      }
    }
    const scopes = all.flatMap((r) => r.scopes ?? []).sort();
    expect(scopes).toEqual(["notification", "orchestrator", "recurring", "web"]);
    // recurring -> skills: every attempt and every wait must fit in recurring's SKILLS_TIMEOUT_MS (2 s)
    const recurring = find(objects(), "Resiliency", "taskmesh-recurring");
    const policy = at(recurring, "spec", "targets", "apps", "skills");
    const retry = at(recurring, "spec", "policies", "retries", String(at(policy, "retry")));
    const attempts = Number(at(retry, "maxRetries")) + 1;
    const budget =
      attempts * seconds(at(recurring, "spec", "policies", "timeouts", String(at(policy, "timeout")))) +
      (attempts - 1) * seconds(at(retry, "duration"));
    expect(budget).toBeLessThanOrEqual(Number(recurringConfigShape.SKILLS_TIMEOUT_MS.parse(undefined)) / 1000);
  });
});

describe("local overlay", () => {
  const objects = () => renders.objects["overlays-local"];

  test("Kafka (KRaft) and Postgres are StatefulSets with volume claims; web is on NodePort 30080", () => {
    for (const name of ["kafka", "postgres"]) {
      expect(list(at(find(objects(), "StatefulSet", name), "spec", "volumeClaimTemplates")).length).toBe(1);
    }
    const kafkaEnv = list(at(podSpec(find(objects(), "StatefulSet", "kafka")), "containers", 0, "env"));
    expect(kafkaEnv.find((e) => at(e, "name") === "KAFKA_PROCESS_ROLES")).toMatchObject({ value: "broker,controller" });
    const web = find(objects(), "Service", "web");
    expect(at(web, "spec", "type")).toBe("NodePort");
    expect(at(web, "spec", "ports", 0, "nodePort")).toBe(30080);
    expect(list(at(find(objects(), "Deployment", "ollama"), "spec", "template", "spec", "initContainers")).length).toBe(
      1,
    );
    expect(find(objects(), "Deployment", "mailpit")).toBeDefined();
  });

  test("web trusts no X-Forwarded-For: NodePort traffic reaches it without a proxy that appends one", () => {
    const env = list(at(podSpec(find(objects(), "Deployment", "web")), "containers", 0, "env"));
    expect(env.find((e) => at(e, "name") === "TRUSTED_PROXY_HOPS")).toBeUndefined();
  });

  test("the image is the locally built taskmesh:dev", () => {
    for (const name of serviceNames)
      expect(at(podSpec(find(objects(), "Deployment", name)), "containers", 0, "image")).toBe("taskmesh:dev");
  });
});

describe("cloud overlay", () => {
  const objects = () => renders.objects["overlays-cloud"];
  const pod = (name: string): Endpoint => ({
    namespace: "taskmesh",
    labels: { "app.kubernetes.io/name": name, "app.kubernetes.io/part-of": "taskmesh" },
  });
  const ingressNginx: Endpoint = { namespace: "ingress-nginx", labels: { "app.kubernetes.io/name": "ingress-nginx" } };

  test("each service scales from at least 2 replicas (HPA owns the count) and has a disruption budget", () => {
    for (const name of serviceNames) {
      const hpa = find(objects(), "HorizontalPodAutoscaler", name);
      expect(Number(at(hpa, "spec", "minReplicas"))).toBeGreaterThanOrEqual(2);
      expect(at(hpa, "spec", "scaleTargetRef", "name")).toBe(name);
      expect(at(find(objects(), "Deployment", name), "spec", "replicas")).toBeUndefined();
      expect(
        at(find(objects(), "PodDisruptionBudget", name), "spec", "selector", "matchLabels", "app.kubernetes.io/name"),
      ).toBe(name);
    }
  });

  test("Ingress: TLS through cert-manager, / to web, /mcp and /verify-email to the orchestrator, connections per address bounded", () => {
    const ingress = find(objects(), "Ingress", "taskmesh");
    expect(at(ingress, "metadata", "annotations", "cert-manager.io/cluster-issuer")).toBeDefined();
    expect(list(at(ingress, "spec", "tls")).length).toBe(1);
    const routes = Object.fromEntries(
      list(at(ingress, "spec", "rules", 0, "http", "paths")).map((p) => [
        at(p, "path"),
        at(p, "backend", "service", "name"),
      ]),
    );
    expect(routes).toEqual({ "/": "web", "/mcp": "orchestrator", "/verify-email": "orchestrator" });
    // The verification page exactly (its link carries a query); anything else under it is the app's.
    const verify = list(at(ingress, "spec", "rules", 0, "http", "paths")).find(
      (p) => at(p, "path") === "/verify-email",
    );
    expect(at(verify, "pathType")).toBe("Exact");
    expect(Number(at(ingress, "metadata", "annotations", "nginx.ingress.kubernetes.io/limit-connections"))).toBe(100);
  });

  test("web takes the browser's address from the one proxy in front of it, the ingress controller", () => {
    const env = list(at(podSpec(find(objects(), "Deployment", "web")), "containers", 0, "env"));
    expect(env.find((e) => at(e, "name") === "TRUSTED_PROXY_HOPS")).toEqual({ name: "TRUSTED_PROXY_HOPS", value: "1" });
    for (const name of serviceNames.filter((n) => n !== "web")) {
      const others = list(at(podSpec(find(objects(), "Deployment", name)), "containers", 0, "env"));
      expect(
        others.find((e) => at(e, "name") === "TRUSTED_PROXY_HOPS"),
        name,
      ).toBeUndefined();
    }
  });

  test("the image comes from GHCR by an explicit tag, never latest", () => {
    for (const name of serviceNames) {
      const image = String(at(podSpec(find(objects(), "Deployment", name)), "containers", 0, "image"));
      expect(image).toStartWith("ghcr.io/");
      expect(image).not.toEndWith(":latest");
      expect(image).toContain(":");
    }
  });

  test("network policies: default deny, and only the paths taskmesh uses", () => {
    expect(find(objects(), "NetworkPolicy", "default-deny").spec?.podSelector).toEqual({});
    const o = objects();
    // from the ingress controller
    expect(allows(o, ingressNginx, pod("web"), 8080)).toBe(true);
    expect(allows(o, ingressNginx, pod("orchestrator"), 8080)).toBe(true);
    expect(allows(o, ingressNginx, pod("skills"), 8080)).toBe(false);
    expect(allows(o, ingressNginx, pod("audit"), 8080)).toBe(false);
    // sidecar to sidecar
    // every pair is checked against the code's calls in k8s/calls.test.ts; these are the ones issue 17 found
    const paths: Array<[string, string, boolean]> = [
      ["web", "orchestrator", true],
      ["notification", "orchestrator", true],
      ["recurring", "skills", true],
      ["web", "skills", false],
      ["skills", "orchestrator", false],
      ["audit", "orchestrator", false],
    ];
    for (const [from, to, allowed] of paths)
      expect(allows(o, pod(from), pod(to), 50002), `${from} -> ${to}`).toBe(allowed);
    // no app port is open between pods: only the sidecars talk
    expect(allows(o, pod("web"), pod("orchestrator"), 50051)).toBe(false);
    // outside the cluster
    for (const name of serviceNames) expect(egressToOutside(o, pod(name), 5432), name).toBe(true);
    expect(egressToOutside(o, pod("notification"), 587)).toBe(true);
    expect(egressToOutside(o, pod("web"), 587)).toBe(false);
    expect(egressToOutside(o, pod("webhooks"), 443)).toBe(true);
    expect(egressToOutside(o, pod("migrate"), 5432)).toBe(true);
    expect(egressToOutside(o, pod("migrate"), 9092)).toBe(false);
    const ollama: Endpoint = { namespace: "ollama", labels: { "app.kubernetes.io/name": "ollama" } };
    expect(allows(o, pod("skills"), ollama, 11434)).toBe(true);
    expect(allows(o, pod("orchestrator"), ollama, 11434)).toBe(false);
  });
});

describe("no secrets in the repository", () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  const yamlFiles = files(join(repoRoot, "k8s")).filter((f) => /\.ya?ml$/.test(f));

  test("no Secret object with data, and no secretGenerator, anywhere under k8s/", () => {
    for (const file of yamlFiles) {
      for (const doc of parseYamlDocuments(readFileSync(file, "utf8"))) {
        const where = relative(repoRoot, file);
        expect(doc.kind === "Secret" && (doc.data !== undefined || doc.stringData !== undefined), where).toBe(false);
        expect(doc.secretGenerator, where).toBeUndefined();
      }
    }
    for (const target of renderTargets) expect(renders.objects[target].filter((o) => o.kind === "Secret")).toEqual([]);
  });

  test("no private key or credential-looking literal in manifests, workflows or dapr.yaml", () => {
    const candidates = [...yamlFiles, ...files(join(repoRoot, ".github")), join(repoRoot, "dapr.yaml")];
    for (const file of candidates) {
      const text = readFileSync(file, "utf8");
      expect(text, relative(repoRoot, file)).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
      expect(text, relative(repoRoot, file)).not.toMatch(/postgres(ql)?:\/\/[^:\s/]+:[^@\s]+@/);
    }
  });
});
