import { SkillService } from "../../gen/todo/skills/v1/skill_service_pb";
import { createSkills as createSkillAgents, loadPrompts, ollamaModelClient } from "../../skills/index";
import { BUILT_IN_PROMPTS_DIR } from "../../skills/prompts";
import type { ServiceFactory } from "../platform/service";
import { loadSkillsConfig } from "./config";
import { skillService } from "./rpc/skill-service";

/**
 * createSkills serves the skill agents as todo.skills.v1.SkillService. It owns no tables and
 * publishes no events; with OLLAMA_HOST set the LLM path answers first, otherwise the rules do.
 */
export const createSkills: ServiceFactory = async (deps) => {
  const config = loadSkillsConfig(deps.env);
  const prompts = loadPrompts(config.PROMPTS_DIR ?? BUILT_IN_PROMPTS_DIR);
  const model = config.OLLAMA_HOST ? ollamaModelClient(config.OLLAMA_HOST, config.OLLAMA_MODEL) : undefined;
  const skills = createSkillAgents({ model, prompts, timeoutMs: config.SKILL_TIMEOUT_MS });
  deps.logger.info(
    {
      llm: model ? { host: config.OLLAMA_HOST, model: config.OLLAMA_MODEL, timeoutMs: config.SKILL_TIMEOUT_MS } : "off",
      prompts: prompts.size,
    },
    "skills ready",
  );
  return {
    appId: "skills",
    internal: true,
    services: [SkillService],
    routes: (router) => router.service(SkillService, skillService(skills)),
  };
};
