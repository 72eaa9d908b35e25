import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import net from "node:net";
import { gzipSync } from "node:zlib";
import { Code, createClient } from "@connectrpc/connect";
import { createGrpcTransport, createGrpcWebTransport } from "@connectrpc/connect-node";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { codeOf } from "../../platform/testing/outcome";
import { bearer, connectClient } from "../../platform/testing/tokens";
import { envelope, rawGrpc } from "./transport-grpc";
import { startTarget, type Target } from "./transport-target";

/**
 * Issue 10 items 2 and 3 on the real embedded process: each route's own request limit (rpc/request-limits.ts)
 * refuses a larger body or message before auth and parsing on both ports, however it arrives (declared,
 * chunked, gzip-inflated), and the HTTP/1.1 port bounds the calls one client address has in flight
 * (REQUESTS_PER_ADDRESS, 24 here), slow bodies and open streams included.
 */
const perAddress = 24;
let target: Target;

beforeAll(async () => {
  target = await startTarget({
    REQUESTS_PER_ADDRESS: String(perAddress),
    STREAMS_PER_USER: "100",
    AUTH_LIMIT_PER_ADDRESS: "100000",
    AUTH_LIMIT_PER_ACCOUNT: "100000",
  });
}, 120_000);

afterAll(() => target?.stop(), 30_000);

const KiB = 1024;
const routes = [
  { path: "/todo.v1.AuthService/Login", limit: 8 * KiB },
  { path: "/todo.v1.ChatService/SendMessage", limit: 32 * KiB },
  { path: "/todo.v1.TaskService/ListTasks", limit: 64 * KiB },
  { path: "/todo.v1.TaskService/CreateTask", limit: 256 * KiB },
] as const;

/** A JSON object of exactly `bytes` bytes: valid, padded with whitespace (which JSON allows anywhere between tokens). */
const jsonOf = (bytes: number) => new TextEncoder().encode(`{${" ".repeat(bytes - 2)}}`);

/** post sends a Connect JSON request without a token and answers the HTTP status and the error code, if any. */
async function post(path: string, body: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const response = await fetch(`${target.taskmesh.baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    duplex: "half",
  } as RequestInit);
  const text = await response.text();
  return { status: response.status, code: /"code":"([a-z_]+)"/.exec(text)?.[1] ?? "ok" };
}

/** chunked streams `body` without a Content-Length, so the server learns its size only by reading it. */
const chunked = (body: Uint8Array) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < body.byteLength; at += 4 * KiB) controller.enqueue(body.subarray(at, at + 4 * KiB));
      controller.close();
    },
  });

describe("per-route request limits", () => {
  test("past its route's limit a request is ResourceExhausted, without a token, however it arrives, on both ports", async () => {
    for (const { path, limit } of routes) {
      const over = jsonOf(limit + 2 * KiB);
      const declared = await post(path, over);
      const streamed = await post(path, chunked(over));
      // 200 bytes on the wire that inflate past the limit.
      const inflated = await post(path, gzipSync(over), { "content-encoding": "gzip" });
      const grpcDeclared = await rawGrpc(target.taskmesh.grpcPort, path, [
        envelope(new Uint8Array(0), false, limit + 1),
      ]);
      const grpcInflated = await rawGrpc(target.taskmesh.grpcPort, path, [envelope(gzipSync(over), true)], {
        "grpc-encoding": "gzip",
      });
      console.log(`${path} (${limit / KiB} KiB): declared ${declared.status}, chunked ${streamed.status}`);
      // Refused before auth: a caller without a token learns the size, not that it needs a token.
      expect(declared).toEqual({ status: 413, code: "resource_exhausted" });
      expect(streamed.code).toBe("resource_exhausted");
      expect(inflated.code).toBe("resource_exhausted");
      expect(grpcDeclared.grpcStatus).toBe(Code.ResourceExhausted);
      expect(grpcInflated.grpcStatus).toBe(Code.ResourceExhausted);

      // At the limit the body is read and the call goes on to auth (or, for Login, to its handler).
      const within = await post(path, jsonOf(limit));
      expect(within.code).not.toBe("resource_exhausted");
      expect(["unauthenticated", "invalid_argument"]).toContain(within.code);
    }
  }, 60_000);

  test("a declared body past the limit is answered 413 before a byte of it is sent", async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(target.taskmesh.httpPort, "127.0.0.1");
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk.toString();
        if (text.includes("\r\n\r\n")) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on("error", reject);
      socket.write(
        "POST /todo.v1.AuthService/Login HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 10000\r\n\r\n",
      );
      setTimeout(() => reject(new Error("no answer within 5 s: the server waited for the body")), 5_000);
    });
    expect(answer).toStartWith("HTTP/1.1 413");
  });

  test("200 concurrent 1 MiB bodies to Login (8 KiB) are refused with /healthz answering and RSS bounded", async () => {
    const body = jsonOf(1024 * KiB);
    const answers = await target.underAttack(
      "200 × 1 MiB to Login",
      () =>
        Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            post("/todo.v1.AuthService/Login", i % 2 ? body : chunked(body)).catch(() => ({ status: 0, code: "cut" })),
          ),
        ),
      { flood: true },
    );
    for (const answer of answers) expect(["resource_exhausted", "cut"]).toContain(answer.code);
    expect(answers.filter((a) => a.code === "resource_exhausted").length).toBeGreaterThan(150);
  }, 60_000);
});

describe("calls in flight per address on the HTTP/1.1 port", () => {
  /** holdSlowBodies opens `count` Login calls from `localAddress` that declare a body and never send it. */
  const holdSlowBodies = (count: number, localAddress = "127.0.0.1") =>
    Array.from({ length: count }, () => {
      const socket = net.connect({ port: target.taskmesh.httpPort, host: "127.0.0.1", localAddress });
      socket.on("error", () => undefined);
      socket.write(
        "POST /todo.v1.AuthService/Login HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{",
      );
      return socket;
    });

  /** rawCall sends one small Login call from `localAddress` and answers its HTTP status line. */
  const rawCall = (localAddress: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = net.connect({ port: target.taskmesh.httpPort, host: "127.0.0.1", localAddress });
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk.toString();
        if (text.includes("\r\n")) {
          socket.destroy();
          resolve(text.slice(0, text.indexOf("\r\n")));
        }
      });
      socket.on("error", reject);
      const body = '{"email":"nobody@example.com","password":"wrong password"}';
      socket.write(
        `POST /todo.v1.AuthService/Login HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
      );
    });

  test("slow bodies hold their places: past the cap the next call is ResourceExhausted in every protocol; another address is served", async () => {
    const sockets = holdSlowBodies(perAddress);
    try {
      await Bun.sleep(300);
      const { user } = target;
      const connect = connectClient(TaskService, target.taskmesh.baseUrl, user.accessToken);
      const grpcWeb = createClient(
        TaskService,
        createGrpcWebTransport({
          baseUrl: target.taskmesh.baseUrl,
          httpVersion: "1.1",
          interceptors: [bearer(user.accessToken)],
        }),
      );
      const stream = async () => {
        for await (const _ of connect.watchTasks({})) return "OK";
        return "ended";
      };
      expect(await codeOf(connect.listTasks({}))).toBe("ResourceExhausted");
      expect(await codeOf(grpcWeb.listTasks({}))).toBe("ResourceExhausted");
      expect(await codeOf(stream())).toBe("ResourceExhausted");
      // /healthz is not an RPC and is not counted; the gRPC port has its own bound (connections).
      expect((await fetch(`${target.taskmesh.baseUrl}/healthz`)).status).toBe(200);
      const grpc = createClient(
        TaskService,
        createGrpcTransport({ baseUrl: target.grpcUrl, interceptors: [bearer(user.accessToken)] }),
      );
      expect(await codeOf(grpc.listTasks({}))).toBe("OK");
      // Another client address (127.0.0.2 is loopback too) is counted apart and served.
      expect(await rawCall("127.0.0.2")).toBe("HTTP/1.1 401 Unauthorized");
      expect(await rawCall("127.0.0.1")).toBe("HTTP/1.1 429 Too Many Requests");
    } finally {
      for (const socket of sockets) socket.destroy();
    }
    // A caller that went away gives its place back.
    await Bun.sleep(300);
    expect(await rawCall("127.0.0.1")).toBe("HTTP/1.1 401 Unauthorized");
  }, 30_000);

  test("open streams count until they end: a place comes back when one is closed", async () => {
    const { user } = target;
    const connect = connectClient(TaskService, target.taskmesh.baseUrl, user.accessToken);
    const controllers = Array.from({ length: perAddress }, () => new AbortController());
    const iterators = controllers.map((c) => connect.watchTasks({}, { signal: c.signal })[Symbol.asyncIterator]());
    try {
      await Promise.all(iterators.map((it) => it.next()));
      expect(await rawCall("127.0.0.1")).toBe("HTTP/1.1 429 Too Many Requests");
      controllers[0]!.abort();
      await iterators[0]!.next().catch(() => undefined);
      await Bun.sleep(300);
      expect(await rawCall("127.0.0.1")).toBe("HTTP/1.1 401 Unauthorized");
    } finally {
      for (const c of controllers) c.abort();
    }
  }, 30_000);
});
