import type { ServiceImpl } from "@connectrpc/connect";
import { SkillService } from "../../../gen/todo/skills/v1/skill_service_pb";
import { AuditService } from "../../../gen/todo/v1/audit_service_pb";
import type { ChatService } from "../../../gen/todo/v1/chat_service_pb";
import type { Db } from "../../platform/db/database";
import type { Quota } from "../../platform/quota";
import type { ServiceDeps } from "../../platform/service";
import type { UserStore } from "../db/user-store";
import type { TaskApiFor } from "../tools/task-api";
import { chatService } from "./chat-service";
import { createConversationStore } from "./conversation-store";

/**
 * createChat wires ChatService: skills and audit are reached through the client factory (in-process in
 * embedded mode, gRPC otherwise) and asked for per turn, since in embedded mode they register after
 * this factory runs; task actions go through the MCP tool layer over the user-scoped TaskApi.
 */
export function createChat(
  deps: ServiceDeps,
  parts: { db: Db; users: UserStore; taskApiFor: TaskApiFor; messages: Quota },
): ServiceImpl<typeof ChatService> {
  return chatService({
    conversations: createConversationStore(parts.db),
    users: parts.users,
    taskApiFor: parts.taskApiFor,
    messages: parts.messages,
    skills: () => deps.clients.client(SkillService, "skills"),
    audit: () => deps.clients.client(AuditService, "audit"),
    logger: deps.logger,
  });
}
