import { runService } from "../platform/run-service";
import { recurringConfigShape } from "./config";
import { createRecurring } from "./recurring";

await runService("recurring", createRecurring, recurringConfigShape);
