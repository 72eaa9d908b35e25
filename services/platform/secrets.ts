import { CommunicationProtocolEnum, DaprClient } from "@dapr/dapr";

/** Variables that may come from the Dapr secret store when not set in the environment. */
export const secretVariables = ["DATABASE_URL", "KAFKA_BROKERS", "SMTP_URL", "JWT_PRIVATE_KEY", "JWT_PUBLIC_KEY", "INTERNAL_TOKEN"] as const;

/** secretKey maps a variable to its key in the store: DATABASE_URL → database-url. */
export const secretKey = (variable: string) => variable.toLowerCase().replaceAll("_", "-");

/**
 * resolveSecrets fills unset secret variables from the Dapr secret store named by DAPR_SECRET_STORE,
 * through the sidecar: one secret (DAPR_SECRET_NAME, default "taskmesh-secrets") whose keys are the
 * variables in lower-kebab case. Keys missing from it stay unset (config validation names them).
 */
export async function resolveSecrets(env: Record<string, string | undefined>): Promise<Record<string, string | undefined>> {
  const store = env.DAPR_SECRET_STORE;
  if (!store) return env;
  const client = new DaprClient({
    daprHost: "127.0.0.1",
    daprPort: env.DAPR_HTTP_PORT ?? "3500",
    communicationProtocol: CommunicationProtocolEnum.HTTP,
  });
  const resolved = { ...env };
  const secret = (await client.secret.get(store, env.DAPR_SECRET_NAME ?? "taskmesh-secrets")) as Record<string, string>;
  for (const variable of secretVariables) {
    const value = secret[secretKey(variable)];
    if (!resolved[variable] && value) resolved[variable] = value;
  }
  return resolved;
}
