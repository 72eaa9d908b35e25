import { z } from "zod";
import { loadConfig } from "../platform/config";

const positiveInt = z.coerce.number().int().positive();

/** Variables the orchestrator reads on top of the base ones (a bad value stops it with exit code 78). */
export const orchestratorConfigShape = {
  /** Access-token lifetime; also the bound on how long a revoked session's token works on a late replica. */
  ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(15 * 60),
  REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(30 * 24 * 3600),
  /** Register/Login attempts per minute per client address and per account. */
  AUTH_LIMIT_PER_ADDRESS: positiveInt.default(30),
  AUTH_LIMIT_PER_ACCOUNT: positiveInt.default(10),
  /** PUBLIC_URL is the origin users open taskmesh at; calendar feed URLs point at its /calendar/<secret>.ics. */
  PUBLIC_URL: z.string().url().default("http://localhost:3000"),
} as const;

export type OrchestratorConfig = ReturnType<typeof loadConfig<typeof orchestratorConfigShape>>;

/** loadOrchestratorConfig validates the service's variables from the environment the runtime passed. */
export const loadOrchestratorConfig = (env: Record<string, string | undefined>): OrchestratorConfig =>
  loadConfig(orchestratorConfigShape, env);
