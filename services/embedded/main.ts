import { createRouterTransport, type Transport } from "@connectrpc/connect";
import { baseConfigShape, exitOnConfigError, loadConfig } from "../platform/config";
import { createClientFactory, localPropagation } from "../platform/rpc/clients";
import { strictJson, startRpcServer } from "../platform/rpc/server";
import { interceptorsFor, jwtConfigShape, openRuntime, prepareModules, serviceDeps } from "../platform/runtime";
import { embeddedServices } from "./services";

/**
 * Embedded mode: one process runs every service on PGlite and the in-memory bus, calling each other
 * in process. Port 3000 answers Connect/gRPC-Web and serves the web app; 50051 serves gRPC with reflection.
 */
const started = performance.now();
const config = (() => {
  try {
    return loadConfig({ ...baseConfigShape, ...jwtConfigShape });
  } catch (error) {
    return exitOnConfigError(error);
  }
})();
const env = process.env;
const parts = await openRuntime("taskmesh", { ...config, TASKMESH_MODE: "embedded" }, env);
const local = new Map<string, Transport>();
const deps = await serviceDeps(
  parts,
  (internalToken) => createClientFactory({ mode: "embedded", local, internalToken }),
  config.SHUTDOWN_TIMEOUT_MS,
);
const modules = await Promise.all(embeddedServices.map((factory) => factory(deps)));
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
const server = await startRpcServer({
  name: "taskmesh",
  host: config.HOST,
  port: config.PORT,
  grpcPort: config.GRPC_PORT,
  logger: deps.logger,
  metrics: deps.metrics,
  interceptors,
  routes: (router) => {
    for (const module of modules) module.routes(router);
  },
  services: modules.flatMap((m) => m.services),
  readiness: [{ name: "database", check: () => deps.database.ping() }, ...modules.flatMap((m) => m.readiness ?? [])],
  extendHttp: (app) => modules.reduce((acc, m) => (m.extendHttp ? m.extendHttp(acc) : acc), app),
});
deps.lifecycle.onStop("rpc server", () => server.close());
deps.logger.info(
  { ms: Math.round(performance.now() - started), http: server.httpPort, grpc: server.grpcPort, modules: modules.map((m) => m.appId) },
  `taskmesh ready on http://localhost:${server.httpPort} (gRPC ${server.grpcPort})`,
);
