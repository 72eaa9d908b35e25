import type { z } from "zod";
import { baseConfigShape, ConfigError, exitOnConfigError, loadConfig } from "./config";
import { limitsOf } from "./limits";
import { dependencyChecks } from "./readiness";
import { createClientFactory } from "./rpc/clients";
import { startRpcServer } from "./rpc/server";
import { moduleServing, openRuntime, prepareModules, serviceDeps } from "./runtime";
import { resolveSecrets } from "./secrets";
import type { ServiceFactory } from "./service";

function loadServiceConfig(env: Record<string, string | undefined>, extraShape: z.ZodRawShape, stateless: boolean) {
  try {
    const config = loadConfig({ ...baseConfigShape, ...extraShape }, env);
    if (config.TASKMESH_MODE !== "embedded" && !stateless) {
      const missing = (["DATABASE_URL", "KAFKA_BROKERS"] as const).filter((name) => !config[name]);
      if (missing.length > 0)
        throw new ConfigError(missing.map((name) => `${name}=(unset): required in ${config.TASKMESH_MODE} mode`));
    }
    return config;
  } catch (error) {
    return exitOnConfigError(error);
  }
}

/**
 * runService starts one service as its own process (stack and Kubernetes modes): validated config,
 * secrets, database, Kafka, migrations, RPC listeners, graceful shutdown.
 */
export async function runService(
  appId: string,
  factory: ServiceFactory,
  extraShape: z.ZodRawShape = {},
  options: { /** stateless services (skills, web) open no database and no event bus. */ stateless?: boolean } = {},
): Promise<void> {
  const stateless = options.stateless ?? false;
  const env = await resolveSecrets(appId, process.env);
  const config = loadServiceConfig(env, extraShape, stateless);
  const parts = await openRuntime(appId, config, env, { stateless });
  const started = Date.now();
  const deps = await serviceDeps(
    parts,
    (internalToken) => createClientFactory({ mode: config.TASKMESH_MODE, env, internalToken }),
    config.SHUTDOWN_TIMEOUT_MS,
  );
  // A service's own config.ts is validated by its factory: a bad value exits 78 like a base variable.
  const module = await factory(deps).catch(exitOnConfigError);
  await prepareModules(deps, [module]);
  const server = await startRpcServer({
    name: appId,
    host: config.HOST,
    port: config.PORT,
    grpcPort: config.GRPC_PORT,
    metricsPort: config.METRICS_PORT,
    limits: limitsOf(config),
    ...moduleServing(deps, module),
    readiness: [...(stateless ? [] : dependencyChecks(deps.database, deps.bus)), ...(module.readiness ?? [])],
  });
  deps.lifecycle.onStop("rpc server", () => server.close());
  deps.logger.info({ ms: Date.now() - started, mode: config.TASKMESH_MODE }, "ready");
}
