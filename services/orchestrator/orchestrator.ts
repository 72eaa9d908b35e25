import { fileURLToPath } from "node:url";
import type { ConnectRouter } from "@connectrpc/connect";
import { SkillService } from "../../gen/todo/skills/v1/skill_service_pb";
import { AuditService } from "../../gen/todo/v1/audit_service_pb";
import { AuthService } from "../../gen/todo/v1/auth_service_pb";
import { CalendarService } from "../../gen/todo/v1/calendar_service_pb";
import { ChatService } from "../../gen/todo/v1/chat_service_pb";
import { CommentService } from "../../gen/todo/v1/comment_service_pb";
import { FilterService } from "../../gen/todo/v1/filter_service_pb";
import { ProjectService } from "../../gen/todo/v1/project_service_pb";
import { ShareService } from "../../gen/todo/v1/share_service_pb";
import { TaskService, type WatchTasksResponse } from "../../gen/todo/v1/task_service_pb";
import { TokenService } from "../../gen/todo/v1/token_service_pb";
import { TransferService } from "../../gen/todo/v1/transfer_service_pb";
import { publicProcedures } from "../../vocabulary/public-procedures";
import { closeStreamsOnRevocation } from "../platform/auth/revoked-streams";
import { createLiveHub } from "../platform/live-hub";
import { quotaFrom } from "../platform/quota";
import type { ServiceFactory } from "../platform/service";
import { withOutboxRelay } from "../platform/with-outbox-relay";
import { verifyEmailRoute } from "./auth/email-verification";
import { createTokenIssuer } from "./auth/token-issuer";
import { calendarFeedRoute } from "./calendar/feed-route";
import { createFeedServer } from "./calendar/feed-server";
import { createChat } from "./chat/chat";
import { loadOrchestratorConfig } from "./config";
import { createAccountStore } from "./db/account-store";
import { createCalendarFeedStore } from "./db/calendar-feed-store";
import { createCommentStore } from "./db/comment-store";
import { createExportStore } from "./db/export-store";
import { createImportStore } from "./db/import-store";
import { createProjectStore } from "./db/project-store";
import { createSavedFilterStore } from "./db/saved-filter-store";
import { outbox } from "./db/schema";
import { createSectionStore } from "./db/section-store";
import { createShareStore } from "./db/share-store";
import { createTaskStore } from "./db/task-store";
import { createTokenStore } from "./db/token-store";
import { createUserStore } from "./db/user-store";
import { createFeedSecrets } from "./domain/calendar-feed-secret";
import { createRateLimiter } from "./domain/rate-limiter";
import { createShareAudience } from "./events/share-audience";
import { subscribeShareChanges, subscribeTaskUpdates } from "./events/task-updates-consumer";
import { mcpRoute } from "./mcp/http";
import { authService } from "./rpc/auth-service";
import { calendarService } from "./rpc/calendar-service";
import { commentService } from "./rpc/comment-service";
import { filterService } from "./rpc/filter-service";
import { projectService } from "./rpc/project-service";
import { shareService } from "./rpc/share-service";
import { taskService } from "./rpc/task-service";
import { introspectBy, tokenService } from "./rpc/token-service";
import { transferService } from "./rpc/transfer-service";
import { inProcessTaskApi } from "./tools/task-api";

/** createOrchestrator wires AuthService and TaskService (chat and MCP join here) over the runtime's deps. */
export const createOrchestrator: ServiceFactory = async (deps) => {
  const { database, bus, logger, env } = deps;
  const config = loadOrchestratorConfig(env);
  const db = database.db;
  if (!deps.keys.privateKeyPem) throw new Error("JWT_PRIVATE_KEY is not set: the orchestrator signs tokens");
  const tokens = await createTokenIssuer({
    privateKeyPem: deps.keys.privateKeyPem,
    ...deps.jwt,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
  });
  const limits = {
    perAddress: createRateLimiter(config.AUTH_LIMIT_PER_ADDRESS, 60_000),
    perAccount: createRateLimiter(config.AUTH_LIMIT_PER_ACCOUNT, 60_000),
  };
  const users = createUserStore(db);
  // This process owns the users table: events name the person who acted from it (EventMeta.actor_display_name).
  deps.actorNames.lookUpLocally(users.actorNameOf);
  const feedSecrets = createFeedSecrets(deps.internalToken);
  const feeds = createCalendarFeedStore(db, (id) => feedSecrets.hashOf(feedSecrets.secretOf(id)));
  const fetchFeed = createFeedServer({ feeds, secrets: feedSecrets, fetches: quotaFrom("calendarFeedFetches", env) });
  return withOutboxRelay(deps, outbox, (relay) => {
    const store = createTaskStore(db, relay);
    const personalTokens = createTokenStore(db, relay);
    // This process owns the tokens table: its verifier reads it instead of calling itself.
    deps.personalTokens.lookUpLocally(introspectBy(personalTokens));
    const projects = projectService(createProjectStore(db, relay), createSectionStore(db, relay), db);
    const updates = createLiveHub<WatchTasksResponse>();
    const audience = createShareAudience(db);
    const tasks = taskService({
      db,
      store,
      users,
      updates,
      shutdown: deps.lifecycle.signal,
      skills: () => deps.clients.client(SkillService, "skills"),
      creates: quotaFrom("taskCreates", env),
      shares: audience,
    });
    const filters = filterService({
      db,
      users,
      savedFilters: createSavedFilterStore(db, relay),
      skills: () => deps.clients.client(SkillService, "skills"),
    });
    const comments = commentService(createCommentStore(db, relay));
    // MCP tools (and chat) run through this same TaskService, scoped to one user per call.
    const taskApiFor = inProcessTaskApi({
      impl: tasks,
      projects,
      filters,
      share: shareService(createShareStore(db, relay, deps.internalToken, audience)),
      comments,
      verifyToken: deps.verifyToken,
      internalToken: deps.internalToken,
      actorName: deps.actorNames.nameOf,
      logger,
    });
    const chat = createChat(deps, { db, users, taskApiFor, messages: quotaFrom("chatMessages", env) });

    return {
      appId: "orchestrator",
      services: [
        AuthService,
        TaskService,
        ChatService,
        FilterService,
        ProjectService,
        CalendarService,
        ShareService,
        CommentService,
        TransferService,
        TokenService,
      ],
      publicProcedures: [...publicProcedures],
      migrations: { folder: fileURLToPath(new URL("./db/migrations", import.meta.url)), schema: "orchestrator" },
      routes(router: ConnectRouter) {
        router.service(
          AuthService,
          authService({
            users,
            tokens,
            limits,
            revocations: deps.revocations,
            internalToken: deps.internalToken,
            accounts: createAccountStore(db),
            quotas: {
              passwordResets: quotaFrom("passwordResetEmails", env),
              verifications: quotaFrom("verificationEmails", env),
            },
          }),
        );
        router.service(TaskService, tasks);
        router.service(ProjectService, projects);
        router.service(ChatService, chat);
        router.service(
          CalendarService,
          calendarService({ feeds, secrets: feedSecrets, publicUrl: config.PUBLIC_URL, fetchFeed }),
        );
        router.service(FilterService, filters);
        router.service(CommentService, comments);
        router.service(ShareService, shareService(createShareStore(db, relay, deps.internalToken, audience)));
        router.service(
          TransferService,
          transferService({
            imports: createImportStore(db, relay),
            exports: createExportStore(db),
            users,
            audit: () => deps.clients.client(AuditService, "audit"),
            quotas: { imports: quotaFrom("imports", env), exports: quotaFrom("exports", env) },
          }),
        );
        router.service(
          TokenService,
          tokenService({ tokens: personalTokens, revocations: deps.revocations, internalToken: deps.internalToken }),
        );
      },
      extendHttp: (app) =>
        calendarFeedRoute({ fetchFeed, logger })(
          verifyEmailRoute(
            users,
            deps.internalToken,
          )(
            mcpRoute({
              verifyToken: deps.verifyToken,
              personalTokens: deps.personalTokens.verify,
              apiFor: taskApiFor,
              logger,
            })(app),
          ),
        ),
      async start() {
        // Tokens of sessions revoked before this replica started may still be presented until they expire.
        for (const session of await users.revokedSince(new Date(Date.now() - tokens.accessTtlSeconds * 1000 - 5_000))) {
          deps.revocations.revoke(session.id, session.revokedAt.getTime() + tokens.accessTtlSeconds * 1000 + 5_000);
        }
        await subscribeTaskUpdates(bus, updates, audience, logger);
        await subscribeShareChanges(bus, updates, audience);
        await closeStreamsOnRevocation(bus, updates, "orchestrator-revoked-streams");
      },
    };
  });
};
