import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./services/audit/db/schema.ts",
  out: "./services/audit/db/migrations",
  schemaFilter: ["audit"],
});
