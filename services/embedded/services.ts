import { createAudit } from "../audit/audit";
import { createNotification } from "../notification/notification";
import { createOrchestrator } from "../orchestrator/orchestrator";
import type { ServiceFactory } from "../platform/service";
import { createRecurring } from "../recurring/recurring";
import { createSkills } from "../skills/skills";
import { createWeb } from "../web/web";
import { createWebhooks } from "../webhooks/webhooks";

/** Every service embedded mode runs in one process, in start order. */
export const embeddedServices: ServiceFactory[] = [
  createSkills,
  createOrchestrator,
  createNotification,
  createRecurring,
  createAudit,
  createWebhooks,
  createWeb,
];
