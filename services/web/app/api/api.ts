import type { DescService } from "@bufbuild/protobuf";
import { timestampMs } from "@bufbuild/protobuf/wkt";
import {
  type CallOptions,
  type Client,
  Code,
  ConnectError,
  createClient,
  createContextKey,
  createContextValues,
  type Interceptor,
} from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import type { AuditService } from "../../../../gen/todo/v1/audit_service_pb";
import { AuthService } from "../../../../gen/todo/v1/auth_service_pb";
import type { CalendarService } from "../../../../gen/todo/v1/calendar_service_pb";
import { ChatService } from "../../../../gen/todo/v1/chat_service_pb";
import type { CommentService } from "../../../../gen/todo/v1/comment_service_pb";
import { FilterService } from "../../../../gen/todo/v1/filter_service_pb";
import { NotificationService } from "../../../../gen/todo/v1/notification_service_pb";
import { ProjectService } from "../../../../gen/todo/v1/project_service_pb";
import { ShareService } from "../../../../gen/todo/v1/share_service_pb";
import { TaskService } from "../../../../gen/todo/v1/task_service_pb";
import type { TokenService } from "../../../../gen/todo/v1/token_service_pb";
import type { TransferService } from "../../../../gen/todo/v1/transfer_service_pb";
import type { AuthTokens } from "../../../../gen/todo/v1/user_pb";
import type { WebhookService } from "../../../../gen/todo/v1/webhook_service_pb";
import { signedOutMethods } from "../../../../vocabulary/signed-out-methods";
import { lazyClient } from "./lazy-client";
import type { SessionStore, StoredSession } from "./session-store";

/** The services most screens call, under the names the app uses: their descriptors load with the app. */
const services = {
  auth: AuthService,
  tasks: TaskService,
  chat: ChatService,
  notifications: NotificationService,
  projects: ProjectService,
  share: ShareService,
  filters: FilterService,
};

type Clients<T extends Record<string, DescService>> = { [Name in keyof T]: Client<T[Name]> };

/** Api is every public service the app calls, over one Connect transport to this origin. */
export interface Api extends Clients<typeof services> {
  // The rarely used services (Connections' sections, Activity, a task's comments): their descriptors load on
  // first call (lazy-client.ts).
  audit: Client<typeof AuditService>;
  comments: Client<typeof CommentService>;
  calendar: Client<typeof CalendarService>;
  tokens: Client<typeof TokenService>;
  transfer: Client<typeof TransferService>;
  webhooks: Client<typeof WebhookService>;
  /** refresh renews the access token once for all callers; a refused refresh signs out. */
  refresh(): Promise<StoredSession>;
  /** signIn stores tokens from Register or Login. */
  signIn(tokens: AuthTokens | undefined, userId: string): void;
  /** signOut revokes the refresh token (best effort) and forgets the session. */
  signOut(): Promise<void>;
}

/** streamOpenedKey carries a callback run when a server stream's response headers arrive. */
const streamOpenedKey = createContextKey<(() => void) | undefined>(undefined, { description: "stream opened" });

/** streamOptions are call options for a live stream: aborted by `signal`, `opened` once the server accepts it. */
export const streamOptions = (signal: AbortSignal, opened: () => void): CallOptions => ({
  signal,
  contextValues: createContextValues().set(streamOpenedKey, opened),
});

const announceOpened: Interceptor = (next) => async (req) => {
  const response = await next(req);
  if (req.stream) req.contextValues.get(streamOpenedKey)?.();
  return response;
};

/** Refresh this long before the access token ends, so a call never goes out with a dying token. */
const refreshMarginMs = 30_000;

function toStoredSession(tokens: AuthTokens | undefined, userId: string): StoredSession {
  if (!tokens) throw new ConnectError("no tokens in response", Code.Internal);
  return {
    accessToken: tokens.accessToken,
    accessExpiresAt: tokens.accessTokenExpiresAt ? timestampMs(tokens.accessTokenExpiresAt) : Date.now() + 60_000,
    refreshToken: tokens.refreshToken,
    userId,
  };
}

/** createApi builds the clients with an interceptor that adds the bearer token and refreshes it when needed. */
export function createApi(store: SessionStore, baseUrl = location.origin): Api {
  let refreshing: Promise<StoredSession> | undefined;

  const withToken: Interceptor = (next) => async (req) => {
    if (req.service.typeName === AuthService.typeName && signedOutMethods.has(req.method.name)) return next(req);
    let session = store.get();
    if (!session) throw new ConnectError("not signed in", Code.Unauthenticated);
    if (session.accessExpiresAt - Date.now() < refreshMarginMs) session = await api.refresh();
    req.header.set("authorization", `Bearer ${session.accessToken}`);
    try {
      return await next(req);
    } catch (error) {
      // A stream's request cannot be replayed here; its owner reconnects after refreshing.
      if (req.stream || ConnectError.from(error).code !== Code.Unauthenticated) throw error;
      const fresh = await api.refresh();
      req.header.set("authorization", `Bearer ${fresh.accessToken}`);
      return next(req);
    }
  };

  const transport = createConnectTransport({
    baseUrl,
    useBinaryFormat: false,
    interceptors: [withToken, announceOpened],
    jsonOptions: { ignoreUnknownFields: true },
  });

  const refreshOnce = async (): Promise<StoredSession> => {
    const before = store.get();
    if (!before) throw new ConnectError("not signed in", Code.Unauthenticated);
    try {
      const { tokens } = await api.auth.refresh({ refreshToken: before.refreshToken });
      const session = toStoredSession(tokens, before.userId);
      store.set(session);
      return session;
    } catch (error) {
      const code = ConnectError.from(error).code;
      // Only a refused refresh token ends the session; a network failure leaves it for the next try.
      if (code === Code.Unauthenticated || code === Code.InvalidArgument || code === Code.NotFound) {
        store.clear();
        throw new ConnectError("session ended", Code.Unauthenticated);
      }
      throw error;
    }
  };

  const clients = Object.fromEntries(
    Object.entries(services).map(([name, service]) => [name, createClient(service, transport)]),
  ) as Clients<typeof services>;
  const api: Api = {
    ...clients,
    audit: lazyClient(transport, () => import("../../../../gen/todo/v1/audit_service_pb").then((m) => m.AuditService)),
    comments: lazyClient(transport, () =>
      import("../../../../gen/todo/v1/comment_service_pb").then((m) => m.CommentService),
    ),
    calendar: lazyClient(transport, () =>
      import("../../../../gen/todo/v1/calendar_service_pb").then((m) => m.CalendarService),
    ),
    tokens: lazyClient(transport, () => import("../../../../gen/todo/v1/token_service_pb").then((m) => m.TokenService)),
    transfer: lazyClient(
      transport,
      () => import("../../../../gen/todo/v1/transfer_service_pb").then((m) => m.TransferService),
      ["exportData"],
    ),
    webhooks: lazyClient(transport, () =>
      import("../../../../gen/todo/v1/webhook_service_pb").then((m) => m.WebhookService),
    ),
    refresh() {
      refreshing ??= (async () => {
        const seen = store.get()?.refreshToken;
        const locked = async () => {
          // Another tab may have refreshed while this one waited: its tokens are ours too.
          const now = store.get();
          if (now && now.refreshToken !== seen && now.accessExpiresAt - Date.now() > refreshMarginMs) return now;
          return refreshOnce();
        };
        return typeof navigator !== "undefined" && navigator.locks
          ? navigator.locks.request("taskmesh-refresh", locked)
          : locked();
      })().finally(() => (refreshing = undefined));
      return refreshing;
    },
    signIn(tokens, userId) {
      store.set(toStoredSession(tokens, userId));
    },
    async signOut() {
      const session = store.get();
      store.clear();
      if (session) await api.auth.logout({ refreshToken: session.refreshToken }).catch(() => undefined);
    },
  };
  return api;
}
