import { expect, test } from "bun:test";
import { ConfigError } from "../platform/config";
import { loadOrchestratorConfig } from "./config";

test("the orchestrator's variables default as the README says and a bad value is a ConfigError naming it (exit 78), not a silent fallback", () => {
  expect(loadOrchestratorConfig({})).toEqual({
    ACCESS_TOKEN_TTL_SECONDS: 900,
    REFRESH_TOKEN_TTL_SECONDS: 2_592_000,
    AUTH_LIMIT_PER_ADDRESS: 30,
    AUTH_LIMIT_PER_ACCOUNT: 10,
    PUBLIC_URL: "http://localhost:3000",
  });
  expect(loadOrchestratorConfig({ AUTH_LIMIT_PER_ACCOUNT: "3" }).AUTH_LIMIT_PER_ACCOUNT).toBe(3);
  let error: unknown;
  try {
    loadOrchestratorConfig({ ACCESS_TOKEN_TTL_SECONDS: "15m", AUTH_LIMIT_PER_ADDRESS: "0" });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).problems.map((p) => p.split("=")[0])).toEqual([
    "ACCESS_TOKEN_TTL_SECONDS",
    "AUTH_LIMIT_PER_ADDRESS",
  ]);
});
