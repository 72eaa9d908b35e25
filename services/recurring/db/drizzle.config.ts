import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./services/recurring/db/schema.ts",
  out: "./services/recurring/db/migrations",
  schemaFilter: ["recurring"],
});
