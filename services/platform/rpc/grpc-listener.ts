import http2 from "node:http2";
import type { AddressInfo, Socket } from "node:net";
import type { ConnectRouterOptions } from "@connectrpc/connect";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import type { TransportLimits } from "../limits";
import { apiResponseHeaders } from "./response-headers";

/** A running HTTP/2 gRPC listener. */
export interface GrpcListener {
  port: number;
  close(): Promise<void>;
}

/**
 * startGrpcListener serves Connect's node adapter over HTTP/2 with the transport limits: at most
 * CONNECTIONS_PER_ADDRESS open connections per client address (a new one past it is closed at once),
 * a session idle timeout (a session with a stream open is not idle), bounded concurrent streams,
 * header block and session memory. Message size and decompression limits are the adapter's options.
 */
export async function startGrpcListener(options: {
  host: string;
  port: number;
  limits: TransportLimits;
  adapter: Parameters<typeof connectNodeAdapter>[0] & Partial<ConnectRouterOptions>;
}): Promise<GrpcListener> {
  const { limits } = options;
  const handle = connectNodeAdapter(options.adapter);
  const server = http2.createServer(
    {
      maxSessionMemory: limits.HTTP2_MAX_SESSION_MEMORY_MB,
      settings: {
        maxConcurrentStreams: limits.HTTP2_MAX_CONCURRENT_STREAMS,
        maxHeaderListSize: limits.HTTP2_MAX_HEADER_BYTES,
      },
    },
    (req, res) => {
      for (const [name, value] of Object.entries(apiResponseHeaders)) res.setHeader(name, value);
      handle(req, res);
    },
  );

  // Sockets by remote port: an HTTP/2 session hides its socket, so a timed-out session finds it here.
  const sockets = new Map<string, Socket>();
  const perAddress = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const address = socket.remoteAddress ?? "unknown";
    const held = perAddress.get(address) ?? 0;
    if (held >= limits.CONNECTIONS_PER_ADDRESS) {
      socket.destroy();
      return;
    }
    perAddress.set(address, held + 1);
    const key = `${address}:${socket.remotePort}`;
    sockets.set(key, socket);
    socket.once("close", () => {
      sockets.delete(key);
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
  });
  // A session with a stream open is in use, not idle, however quiet that stream is for a while.
  const openStreams = new WeakMap<http2.Http2Session, number>();
  server.on("stream", (stream: http2.ServerHttp2Stream) => {
    const session = stream.session;
    if (!session) return;
    openStreams.set(session, (openStreams.get(session) ?? 0) + 1);
    stream.once("close", () => openStreams.set(session, (openStreams.get(session) ?? 1) - 1));
  });
  // node:http2 hands the idle session to this callback (its typings say nothing is passed).
  server.setTimeout(limits.CONNECTION_IDLE_TIMEOUT_SECONDS * 1000, ((session: http2.Http2Session) => {
    if ((openStreams.get(session) ?? 0) > 0) return;
    const socket = sockets.get(`${session.socket?.remoteAddress}:${session.socket?.remotePort}`);
    session.destroy();
    socket?.destroy();
  }) as () => void);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
