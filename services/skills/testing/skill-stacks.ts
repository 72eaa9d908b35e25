import { type Client, createClient, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { SkillService } from "../../../gen/todo/skills/v1/skill_service_pb";
import { type FakeOllama, type RecordedAnswer, startFakeOllama } from "../../../skills/testing/fake-ollama";
import { internalTokenHeader, onBehalfOfHeader } from "../../platform/rpc/clients";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { createSkills } from "../skills";

/** A trusted service acting for a user, as the orchestrator and recurring service call SkillService. */
const asService =
  (stack: TestStack): Interceptor =>
  (next) =>
  (req) => {
    req.header.set(internalTokenHeader, stack.deps.internalToken);
    req.header.set(onBehalfOfHeader, crypto.randomUUID());
    return next(req);
  };

/**
 * SkillStacks is the skills service twice: `llm` (Connect over HTTP/1.1) with a fake Ollama answering the
 * recorded answers, and `rules` (gRPC) with no model, both called as a trusted service.
 */
export interface SkillStacks {
  fake: FakeOllama;
  withModel: TestStack;
  offline: TestStack;
  llm: Client<typeof SkillService>;
  rules: Client<typeof SkillService>;
  stop(): Promise<void>;
}

export async function startSkillStacks(
  answers: readonly RecordedAnswer[],
  options: { timeoutMs: number },
): Promise<SkillStacks> {
  const fake = startFakeOllama(answers);
  const [withModel, offline] = await Promise.all([
    startTestStack([createSkills], {
      kafka: false,
      env: { OLLAMA_HOST: fake.host, OLLAMA_MODEL: "fake-model", SKILL_TIMEOUT_MS: String(options.timeoutMs) },
    }),
    startTestStack([createSkills], { kafka: false, env: { OLLAMA_HOST: "" } }),
  ]);
  return {
    fake,
    withModel,
    offline,
    llm: createClient(
      SkillService,
      createConnectTransport({ baseUrl: withModel.baseUrl, httpVersion: "1.1", interceptors: [asService(withModel)] }),
    ),
    rules: createClient(
      SkillService,
      createGrpcTransport({ baseUrl: offline.grpcUrl, interceptors: [asService(offline)] }),
    ),
    async stop() {
      await Promise.all([withModel.stop(), offline.stop()]);
      await fake.stop();
    },
  };
}
