import type { AnyElysia } from "elysia";
import type { AppBundle, BundleFile } from "./app-bundle";

/**
 * The app's Content-Security-Policy: everything from this origin only. React sets styles through the
 * CSSOM, which style-src does not restrict, so no 'unsafe-inline' is needed.
 */
const contentSecurityPolicy = [
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

/**
 * Paths that are never a page of the app: an RPC the port does not serve (`/package.Service/Method`) and
 * `/metrics`, which lives on the metrics listener. They answer 404 instead of the app's index.html, so a
 * probe or a misdirected scraper learns that nothing is there.
 */
const notAPage = (pathname: string) =>
  pathname === "/metrics" || /^\/[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+\/[A-Za-z0-9_]+$/.test(pathname);

const notFound = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };

/** ServedFile is a bundle file with the headers of each answer it can give, worked out once. */
interface ServedFile {
  etag: string;
  body: Uint8Array;
  gzip?: Uint8Array;
  brotli?: Uint8Array;
  notModified: Record<string, string>;
  plain: Record<string, string>;
  gzipped?: Record<string, string>;
  brotlied?: Record<string, string>;
}

function served(file: BundleFile, etag: string): ServedFile {
  const headers: Record<string, string> = {
    "content-type": file.contentType,
    "cache-control": file.immutable ? "public, max-age=31536000, immutable" : "no-cache",
    etag,
    vary: "accept-encoding",
    "x-content-type-options": "nosniff",
  };
  if (file.contentType.startsWith("text/html")) {
    headers["content-security-policy"] = contentSecurityPolicy;
    headers["referrer-policy"] = "no-referrer";
    headers["x-frame-options"] = "DENY";
  }
  return {
    etag,
    body: file.body,
    gzip: file.gzip,
    brotli: file.brotli,
    notModified: headers,
    plain: { ...headers, "content-length": String(file.body.byteLength) },
    gzipped: file.gzip && { ...headers, "content-encoding": "gzip", "content-length": String(file.gzip.byteLength) },
    brotlied: file.brotli && {
      ...headers,
      "content-encoding": "br",
      "content-length": String(file.brotli.byteLength),
    },
  };
}

/** accepts is true when Accept-Encoding names the coding without refusing it (`;q=0`). */
function accepts(acceptEncoding: string, coding: string): boolean {
  return acceptEncoding.split(",").some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    return name?.trim() === coding && !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
  });
}

function respond(file: ServedFile, request: Request): Response {
  if (request.headers.get("if-none-match") === file.etag)
    return new Response(null, { status: 304, headers: file.notModified });
  const acceptEncoding = request.headers.get("accept-encoding") ?? "";
  // Brotli first: the same text is ≈15–20 % smaller than gzip's (both made at build time).
  const [body, headers] =
    file.brotli && accepts(acceptEncoding, "br")
      ? [file.brotli, file.brotlied]
      : file.gzip && accepts(acceptEncoding, "gzip")
        ? [file.gzip, file.gzipped]
        : [file.body, file.plain];
  return new Response(request.method === "HEAD" ? null : (body as Uint8Array<ArrayBuffer>), { headers });
}

/**
 * appServer answers GETs for the single-page app: hashed assets by name, anything else that is not a
 * file the app's index.html (client-side routes such as /activity), and a 404 for missing files.
 * Each file's ETag and headers are worked out here, once per bundle, not on every request.
 */
export function appServer(bundle: AppBundle): (request: Request) => Response {
  const assets = new Map<string, ServedFile>();
  for (const [path, file] of bundle.files) {
    if (path === "/index.html") continue;
    // A hashed name is its own ETag; a fixed name (the manifest, its icons) changes with the bundle.
    const name = file.urlPath.split("/").pop();
    assets.set(path, served(file, file.immutable ? `"${name}"` : `"${bundle.hash}-${name}"`));
  }
  const index = served(bundle.index, `"index-${bundle.hash}"`);
  return (request) => {
    const pathname = new URL(request.url).pathname;
    const asset = assets.get(pathname);
    if (asset) return respond(asset, request);
    if (
      pathname.startsWith("/assets/") ||
      notAPage(pathname) ||
      (looksLikeFile(pathname) && pathname !== "/index.html")
    ) {
      return new Response("Not found", { status: 404, headers: notFound });
    }
    return respond(index, request);
  };
}

const unavailablePage = `<!doctype html><html lang="en"><meta charset="utf-8"><title>taskmesh</title>
<body><h1>taskmesh could not load its web app</h1><p>The server log says why. The API still answers.</p></body></html>`;

const unavailable = () =>
  new Response(unavailablePage, {
    status: 503,
    headers: { "content-type": "text/html; charset=utf-8", "retry-after": "5" },
  });

/** appRoutes adds the app's GET routes; until the bundle is ready, requests wait for it. */
export function appRoutes(bundle: Promise<AppBundle>): (app: AnyElysia) => AnyElysia {
  const server = bundle.then(appServer);
  let ready: ((request: Request) => Response) | undefined;
  let failed = false;
  server.then(
    (value) => (ready = value),
    () => (failed = true),
  );
  const handle = async (request: Request): Promise<Response> => {
    if (ready) return ready(request);
    if (failed) return unavailable();
    try {
      return (await server)(request);
    } catch {
      return unavailable();
    }
  };
  return (app) => app.get("/", ({ request }) => handle(request)).get("/*", ({ request }) => handle(request));
}
