import { runService } from "../platform/run-service";
import { createWeb } from "./web";

await runService("web", createWeb, {}, { stateless: true });
