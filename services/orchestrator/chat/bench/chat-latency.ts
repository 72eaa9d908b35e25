import { timestampFromDate } from "@bufbuild/protobuf/wkt";
import { type Client, createClient, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { AuthService } from "../../../../gen/todo/v1/auth_service_pb";
import { ChatService } from "../../../../gen/todo/v1/chat_service_pb";

/** A conversation mixing every deterministic-path flow: create, clarify, list, complete, confirm, search; English, Urdu, Roman Urdu. */
export const chatScript = [
  "buy milk tomorrow at 5pm #home",
  "show my tasks",
  "remind me to call mom",
  "tomorrow 6pm",
  "mark the milk one done",
  "کل شام 5 بجے دودھ لینا",
  "kal subah 9 baje doctor ko call karna",
  "delete the doctor task",
  "no",
  "find milk",
] as const;

export interface ChatLatencyOptions {
  /** baseUrl of a running taskmesh (Connect, binary, over fetch); it must allow `sessions` registrations a minute. */
  baseUrl: string;
  /** sessions is the number of concurrent chats, each its own user and conversation. */
  sessions?: number;
  /** messagesPerSession is how many messages each chat sends (the script repeats). */
  messagesPerSession?: number;
  /** thinkTimeMs is the pause between a reply and the chat's next message (0: closed loop, back to back). */
  thinkTimeMs?: number;
  /** warmupMessages per session are sent first, by all chats together, and not measured. */
  warmupMessages?: number;
}

export interface ChatLatencyResult {
  sessions: number;
  messages: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  messagesPerSecond: number;
}

const percentile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function signIn(baseUrl: string, index: number): Promise<Client<typeof ChatService>> {
  const auth = createClient(AuthService, createConnectTransport({ baseUrl, useBinaryFormat: true }));
  const { tokens } = await auth.register({
    email: `chat-bench-${index}-${crypto.randomUUID()}@example.com`,
    password: "chat bench password",
    displayName: "Chat bench",
    timeZone: "Asia/Karachi",
  });
  const bearer: Interceptor = (next) => (req) => {
    req.header.set("authorization", `Bearer ${tokens!.accessToken}`);
    return next(req);
  };
  return createClient(ChatService, createConnectTransport({ baseUrl, useBinaryFormat: true, interceptors: [bearer] }));
}

/**
 * benchChatLatency runs `sessions` concurrent chats against SendMessage (the deterministic path: the
 * server has no OLLAMA_HOST) and reports the latency of each message as the client saw it.
 */
export async function benchChatLatency(options: ChatLatencyOptions): Promise<ChatLatencyResult> {
  const sessions = options.sessions ?? 50;
  const perSession = options.messagesPerSession ?? 40;
  const warmup = options.warmupMessages ?? 10;
  const think = options.thinkTimeMs ?? 0;
  const clients: Client<typeof ChatService>[] = [];
  for (let i = 0; i < sessions; i++) clients.push(await signIn(options.baseUrl, i));
  const referenceTime = timestampFromDate(new Date());
  const conversations = clients.map(() => "");
  const latencies: number[] = [];
  let errors = 0;
  /** One phase: every chat sends `count` messages, one after another, pausing `think` between them. */
  const phase = (count: number, offset: number, record: boolean) =>
    Promise.all(
      clients.map(async (chat, session) => {
        for (let i = 0; i < count; i++) {
          // The pause comes before each message, the first one too: people start independently, so the
          // chats do not all send at once when a phase begins (a burst that is not a person's pace).
          if (think > 0) await Bun.sleep(think * (0.5 + Math.random()));
          const text = chatScript[(offset + i + session) % chatScript.length]!;
          const t = performance.now();
          try {
            const response = await chat.sendMessage({ conversationId: conversations[session], text, referenceTime });
            conversations[session] = response.conversationId;
            if (record) latencies.push(performance.now() - t);
          } catch {
            if (record) errors += 1;
          }
        }
      }),
    );
  // Warm up (JIT, connection pools, caches) with the same load, then measure.
  await phase(warmup, 0, false);
  const started = performance.now();
  await phase(perSession, warmup, true);
  const elapsedSeconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    sessions,
    messages: sorted.length,
    errors,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? 0,
    messagesPerSecond: sorted.length / elapsedSeconds,
  };
}
