import type { DescService } from "@bufbuild/protobuf";
import { type Client, Code, ConnectError, createClient, type Transport } from "@connectrpc/connect";

/** StreamingMethod names a service's server-streaming methods (their calls return an AsyncIterable). */
type StreamingMethod<S extends DescService> = {
  [P in keyof S["method"]]: S["method"][P] extends { methodKind: "server_streaming" } ? P : never;
}[keyof S["method"]] &
  string;

type Call = (request: unknown, options?: unknown) => unknown;

/**
 * lazyClient is the client of a rarely used service whose descriptors (the generated `*_service_pb` module)
 * load on its first call, as a chunk of their own, instead of in the entry script every visit downloads.
 * Its methods have the usual signatures: a unary call awaits the chunk then calls; a server-streaming one
 * (named in `streams`, which must list exactly those: checked when the chunk arrives) is an AsyncIterable
 * that fetches the chunk when first iterated. A chunk that does not arrive fails the call as Unavailable
 * (the UI's offline message) and is fetched again by the next call.
 */
export function lazyClient<S extends DescService>(
  transport: Transport,
  load: () => Promise<S>,
  streams: readonly StreamingMethod<S>[] = [],
): Client<S> {
  let client: Promise<Record<string, Call>> | undefined;
  const loaded = () => {
    client ??= load().then(
      (service) => {
        for (const method of service.methods) {
          const streaming = method.methodKind === "server_streaming";
          if (streaming !== (streams as readonly string[]).includes(method.localName))
            throw new Error(`lazyClient(${service.typeName}): list exactly its server-streaming methods`);
        }
        return createClient(service, transport) as unknown as Record<string, Call>;
      },
      (cause: unknown) => {
        client = undefined;
        throw new ConnectError("could not load the service's client", Code.Unavailable, undefined, undefined, cause);
      },
    );
    return client;
  };
  const methods = new Map<string, Call>();
  const method = (name: string): Call =>
    (streams as readonly string[]).includes(name)
      ? (request, options) =>
          (async function* () {
            yield* (await loaded())[name]!(request, options) as AsyncIterable<unknown>;
          })()
      : async (request, options) => (await loaded())[name]!(request, options);
  return new Proxy({} as Client<S>, {
    get(_, name) {
      // Not a method: symbols, and "then" (so awaiting the client itself does not call the service).
      if (typeof name !== "string" || name === "then") return undefined;
      const known = methods.get(name);
      if (known) return known;
      const call = method(name);
      methods.set(name, call);
      return call;
    },
  });
}
