import { createClient, type Transport } from "@connectrpc/connect";
import { type AnyElysia, Elysia } from "elysia";
import { createLogger } from "../../platform/logger";
import type { ClientFactory } from "../../platform/rpc/clients";
import type { ServiceDeps } from "../../platform/service";
import type { AppBundle } from "../server/app-bundle";
import { webFactory } from "../web";

const index = new TextEncoder().encode("<!doctype html><title>taskmesh app</title>");
const bundle: AppBundle = {
  hash: "h",
  index: { urlPath: "/index.html", body: index, contentType: "text/html; charset=utf-8", immutable: false },
  files: new Map(),
  scripts: { entry: "/assets/main.js", initial: ["/assets/main.js"], lazy: [] },
  fromCache: true,
  ms: 0,
};

/**
 * WebRoutes serves web's HTTP routes on a listening Elysia app, its calls to other services going to a stand-in
 * `orchestrator` transport. Listening, as the server does, because Bun's router (static paths before wildcards)
 * then picks the route; Elysia's in-memory `handle` would let the app's `/*` win.
 */
export class WebRoutes {
  private readonly listening: AnyElysia[] = [];

  /** start returns a fetch of a path on a new listening app. */
  async start(options: {
    orchestrator: Transport;
    mode?: ServiceDeps["mode"];
    env?: Record<string, string>;
    internalToken?: string;
  }): Promise<(path: string, headers?: Record<string, string>) => Promise<Response>> {
    const deps = {
      mode: options.mode ?? "stack",
      clients: { client: (service) => createClient(service, options.orchestrator) } as ClientFactory,
      logger: createLogger("web-test", "silent"),
      dataDir: "/nonexistent",
      env: options.env ?? {},
      internalToken: options.internalToken ?? "service-credential",
    } as unknown as ServiceDeps;
    const module = await webFactory({ bundle: async () => bundle })(deps);
    const app = module.extendHttp!(new Elysia()).listen({ hostname: "127.0.0.1", port: 0 });
    this.listening.push(app);
    return (path, headers = {}) => fetch(`http://127.0.0.1:${app.server!.port}${path}`, { headers });
  }

  /** stop closes every app started. */
  async stop(): Promise<void> {
    await Promise.all(this.listening.map((app) => app.stop(true)));
  }
}
