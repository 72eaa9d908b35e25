import type { ServiceFactory } from "../platform/service";
import { createOrchestrator } from "../orchestrator/orchestrator";
import { createNotification } from "../notification/notification";

/** Every service embedded mode runs in one process, in start order. */
export const embeddedServices: ServiceFactory[] = [createOrchestrator, createNotification];
