import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type Client, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { ChatService, type SendMessageResponse } from "../../../gen/todo/v1/chat_service_pb";
import { bearer, registerSession, type Session } from "./session";

/** Wednesday 2026-03-04 10:00 in Karachi: every chat test reads dates from this moment. */
const chatReferenceTime = new Date("2026-03-04T05:00:00Z");

/** ChatSession is a signed-in user with a chat client that keeps one conversation going. */
export interface ChatSession extends Session {
  chat: Client<typeof ChatService>;
  /** say sends a message in the current conversation (starting one the first time). */
  say(text: string): Promise<SendMessageResponse>;
  conversationId(): string;
  /** restart makes the next message start a new conversation. */
  restart(): void;
}

export async function chatSession(
  baseUrl: string,
  init: { timeZone?: string; locale?: string } = {},
): Promise<ChatSession> {
  const session = await registerSession(baseUrl, init);
  const chat = createClient(
    ChatService,
    createConnectTransport({ baseUrl, httpVersion: "1.1", interceptors: [bearer(session.accessToken)] }),
  );
  let conversationId = "";
  return {
    ...session,
    chat,
    async say(text) {
      const response = await chat.sendMessage({
        conversationId,
        text,
        referenceTime: timestampFromDate(chatReferenceTime),
      });
      conversationId = response.conversationId;
      return response;
    },
    conversationId: () => conversationId,
    restart: () => {
      conversationId = "";
    },
  };
}
