import { randomUUIDv7 } from "bun";
import { type CryptoKey, importPKCS8, SignJWT } from "jose";
import { jwtAlgorithm } from "../../platform/auth/keys";

/** TokenIssuer signs short-lived access tokens and makes opaque refresh tokens. */
export interface TokenIssuer {
  /** accessTtlSeconds is how long an access token lives: the longest a revoked session's token could still be presented. */
  readonly accessTtlSeconds: number;
  accessToken(userId: string, sessionId: string): Promise<{ token: string; expiresAt: Date }>;
  refreshToken(): { token: string; hash: string; expiresAt: Date };
  hash(refreshToken: string): string;
}

export async function createTokenIssuer(options: {
  privateKeyPem: string;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}): Promise<TokenIssuer> {
  const key: CryptoKey = await importPKCS8(options.privateKeyPem, jwtAlgorithm);
  const hash = (token: string) => new Bun.CryptoHasher("sha256").update(token).digest("base64url");
  return {
    accessTtlSeconds: options.accessTtlSeconds,
    async accessToken(userId, sessionId) {
      const expiresAt = new Date(Date.now() + options.accessTtlSeconds * 1000);
      const token = await new SignJWT({ typ: "access", sid: sessionId })
        .setProtectedHeader({ alg: jwtAlgorithm, typ: "JWT" })
        .setSubject(userId)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt()
        .setJti(randomUUIDv7())
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key);
      return { token, expiresAt };
    },
    refreshToken() {
      const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url");
      return { token, hash: hash(token), expiresAt: new Date(Date.now() + options.refreshTtlSeconds * 1000) };
    },
    hash,
  };
}
