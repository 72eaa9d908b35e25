import { afterAll, beforeAll, expect, setDefaultTimeout, test } from "bun:test";
import { ExportFormat, ImportFormat, TransferService } from "../../../gen/todo/v1/transfer_service_pb";
import { IMPORT_ROWS_MAX } from "../../../vocabulary/transfer";
import { createAudit } from "../../audit/audit";
import { startTestStack, type TestStack } from "../../platform/testing/harness";
import { connectClient } from "../../platform/testing/tokens";
import { EXPORT_PAGE_ROWS } from "../db/export-store";
import { createOrchestrator } from "../orchestrator";
import { registerSession } from "../testing/session";

// Ten imports of 1,000 rows and an export of 10,000 tasks on a shared 2-core machine.
setDefaultTimeout(300_000);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([createOrchestrator, createAudit], { kafka: false });
}, 60_000);
afterAll(() => stack?.stop());

test("a 10,000-task account: ten imports of the most rows one file holds, then an export streamed in pages", async () => {
  const alice = await registerSession(stack.baseUrl);
  const transfer = connectClient(TransferService, stack.baseUrl, alice.accessToken);
  const mapping = { title: "title", project: "project", priority: "priority", tags: "tags" };
  const timings: string[] = [];
  for (let part = 0; part < 10; part++) {
    const rows = Array.from(
      { length: IMPORT_ROWS_MAX },
      (_, i) => `task ${part * IMPORT_ROWS_MAX + i},Project ${i % 10},${["high", "low", ""][i % 3]},tag${i % 7}`,
    );
    const content = new TextEncoder().encode(`title,project,priority,tags\n${rows.join("\n")}\n`);
    const started = performance.now();
    const answer = await transfer.importData({ format: ImportFormat.GENERIC_CSV, content, mapping });
    timings.push(
      `import of ${IMPORT_ROWS_MAX} rows (${content.length} B): ${Math.round(performance.now() - started)} ms`,
    );
    expect(answer).toMatchObject({ tasksCreated: IMPORT_ROWS_MAX, projectsCreated: part === 0 ? 10 : 0 });
  }

  const started = performance.now();
  const chunks: string[] = [];
  for await (const part of transfer.exportData({ format: ExportFormat.TASKMESH_JSON })) chunks.push(part.chunk);
  const text = chunks.join("");
  timings.push(
    `export of 10,000 tasks: ${Math.round(performance.now() - started)} ms, ${text.length} B in ${chunks.length} chunks`,
  );
  const document = JSON.parse(text) as { tasks: unknown[]; projects: unknown[] };
  expect(document.tasks).toHaveLength(10 * IMPORT_ROWS_MAX);
  expect(document.projects).toHaveLength(11);
  // The server held one page at a time: no chunk carries more than a page of tasks.
  const tasksPerChunk = chunks.map((c) => (c.match(/"title":/g) ?? []).length);
  expect(Math.max(...tasksPerChunk)).toBeLessThanOrEqual(EXPORT_PAGE_ROWS);
  expect(tasksPerChunk.filter((n) => n > 0).length).toBeGreaterThanOrEqual((10 * IMPORT_ROWS_MAX) / EXPORT_PAGE_ROWS);
  console.log(timings.join("\n"));
});
