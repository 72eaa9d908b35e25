import { Webhook } from "standardwebhooks";

/** Received is one delivery the receiver accepted (answered 2xx), its signature checked. */
export interface Received {
  webhookId: string;
  type: string;
  eventId: string;
  /** key: the task (or project) the event is about. */
  key: string;
  at: number;
  body: Record<string, unknown>;
}

/** ReceiverMode: accept, answer 500, or hang past the sender's timeout. */
type ReceiverMode = "ok" | "fail" | "hang";

/**
 * TestReceiver is a real HTTP receiver (Bun.serve) that verifies every request's Standard Webhooks signature
 * with the endpoint's secret, and can be made to fail (5xx), to go down (its port closed) and to come back on
 * the same port.
 */
export interface TestReceiver {
  url: string;
  port: number;
  /** accepted are the deliveries answered 2xx, in arrival order. */
  accepted: Received[];
  /** requests counts every request, failed ones too; badSignatures those whose signature did not verify. */
  requests: number;
  badSignatures: number;
  setSecret(secret: string): void;
  /** setSecretFor picks the secret per request (one receiver for several endpoints). */
  setSecretFor(pick: (request: Request) => string): void;
  setMode(mode: ReceiverMode): void;
  down(): Promise<void>;
  up(): void;
  stop(): Promise<void>;
}

const keyOf = (data: Record<string, unknown>): string => {
  const task = data.task as { id?: string } | undefined;
  const project = data.project as { id?: string } | undefined;
  return task?.id ?? project?.id ?? String(data.taskId ?? "");
};

/** startReceiver listens on 127.0.0.1 (the tests put it on WEBHOOKS_ALLOWED_TARGETS). */
export function startReceiver(port = 0): TestReceiver {
  let secretOf = (_request: Request) => "";
  let mode: ReceiverMode = "ok";
  let server: ReturnType<typeof Bun.serve> | undefined;
  const receiver: TestReceiver = {
    url: "",
    port: 0,
    accepted: [],
    requests: 0,
    badSignatures: 0,
    setSecret: (value) => {
      secretOf = () => value;
    },
    setSecretFor: (pick) => {
      secretOf = pick;
    },
    setMode: (value) => {
      mode = value;
    },
    async down() {
      await server?.stop(true);
      server = undefined;
    },
    up() {
      server = Bun.serve({ hostname: "127.0.0.1", port: receiver.port, fetch: handle });
      receiver.port = server.port ?? receiver.port;
      receiver.url = `http://127.0.0.1:${receiver.port}/hook`;
    },
    async stop() {
      await receiver.down();
    },
  };
  async function handle(request: Request): Promise<Response> {
    receiver.requests++;
    const body = await request.text();
    let verified: Record<string, unknown>;
    try {
      verified = new Webhook(secretOf(request)).verify(body, Object.fromEntries(request.headers)) as Record<
        string,
        unknown
      >;
    } catch {
      receiver.badSignatures++;
      return new Response("bad signature", { status: 401 });
    }
    if (mode === "fail") return new Response("down for maintenance", { status: 503 });
    if (mode === "hang") await Bun.sleep(60_000);
    const data = verified.data as Record<string, unknown>;
    receiver.accepted.push({
      webhookId: request.headers.get("webhook-id") ?? "",
      type: String(verified.type),
      eventId: String((data.meta as { eventId?: string } | undefined)?.eventId ?? ""),
      key: keyOf(data),
      at: Date.now(),
      body: verified,
    });
    return new Response(null, { status: 204 });
  }
  receiver.port = port;
  receiver.up();
  return receiver;
}
