import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./services/webhooks/db/schema.ts",
  out: "./services/webhooks/db/migrations",
  schemaFilter: ["webhooks"],
});
