import { create } from "@bufbuild/protobuf";
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type HandlerContext, type ServiceImpl } from "@connectrpc/connect";
import { ActorKind } from "../../../gen/todo/v1/actor_pb";
import {
  type ChatMessage,
  ChatMessageSchema,
  type ChatService,
  ChatTaskOffer,
  MessageRole,
  PendingKind,
  type SendMessageRequest,
  type SendMessageResponse,
  SendMessageResponseSchema,
} from "../../../gen/todo/v1/chat_service_pb";
import { isValidTimeZone } from "../../../vocabulary/time-zone";
import { callerId } from "../../platform/auth/caller";
import { InvalidArgumentError } from "../../platform/errors";
import type { Logger } from "../../platform/logger";
import type { Quota } from "../../platform/quota";
import { currentScope } from "../../platform/request-context";
import type { UserStore } from "../db/user-store";
import type { TaskApiFor } from "../tools/task-api";
import { type ConversationStore, type MessageDetails, type MessageRow, readDetails } from "./conversation-store";
import { localeOf, readPending } from "./pending";
import { replies, rightToLeft } from "./replies";
import { runTurn } from "./turn";
import type { TurnContext, TurnResult } from "./turn-context";

/** ChatPorts are the chat's collaborators: stores, the user-scoped task API, and skill/audit clients. */
export interface ChatPorts {
  conversations: ConversationStore;
  users: Pick<UserStore, "byId">;
  taskApiFor: TaskApiFor;
  /** messages limits each user's chat messages (QUOTA_CHAT_MESSAGES_PER_MINUTE). */
  messages: Quota;
  skills: () => TurnContext["skills"];
  audit: () => ReturnType<TurnContext["audit"]>;
  logger: Logger;
}

const RECENT = 20;
const ZONE_TTL_MS = 30_000;

/** zoneCache remembers each user's profile zone briefly: it is read on every message and rarely changes. */
function zoneCache(users: ChatPorts["users"]): (userId: string) => Promise<string> {
  const zones = new Map<string, { zone: string; until: number }>();
  return async (userId) => {
    const now = Date.now();
    const cached = zones.get(userId);
    if (cached && cached.until > now) return cached.zone;
    const zone = (await users.byId(userId)).timeZone;
    if (zones.size > 10_000) zones.clear();
    zones.set(userId, { zone, until: now + ZONE_TTL_MS });
    return zone;
  };
}

/** TaskStates says which of the actions' tasks exist and which are deleted (absent: gone). */
type TaskStates = ReadonlyMap<string, { deleted: boolean }>;

/** offerFor says what a client may offer for an action's task: open it, restore it, or nothing. */
function offerFor(taskId: string, states: TaskStates): ChatTaskOffer {
  const state = taskId ? states.get(taskId) : undefined;
  if (!state) return ChatTaskOffer.NONE;
  return state.deleted ? ChatTaskOffer.RESTORE : ChatTaskOffer.OPEN;
}

function pendingKind(question: NonNullable<MessageDetails["question"]>): PendingKind {
  if (question.offer) return PendingKind.OFFER;
  return question.confirmation ? PendingKind.CONFIRMATION : PendingKind.CLARIFICATION;
}

function toChatMessage(row: MessageRow, states: TaskStates): ChatMessage {
  const details = readDetails(row.details);
  return create(ChatMessageSchema, {
    id: row.id,
    role: row.role === MessageRole.USER ? MessageRole.USER : MessageRole.ASSISTANT,
    text: row.text,
    createdAt: timestampFromDate(row.createdAt),
    actions: (details?.actions ?? []).map((action) => ({ ...action, offer: offerFor(action.taskId, states) })),
    pending: details?.question
      ? { kind: pendingKind(details.question), question: details.question.text, options: details.question.options }
      : undefined,
  });
}

/** statesAfter is what a turn's own actions leave: a deleted task can be restored, any other opened. */
function statesAfter(actions: readonly { tool: string; taskId: string }[]): TaskStates {
  const states = new Map<string, { deleted: boolean }>();
  for (const action of actions)
    if (action.taskId) states.set(action.taskId, { deleted: action.tool === "delete_task" });
  return states;
}

/** A turn that failed on the way (a skill or store down, a task gone) still gets a plain reply. */
function failedTurn(error: unknown, fallbackLanguage: TurnResult["language"], logger: Logger): TurnResult {
  const l = localeOf(fallbackLanguage);
  const code = error instanceof ConnectError ? error.code : undefined;
  if (code === Code.NotFound) return { reply: replies.gone(l), actions: [], pending: null, language: fallbackLanguage };
  logger.error({ err: error }, "chat turn failed");
  return { reply: replies.failed(l), actions: [], pending: null, language: fallbackLanguage };
}

/**
 * actingAsChat marks the request's actor as the chat assistant, so what the turn changes says "chat" (keeping the
 * token, and its scopes, when a personal access token sent the message).
 */
function actingAsChat(): void {
  const scope = currentScope();
  if (scope) scope.actor = { ...scope.actor, kind: ActorKind.CHAT };
}

/** chatService implements todo.v1.ChatService: persist the message, run the turn, persist the reply. */
export function chatService(ports: ChatPorts): ServiceImpl<typeof ChatService> {
  const profileZone = zoneCache(ports.users);
  const send = async (
    req: Pick<SendMessageRequest, "conversationId" | "text" | "referenceTime" | "timeZone">,
    context: HandlerContext,
  ): Promise<SendMessageResponse> => {
    const userId = callerId(context);
    ports.messages.enforce(userId);
    actingAsChat();
    if (req.timeZone && !isValidTimeZone(req.timeZone))
      throw new InvalidArgumentError([{ field: "time_zone", description: `unknown time zone "${req.timeZone}"` }]);
    const timeZone = req.timeZone || (await profileZone(userId));
    const receivedAt = new Date();
    const [conversation, recent] = await Promise.all([
      ports.conversations.begin(userId, req.conversationId, req.text),
      ports.conversations.recentOpenTasks(userId, RECENT),
    ]);
    const pending = readPending(conversation.pending);
    const api = ports.taskApiFor(userId);
    let result: TurnResult;
    try {
      result = await runTurn(
        {
          text: req.text,
          now: req.referenceTime ? timestampDate(req.referenceTime) : receivedAt,
          timeZone,
          api,
          skills: ports.skills(),
          audit: ports.audit,
          lastTaskId: () => ports.conversations.lastTaskId(conversation.id),
          recent,
          logger: ports.logger,
        },
        pending,
      );
    } catch (error) {
      result = failedTurn(error, pending?.language ?? "en", ports.logger);
    }
    const question = result.pending
      ? {
          confirmation:
            result.pending.kind === "confirm" ||
            (result.pending.kind === "organise" && result.pending.step === "create_project") ||
            (result.pending.kind === "share" && result.pending.step === "confirm"),
          ...(result.pending.kind === "undo" ||
          result.pending.kind === "more" ||
          (result.pending.kind === "team" && result.pending.step === "undo")
            ? { offer: true }
            : {}),
          text: result.pending.question,
          options: result.pending.options,
        }
      : undefined;
    const details: MessageDetails = { actions: result.actions, ...(question ? { question } : {}) };
    const saved = await ports.conversations.record({
      userId,
      conversationId: conversation.id,
      userText: req.text,
      receivedAt,
      reply: rightToLeft(result.language, result.reply),
      details,
      pending: result.pending ? JSON.stringify(result.pending) : null,
    });
    const reply = toChatMessage(saved, statesAfter(result.actions));
    return create(SendMessageResponseSchema, {
      conversationId: conversation.id,
      reply,
      actions: reply.actions,
      pending: reply.pending,
      language: result.language,
    });
  };

  return {
    sendMessage: send,
    async *streamMessage(req, context) {
      const response = await send(req, context);
      // The reply is composed whole; it is streamed in word-sized pieces so clients render as it arrives.
      for (const piece of response.reply?.text.match(/\S+\s*/gu) ?? [])
        yield { event: { case: "delta", value: piece } };
      yield { event: { case: "done", value: response } };
    },
    async listConversations(req, context) {
      const { rows, nextPageToken } = await ports.conversations.list(
        callerId(context),
        req.pageSize || 20,
        req.pageToken,
      );
      return {
        conversations: rows.map((row) => ({
          id: row.id,
          title: row.title,
          createdAt: timestampFromDate(row.createdAt),
          updatedAt: timestampFromDate(row.updatedAt),
        })),
        nextPageToken,
      };
    },
    async getConversation(req, context) {
      const userId = callerId(context);
      const { conversation, messages } = await ports.conversations.get(userId, req.id);
      const ids = messages.flatMap((row) => readDetails(row.details)?.actions.map((a) => a.taskId) ?? []);
      const states = await ports.conversations.taskStates(userId, ids);
      return {
        conversation: {
          id: conversation.id,
          title: conversation.title,
          createdAt: timestampFromDate(conversation.createdAt),
          updatedAt: timestampFromDate(conversation.updatedAt),
        },
        messages: messages.map((row) => toChatMessage(row, states)),
      };
    },
  };
}
