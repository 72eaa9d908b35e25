/**
 * A worker that calls /healthz every few milliseconds on its own thread, so what it measures is the
 * server's answer time and not the load the attacking test puts on its own event loop.
 */
const port = globalThis as unknown as Worker;

let running = false;
let latencies: number[] = [];
let failures = 0;

port.onmessage = async (event: MessageEvent<{ start?: { url: string; everyMs: number }; stop?: true }>) => {
  if (event.data.start) {
    const { url, everyMs } = event.data.start;
    running = true;
    latencies = [];
    failures = 0;
    // A first call opens the connection and warms the worker's fetch; it measures the worker, not the server.
    await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.arrayBuffer(),
      () => undefined,
    );
    port.postMessage({ ready: true });
    while (running) {
      const started = performance.now();
      const ok = await fetch(url, { signal: AbortSignal.timeout(5_000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      latencies.push(performance.now() - started);
      if (!ok) failures++;
      await Bun.sleep(everyMs);
    }
  }
  if (event.data.stop) {
    running = false;
    port.postMessage({ latencies, failures });
  }
};
