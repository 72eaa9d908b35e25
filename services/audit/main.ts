import { runService } from "../platform/run-service";
import { createAudit } from "./audit";

await runService("audit", createAudit);
