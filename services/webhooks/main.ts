import { runService } from "../platform/run-service";
import { webhooksConfigShape } from "./config";
import { createWebhooks } from "./webhooks";

await runService("webhooks", createWebhooks, webhooksConfigShape);
