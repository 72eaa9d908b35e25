import { runService } from "../platform/run-service";
import { webConfigShape } from "./config";
import { createWeb } from "./web";

await runService("web", createWeb, webConfigShape, { stateless: true });
