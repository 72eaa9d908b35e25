import type { DescService } from "@bufbuild/protobuf";
import type { AnyElysia } from "elysia";
import type { ActorNames } from "./auth/actor-names";
import type { TokenVerifier } from "./auth/auth-interceptor";
import type { SigningKeys } from "./auth/keys";
import type { PersonalTokens } from "./auth/personal-tokens";
import type { RevocationList } from "./auth/revocations";
import type { EventBus } from "./bus/event-bus";
import type { RunMode } from "./config";
import type { DatabaseHandle } from "./db/database";
import type { Lifecycle } from "./lifecycle";
import type { Logger } from "./logger";
import type { Metrics } from "./metrics";
import type { ClientFactory } from "./rpc/clients";
import type { ReadinessCheck, Routes } from "./rpc/server";

/** ServiceDeps is everything the runtime hands a service; services import no singletons. */
export interface ServiceDeps {
  mode: RunMode;
  env: Record<string, string | undefined>;
  dataDir: string;
  logger: Logger;
  metrics: Metrics;
  database: DatabaseHandle;
  bus: EventBus;
  clients: ClientFactory;
  lifecycle: Lifecycle;
  keys: SigningKeys;
  verifyToken: TokenVerifier;
  /** revocations is this replica's set of revoked sessions (fed from SessionRevoked events); verifyToken checks it. */
  revocations: RevocationList;
  /** personalTokens verifies personal access tokens (`tm_pat_…`) for the auth interceptor and /mcp. */
  personalTokens: PersonalTokens;
  /** actorNames names the person behind a request for the events it writes (the orchestrator installs the lookup). */
  actorNames: ActorNames;
  internalToken: string;
  jwt: { issuer: string; audience: string };
}

/** ServiceModule is what a service's factory returns: the same shape for every service. */
export interface ServiceModule {
  /** appId is the service's name and Dapr app id. */
  appId: string;
  services: DescService[];
  routes: Routes;
  /**
   * internal services are for other services only: embedded mode neither serves nor reflects them on its
   * public ports (they are reached in process); their own process (stack, Kubernetes) serves them on
   * cluster-internal ports.
   */
  internal?: boolean;
  /** publicProcedures need no token, e.g. "/todo.v1.AuthService/Login". */
  publicProcedures?: string[];
  /** migrations are applied before the service starts. */
  migrations?: { folder: string; schema: string };
  readiness?: ReadinessCheck[];
  extendHttp?: (app: AnyElysia) => AnyElysia;
  /**
   * clientAddress names the caller of an HTTP request from its socket peer and headers, for the
   * per-address call limit (REQUESTS_PER_ADDRESS); the web tier reads the trusted X-Forwarded-For entry.
   */
  clientAddress?: (peer: string, request: Request) => string;
  /** start begins background work (consumers, relays, schedulers) once migrations ran. */
  start?(): Promise<void>;
  /** stop ends background work, letting in-flight work finish. */
  stop?(): Promise<void>;
}

export type ServiceFactory = (deps: ServiceDeps) => Promise<ServiceModule>;
