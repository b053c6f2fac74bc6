/// <reference lib="dom" />
/**
 * Writes the README's screenshot of the playground: `deno run --allow-net=127.0.0.1:8788
 * --allow-read=editors,../shared/corpus,/usr/bin/chromium,/tmp
 * --allow-write=/tmp,editors/playground/screenshot.png --allow-run=/usr/bin/chromium
 * --allow-env=HOME,PATH,TMPDIR,TMP,TEMP,NODE_V8_COVERAGE --allow-sys=homedir,osRelease
 * editors/browser/screenshot.ts [out.png]` after `deno task playground:build`.
 *
 * @module
 */

import { openPlayground } from "./browser.ts";

const out = Deno.args[0] ?? "editors/playground/screenshot.png";
const s = await openPlayground({ port: 8788, viewport: { width: 1500, height: 760 } });
try {
  // deno-lint-ignore no-explicit-any
  await s.page.evaluate(() => (globalThis as any).playground.ready);
  await s.page.evaluate(() => {
    // deno-lint-ignore no-explicit-any
    const view = (globalThis as any).playground.views.ours;
    const pos = view.state.doc.toString().indexOf("x^2") + 1;
    view.dispatch({ selection: { anchor: pos } });
    view.focus();
  });
  await s.page.keyboard.type(" ");
  await s.page.keyboard.press("Backspace");
  await s.page.waitForTimeout(300);
  await s.page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await s.close();
}
