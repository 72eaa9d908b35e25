/**
 * A local HTTP server that speaks enough of the Ollama API (/api/chat, /api/tags, /api/version) for
 * the real `ollama` client, answering chats from a recorded table. Tests use it because no model can
 * be downloaded here. It records every chat request it receives.
 */

/** One recorded answer: used when the user prompt contains `match`. */
export interface RecordedAnswer {
  match: string;
  /** The assistant message content (for a JSON answer, the JSON text). */
  content: string;
  /** Wait this long before answering (longer than the skill timeout to test it). */
  delayMs?: number;
  /** Answer with this HTTP status and an Ollama error body instead. */
  status?: number;
}

/** A chat request as the server saw it. */
interface ReceivedChat {
  model: string;
  system: string;
  prompt: string;
  format: unknown;
  temperature: unknown;
  stream: unknown;
}

export interface FakeOllama {
  /** Base URL to give the client, e.g. "http://127.0.0.1:41234". */
  host: string;
  received: ReceivedChat[];
  stop(): Promise<void>;
}

interface ChatBody {
  model?: string;
  messages?: Array<{ role?: string; content?: string }>;
  format?: unknown;
  options?: { temperature?: unknown };
  stream?: unknown;
}

const MODEL = "fake-model:latest";

/** promptText is how a filled prompt shows an input (`text: "<json string>"`); the templates' examples never do. */
export const promptText = (value: string): string => `text: ${JSON.stringify(value)}`;

/** promptQuestion is how the Audit agent's filled prompt shows the question (`question: "<json string>"`). */
export const promptQuestion = (value: string): string => `question: ${JSON.stringify(value)}`;

/** activityReadingJson is a schema-valid Audit agent reading ("recent", any kind) with fields overridden. */
export const activityReadingJson = (overrides: Record<string, unknown>): string =>
  JSON.stringify({ period: "recent", days: null, kind: "any", confidence: 0.9, evidence: [], ...overrides });

/** taskAnswerJson is a schema-valid Task agent answer ("buy milk", nothing else) with fields overridden. */
export const taskAnswerJson = (overrides: Record<string, unknown>): string =>
  JSON.stringify({
    title: "buy milk",
    description: "",
    priority: "none",
    tags: [],
    due: null,
    recurrence: null,
    reminder: null,
    confidence: 0.95,
    evidence: [],
    ambiguities: [],
    ...overrides,
  });

/**
 * sharedAnswers are the model behaviours both LLM-path suites (the library's and the service's) exercise:
 * a valid Task agent answer, one with wrong types, one cut off mid-JSON, one slower than the timeout, and
 * the intent agent's answer for "mark the milk one done".
 */
export const sharedAnswers: readonly RecordedAnswer[] = [
  {
    match: promptText("buy milk tomorrow at 5pm"),
    content: taskAnswerJson({
      due: { local: "2026-03-05T17:00", dateOnly: false },
      evidence: [
        { field: "title", text: "buy milk" },
        { field: "due", text: "tomorrow at 5pm" },
      ],
    }),
  },
  { match: promptText("call mom on friday"), content: taskAnswerJson({ title: 42, priority: "whenever" }) },
  { match: promptText("water the plants tonight"), content: '{"title": "water the plants", "due": ' },
  { match: promptText("pay rent on the 1st"), content: taskAnswerJson({ title: "pay rent" }), delayMs: 1500 },
  {
    match: promptText("mark the milk one done"),
    content: JSON.stringify({
      intent: "complete",
      reference: "milk",
      confidence: 0.9,
      evidence: [{ field: "target", text: "milk" }],
    }),
  },
];

/** Starts the server on a free loopback port. */
export function startFakeOllama(answers: readonly RecordedAnswer[]): FakeOllama {
  const received: ReceivedChat[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(request) {
      const { pathname } = new URL(request.url);
      if (pathname === "/api/version") return Response.json({ version: "0.0.0-fake" });
      if (pathname === "/api/tags") {
        return Response.json({
          models: [
            { name: MODEL, model: MODEL, modified_at: new Date(0).toISOString(), size: 0, digest: "fake", details: {} },
          ],
        });
      }
      if (pathname !== "/api/chat" || request.method !== "POST")
        return Response.json({ error: "not found" }, { status: 404 });
      const body = (await request.json()) as ChatBody;
      const messages = body.messages ?? [];
      const prompt = messages
        .filter((m) => m.role === "user")
        .map((m) => m.content ?? "")
        .join("\n");
      received.push({
        model: body.model ?? "",
        system: messages.find((m) => m.role === "system")?.content ?? "",
        prompt,
        format: body.format,
        temperature: body.options?.temperature,
        stream: body.stream,
      });
      const answer = answers.find((candidate) => prompt.includes(candidate.match));
      if (!answer) return Response.json({ error: "no recorded answer for this prompt" }, { status: 500 });
      if (answer.delayMs) await Bun.sleep(answer.delayMs);
      if (answer.status) return Response.json({ error: "recorded failure" }, { status: answer.status });
      const done = {
        model: body.model ?? MODEL,
        created_at: new Date().toISOString(),
        message: { role: "assistant", content: answer.content },
        done: true,
        done_reason: "stop",
        total_duration: 1,
        load_duration: 0,
        prompt_eval_count: prompt.length,
        prompt_eval_duration: 0,
        eval_count: answer.content.length,
        eval_duration: 0,
      };
      if (body.stream !== true) return Response.json(done);
      const lines = [
        { ...done, done: false },
        { ...done, message: { role: "assistant", content: "" } },
      ];
      return new Response(lines.map((line) => `${JSON.stringify(line)}\n`).join(""), {
        headers: { "content-type": "application/x-ndjson" },
      });
    },
  });
  return {
    host: `http://127.0.0.1:${server.port}`,
    received,
    stop: async () => {
      await server.stop(true);
    },
  };
}
