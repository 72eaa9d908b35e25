import { Ollama } from "ollama";
import type { ModelClient, ModelRequest } from "./types";

/**
 * A ModelClient backed by an Ollama server: one non-streaming chat call with the JSON schema in
 * `format` and temperature 0. The request's AbortSignal cancels the HTTP call itself.
 */
export function ollamaModelClient(host: string, model: string): ModelClient {
  return {
    async chat(request: ModelRequest): Promise<string> {
      const abortable = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
        fetch(input, { ...init, signal: request.signal });
      const client = new Ollama({ host, fetch: Object.assign(abortable, { preconnect: fetch.preconnect }) });
      const response = await client.chat({
        model,
        messages: [
          { role: "system", content: request.system },
          { role: "user", content: request.prompt },
        ],
        format: request.format,
        options: { temperature: 0 },
        stream: false,
      });
      return response.message.content;
    },
  };
}
