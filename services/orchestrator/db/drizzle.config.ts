import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./services/orchestrator/db/schema.ts",
  out: "./services/orchestrator/db/migrations",
  schemaFilter: ["orchestrator"],
});
