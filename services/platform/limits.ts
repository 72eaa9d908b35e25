import { z } from "zod";

const positive = z.coerce.number().int().positive();

/**
 * The transport limits every listener applies, each named once and overridable by environment variable
 * (README's configuration table lists them). They bound what one caller can make a server read, hold and
 * keep open before any handler, token check or parser runs.
 */
export const limitsConfigShape = {
  /**
   * Largest request a caller may send: the whole body on the HTTP/1.1 port (refused with 413 while it is
   * read) and each message on both ports after decompression (`ResourceExhausted`). It is the limit of
   * routes without one of their own and the ceiling of those that have one (rpc/request-limits.ts:
   * 8 KiB sign-in, 32 KiB chat, 256 KiB task writes, 64 KiB the other public RPCs).
   */
  REQUEST_MAX_BYTES: positive.max(64 * 1024 * 1024).default(1024 * 1024),
  /**
   * A connection with no request in flight is closed after this long (HTTP/1.1 and HTTP/2). Server streams
   * are not idle: they send a heartbeat every 15 s, and the HTTP/1.1 port exempts them from the timer.
   */
  CONNECTION_IDLE_TIMEOUT_SECONDS: positive.max(255).default(30),
  /** Concurrent streams one HTTP/2 connection may open (SETTINGS_MAX_CONCURRENT_STREAMS). */
  HTTP2_MAX_CONCURRENT_STREAMS: positive.max(10_000).default(100),
  /** Largest header block one HTTP/2 request may send (SETTINGS_MAX_HEADER_LIST_SIZE). */
  HTTP2_MAX_HEADER_BYTES: positive
    .min(1024)
    .max(1024 * 1024)
    .default(16 * 1024),
  /** Memory one HTTP/2 session may buffer before new streams are refused (node:http2 maxSessionMemory). */
  HTTP2_MAX_SESSION_MEMORY_MB: positive.max(1024).default(10),
  /** Open connections one client address may hold on the gRPC port; past it a new one is closed at once. */
  CONNECTIONS_PER_ADDRESS: positive.max(100_000).default(100),
  /**
   * RPCs one client address may have in flight on the HTTP/1.1 port (a call counts from its headers
   * until its answer is written; a server stream until it ends); past it `ResourceExhausted` (HTTP 429)
   * before the body is read. One HTTP/1.1 connection carries one call at a time, so this also bounds the
   * busy connections per address (Bun.serve has no connection hook; see rpc/address-gate.ts).
   */
  REQUESTS_PER_ADDRESS: positive.max(100_000).default(200),
  /** Concurrent server streams (WatchTasks, WatchNotifications, StreamMessage) one user may hold per server. */
  STREAMS_PER_USER: positive.max(10_000).default(32),
} as const;

/** TransportLimits is the parsed limits section of a service's configuration. */
export type TransportLimits = { [K in keyof typeof limitsConfigShape]: z.infer<(typeof limitsConfigShape)[K]> };

/** limitsOf picks the limits section out of a loaded configuration. */
export function limitsOf(config: TransportLimits): TransportLimits {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(limitsConfigShape)) picked[key] = config[key as keyof TransportLimits];
  return picked as TransportLimits;
}
