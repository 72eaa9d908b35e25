// Needs real Postgres (npm run infra:up). Property-based fuzz of every public RPC's JSON body (issue 10, item 8).
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { DescMethod } from "@bufbuild/protobuf";
import fc from "fast-check";
import { AuditService } from "../../../gen/todo/v1/audit_service_pb";
import { AuthService } from "../../../gen/todo/v1/auth_service_pb";
import { ChatService } from "../../../gen/todo/v1/chat_service_pb";
import { NotificationService } from "../../../gen/todo/v1/notification_service_pb";
import { TaskService } from "../../../gen/todo/v1/task_service_pb";
import { type HostileStack, startHostileStack } from "./hostile-stack";
import { bodyOf } from "./input-fuzz-bodies";
import { fuzzBudgetMs, fuzzJsonCalls, fuzzSeed } from "./input-fuzz-run";

const publicServices = [AuthService, TaskService, ChatService, NotificationService, AuditService];
const methods: DescMethod[] = publicServices.flatMap((service) => service.methods);
const seed = fuzzSeed;
const budgetMs = fuzzBudgetMs(25_000);

let hostile: HostileStack;

beforeAll(async () => {
  hostile = await startHostileStack();
}, 60_000);
afterAll(() => hostile.stack.stop(), 60_000);

test(
  `every public RPC answers any JSON body without Internal or Unknown (seed ${seed}, ${budgetMs / 1000} s)`,
  async () => {
    const { failures, calls } = await fuzzJsonCalls({
      baseUrl: hostile.stack.baseUrl,
      token: hostile.user.accessToken,
      call: fc.oneof(...methods.map((method) => bodyOf(method.input).map((body) => ({ method, body })))),
      budgetMs,
    });
    console.log(`fuzz: ${calls} calls over ${methods.length} procedures, seed ${seed}`);
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(methods.length);
    // No crash: the process still serves.
    expect((await fetch(`${hostile.stack.baseUrl}/healthz`)).status).toBe(200);
  },
  budgetMs + 60_000,
);
