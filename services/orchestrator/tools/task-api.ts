import {
  type Client,
  createClient,
  createRouterTransport,
  type ServiceImpl,
  type Transport,
} from "@connectrpc/connect";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { CommentService } from "../../../gen/todo/v1/comment_service_pb";
import { FilterService } from "../../../gen/todo/v1/filter_service_pb";
import { ProjectService } from "../../../gen/todo/v1/project_service_pb";
import { ShareService } from "../../../gen/todo/v1/share_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import type { ActorNameLookup } from "../../platform/auth/actor-names";
import { authInterceptor, type TokenVerifier } from "../../platform/auth/auth-interceptor";
import { userInitiatedHeader } from "../../platform/auth/caller";
import type { Logger } from "../../platform/logger";
import { internalTokenHeader, onBehalfOfHeader } from "../../platform/rpc/clients";
import { errorInterceptor, validationInterceptor } from "../../platform/rpc/interceptors";
import { strictJson } from "../../platform/rpc/server";

/**
 * TaskApi is TaskService as the tools see it (one user's tasks, nothing else), with that user's ProjectService,
 * FilterService, ShareService and CommentService, and `me`, the user's own id (assign_task's "me").
 */
export type TaskApi = Client<typeof TaskService> & {
  projects: Client<typeof ProjectService>;
  filters: Client<typeof FilterService>;
  share: Client<typeof ShareService>;
  comments: Client<typeof CommentService>;
  me: () => Promise<string>;
};

/**
 * taskApiOver makes a TaskApi of the services over one transport (the stdio MCP server's network client); `me`
 * asks AuthService.GetMe unless the caller already knows the user.
 */
export function taskApiOver(transport: Transport, me?: () => Promise<string>): TaskApi {
  return Object.assign(createClient(TaskService, transport), {
    projects: createClient(ProjectService, transport),
    filters: createClient(FilterService, transport),
    share: createClient(ShareService, transport),
    comments: createClient(CommentService, transport),
    me: me ?? (async () => (await createClient(AuthService, transport).getMe({})).user?.id ?? ""),
  });
}

/**
 * TaskApiFor hands out a TaskApi scoped to one user. `asUser` marks calls the user makes directly (MCP
 * tools), which count against the user's quotas like their own Connect calls; chat's are counted as messages.
 */
export type TaskApiFor = (userId: string, options?: { asUser?: boolean }) => TaskApi;

function withHeaders(header: HeadersInit | undefined, extra: Record<string, string>): Headers {
  const headers = new Headers(header);
  for (const [name, value] of Object.entries(extra)) headers.set(name, value);
  return headers;
}

/**
 * inProcessTaskApi serves the orchestrator's own TaskService implementation through an in-process
 * router with the same error, auth and protovalidate interceptors as the network listeners, so a tool
 * gets exactly the validation, ownership checks and errors a Connect client gets. Each call names its
 * user with the internal service credential; that header pair is the only way in.
 */
export function inProcessTaskApi(options: {
  impl: ServiceImpl<typeof TaskService>;
  projects: ServiceImpl<typeof ProjectService>;
  filters: ServiceImpl<typeof FilterService>;
  share: ServiceImpl<typeof ShareService>;
  comments: ServiceImpl<typeof CommentService>;
  verifyToken: TokenVerifier;
  internalToken: string;
  /** actorName names the person acting (an MCP client's user) for the events the tools write. */
  actorName?: ActorNameLookup;
  logger: Logger;
}): TaskApiFor {
  const base = createRouterTransport(
    (router) => {
      router.service(TaskService, options.impl);
      router.service(ProjectService, options.projects);
      router.service(FilterService, options.filters);
      router.service(ShareService, options.share);
      router.service(CommentService, options.comments);
    },
    {
      router: {
        interceptors: [
          errorInterceptor(options.logger),
          authInterceptor({
            verify: options.verifyToken,
            internalToken: options.internalToken,
            publicProcedures: new Set(),
            actorName: options.actorName,
          }),
          validationInterceptor,
        ],
        jsonOptions: strictJson,
      },
    },
  );
  return (userId, { asUser = false } = {}) => {
    const acting = {
      [internalTokenHeader]: options.internalToken,
      [onBehalfOfHeader]: userId,
      ...(asUser ? { [userInitiatedHeader]: "1" } : {}),
    };
    const scoped: Transport = {
      unary: (method, signal, timeoutMs, header, input, contextValues) =>
        base.unary(method, signal, timeoutMs, withHeaders(header, acting), input, contextValues),
      stream: (method, signal, timeoutMs, header, input, contextValues) =>
        base.stream(method, signal, timeoutMs, withHeaders(header, acting), input, contextValues),
    };
    return taskApiOver(scoped, async () => userId);
  };
}
