import { join } from "node:path";
import { AuditService } from "../../gen/todo/v1/audit_service_pb";
import { AuthService } from "../../gen/todo/v1/auth_service_pb";
import { CalendarService } from "../../gen/todo/v1/calendar_service_pb";
import { ChatService } from "../../gen/todo/v1/chat_service_pb";
import { CommentService } from "../../gen/todo/v1/comment_service_pb";
import { FilterService } from "../../gen/todo/v1/filter_service_pb";
import { NotificationService } from "../../gen/todo/v1/notification_service_pb";
import { ProjectService } from "../../gen/todo/v1/project_service_pb";
import { ShareService } from "../../gen/todo/v1/share_service_pb";
import { TaskService } from "../../gen/todo/v1/task_service_pb";
import { TokenService } from "../../gen/todo/v1/token_service_pb";
import { TransferService } from "../../gen/todo/v1/transfer_service_pb";
import { WebhookService } from "../../gen/todo/v1/webhook_service_pb";
import { publicProcedures } from "../../vocabulary/public-procedures";
import type { ServiceDeps, ServiceFactory, ServiceModule } from "../platform/service";
import { loadWebConfig } from "./config";
import { type AppBundle, buildAppBundle } from "./server/app-bundle";
import { calendarFeedRelay } from "./server/calendar-feed-relay";
import { clientAddress } from "./server/client-address";
import { type ProxiedService, proxyRoutes } from "./server/rpc-proxy";
import { appRoutes } from "./server/static-files";
import { verifyEmailRelay } from "./server/verify-email-relay";

/** The public services the browser calls, under the app that owns them. */
const servicesByApp = {
  orchestrator: [
    AuthService,
    TaskService,
    ChatService,
    FilterService,
    ProjectService,
    ShareService,
    CommentService,
    TokenService,
    CalendarService,
    TransferService,
  ],
  notification: [NotificationService],
  audit: [AuditService],
  webhooks: [WebhookService],
};
const publicServices: ProxiedService[] = Object.entries(servicesByApp).flatMap(([appId, services]) =>
  services.map((service) => ({ service, appId })),
);

export interface WebOptions {
  /** bundle builds or loads the app; tests replace it to skip the build. */
  bundle?: (deps: ServiceDeps) => Promise<AppBundle>;
}

/**
 * webFactory builds the web service. Embedded mode serves the app beside the other services, which
 * answer RPC on the same port. Stack and Kubernetes modes also forward every public RPC to its owner,
 * so the browser talks to one origin.
 */
export function webFactory(options: WebOptions = {}): ServiceFactory {
  return async (deps) => {
    const logger = deps.logger.child({ app: "web" });
    const bundle = (options.bundle ?? ((d: ServiceDeps) => buildAppBundle(join(d.dataDir, "web"))))(deps);
    bundle.then(
      (built) =>
        logger.info(
          { ms: built.ms, hash: built.hash, reused: built.fromCache, files: built.files.size },
          "web app ready",
        ),
      (error: unknown) => logger.error({ err: error }, "web app build failed"),
    );
    const config = loadWebConfig(deps.env);
    const forwards = deps.mode !== "embedded";
    const trust = { internalToken: deps.internalToken, trustedProxyHops: config.TRUSTED_PROXY_HOPS };
    const module: ServiceModule = {
      appId: "web",
      services: forwards ? publicServices.map((p) => p.service) : [],
      routes: forwards ? proxyRoutes(deps.clients, publicServices, trust) : () => undefined,
      publicProcedures: forwards ? [...publicProcedures] : [],
      // Where web fronts the services, the mailed verification link and calendar feed URLs reach the orchestrator
      // through it.
      extendHttp: forwards
        ? (app) => appRoutes(bundle)(verifyEmailRelay(deps.clients)(calendarFeedRelay(deps.clients, trust)(app)))
        : appRoutes(bundle),
      // Behind trusted proxies the browser, not the proxy, is the address whose calls in flight are counted.
      clientAddress: (peer, request) =>
        clientAddress(peer, request.headers.get("x-forwarded-for"), config.TRUSTED_PROXY_HOPS),
    };
    return module;
  };
}

/** createWeb is the web service as every mode runs it. */
export const createWeb: ServiceFactory = webFactory();
