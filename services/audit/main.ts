import { runService } from "../platform/run-service";
import { createAudit } from "./audit";
import { auditConfigShape } from "./config";

await runService("audit", createAudit, auditConfigShape);
