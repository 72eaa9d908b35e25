import type { Metrics } from "../metrics";
import { apiResponseHeaders } from "./response-headers";

/** A running metrics listener. */
export interface MetricsListener {
  port: number;
  close(): Promise<void>;
}

/**
 * startMetricsListener serves Prometheus `/metrics`, and `/healthz` and `/readyz` beside it, on a port of
 * its own (METRICS_PORT), so the public ports never expose metrics; Kubernetes keeps it cluster-internal.
 */
export function startMetricsListener(options: {
  host: string;
  port: number;
  metrics: Metrics;
  healthz: () => unknown;
  readyz: () => Promise<{ ok: boolean }>;
}): MetricsListener {
  const json = (body: unknown, status = 200) => Response.json(body, { status, headers: apiResponseHeaders });
  const server = Bun.serve({
    hostname: options.host,
    port: options.port,
    async fetch(request) {
      switch (new URL(request.url).pathname) {
        case "/metrics":
          return new Response(await options.metrics.registry.metrics(), {
            headers: { ...apiResponseHeaders, "content-type": options.metrics.registry.contentType },
          });
        case "/healthz":
          return json(options.healthz());
        case "/readyz": {
          const result = await options.readyz();
          return json(result, result.ok ? 200 : 503);
        }
        default:
          return new Response("not found", { status: 404 });
      }
    },
  });
  return {
    port: server.port ?? options.port,
    close: () => server.stop(true),
  };
}
