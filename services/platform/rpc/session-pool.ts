import type * as http2 from "node:http2";
import { type createGrpcTransport, Http2SessionManager } from "@connectrpc/connect-node";

/** What a Node HTTP/2 transport asks of its connection manager (the package does not export the type). */
type NodeHttp2ClientSessionManager = NonNullable<Parameters<typeof createGrpcTransport>[0]["sessionManager"]>;

/**
 * A pool of HTTP/2 connections to one service. A server allows a fixed number of streams per connection
 * (HTTP2_MAX_CONCURRENT_STREAMS, 100 by default) and a client that has them all open waits for one to
 * end. A relay holds one long stream per open browser (web → orchestrator: WatchTasks), so a single
 * connection would leave the 101st browser waiting for as long as the first hundred stay. The pool opens
 * another connection once every open one carries `streamsPerConnection` streams, and closes nothing
 * itself: each connection's manager closes it when idle.
 */
export function pooledSessionManager(
  baseUrl: string,
  options: { streamsPerConnection?: number; create?: (baseUrl: string) => Http2SessionManager } = {},
): NodeHttp2ClientSessionManager & { connections(): number } {
  const perConnection = options.streamsPerConnection ?? 90;
  const create = options.create ?? ((url: string) => new Http2SessionManager(url));
  const connections: { manager: Http2SessionManager; open: number }[] = [];
  const owner = new WeakMap<http2.ClientHttp2Stream, Http2SessionManager>();
  const first = create(baseUrl);
  connections.push({ manager: first, open: 0 });

  const pick = () => {
    const free = connections.find((c) => c.open < perConnection);
    if (free) return free;
    const added = { manager: create(baseUrl), open: 0 };
    connections.push(added);
    return added;
  };

  return {
    authority: first.authority,
    async request(method, path, headers, requestOptions) {
      const connection = pick();
      connection.open += 1;
      let stream: http2.ClientHttp2Stream;
      try {
        stream = await connection.manager.request(method, path, headers, requestOptions);
      } catch (error) {
        connection.open -= 1;
        throw error;
      }
      owner.set(stream, connection.manager);
      stream.once("close", () => {
        connection.open -= 1;
      });
      return stream;
    },
    notifyResponseByteRead(stream) {
      owner.get(stream)?.notifyResponseByteRead(stream);
    },
    connections: () => connections.length,
  };
}
