import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./services/notification/db/schema.ts",
  out: "./services/notification/db/migrations",
  schemaFilter: ["notification"],
});
