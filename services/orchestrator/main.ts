import { runService } from "../platform/run-service";
import { createOrchestrator } from "./orchestrator";

await runService("orchestrator", createOrchestrator);
