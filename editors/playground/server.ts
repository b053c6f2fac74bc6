/**
 * The playground's HTTP server: its page and bundle, and the corpus's `.tex` files read-only.
 * It listens on 127.0.0.1 only.
 *
 * @module
 */

/** Options of {@linkcode servePlayground}. */
export interface PlaygroundServerOptions {
  /**
   * The port on 127.0.0.1 (0: any free port).
   *
   * @default {8787}
   */
  port?: number;
  /**
   * The folder whose files `/corpus/` lists and serves; absent: an empty list.
   *
   * @default {"../shared/corpus"}
   */
  corpus?: string;
  /**
   * Extra files to serve, by URL path (`"/monaco/loader.js"` -> file path); used by tests.
   *
   * @default {{}}
   */
  files?: Readonly<Record<string, string>>;
  /**
   * Extra folders to serve, by URL prefix ending in `/` (`"/monaco/vs/"` -> a folder); used by
   * tests. Paths with `..` or empty segments are refused.
   *
   * @default {{}}
   */
  folders?: Readonly<Record<string, string>>;
  /**
   * Aborting it stops the server.
   *
   * @default {undefined}
   */
  signal?: AbortSignal;
}

const HERE = new URL(".", import.meta.url);

/** The files of the page itself, by URL path. */
const PAGE_FILES: Readonly<Record<string, URL>> = {
  "/": new URL("index.html", HERE),
  "/app.js": new URL("dist/app.js", HERE),
  "/monaco_provider.js": new URL("dist/monaco_provider.js", HERE),
};

const TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json",
  tex: "text/plain; charset=utf-8",
  ttf: "font/ttf",
};

function typeOf(path: string): string {
  return TYPES[path.slice(path.lastIndexOf(".") + 1)] ?? "text/plain; charset=utf-8";
}

/**
 * Cross-origin isolation (the page loads nothing from other origins): it gives the page
 * `performance.now()` at a 5 µs resolution instead of 100 µs, for the latency readouts.
 */
const ISOLATION = {
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
};

async function file(path: string | URL): Promise<Response> {
  try {
    const body = await Deno.readFile(path);
    return new Response(body, { headers: { "content-type": typeOf(String(path)), ...ISOLATION } });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return new Response("Not found", { status: 404 });
    throw e;
  }
}

/** A corpus file name: one path segment, no dot files, no separators. */
const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

/** The files the corpus list offers: TeX sources. */
const TEX_FILE = /\.(tex|ltx|sty|cls|dtx|ins|bib)$/;

async function corpusList(dir: string): Promise<Response> {
  const names: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && SAFE_NAME.test(e.name) && TEX_FILE.test(e.name)) names.push(e.name);
    }
  } catch (e) {
    // No corpus here, or no permission to read it (the benchmark's task): an empty list.
    if (!(e instanceof Deno.errors.NotFound) && !(e instanceof Deno.errors.NotCapable)) throw e;
  }
  names.sort();
  return Response.json(names);
}

/**
 * Handles one request.
 *
 * @param request The request.
 * @param options Where the corpus is, and extra files.
 * @returns The response: the page, its bundle, the corpus list or a corpus file, else 404.
 */
export function handle(
  request: Request,
  options: Pick<PlaygroundServerOptions, "corpus" | "files" | "folders"> = {},
): Promise<Response> {
  const url = new URL(request.url);
  if (request.method !== "GET" && request.method !== "HEAD") {
    return Promise.resolve(new Response("Method not allowed", { status: 405 }));
  }
  const corpus = options.corpus ?? "../shared/corpus";
  const page = PAGE_FILES[url.pathname];
  if (page !== undefined) return file(page);
  const extra = options.files?.[url.pathname];
  if (extra !== undefined) return file(extra);
  for (const [prefix, dir] of Object.entries(options.folders ?? {})) {
    if (!url.pathname.startsWith(prefix)) continue;
    const rest = decodeURIComponent(url.pathname.slice(prefix.length)).split("/");
    if (rest.some((s) => s === "" || s === "." || s === ".." || s.includes("\\"))) {
      return Promise.resolve(new Response("Bad path", { status: 400 }));
    }
    return file(`${dir}/${rest.join("/")}`);
  }
  if (url.pathname === "/corpus/") return corpusList(corpus);
  if (url.pathname.startsWith("/corpus/")) {
    const name = decodeURIComponent(url.pathname.slice("/corpus/".length));
    if (!SAFE_NAME.test(name)) return Promise.resolve(new Response("Bad name", { status: 400 }));
    return file(`${corpus}/${name}`);
  }
  return Promise.resolve(new Response("Not found", { status: 404 }));
}

/**
 * Starts the playground's server on 127.0.0.1.
 *
 * @param options Port, corpus folder, extra files, and a signal to stop it.
 * @returns The server (its `addr` tells the port).
 */
export function servePlayground(
  options: PlaygroundServerOptions = {},
): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve({
    hostname: "127.0.0.1",
    port: options.port ?? 8787,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    onListen: () => {},
  }, (request) => handle(request, options));
}
