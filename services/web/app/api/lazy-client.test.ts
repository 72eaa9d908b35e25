import { describe, expect, test } from "bun:test";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { ExportFormat, ImportFormat, TransferService } from "../../../../gen/todo/v1/transfer_service_pb";
import { lazyClient } from "./lazy-client";

// An in-memory TransferService: one unary method and one server stream, the two kinds a lazy client wraps.
const transport = createRouterTransport(({ service }) => {
  service(TransferService, {
    importData: (req) => ({ dryRun: req.dryRun, tasksCreated: req.content.byteLength }),
    async *exportData(req) {
      yield { chunk: "a", fileName: `x.${req.format}` };
      yield { chunk: "b" };
    },
  });
});

/** loader counts the loads and fails the first `failures` of them as a dropped chunk would. */
function loader(failures = 0) {
  const counts = { loads: 0 };
  const load = async () => {
    counts.loads++;
    if (counts.loads <= failures) throw new TypeError("Failed to fetch dynamically imported module");
    return TransferService;
  };
  return { counts, load };
}

describe("lazyClient", () => {
  test("loads the descriptors on the first call, once, and calls through them (unary and stream)", async () => {
    const { counts, load } = loader();
    const client = lazyClient(transport, load, ["exportData"]);
    expect(counts.loads).toBe(0);
    const imported = await client.importData({
      format: ImportFormat.GENERIC_CSV,
      content: new Uint8Array(3),
      dryRun: true,
    });
    expect(imported.dryRun).toBe(true);
    expect(imported.tasksCreated).toBe(3);
    const chunks: string[] = [];
    for await (const res of client.exportData({ format: ExportFormat.TASKS_CSV })) chunks.push(res.chunk);
    expect(chunks).toEqual(["a", "b"]);
    expect(counts.loads).toBe(1);
    expect(client.importData).toBe(client.importData);
  });

  test("a chunk that fails is Unavailable (the offline message), and the next call fetches it again", async () => {
    const { counts, load } = loader(1);
    const client = lazyClient(transport, load, ["exportData"]);
    const failed = await client
      .importData({ format: ImportFormat.GENERIC_CSV, content: new Uint8Array(1) })
      .catch((e) => e);
    expect(failed).toBeInstanceOf(ConnectError);
    expect((failed as ConnectError).code).toBe(Code.Unavailable);
    expect(
      (await client.importData({ format: ImportFormat.GENERIC_CSV, content: new Uint8Array(1) })).tasksCreated,
    ).toBe(1);
    expect(counts.loads).toBe(2);
  });

  test("a server stream not named in `streams` is refused when the chunk arrives (the type allows only streams)", async () => {
    const unnamed = lazyClient(transport, loader().load);
    await expect(unnamed.importData({ format: ImportFormat.GENERIC_CSV, content: new Uint8Array(1) })).rejects.toThrow(
      "list exactly its server-streaming methods",
    );
  });

  test("awaiting the client itself calls nothing: it is not a thenable", async () => {
    const { counts, load } = loader();
    const client = lazyClient(transport, load, ["exportData"]);
    expect(await client).toBe(client);
    expect(counts.loads).toBe(0);
  });
});
