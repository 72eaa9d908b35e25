import { z } from "zod";
import { loadConfig } from "../platform/config";

/** Variables the web service reads on top of the base ones. */
export const webConfigShape = {
  /**
   * How many proxies in front of web (an ingress controller, a load balancer) each append the address
   * they were called from to X-Forwarded-For. 0 believes only the socket; set it to exactly the number of
   * proxies every request passes, or a browser can pick the address its sign-in attempts count against.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
} as const;

export type WebConfig = ReturnType<typeof loadConfig<typeof webConfigShape>>;

/** loadWebConfig validates the service's variables from the environment the runtime passed. */
export const loadWebConfig = (env: Record<string, string | undefined>): WebConfig => loadConfig(webConfigShape, env);
