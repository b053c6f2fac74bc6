/**
 * Starts headless Chromium (Debian's `/usr/bin/chromium`) through playwright-core for the
 * browser tests and the browser benchmark, with the playground served on 127.0.0.1.
 *
 * @module
 */

import type { Browser, Page } from "playwright-core";
import { servePlayground } from "../playground/server.ts";

/** Where the system's Chromium is. */
export const CHROMIUM = "/usr/bin/chromium";

/** Chromium's flags: headless, no sandbox (CI containers), and no network of its own. */
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Why the browser cannot run here, or `undefined` when it can.
 *
 * @param port The port the page will be served on.
 * @returns A sentence for the skip message.
 */
export function browserMissing(port: number): string | undefined {
  try {
    Deno.statSync(CHROMIUM);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      return `${CHROMIUM} is absent (apt-get install chromium; .ci/run installs it)`;
    }
    return `cannot look for ${CHROMIUM}: ${(e as Error).message} (run deno task test:browser)`;
  }
  for (const p of ["run", "net"] as const) {
    const state = Deno.permissions.querySync(
      p === "run" ? { name: "run", command: CHROMIUM } : { name: "net", host: `127.0.0.1:${port}` },
    ).state;
    if (state !== "granted") return `no --allow-${p} for the browser (run deno task test:browser)`;
  }
  return undefined;
}

/**
 * Starts headless Chromium. playwright-core is loaded here, on first use, after the environment
 * shim: a test suite without the browser's permissions never loads it.
 *
 * @returns The browser.
 */
export async function launchChromium(): Promise<Browser> {
  await import("./_node_env.ts");
  const { chromium } = await import("playwright-core");
  return await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** A browser page on the playground, and everything to close. */
export interface PlaygroundSession {
  /** The browser. */
  browser: Browser;
  /** The page, already loaded. */
  page: Page;
  /** Console errors and uncaught exceptions of the page so far. */
  errors: string[];
  /** The page's URL. */
  url: string;
  /** Closes the page, the browser and the server. */
  close(): Promise<void>;
}

/** Options of {@linkcode openPlayground}. */
export interface OpenOptions {
  /** The port on 127.0.0.1 to serve on. */
  port: number;
  /**
   * The URL path to open.
   *
   * @default {"/"}
   */
  path?: string;
  /**
   * Extra files to serve (URL path -> file).
   *
   * @default {{}}
   */
  files?: Readonly<Record<string, string>>;
  /**
   * Extra folders to serve (URL prefix -> folder).
   *
   * @default {{}}
   */
  folders?: Readonly<Record<string, string>>;
  /**
   * The page's viewport.
   *
   * @default {{ width: 1500, height: 900 }}
   */
  viewport?: { width: number; height: number };
}

/**
 * Serves the playground, starts Chromium, and opens the page.
 *
 * @param options Port, path, extra files.
 * @returns The session.
 */
export async function openPlayground(options: OpenOptions): Promise<PlaygroundSession> {
  const abort = new AbortController();
  const server = servePlayground({
    port: options.port,
    signal: abort.signal,
    ...(options.files === undefined ? {} : { files: options.files }),
    ...(options.folders === undefined ? {} : { folders: options.folders }),
  });
  const browser = await launchChromium();
  const page = await browser.newPage({
    viewport: options.viewport ?? { width: 1500, height: 900 },
  });
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  const url = `http://127.0.0.1:${options.port}${options.path ?? "/"}`;
  await page.goto(url);
  return {
    browser,
    page,
    errors,
    url,
    async close() {
      await browser.close();
      abort.abort();
      await server.finished;
    },
  };
}
