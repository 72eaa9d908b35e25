import http2 from "node:http2";

/** GrpcAnswer is the status a raw gRPC call ended with (undefined when the stream was cut without one). */
export interface GrpcAnswer {
  /** HTTP status of the answer's headers (undefined when none came). */
  httpStatus: number | undefined;
  grpcStatus: number | undefined;
  message: string;
}

/** envelope frames a gRPC message: flags (1 = compressed), 4-byte big-endian length, payload. */
export function envelope(payload: Uint8Array, compressed: boolean, declaredLength = payload.byteLength): Uint8Array {
  const out = new Uint8Array(5 + payload.byteLength);
  out[0] = compressed ? 1 : 0;
  new DataView(out.buffer).setUint32(1, declaredLength);
  out.set(payload, 5);
  return out;
}

/**
 * rawGrpc sends `chunks` as the body of one gRPC request over its own HTTP/2 connection, as a hostile
 * client would (no client library to refuse first), stops writing as soon as the server answers and
 * resolves with the gRPC status of the answer.
 */
export function rawGrpc(
  port: number,
  path: string,
  chunks: Iterable<Uint8Array>,
  headers: Record<string, string> = {},
): Promise<GrpcAnswer> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.on("error", () => undefined);
    let answered = false;
    let httpStatus: number | undefined;
    let done = false;
    const finish = (answer: Omit<GrpcAnswer, "httpStatus">) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // The answer is in: stop sending (a refused body is never read to its end) and hang up.
      stream.close(http2.constants.NGHTTP2_CANCEL);
      session.destroy();
      resolve({ httpStatus, ...answer });
    };
    const take = (h: http2.IncomingHttpHeaders) => {
      if (h["grpc-status"] === undefined) return;
      finish({ grpcStatus: Number(h["grpc-status"]), message: decodeURIComponent(String(h["grpc-message"] ?? "")) });
    };
    const stream = session.request({
      ":method": "POST",
      ":path": path,
      "content-type": "application/grpc",
      te: "trailers",
      ...headers,
    });
    const timer = setTimeout(() => {
      session.destroy();
      reject(new Error(`${path}: no answer within 20 s`));
    }, 20_000);
    stream.on("response", (h) => {
      answered = true;
      httpStatus = Number(h[":status"]);
      take(h);
    });
    stream.on("trailers", take);
    stream.on("data", () => undefined);
    stream.on("error", () => undefined);
    stream.on("close", () => finish({ grpcStatus: undefined, message: `stream closed (${stream.rstCode})` }));
    const iterator = chunks[Symbol.iterator]();
    const pump = () => {
      for (;;) {
        if (answered || stream.destroyed || stream.closed) return;
        const step = iterator.next();
        if (step.done) {
          stream.end();
          return;
        }
        if (!stream.write(step.value)) {
          stream.once("drain", pump);
          return;
        }
      }
    };
    pump();
  });
}
