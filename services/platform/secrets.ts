/** Variables that may come from the Dapr secret store when not set in the environment. */
export const secretVariables = [
  "DATABASE_URL",
  "KAFKA_BROKERS",
  "SMTP_URL",
  "JWT_PRIVATE_KEY",
  "JWT_PUBLIC_KEY",
  "INTERNAL_TOKEN",
] as const;
export type SecretVariable = (typeof secretVariables)[number];

/** secretKey maps a variable to its secret's name in the store: DATABASE_URL → database-url. */
export const secretKey = (variable: string) => variable.toLowerCase().replaceAll("_", "-");

const everyService: SecretVariable[] = ["JWT_PUBLIC_KEY", "INTERNAL_TOKEN"];
const stateful: SecretVariable[] = [...everyService, "DATABASE_URL", "KAFKA_BROKERS"];

/**
 * serviceSecrets is the one list of which secrets each app reads: the Dapr secret scopes (k8s and
 * k8s/dapr-run, generated from it) allow exactly these, and resolveSecrets asks for nothing else. Only the
 * orchestrator signs tokens, so only it gets JWT_PRIVATE_KEY; only notification sends mail.
 */
export const serviceSecrets: Readonly<Record<string, readonly SecretVariable[]>> = {
  orchestrator: [...stateful, "JWT_PRIVATE_KEY"],
  skills: everyService,
  notification: [...stateful, "SMTP_URL"],
  recurring: stateful,
  audit: stateful,
  webhooks: stateful,
  web: everyService,
  /** the migrations Job (no sidecar on the cluster; it reads database-url straight from its Secret). */
  migrate: ["DATABASE_URL"],
};

/** SecretRefusedError: the sidecar would not hand this app a secret (its scope does not allow it). */
export class SecretRefusedError extends Error {
  constructor(
    readonly secret: string,
    detail: string,
  ) {
    super(`the Dapr sidecar refused secret "${secret}": ${detail}`);
    this.name = "SecretRefusedError";
  }
}

export interface ReadSecretOptions {
  /** The sidecar's HTTP port (DAPR_HTTP_PORT, default 3500). */
  daprHttpPort: string;
  store: string;
  /** How long to wait for a sidecar that is still starting. */
  waitMs?: number;
}

/**
 * readSecret asks the sidecar's secrets API (GET /v1.0/secrets/<store>/<name>) for one secret and returns
 * the value under its own key, or undefined when the store has no such secret. A plain HTTP call, so no
 * SDK writes its own log lines; a sidecar that is not listening yet is retried until `waitMs`.
 */
export async function readSecret(name: string, options: ReadSecretOptions): Promise<string | undefined> {
  const url = `http://127.0.0.1:${options.daprHttpPort}/v1.0/secrets/${encodeURIComponent(options.store)}/${encodeURIComponent(name)}`;
  const deadline = Date.now() + (options.waitMs ?? 30_000);
  for (;;) {
    let response: Response;
    try {
      response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`the Dapr sidecar on port ${options.daprHttpPort} did not answer: ${(error as Error).message}`);
      await Bun.sleep(200);
      continue;
    }
    const body = await response.text();
    if (response.ok) return (JSON.parse(body) as Record<string, string>)[name];
    if (response.status === 403) throw new SecretRefusedError(name, body);
    // local.file answers a missing secret with 500 ERR_SECRET_GET "…not found"; Kubernetes with 500 too.
    if (/not ?found/i.test(body)) return undefined;
    throw new Error(
      `reading secret "${name}" from the Dapr sidecar failed with ${response.status}: ${body.slice(0, 300)}`,
    );
  }
}

/**
 * resolveSecrets fills the app's unset secret variables (serviceSecrets) from the Dapr secret store named
 * by DAPR_SECRET_STORE, through the sidecar: one secret per variable, named in lower-kebab case
 * (DATABASE_URL → database-url). Secrets missing from the store stay unset (config validation names them).
 */
export async function resolveSecrets(
  appId: string,
  env: Record<string, string | undefined>,
): Promise<Record<string, string | undefined>> {
  const store = env.DAPR_SECRET_STORE;
  if (!store) return env;
  const resolved = { ...env };
  for (const variable of serviceSecrets[appId] ?? []) {
    if (resolved[variable]) continue;
    const value = await readSecret(secretKey(variable), { daprHttpPort: env.DAPR_HTTP_PORT ?? "3500", store });
    if (value) resolved[variable] = value;
  }
  return resolved;
}
