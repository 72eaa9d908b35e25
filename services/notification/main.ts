import { runService } from "../platform/run-service";
import { notificationConfigShape } from "./config";
import { createNotification } from "./notification";

await runService("notification", createNotification, notificationConfigShape);
