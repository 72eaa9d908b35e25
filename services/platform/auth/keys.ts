import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportPKCS8, exportSPKI, generateKeyPair } from "jose";

/** The one JWT algorithm taskmesh signs and accepts. */
export const jwtAlgorithm = "EdDSA";

export interface SigningKeys {
  privateKeyPem?: string;
  publicKeyPem: string;
}

/**
 * loadSigningKeys takes the Ed25519 key pair from JWT_PRIVATE_KEY / JWT_PUBLIC_KEY (PEM), or, for local
 * modes, creates one once under `<dataDir>/keys` so tokens survive restarts. Secrets never live in the repo.
 */
export async function loadSigningKeys(
  env: Record<string, string | undefined>,
  dataDir: string,
  allowGenerate: boolean,
): Promise<SigningKeys> {
  if (env.JWT_PUBLIC_KEY) return { publicKeyPem: env.JWT_PUBLIC_KEY, privateKeyPem: env.JWT_PRIVATE_KEY };
  if (!allowGenerate) throw new Error("JWT_PUBLIC_KEY is not set");
  const dir = join(dataDir, "keys");
  const privatePath = join(dir, "jwt-private.pem");
  const publicPath = join(dir, "jwt-public.pem");
  if (!existsSync(privatePath)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey, publicKey } = await generateKeyPair(jwtAlgorithm, { crv: "Ed25519", extractable: true });
    writeFileSync(privatePath, await exportPKCS8(privateKey), { mode: 0o600 });
    writeFileSync(publicPath, await exportSPKI(publicKey), { mode: 0o644 });
  }
  return { privateKeyPem: readFileSync(privatePath, "utf8"), publicKeyPem: readFileSync(publicPath, "utf8") };
}

/** loadInternalToken returns the shared service credential (INTERNAL_TOKEN), creating a local one if allowed. */
export function loadInternalToken(
  env: Record<string, string | undefined>,
  dataDir: string,
  allowGenerate: boolean,
): string {
  if (env.INTERNAL_TOKEN) return env.INTERNAL_TOKEN;
  if (!allowGenerate) throw new Error("INTERNAL_TOKEN is not set");
  const path = join(dataDir, "keys", "internal-token");
  if (!existsSync(path)) {
    mkdirSync(join(dataDir, "keys"), { recursive: true, mode: 0o700 });
    writeFileSync(path, Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(path, "utf8").trim();
}
