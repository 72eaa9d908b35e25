import { Code, ConnectError } from "@connectrpc/connect";

/**
 * Transient dependency failures: the database, the broker or a called service is unreachable or restarting.
 * Nothing was written, and the same request succeeds once the dependency is back — so an RPC answers
 * `Unavailable` (retryable), and a consumer retries for as long as it takes instead of dead-lettering.
 */

/** Socket and driver codes of a connection that is gone or never came (postgres.js, node:net). */
const connectionCodes = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "ConnectionRefused",
  "ConnectionClosed",
]);

/**
 * SQLSTATEs that say "the server, not the statement": 08 connection exception, 53 insufficient resources
 * (too many connections, out of memory or disk), 57P01–57P05 shutdown/crash/cannot-connect-now/idle
 * timeout, 58 system error, and 40001/40P01 (serialization failure, deadlock), which succeed when retried.
 */
const transientSqlState = /^(08...|53...|57P0[1-5]|58...|40001|40P01)$/;

/** Connect codes of a called service that say "try again", not "you asked wrongly". */
const transientCodes = new Set([Code.Unavailable, Code.DeadlineExceeded, Code.ResourceExhausted, Code.Aborted]);

/** kafkajs errors that say the broker is away (its own `retriable` flag is set on these). */
const kafkaTransientNames = new Set([
  "KafkaJSConnectionError",
  "KafkaJSConnectionClosedError",
  "KafkaJSRequestTimeoutError",
  "KafkaJSNumberOfRetriesExceeded",
  "KafkaJSBrokerNotFound",
  "KafkaJSLockTimeout",
  "KafkaJSTimeout",
  "KafkaJSMetadataNotLoaded",
]);

function* causes(error: unknown): Generator<object> {
  for (let cause = error, depth = 0; cause && typeof cause === "object" && depth < 8; depth++) {
    yield cause;
    const next = (cause as { cause?: unknown }).cause;
    if (next === cause) return;
    cause = next;
  }
}

/** isTransientDependencyError finds a dependency outage anywhere in an error's cause chain. */
export function isTransientDependencyError(error: unknown): boolean {
  for (const cause of causes(error)) {
    if (cause instanceof ConnectError) {
      if (transientCodes.has(cause.code)) return true;
      continue;
    }
    const { code, name, retriable, errno } = cause as {
      code?: unknown;
      name?: unknown;
      retriable?: unknown;
      errno?: unknown;
    };
    if (typeof code === "string" && (connectionCodes.has(code) || transientSqlState.test(code))) return true;
    if (typeof errno === "string" && connectionCodes.has(errno)) return true;
    if (typeof name === "string" && name.startsWith("KafkaJS") && (kafkaTransientNames.has(name) || retriable === true))
      return true;
    if (name === "TimeoutError") return true;
  }
  return false;
}

/** A called service that is draining or restarting refuses the stream; the HTTP/2 layer says so in words. */
const refusedStream =
  /GOAWAY|REFUSED_STREAM|ECONNRESET|ECONNREFUSED|socket hang up|stream was destroyed|session closed/i;

/**
 * transientToConnectError maps a dependency outage to `Unavailable`: a database or broker error, or a call
 * to another service whose stream was refused (`Internal`/`Unknown` carrying GOAWAY or a reset). Anything
 * else is undefined, for the caller's own mapping.
 */
export function transientToConnectError(error: unknown): ConnectError | undefined {
  if (error instanceof ConnectError) {
    if ((error.code !== Code.Internal && error.code !== Code.Unknown) || !refusedStream.test(error.rawMessage))
      return undefined;
    return new ConnectError(
      "a called service is restarting; the request can be retried",
      Code.Unavailable,
      undefined,
      undefined,
      error,
    );
  }
  if (!isTransientDependencyError(error)) return undefined;
  return new ConnectError(
    "a dependency is unavailable; the request was not completed and can be retried",
    Code.Unavailable,
    undefined,
    undefined,
    error,
  );
}

/**
 * failedStatement names the database statement an error came from without its parameters: drizzle puts
 * the SQL and every parameter value into its error message, which would carry user data into the logs.
 */
export function failedStatement(error: unknown): string | undefined {
  for (const cause of causes(error)) {
    const query = (cause as { query?: unknown }).query;
    if (typeof query === "string" && query.length > 0) return statementName(query);
  }
  return undefined;
}

/** statementName is "insert into tasks", "update outbox", "select … from tasks": verb and first table. */
export function statementName(sqlText: string): string {
  const text = sqlText.replace(/\s+/g, " ").trim();
  const verb =
    /^(with|select|insert|update|delete|begin|commit|rollback|savepoint|release)\b/i.exec(text)?.[1]?.toLowerCase() ??
    text.split(" ")[0]!.toLowerCase();
  const table = /\b(?:from|into|update|join)\s+("?[\w.]+"?(?:\."?\w+"?)?)/i.exec(text)?.[1]?.replaceAll('"', "");
  return table ? `${verb} ${table}` : verb;
}

/**
 * redactedError is an error as a log line may show it: message, name, code and statement name, with any
 * "Failed query … params: …" text replaced by the statement's name. Causes are kept, redacted the same way.
 */
export function redactedError(error: unknown, depth = 0): Record<string, unknown> | unknown {
  if (!(error instanceof Error) || depth > 5) return error;
  const statement = failedStatement(error);
  const message = error.message.startsWith("Failed query:")
    ? `failed statement: ${statement ?? "unknown"}`
    : error.message;
  const { code, routine } = error as { code?: unknown; routine?: unknown };
  return {
    type: error.name,
    message,
    ...(code !== undefined ? { code } : {}),
    ...(routine !== undefined ? { routine } : {}),
    ...(statement ? { statement } : {}),
    ...(error.cause !== undefined ? { cause: redactedError(error.cause, depth + 1) } : {}),
    stack: error.message.startsWith("Failed query:") ? undefined : error.stack,
  };
}
