import { type DescMessage, isMessage, type MessageShape } from "@bufbuild/protobuf";
import type { Tx } from "../db/database";
import type { ReceivedMessage } from "./event-bus";
import { type DecodedEvent, decodeEvent } from "./event-codec";

/** TypedEvent is a decoded event whose message is known to be one of the given generated schemas. */
export type TypedEvent<Desc extends DescMessage> = Omit<DecodedEvent, "event"> & { event: MessageShape<Desc> };

/**
 * EventHandler handles the events of the types it names, inside the transaction that records them as
 * processed. Build one with `on(XSchema, …)`: the schema, not a type-name string, keys it, so a renamed
 * or removed event is a compile error and the handler sees the typed message without a cast.
 */
export interface EventHandler {
  /** the fully-qualified type names this handler handles (taken from the schemas). */
  readonly types: readonly string[];
  handle(event: DecodedEvent, tx: Tx): Promise<void>;
}

/** narrowTo returns the event typed by whichever of the schemas its message is, or undefined. */
export function narrowTo<Desc extends DescMessage>(
  decoded: DecodedEvent,
  schemas: Desc | readonly Desc[],
): TypedEvent<Desc> | undefined {
  const list: readonly Desc[] = Array.isArray(schemas) ? schemas : [schemas as Desc];
  const event = decoded.event;
  for (const schema of list) {
    if (isMessage(event, schema)) return { ...decoded, event };
  }
  return undefined;
}

/**
 * on(schema, handle) — or on([schemaA, schemaB], handle) for one handler of several types (the event is then
 * the union of their messages) — is one entry of an idempotent consumer's handler list.
 */
export function on<Desc extends DescMessage>(
  schemas: Desc | readonly Desc[],
  handle: (event: TypedEvent<Desc>, tx: Tx) => Promise<void>,
): EventHandler {
  const list: readonly Desc[] = Array.isArray(schemas) ? schemas : [schemas as Desc];
  const types = list.map((schema) => schema.typeName);
  return {
    types,
    async handle(decoded, tx) {
      const typed = narrowTo(decoded, list);
      // The consumer dispatches by the same type names, so a mismatch is a platform bug, not a bad message.
      if (!typed) throw new Error(`handler for ${types.join(", ")} received ${decoded.type}`);
      await handle(typed, tx);
    },
  };
}

/**
 * handlerTable indexes a handler list by type name; naming a type twice is refused (the second
 * handler would silently win).
 */
export function handlerTable(handlers: readonly EventHandler[]): Map<string, EventHandler> {
  const table = new Map<string, EventHandler>();
  for (const handler of handlers) {
    for (const type of handler.types) {
      if (table.has(type)) throw new Error(`two handlers for ${type}`);
      table.set(type, handler);
    }
  }
  return table;
}

/**
 * onMessage adapts a typed handler to a raw bus handler (a live view's `subscribeEveryReplica`): messages of
 * other types are skipped before they are decoded (by their ce_type header), an undecodable one is poison.
 */
export function onMessage<Desc extends DescMessage>(
  schemas: Desc | readonly Desc[],
  handle: (event: TypedEvent<Desc>) => Promise<void> | void,
): (message: ReceivedMessage) => Promise<void> {
  const list: readonly Desc[] = Array.isArray(schemas) ? schemas : [schemas as Desc];
  const types = new Set(list.map((schema) => schema.typeName));
  return async (message) => {
    if (!types.has(message.headers.ce_type ?? "")) return;
    const typed = narrowTo(decodeEvent(message), list);
    if (typed) await handle(typed);
  };
}
