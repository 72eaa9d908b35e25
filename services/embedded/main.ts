import { baseConfigShape, exitOnConfigError, loadConfig } from "../platform/config";
import { serveInProcess, startInProcess } from "../platform/in-process";
import { limitsOf } from "../platform/limits";
import { openRuntime } from "../platform/runtime";
import { embeddedServices } from "./services";

/**
 * Embedded mode: one process runs every service on PGlite and the in-memory bus, calling each other
 * in process. Port 3000 answers Connect/gRPC-Web and serves the web app; 50051 serves gRPC with reflection.
 */
const started = performance.now();
const config = (() => {
  try {
    return loadConfig(baseConfigShape);
  } catch (error) {
    return exitOnConfigError(error);
  }
})();
const parts = await openRuntime("taskmesh", { ...config, TASKMESH_MODE: "embedded" }, process.env);
// Each service validates its own config.ts as its factory runs: a bad value exits 78 here too.
const running = await startInProcess(parts, embeddedServices, config.SHUTDOWN_TIMEOUT_MS).catch(exitOnConfigError);
const { deps, modules } = running;
const server = await serveInProcess(running, {
  name: "taskmesh",
  host: config.HOST,
  port: config.PORT,
  grpcPort: config.GRPC_PORT,
  metricsPort: config.METRICS_PORT,
  limits: limitsOf(config),
  publicOnly: true,
  readiness: [{ name: "database", check: () => deps.database.ping() }],
});
deps.lifecycle.onStop("rpc server", () => server.close());
deps.logger.info(
  {
    ms: Math.round(performance.now() - started),
    http: server.httpPort,
    grpc: server.grpcPort,
    modules: modules.map((m) => m.appId),
  },
  `taskmesh ready on http://localhost:${server.httpPort} (gRPC ${server.grpcPort})`,
);
