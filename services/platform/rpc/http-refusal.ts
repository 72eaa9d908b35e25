import { Code, ConnectError } from "@connectrpc/connect";
import { encodeEnvelope } from "@connectrpc/connect/protocol";
import { endStreamFlag, endStreamToJson, errorToJsonBytes } from "@connectrpc/connect/protocol-connect";
import { setTrailerStatus, trailerFlag, trailerSerialize } from "@connectrpc/connect/protocol-grpc-web";
import { apiResponseHeaders } from "./response-headers";

/**
 * refusal answers an RPC on the HTTP/1.1 port with `ResourceExhausted` before its body is read or any
 * handler runs, in the caller's protocol, so every client sees the code and not a bare HTTP status:
 * Connect unary as an error body (HTTP `httpStatus`: 413 for a body too large, 429 for too many calls),
 * Connect streaming as an end-of-stream message, gRPC-Web as trailers.
 */
export function refusal(request: Request, message: string, httpStatus: 413 | 429): Response {
  const error = new ConnectError(message, Code.ResourceExhausted);
  const contentType = request.headers.get("content-type") ?? "";
  // A body too large is not read, so the connection cannot carry another request; a call refused for the
  // count is small enough to be drained, and its caller keeps its connection.
  const headers: Record<string, string> = { ...apiResponseHeaders, ...(httpStatus === 413 && { connection: "close" }) };
  if (/^application\/grpc-web/i.test(contentType)) {
    const trailer = trailerSerialize(setTrailerStatus(new Headers(), error));
    return new Response(encodeEnvelope(trailerFlag, trailer) as Uint8Array<ArrayBuffer>, {
      headers: { ...headers, "content-type": contentType.replace(/;.*$/, "") },
    });
  }
  if (/^application\/connect\+/i.test(contentType)) {
    const end = new TextEncoder().encode(JSON.stringify(endStreamToJson(new Headers(), error, undefined)));
    return new Response(encodeEnvelope(endStreamFlag, end) as Uint8Array<ArrayBuffer>, {
      headers: { ...headers, "content-type": contentType.replace(/;.*$/, "") },
    });
  }
  return new Response(errorToJsonBytes(error, undefined) as Uint8Array<ArrayBuffer>, {
    status: httpStatus,
    headers: { ...headers, "content-type": "application/json" },
  });
}
