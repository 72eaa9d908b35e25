import postgres from "postgres";

/** Where tests find the real infrastructure `npm run infra:up` starts (overridable by env). */
const testDatabaseUrl = process.env.DATABASE_URL ?? "postgres://taskmesh:taskmesh@127.0.0.1:55432/taskmesh";
export const testKafkaBrokers = process.env.KAFKA_BROKERS ?? "127.0.0.1:59092";

/** createTestDatabase makes a fresh, empty database for one test file and returns its URL and a dropper. */
export async function createTestDatabase(prefix = "test"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${crypto.randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = postgres(testDatabaseUrl, { max: 1, onnotice: () => {} });
      await again.unsafe(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}
