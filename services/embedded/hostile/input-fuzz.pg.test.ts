// Needs real Postgres (npm run infra:up). Property-based fuzz of every public RPC's JSON body (issue 10, item 8).
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { DescMethod } from "@bufbuild/protobuf";
import fc from "fast-check";
import { AuditService } from "../../../gen/todo/v1/audit_service_pb";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { ChatService } from "../../../gen/todo/v1/chat_service_pb";
import { NotificationService } from "../../../gen/todo/v1/notification_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { registerSession, type Session } from "../../orchestrator/testing/session";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { embeddedServices } from "../services";
import { callJson } from "./input-call";
import { bodyOf } from "./input-fuzz-bodies";

const publicServices = [AuthService, TaskService, ChatService, NotificationService, AuditService];
const methods: DescMethod[] = publicServices.flatMap((service) => service.methods);
const seed = Number(process.env.FUZZ_SEED ?? 20261203);
const budgetMs = Number(process.env.FUZZ_MS ?? 25_000);

let stack: TestStack;
let user: Session;

beforeAll(async () => {
  stack = await startTestStack(
    embeddedServices.filter((factory) => factory.name !== "createWeb"),
    { kafka: false, env: { AUTH_LIMIT_PER_ADDRESS: "100000", AUTH_LIMIT_PER_ACCOUNT: "100000" } },
  );
  user = await registerSession(stack.baseUrl);
}, 60_000);
afterAll(() => stack.stop(), 60_000);

test(
  `every public RPC answers any JSON body without Internal or Unknown (seed ${seed}, ${budgetMs / 1000} s)`,
  async () => {
    const failures: string[] = [];
    let calls = 0;
    const call = fc.oneof(...methods.map((method) => bodyOf(method.input).map((body) => ({ method, body }))));
    await fc
      .assert(
        fc.asyncProperty(call, async ({ method, body }) => {
          calls++;
          const answer = await callJson(stack.baseUrl, method, body, { token: user.accessToken }).catch(
            (error: unknown) => {
              failures.push(
                `${method.parent.name}/${method.name} ${JSON.stringify(body).slice(0, 300)} → no answer: ${String(error)}`,
              );
              throw error;
            },
          );
          if (answer.code === "internal" || answer.code === "unknown" || answer.status >= 500) {
            failures.push(
              `${method.parent.name}/${method.name} ${JSON.stringify(body).slice(0, 300)} → ${answer.status} ${answer.code} ${answer.message}`,
            );
            return false;
          }
          return true;
        }),
        {
          seed,
          numRuns: 1_000_000,
          interruptAfterTimeLimit: budgetMs,
          markInterruptAsFailure: false,
          endOnFailure: true,
        },
      )
      .catch((error) => failures.push(String(error).slice(0, 2000)));
    if (failures.length) console.log(failures.join("\n"));
    console.log(`fuzz: ${calls} calls over ${methods.length} procedures, seed ${seed}`);
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(methods.length);
    // No crash: the process still serves.
    expect((await fetch(`${stack.baseUrl}/healthz`)).status).toBe(200);
  },
  budgetMs + 60_000,
);
