/**
 * apiResponseHeaders go on every API answer: an RPC answer is one caller's data, never to be cached by a
 * browser or a proxy, and never to be sniffed into another content type.
 */
export const apiResponseHeaders = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
} as const;
