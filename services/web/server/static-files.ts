import type { AnyElysia } from "elysia";
import type { AppBundle, BundleFile } from "./app-bundle";

/**
 * The app's Content-Security-Policy: everything from this origin only. React sets styles through the
 * CSSOM, which style-src does not restrict, so no 'unsafe-inline' is needed.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join("; ");

const looksLikeFile = (pathname: string) => /\.[a-z0-9]{1,8}$/i.test(pathname);

function fileResponse(file: BundleFile, request: Request, etag: string): Response {
  const headers = new Headers({
    "content-type": file.contentType,
    "cache-control": file.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    etag,
    vary: "accept-encoding",
    "x-content-type-options": "nosniff",
  });
  if (file.contentType.startsWith("text/html")) {
    headers.set("content-security-policy", contentSecurityPolicy);
    headers.set("referrer-policy", "no-referrer");
    headers.set("x-frame-options", "DENY");
  }
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const gzip = file.gzip && /\bgzip\b/.test(request.headers.get("accept-encoding") ?? "") ? file.gzip : undefined;
  if (gzip) headers.set("content-encoding", "gzip");
  const body = gzip ?? file.body;
  headers.set("content-length", String(body.byteLength));
  return new Response(request.method === "HEAD" ? null : (body as Uint8Array<ArrayBuffer>), { headers });
}

/**
 * serveApp answers a GET for the single-page app: hashed assets by name, anything else that is not a
 * file the app's index.html (client-side routes such as /activity), and a 404 for missing files.
 */
export function serveApp(bundle: AppBundle, request: Request): Response {
  const pathname = new URL(request.url).pathname;
  const file = bundle.files.get(pathname);
  if (file && pathname !== "/index.html") return fileResponse(file, request, `"${file.urlPath.split("/").pop()}"`);
  if (pathname.startsWith("/assets/") || (looksLikeFile(pathname) && pathname !== "/index.html")) {
    return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  return fileResponse(bundle.index, request, `"index-${bundle.hash}"`);
}

const unavailablePage = `<!doctype html><html lang="en"><meta charset="utf-8"><title>taskmesh</title>
<body><h1>taskmesh could not load its web app</h1><p>The server log says why. The API still answers.</p></body></html>`;

const unavailable = () =>
  new Response(unavailablePage, { status: 503, headers: { "content-type": "text/html; charset=utf-8", "retry-after": "5" } });

/** appRoutes adds the app's GET routes; until the bundle is ready, requests wait for it. */
export function appRoutes(bundle: Promise<AppBundle>): (app: AnyElysia) => AnyElysia {
  let ready: AppBundle | undefined;
  let failed = false;
  bundle.then(
    (value) => (ready = value),
    () => (failed = true),
  );
  const handle = async (request: Request): Promise<Response> => {
    if (ready) return serveApp(ready, request);
    if (failed) return unavailable();
    try {
      return serveApp(await bundle, request);
    } catch {
      return unavailable();
    }
  };
  return (app) => app.get("/", ({ request }) => handle(request)).get("/*", ({ request }) => handle(request));
}
