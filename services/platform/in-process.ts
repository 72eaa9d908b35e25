import { createRouterTransport, type Interceptor, type Transport } from "@connectrpc/connect";
import { createClientFactory, localPropagation } from "./rpc/clients";
import { startRpcServer, strictJson, type ReadinessCheck, type RpcServer } from "./rpc/server";
import { interceptorsFor, prepareModules, serviceDeps, type RuntimeParts } from "./runtime";
import type { ServiceDeps, ServiceFactory, ServiceModule } from "./service";

/** InProcess is a set of service modules running in one process and calling each other in process. */
export interface InProcess {
  deps: ServiceDeps;
  modules: ServiceModule[];
  interceptors: Interceptor[];
}

/**
 * startInProcess builds every module over shared deps, gives each an in-process Connect transport
 * (same interceptors as the network path: auth, validation, errors), migrates and starts them.
 */
export async function startInProcess(parts: RuntimeParts, factories: ServiceFactory[], shutdownTimeoutMs: number): Promise<InProcess> {
  const local = new Map<string, Transport>();
  const deps = await serviceDeps(parts, (internalToken) => createClientFactory({ mode: "embedded", local, internalToken }), shutdownTimeoutMs);
  const modules = await Promise.all(factories.map((factory) => factory(deps)));
  const interceptors = interceptorsFor(deps, modules);
  for (const module of modules) {
    local.set(
      module.appId,
      createRouterTransport(module.routes, {
        router: { interceptors, jsonOptions: strictJson },
        transport: { interceptors: [localPropagation(deps.internalToken)] },
      }),
    );
  }
  await prepareModules(deps, modules);
  return { deps, modules, interceptors };
}

/** serveInProcess serves all modules on one pair of listeners (HTTP/1.1 and gRPC). */
export function serveInProcess(
  { deps, modules, interceptors }: InProcess,
  listen: { name: string; host: string; port: number; grpcPort: number; readiness?: ReadinessCheck[] },
): Promise<RpcServer> {
  return startRpcServer({
    ...listen,
    logger: deps.logger,
    metrics: deps.metrics,
    interceptors,
    routes: (router) => modules.forEach((m) => m.routes(router)),
    services: modules.flatMap((m) => m.services),
    readiness: [...(listen.readiness ?? []), ...modules.flatMap((m) => m.readiness ?? [])],
    extendHttp: (app) => modules.reduce((acc, m) => (m.extendHttp ? m.extendHttp(acc) : acc), app),
  });
}
