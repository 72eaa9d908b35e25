import { expect, test } from "bun:test";
import { ConfigError } from "../platform/config";
import { loadWebConfig } from "./config";

test("TRUSTED_PROXY_HOPS defaults to 0 (only the socket is believed) and takes small whole numbers", () => {
  expect(loadWebConfig({}).TRUSTED_PROXY_HOPS).toBe(0);
  expect(loadWebConfig({ TRUSTED_PROXY_HOPS: "" }).TRUSTED_PROXY_HOPS).toBe(0);
  expect(loadWebConfig({ TRUSTED_PROXY_HOPS: "1" }).TRUSTED_PROXY_HOPS).toBe(1);
  expect(loadWebConfig({ TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
});

test("a negative, fractional or non-numeric TRUSTED_PROXY_HOPS is a configuration error naming it", () => {
  for (const bad of ["-1", "1.5", "one", "11"]) {
    expect(() => loadWebConfig({ TRUSTED_PROXY_HOPS: bad }), bad).toThrow(ConfigError);
    expect(() => loadWebConfig({ TRUSTED_PROXY_HOPS: bad }), bad).toThrow("TRUSTED_PROXY_HOPS");
  }
});
