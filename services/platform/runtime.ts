import { TokenService } from "../../gen/todo/v1/token_service_pb";
import { createActorNames } from "./auth/actor-names";
import { authInterceptor, createTokenVerifier } from "./auth/auth-interceptor";
import { clientAddressInterceptor } from "./auth/client-address-interceptor";
import { loadInternalToken, loadSigningKeys } from "./auth/keys";
import { createPersonalTokenVerifier, followTokenRevocations } from "./auth/personal-tokens";
import { createRevocationList, followRevocations } from "./auth/revocations";
import type { EventBus } from "./bus/event-bus";
import { allTopics, dlqTopic } from "./bus/event-codec";
import { createKafkaBus } from "./bus/kafka-bus";
import { createMemoryBus } from "./bus/memory-bus";
import { type BaseConfig, loadConfig } from "./config";
import { type DatabaseHandle, noDatabase, openDatabase } from "./db/database";
import { createLifecycle } from "./lifecycle";
import { limitsConfigShape } from "./limits";
import { createLogger, type Logger } from "./logger";
import { createMetrics, type Metrics } from "./metrics";
import { type ClientFactory, internalTokenHeader } from "./rpc/clients";
import { deadlineInterceptor, rpcDeadlineMs } from "./rpc/deadline";
import { serverInterceptors } from "./rpc/interceptors";
import { streamLimitInterceptor } from "./rpc/stream-limit";
import type { ServiceDeps, ServiceModule } from "./service";

export interface RuntimeParts {
  config: BaseConfig;
  env: Record<string, string | undefined>;
  logger: Logger;
  metrics: Metrics;
  database: DatabaseHandle;
  bus: EventBus;
}

/** openRuntime opens the logger, metrics, database and event bus a process's services share. */
export async function openRuntime(
  name: string,
  config: RuntimeParts["config"],
  env: Record<string, string | undefined>,
  options: { stateless?: boolean } = {},
): Promise<RuntimeParts> {
  const logger = createLogger(name, config.LOG_LEVEL);
  const metrics = createMetrics();
  const database = options.stateless
    ? noDatabase(name)
    : await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE });
  const bus =
    config.KAFKA_BROKERS && !options.stateless
      ? createKafkaBus({ brokers: config.KAFKA_BROKERS.split(","), clientId: `taskmesh-${name}`, logger, metrics })
      : createMemoryBus({ logger, metrics });
  return { config, env, logger, metrics, database, bus };
}

/** serviceDeps builds the dependencies handed to every service factory. */
export async function serviceDeps(
  parts: RuntimeParts,
  makeClients: (internalToken: string) => ClientFactory,
  shutdownTimeoutMs: number,
): Promise<ServiceDeps> {
  const { config, env, logger } = parts;
  const local = config.TASKMESH_MODE !== "kubernetes";
  const keys = await loadSigningKeys(env, config.DATA_DIR, local);
  const internalToken = loadInternalToken(env, config.DATA_DIR, local);
  const jwt = { issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE };
  const revocations = createRevocationList();
  const clients = makeClients(internalToken);
  // Personal access tokens live in the orchestrator's table; elsewhere they are looked up by RPC (the
  // orchestrator switches its own replicas to a direct read).
  const personalTokens = createPersonalTokenVerifier(
    (secretSha256) =>
      clients
        .client(TokenService, "orchestrator")
        .introspectPersonalAccessToken({ secretSha256 }, { headers: { [internalTokenHeader]: internalToken } }),
    revocations,
  );
  return {
    mode: config.TASKMESH_MODE,
    env,
    dataDir: config.DATA_DIR,
    logger,
    metrics: parts.metrics,
    database: parts.database,
    bus: parts.bus,
    clients,
    lifecycle: createLifecycle(logger, shutdownTimeoutMs),
    keys,
    verifyToken: await createTokenVerifier(keys.publicKeyPem, jwt, revocations),
    revocations,
    personalTokens,
    actorNames: createActorNames(),
    internalToken,
    jwt,
  };
}

/**
 * interceptorsFor is the server chain for a set of modules: the caller's address as a trusted relay
 * names it, then auth (which knows all their public procedures), then the per-user cap on open streams.
 */
export function interceptorsFor(deps: ServiceDeps, modules: ServiceModule[]) {
  const publicProcedures = new Set(modules.flatMap((m) => m.publicProcedures ?? []));
  return serverInterceptors(deps.logger, deps.metrics, [
    deadlineInterceptor(rpcDeadlineMs(deps.env), deps.logger),
    clientAddressInterceptor(deps.internalToken),
    authInterceptor({
      verify: deps.verifyToken,
      personalTokens: deps.personalTokens.verify,
      internalToken: deps.internalToken,
      publicProcedures,
      actorName: deps.actorNames.nameOf,
    }),
    streamLimitInterceptor(loadConfig(limitsConfigShape, deps.env).STREAMS_PER_USER),
  ]);
}

/** moduleServing is what the RPC server of one service's own process takes from its module and dependencies. */
export function moduleServing(deps: ServiceDeps, module: ServiceModule) {
  return {
    logger: deps.logger,
    metrics: deps.metrics,
    interceptors: interceptorsFor(deps, [module]),
    routes: module.routes,
    services: module.services,
    extendHttp: module.extendHttp,
    clientAddress: module.clientAddress,
  };
}

/** prepareModules migrates each module, creates the topics and starts background work. */
export async function prepareModules(deps: ServiceDeps, modules: ServiceModule[]): Promise<void> {
  for (const module of modules) {
    if (module.migrations) await deps.database.migrate(module.migrations.folder, module.migrations.schema);
  }
  await deps.bus.ensureTopics([...allTopics, ...allTopics.map(dlqTopic)]);
  await followRevocations(deps.bus, deps.revocations);
  await followTokenRevocations(deps.bus, deps.revocations, deps.personalTokens.forgetUser);
  for (const module of modules) await module.start?.();
  deps.lifecycle.onStop("database", () => deps.database.close());
  deps.lifecycle.onStop("event bus", () => deps.bus.close());
  for (const module of modules) {
    if (module.stop) deps.lifecycle.onStop(module.appId, () => module.stop!());
  }
}
