import { z } from "zod";
import { limitsConfigShape } from "./limits";

/** ConfigError names every environment variable that is missing or malformed. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

const runModes = ["embedded", "stack", "kubernetes"] as const;
export type RunMode = (typeof runModes)[number];

const port = z.coerce.number().int().min(0).max(65535);

/** Variables every service reads. Service configs extend this shape. */
export const baseConfigShape = {
  TASKMESH_MODE: z.enum(runModes).default("embedded"),
  PORT: port.default(3000),
  GRPC_PORT: port.default(50051),
  /** Prometheus /metrics (with /healthz and /readyz) on a listener of its own, never on the public ports. */
  METRICS_PORT: port.default(9464),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  DATA_DIR: z.string().default(".data"),
  DATABASE_URL: z.string().url().optional(),
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+(,[^,\s]+)*$/, "comma-separated host:port list")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  // Every service verifies access tokens, so every service knows whose they must be.
  JWT_ISSUER: z.string().min(1).default("taskmesh"),
  JWT_AUDIENCE: z.string().min(1).default("taskmesh-api"),
  ...limitsConfigShape,
} as const;

type Shape = z.ZodRawShape;

/** loadConfig parses the environment against a shape and throws a ConfigError naming each bad variable. */
export function loadConfig<S extends Shape>(shape: S, env: Record<string, string | undefined> = process.env) {
  const schema = z.object(shape);
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    input[key] = value === "" ? undefined : value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "?");
        const shown = env[name] === undefined ? "(unset)" : JSON.stringify(env[name]);
        return `${name}=${shown}: ${issue.message}`;
      }),
    );
  }
  return parsed.data;
}

/** The base configuration's type. */
export type BaseConfig = ReturnType<typeof loadConfig<typeof baseConfigShape>>;

/** exitOnConfigError prints a config error and ends the process with code 78 (EX_CONFIG). */
export function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  throw error;
}
