import { createRouterTransport, type Interceptor, type Transport } from "@connectrpc/connect";
import { createClientFactory, localPropagation } from "./rpc/clients";
import { type RpcServer, type RpcServerOptions, startRpcServer, strictJson } from "./rpc/server";
import { interceptorsFor, prepareModules, type RuntimeParts, serviceDeps } from "./runtime";
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
export async function startInProcess(
  parts: RuntimeParts,
  factories: ServiceFactory[],
  shutdownTimeoutMs: number,
): Promise<InProcess> {
  const local = new Map<string, Transport>();
  const deps = await serviceDeps(
    parts,
    (internalToken) => createClientFactory({ mode: "embedded", local, internalToken }),
    shutdownTimeoutMs,
  );
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

/**
 * serveInProcess serves the modules on one set of listeners (HTTP/1.1, gRPC, metrics). With `publicOnly`
 * (embedded mode, whose ports face users) an internal module such as skills is neither served nor
 * reflected there; the other modules still reach it through its in-process transport.
 */
export function serveInProcess(
  { deps, modules, interceptors }: InProcess,
  listen: Pick<RpcServerOptions, "name" | "host" | "port" | "grpcPort" | "metricsPort" | "limits" | "readiness"> & {
    publicOnly?: boolean;
  },
): Promise<RpcServer> {
  const { publicOnly, ...ports } = listen;
  const served = publicOnly ? modules.filter((m) => !m.internal) : modules;
  return startRpcServer({
    ...ports,
    logger: deps.logger,
    metrics: deps.metrics,
    interceptors,
    routes: (router) => {
      for (const m of served) m.routes(router);
    },
    services: served.flatMap((m) => m.services),
    readiness: [...(listen.readiness ?? []), ...modules.flatMap((m) => m.readiness ?? [])],
    extendHttp: (app) => modules.reduce((acc, m) => (m.extendHttp ? m.extendHttp(acc) : acc), app),
    clientAddress: modules.find((m) => m.clientAddress)?.clientAddress,
  });
}
