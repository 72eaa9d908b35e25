import type { ServiceFactory } from "../platform/service";
export const createOrchestrator: ServiceFactory = async () => ({ appId: "orchestrator", services: [], routes: () => {} });
