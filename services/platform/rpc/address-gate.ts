/**
 * AddressGate counts the RPCs each client address has in flight on the HTTP/1.1 port: from the moment
 * their headers arrive (body still to read) until their answer is written or, for a server stream,
 * until the stream ends or the caller goes away. Bun.serve exposes no connection events, so this is the
 * bound it can keep: an HTTP/1.1 connection carries one call at a time, so busy connections per address
 * are bounded by it; idle ones are bounded in time (idle and header timeouts), and in number by the
 * ingress in front (k8s: ingress-nginx limit-connections).
 */
export interface AddressGate {
  /** enter admits one more call from `address` and returns its release (idempotent), or undefined past the cap. */
  enter(address: string): (() => void) | undefined;
}

/** createAddressGate makes a gate admitting at most `perAddress` calls in flight per address. */
export function createAddressGate(perAddress: number): AddressGate {
  const inFlight = new Map<string, number>();
  return {
    enter(address) {
      const held = inFlight.get(address) ?? 0;
      if (held >= perAddress) return undefined;
      inFlight.set(address, held + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (inFlight.get(address) ?? 1) - 1;
        if (left > 0) inFlight.set(address, left);
        else inFlight.delete(address);
      };
    },
  };
}

/**
 * releasedWhenDone returns `response` with its body passed through, calling `release` once the body has
 * been written out, failed, or was cancelled because the caller went away.
 */
export function releasedWhenDone(response: Response, release: () => void): Response {
  if (!response.body) {
    release();
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const step = await reader.read();
        if (step.done) {
          release();
          controller.close();
        } else controller.enqueue(step.value);
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
