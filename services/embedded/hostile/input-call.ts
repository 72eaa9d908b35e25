import type { DescMethod } from "@bufbuild/protobuf";

/** RawAnswer is what a raw Connect JSON call came back with: the HTTP status and the Connect code ("ok" when none). */
export interface RawAnswer {
  status: number;
  code: string;
  message: string;
  headers: Headers;
}

const envelope = (flags: number, body: string) => {
  const bytes = new TextEncoder().encode(body);
  const out = new Uint8Array(5 + bytes.length);
  out[0] = flags;
  new DataView(out.buffer).setUint32(1, bytes.length);
  out.set(bytes, 5);
  return out;
};

/** endOfStream reads Connect streaming frames until the end-stream frame (flag 0x02) and returns its error code. */
async function endOfStream(response: Response, signal: AbortSignal): Promise<{ code: string; message: string }> {
  const reader = response.body!.getReader();
  let buffered = new Uint8Array(0);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { code: "ok", message: "" };
      const joined = new Uint8Array(buffered.length + value.length);
      joined.set(buffered);
      joined.set(value, buffered.length);
      buffered = joined;
      while (buffered.length >= 5) {
        const length = new DataView(buffered.buffer, buffered.byteOffset).getUint32(1);
        if (buffered.length < 5 + length) break;
        const flags = buffered[0]!;
        const payload = new TextDecoder().decode(buffered.subarray(5, 5 + length));
        buffered = buffered.subarray(5 + length);
        if (flags & 0x02) {
          const error = (JSON.parse(payload) as { error?: { code: string; message?: string } }).error;
          return { code: error?.code ?? "ok", message: error?.message ?? "" };
        }
      }
    }
  } catch (error) {
    // A stream still open when our time is up is a stream that works: no error to report.
    if (signal.aborted) return { code: "ok", message: "" };
    throw error;
  } finally {
    reader.releaseLock();
  }
}

/**
 * callJson sends a raw Connect JSON body to a procedure, as a hostile client would (no generated
 * client to refuse bad types first). Server streams are read until their end or `streamMs`.
 */
export async function callJson(
  baseUrl: string,
  method: DescMethod,
  body: unknown,
  options: { token?: string; streamMs?: number; headers?: Record<string, string> } = {},
): Promise<RawAnswer> {
  const url = `${baseUrl}/${method.parent.typeName}/${method.name}`;
  const auth: Record<string, string> = {
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  };
  const text = JSON.stringify(body);
  if (method.methodKind === "server_streaming") {
    const signal = AbortSignal.timeout(options.streamMs ?? 300);
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/connect+json", ...auth },
      body: envelope(0, text),
      signal,
    });
    if (response.headers.get("content-type")?.startsWith("application/json")) {
      const error = (await response.json()) as { code?: string; message?: string };
      return {
        status: response.status,
        code: error.code ?? "ok",
        message: error.message ?? "",
        headers: response.headers,
      };
    }
    return { status: response.status, ...(await endOfStream(response, signal)), headers: response.headers };
  }
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...auth },
    body: text,
  });
  if (response.ok) {
    await response.arrayBuffer();
    return { status: response.status, code: "ok", message: "", headers: response.headers };
  }
  const error = (await response.json().catch(() => ({}))) as { code?: string; message?: string };
  return {
    status: response.status,
    code: error.code ?? `http ${response.status}`,
    message: error.message ?? "",
    headers: response.headers,
  };
}
