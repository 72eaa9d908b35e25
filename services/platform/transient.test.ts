import { expect, test } from "bun:test";
import { Code, ConnectError } from "@connectrpc/connect";
import { toConnectError } from "./errors";
import {
  failedStatement,
  isTransientDependencyError,
  redactedError,
  statementName,
  transientToConnectError,
} from "./transient";

const drizzleError = (query: string, params: unknown[], cause: unknown) =>
  Object.assign(new Error(`Failed query: ${query}\nparams: ${params.join(",")}`), { query, params, cause });
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

test("database outages anywhere in the cause chain are transient; statement errors are not", () => {
  expect(
    isTransientDependencyError(drizzleError("select 1", [], withCode("write CONNECTION_CLOSED", "CONNECTION_CLOSED"))),
  ).toBe(true);
  expect(isTransientDependencyError(withCode("connect ECONNREFUSED 127.0.0.1:55432", "ECONNREFUSED"))).toBe(true);
  expect(isTransientDependencyError(withCode("terminating connection due to administrator command", "57P01"))).toBe(
    true,
  );
  expect(isTransientDependencyError(withCode("the database system is starting up", "57P03"))).toBe(true);
  expect(isTransientDependencyError(withCode("duplicate key", "23505"))).toBe(false);
  expect(isTransientDependencyError(withCode("invalid input syntax for type uuid", "22P02"))).toBe(false);
  expect(isTransientDependencyError(new TypeError("x is undefined"))).toBe(false);
});

test("called services and the broker: Unavailable and timeouts are transient, InvalidArgument is not", () => {
  expect(isTransientDependencyError(new ConnectError("down", Code.Unavailable))).toBe(true);
  expect(isTransientDependencyError(new ConnectError("slow", Code.DeadlineExceeded))).toBe(true);
  expect(isTransientDependencyError(new ConnectError("bad", Code.InvalidArgument))).toBe(false);
  expect(
    isTransientDependencyError(
      Object.assign(new Error("Connection error"), { name: "KafkaJSConnectionError", retriable: true }),
    ),
  ).toBe(true);
  expect(
    isTransientDependencyError(
      Object.assign(new Error("bad topic"), { name: "KafkaJSProtocolError", retriable: false }),
    ),
  ).toBe(false);
});

test("an RPC that failed on a database outage answers Unavailable, not Internal; a bug is still Internal", () => {
  expect(toConnectError(drizzleError("insert into tasks", ["secret"], withCode("x", "CONNECTION_CLOSED"))).code).toBe(
    Code.Unavailable,
  );
  expect(toConnectError(new TypeError("bug")).code).toBe(Code.Internal);
});

test("a draining service's refused stream is Unavailable; other Internal errors pass through", () => {
  expect(transientToConnectError(new ConnectError("Received RST_STREAM: GOAWAY", Code.Internal))?.code).toBe(
    Code.Unavailable,
  );
  expect(transientToConnectError(new ConnectError("NGHTTP2_REFUSED_STREAM", Code.Unknown))?.code).toBe(
    Code.Unavailable,
  );
  expect(transientToConnectError(new ConnectError("internal error", Code.Internal))).toBeUndefined();
  expect(toConnectError(new ConnectError("internal error", Code.Internal)).code).toBe(Code.Internal);
});

test("a failed query's log shape names the statement and leaves the parameters out", () => {
  const error = drizzleError(
    'insert into "tasks" ("id", "title") values ($1, $2)',
    ["id-1", "my secret title"],
    withCode("boom", "23505"),
  );
  expect(failedStatement(error)).toBe("insert tasks");
  const logged = JSON.stringify(redactedError(error));
  expect(logged).not.toContain("my secret title");
  expect(logged).toContain("insert tasks");
  expect(logged).toContain("23505");
  expect(statementName('select "id" from "orchestrator"."tasks" where "id" = $1')).toBe("select orchestrator.tasks");
});

test("the logger writes a failed query's statement name and code, never its parameters", () => {
  const lines: string[] = [];
  const script = `
    import { createLogger } from ${JSON.stringify(`${import.meta.dir}/logger.ts`)};
    const error = Object.assign(new Error("Failed query: insert into \\"users\\" (\\"email\\") values ($1)\\nparams: someone@example.com"), {
      query: 'insert into "users" ("email") values ($1)', params: ["someone@example.com"], cause: Object.assign(new Error("duplicate key"), { code: "23505" }) });
    createLogger("t", "info").error({ err: error }, "rpc failed");
  `;
  const result = Bun.spawnSync([process.execPath, "-e", script], { stdout: "pipe" });
  lines.push(result.stdout.toString());
  expect(lines[0]).toContain("insert users");
  expect(lines[0]).toContain("23505");
  expect(lines[0]).not.toContain("someone@example.com");
});
