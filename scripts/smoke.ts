// Smoke test for any running taskmesh (embedded, stack, a cluster): register a user, create a task by
// chat, see the task's event in the audit log, delete the task. Speaks Connect's JSON protocol with
// plain fetch, so it needs nothing but a URL.
//
//   bun scripts/smoke.ts [--url https://taskmesh.example.com] [--audit-timeout-ms 15000]
//
// Exits 0 when every step passed; otherwise prints the failing step and why, and exits 1.

/** SmokeFailure is a step that did not do what the deployment promises. */
export class SmokeFailure extends Error {
  constructor(
    readonly step: string,
    detail: string,
  ) {
    super(`${step}: ${detail}`);
    this.name = "SmokeFailure";
  }
}

export interface SmokeOptions {
  url: string;
  auditTimeoutMs: number;
  /** Where progress lines go; the CLI prints them, tests keep them quiet. */
  log: (line: string) => void;
}

type Json = Record<string, unknown>;

const requestTimeoutMs = 15_000;

/** callConnect POSTs one unary Connect RPC as JSON and returns the decoded response body. */
async function callConnect(base: string, step: string, procedure: string, body: Json, token?: string): Promise<Json> {
  const headers: Record<string, string> = { "Content-Type": "application/json", "Connect-Protocol-Version": "1" };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(new URL(`/${procedure}`, base), {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
  } catch (error) {
    throw new SmokeFailure(step, `POST /${procedure} did not answer: ${(error as Error).message}`);
  }
  const text = await response.text();
  let decoded: unknown;
  try {
    decoded = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new SmokeFailure(step, `POST /${procedure} answered ${response.status} with non-JSON: ${text.slice(0, 200)}`);
  }
  if (!response.ok) {
    const error = decoded as { code?: string; message?: string };
    throw new SmokeFailure(
      step,
      `POST /${procedure} failed with ${response.status} ${error.code ?? ""}: ${error.message ?? text.slice(0, 200)}`,
    );
  }
  return decoded as Json;
}

const asRecord = (value: unknown): Json | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : undefined;
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** accessTokenOf reads RegisterResponse.tokens.accessToken. */
export function accessTokenOf(response: Json): string | undefined {
  const token = asRecord(response.tokens)?.accessToken;
  return typeof token === "string" && token !== "" ? token : undefined;
}

/** createdTaskIdOf finds the task id among the actions of a SendMessageResponse (or of its reply). */
export function createdTaskIdOf(response: Json): string | undefined {
  const actions = [...asArray(response.actions), ...asArray(asRecord(response.reply)?.actions)];
  for (const action of actions) {
    const taskId = asRecord(action)?.taskId;
    if (typeof taskId === "string" && taskId !== "") return taskId;
  }
  return undefined;
}

/** auditMentions tells whether a ListAuditEventsResponse holds an event about the task. */
export function auditMentions(response: Json, taskId: string): boolean {
  return asArray(response.events).some((event) => {
    const record = asRecord(event);
    return (
      record?.taskId === taskId || (typeof record?.payloadJson === "string" && record.payloadJson.includes(taskId))
    );
  });
}

/** runSmoke walks the four steps against a deployment and throws a SmokeFailure at the first that fails. */
export async function runSmoke(options: SmokeOptions): Promise<void> {
  const { url, log } = options;
  const stamp = `${Date.now()}-${crypto.randomUUID().slice(0, 8)}`;

  const registered = await callConnect(url, "register", "todo.v1.AuthService/Register", {
    email: `smoke-${stamp}@example.com`,
    password: `Smoke-${crypto.randomUUID()}`,
    displayName: "Smoke Test",
    timeZone: "UTC",
    locale: "en",
  });
  const token = accessTokenOf(registered);
  if (!token) throw new SmokeFailure("register", "the response has no tokens.accessToken");
  log(`ok   register: smoke-${stamp}@example.com`);

  const chat = await callConnect(
    url,
    "chat",
    "todo.v1.ChatService/SendMessage",
    { text: "smoke test task tomorrow at 5pm" },
    token,
  );
  const taskId = createdTaskIdOf(chat);
  if (!taskId) {
    const reply = asRecord(chat.reply)?.text ?? JSON.stringify(chat).slice(0, 300);
    throw new SmokeFailure("chat", `no action with a task id; the assistant said: ${String(reply)}`);
  }
  log(`ok   chat created task ${taskId}`);

  let auditFailure: unknown;
  try {
    const deadline = Date.now() + options.auditTimeoutMs;
    for (;;) {
      const audit = await callConnect(url, "audit", "todo.v1.AuditService/ListAuditEvents", {}, token);
      if (auditMentions(audit, taskId)) break;
      if (Date.now() >= deadline) {
        throw new SmokeFailure("audit", `no audit event for task ${taskId} within ${options.auditTimeoutMs} ms`);
      }
      await Bun.sleep(500);
    }
    log(`ok   audit has an event for task ${taskId}`);
  } catch (error) {
    auditFailure = error;
  }

  // Clean up even when the audit step failed, so a broken deployment does not collect smoke tasks;
  // the audit failure stays the one reported.
  try {
    await callConnect(url, "cleanup", "todo.v1.TaskService/DeleteTask", { id: taskId }, token);
    log(`ok   deleted task ${taskId}`);
  } catch (error) {
    if (auditFailure === undefined) throw error;
    log(`warn cleanup failed too: ${(error as Error).message}`);
  }
  if (auditFailure !== undefined) throw auditFailure;
}

/** parseArgs reads --url (default http://localhost:3000) and --audit-timeout-ms (default 15000). */
export function parseArgs(argv: readonly string[]): { url: string; auditTimeoutMs: number } {
  let url = "http://localhost:3000";
  let auditTimeoutMs = 15_000;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined) throw new Error(`${name} needs a value`);
      return next;
    };
    if (name === "--url") url = value();
    else if (name === "--audit-timeout-ms") auditTimeoutMs = Number(value());
    else throw new Error(`unknown argument ${arg} (use --url URL [--audit-timeout-ms N])`);
  }
  try {
    new URL(url);
  } catch {
    throw new Error(`--url is not a URL: ${url}`);
  }
  if (!Number.isFinite(auditTimeoutMs) || auditTimeoutMs <= 0)
    throw new Error("--audit-timeout-ms must be a positive number");
  return { url, auditTimeoutMs };
}

if (import.meta.main) {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`smoke: ${(error as Error).message}`);
    process.exit(2);
  }
  console.log(`smoke: ${args.url}`);
  try {
    await runSmoke({ ...args, log: (line) => console.log(line) });
    console.log("smoke: passed");
  } catch (error) {
    const message =
      error instanceof SmokeFailure
        ? `FAILED at ${error.message}`
        : `FAILED: ${(error as Error).stack ?? String(error)}`;
    console.error(`smoke: ${message}`);
    process.exit(1);
  }
}
