import { fileURLToPath } from "node:url";
import { Counter, type Registry } from "prom-client";
import type { z } from "zod";
import { SkillService } from "../../gen/todo/skills/v1/skill_service_pb";
import { TaskService } from "../../gen/todo/v1/task_service_pb";
import { topics } from "../platform/bus/event-codec";
import { loadConfig } from "../platform/config";
import type { ServiceDeps, ServiceFactory } from "../platform/service";
import { withOutboxRelay } from "../platform/with-outbox-relay";
import { skillOccurrenceEngine, withFallback } from "./clients/skill-occurrence-engine";
import { recurringConfigShape } from "./config";
import { outbox } from "./db/schema";
import { localOccurrenceEngine, type OccurrenceEngine } from "./domain/occurrence-engine";
import { subscribeAccountDeletion } from "./events/account-deletion-consumer";
import { completionConsumer } from "./events/completion-consumer";

type EngineChoice = z.infer<typeof recurringConfigShape.RECURRENCE_ENGINE>;

function occurrenceEngine(choice: EngineChoice, deps: ServiceDeps, timeoutMs: number): OccurrenceEngine {
  if (choice === "local") return localOccurrenceEngine;
  const skills = skillOccurrenceEngine(() => deps.clients.client(SkillService, "skills"), timeoutMs);
  return choice === "skills" ? skills : withFallback(skills, localOccurrenceEngine, deps.logger);
}

function outcomeCounter(registry: Registry): Counter<"outcome"> {
  const name = "recurring_completions_total";
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<"outcome">;
  return new Counter({
    name,
    help: "Completed recurring tasks, by outcome (created, ended)",
    labelNames: ["outcome"],
    registers: [registry],
  });
}

/**
 * createRecurring wires the recurring service: it serves no public RPC (only health, metrics and
 * reflection), consumes task-events and creates each recurring task's next instance via TaskService.
 */
export const createRecurring: ServiceFactory = async (deps) => {
  const { database, bus, logger, metrics } = deps;
  const config = loadConfig(recurringConfigShape, deps.env);
  const engine = occurrenceEngine(config.RECURRENCE_ENGINE, deps, config.SKILLS_TIMEOUT_MS);
  const outcomes = outcomeCounter(metrics.registry);

  return withOutboxRelay(deps, outbox, (relay) => ({
    appId: "recurring",
    services: [],
    routes: () => {},
    migrations: { folder: fileURLToPath(new URL("./db/migrations", import.meta.url)), schema: "recurring" },
    async start() {
      await bus.subscribe({
        groupId: config.RECURRING_CONSUMER_GROUP,
        topics: [topics.taskEvents],
        handle: completionConsumer({
          db: database.db,
          consumer: config.RECURRING_CONSUMER_GROUP,
          engine,
          tasks: () => deps.clients.client(TaskService, "orchestrator"),
          logger,
          settled: (outcome) => {
            outcomes.inc({ outcome: outcome.kind });
            if (outcome.kind === "created") relay.wake();
          },
        }),
      });
      await subscribeAccountDeletion(bus, database.db, config.RECURRING_CONSUMER_GROUP);
      logger.info({ engine: engine.name, group: config.RECURRING_CONSUMER_GROUP }, "recurring consumer started");
    },
  }));
};
