import type { DescMethod, DescService } from "@bufbuild/protobuf";
import { type ConnectRouter, createServiceImplSpec } from "@connectrpc/connect";
import { AuditService } from "../../../gen/todo/v1/audit_service_pb";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { CalendarService } from "../../../gen/todo/v1/calendar_service_pb";
import { ChatService } from "../../../gen/todo/v1/chat_service_pb";
import { CommentService } from "../../../gen/todo/v1/comment_service_pb";
import { FilterService } from "../../../gen/todo/v1/filter_service_pb";
import { NotificationService } from "../../../gen/todo/v1/notification_service_pb";
import { ProjectService } from "../../../gen/todo/v1/project_service_pb";
import { ShareService } from "../../../gen/todo/v1/share_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { TokenService } from "../../../gen/todo/v1/token_service_pb";
import { TransferService } from "../../../gen/todo/v1/transfer_service_pb";
import { WebhookService } from "../../../gen/todo/v1/webhook_service_pb";

const KiB = 1024;

/**
 * Request limits per route, sized to the largest valid request of the contract: every string at its
 * `max_len` in code points, each written the longest way JSON allows a client to (a `\uD83D\uDE00`
 * escape pair: 12 bytes per code point, what Python's default `ensure_ascii` produces for emoji), every
 * list at its `max_items` (request-limits.test.ts computes that figure from the protovalidate rules and
 * checks each route holds it). A route not listed here (internal services, reflection) takes
 * REQUEST_MAX_BYTES, which also caps every figure below.
 */
export const routeRequestLimits: readonly { services: DescService[]; methods?: string[]; bytes: number }[] = [
  // Sign-up and sign-in answer callers without a token: the most exposed routes get the smallest bound.
  { services: [AuthService], bytes: 8 * KiB },
  // Personal access tokens: a 100-character name and three scopes, an id, or a secret's hash.
  { services: [TokenService], bytes: 8 * KiB },
  // A message of up to 2,000 characters with its time zone.
  { services: [ChatService], bytes: 32 * KiB },
  // A task with a 500-character title, a 10,000-character description and 20 tags of 50.
  { services: [TaskService], methods: ["CreateTask", "UpdateTask"], bytes: 256 * KiB },
  // An import file of up to 700 KiB, base64 in Connect JSON (933 KiB), with its column mapping.
  { services: [TransferService], methods: ["ImportData"], bytes: 1000 * KiB },
  // Reads, listings with filters and page tokens, state changes by id, saved filters, projects, the calendar feed;
  // a comment of up to 4,000 characters (48,000 bytes escaped) with its task's id.
  {
    services: [
      CommentService,
      TaskService,
      NotificationService,
      AuditService,
      FilterService,
      ProjectService,
      ShareService,
      CalendarService,
      TransferService,
      WebhookService,
    ],
    bytes: 64 * KiB,
  },
];

const byPath = new Map<string, number>();
for (const { services, methods, bytes } of routeRequestLimits) {
  for (const service of services) {
    for (const method of service.methods) {
      const path = `/${service.typeName}/${method.name}`;
      if ((methods === undefined || methods.includes(method.name)) && !byPath.has(path)) byPath.set(path, bytes);
    }
  }
}

/** requestLimitOf is the most a request to `method` may be, in bytes after decompression: its route's limit, at most `ceiling`. */
export function requestLimitOf(method: DescMethod, ceiling: number): number {
  return Math.min(byPath.get(`/${method.parent.typeName}/${method.name}`) ?? ceiling, ceiling);
}

/**
 * withRequestLimits hands `routes` a router that registers each method with its own `readMaxBytes`
 * (requestLimitOf): Connect then refuses a body, an envelope or a decompressed message past the route's
 * limit with `ResourceExhausted` while reading it, before interceptors (auth) or the parser run.
 */
export function withRequestLimits(router: ConnectRouter, ceiling: number): ConnectRouter {
  const limited: ConnectRouter = {
    handlers: router.handlers,
    service(service, implementation, options) {
      // The spec fills in `Unimplemented` for methods the implementation leaves out, as router.service does.
      const spec = createServiceImplSpec(service, implementation);
      for (const method of service.methods) {
        const { impl } = spec.methods[method.localName]!;
        router.rpc(method, impl as never, { ...options, readMaxBytes: requestLimitOf(method, ceiling) });
      }
      return limited;
    },
    rpc(method, impl, options) {
      router.rpc(method, impl, { ...options, readMaxBytes: requestLimitOf(method, ceiling) });
      return limited;
    },
  };
  return limited;
}
