import { runService } from "../platform/run-service";
import { orchestratorConfigShape } from "./config";
import { createOrchestrator } from "./orchestrator";

await runService("orchestrator", createOrchestrator, orchestratorConfigShape);
