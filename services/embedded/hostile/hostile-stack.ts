import { SkillService } from "../../../gen/todo/skills/v1/skill_service_pb";
import { registerSession, type Session } from "../../orchestrator/testing/session";
import { internalTokenHeader, onBehalfOfHeader } from "../../platform/rpc/clients";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { embeddedServices } from "../services";
import { callJson } from "./input-call";

/** HostileStack is the running services and the user the hostile calls are made as. */
export interface HostileStack {
  stack: TestStack;
  user: Session;
}

/**
 * startHostileStack runs every service but the web server in this process, as embedded mode does (no Kafka:
 * the in-memory bus), with the sign-in limits out of the way and `env` added, and registers one user.
 */
export async function startHostileStack(env: Record<string, string> = {}): Promise<HostileStack> {
  const stack = await startTestStack(
    embeddedServices.filter((factory) => factory.name !== "createWeb"),
    { kafka: false, env: { AUTH_LIMIT_PER_ADDRESS: "100000", AUTH_LIMIT_PER_ACCOUNT: "100000", ...env } },
  );
  return { stack, user: await registerSession(stack.baseUrl) };
}

/** callSkill calls a SkillService procedure (by its proto name) as an internal service acting for `user`. */
export function callSkill({ stack, user }: HostileStack, name: string, body: unknown) {
  return callJson(stack.baseUrl, SkillService.methods.find((m) => m.name === name)!, body, {
    headers: { [internalTokenHeader]: stack.deps.internalToken, [onBehalfOfHeader]: user.userId },
  });
}
