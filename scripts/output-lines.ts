/** forEachLine calls onLine with every complete line a child process writes to stream (UTF-8, split on "\n"). */
export function forEachLine(stream: ReadableStream<Uint8Array> | undefined, onLine: (line: string) => void): void {
  if (!stream) return;
  void (async () => {
    const decoder = new TextDecoder();
    let pending = "";
    for await (const chunk of stream) {
      pending += decoder.decode(chunk, { stream: true });
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) onLine(line);
    }
  })();
}
