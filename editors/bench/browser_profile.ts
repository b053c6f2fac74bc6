/// <reference lib="dom" />
/**
 * Where a keystroke's time goes in the browser: types the benchmark's keystrokes into one editor
 * of the playground in headless Chromium, with Chromium's counters (`Performance.getMetrics`:
 * script, layout, style) and then its sampling CPU profiler on (`Profiler`, through playwright's
 * `newCDPSession`), and prints per keystroke the counters and the functions with the most self
 * time. A development tool, never a test; its figures are per run and noisy.
 *
 * `flock /tmp/heavy.lock deno task bench:browser:profile [ours|stex|lezer|plain] [bytes] [keys]`
 *
 * @module
 */

import { openPlayground } from "../browser/browser.ts";

// deno-lint-ignore no-explicit-any
type Any = any;

const [editor = "ours", bytesArg = String(5 << 20), keysArg = "40"] = Deno.args;
if (editor === "--help" || !["ours", "stex", "lezer", "plain"].includes(editor)) {
  console.log("Usage: deno task bench:browser:profile [ours|stex|lezer|plain] [bytes] [keys]");
  Deno.exit(editor === "--help" ? 0 : 2);
}
const bytes = Number(bytesArg), keys = Number(keysArg);
const session = await openPlayground({ port: 8790, path: "/?baseline" });
try {
  const page = session.page;
  await page.evaluate(() => (globalThis as Any).playground.ready);
  const first = await page.evaluate(
    ({ editor, bytes }) => (globalThis as Any).playground.loadGenerated(editor, bytes),
    { editor, bytes },
  );
  const done = await page.evaluate((e) => (globalThis as Any).playground.completeTree(e), editor);
  console.log(
    `${editor}, ${bytes} bytes: first screen ${first.toFixed(1)} ms, tree complete ` +
      `to the end in ${done.ms.toFixed(0)} ms`,
  );
  await page.evaluate((e) => (globalThis as Any).playground.placeCursor(e, 0.618), editor);
  let typed = 0;
  const type = async (n: number) => {
    for (let i = 0; i < n; i++) {
      await page.keyboard.press(typed % 2 === 1 ? "Backspace" : "x");
      typed++;
      await page.waitForFunction(
        ({ e, n }) => (globalThis as Any).playground.summary()[e].count >= n,
        { e: editor, n: typed },
      );
    }
  };
  await type(10); // warm-up
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const metrics = async (): Promise<Record<string, number>> =>
    Object.fromEntries(
      ((await cdp.send("Performance.getMetrics")) as Any).metrics.map((
        m: Any,
      ) => [m.name, m.value]),
    );
  const before = await metrics();
  await type(keys);
  const after = await metrics();
  for (const k of ["TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration"]) {
    console.log(`${k.padEnd(20)} ${((after[k]! - before[k]!) * 1000 / keys).toFixed(3)} ms/key`);
  }
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  await type(keys);
  const { profile } = (await cdp.send("Profiler.stop")) as Any;
  const byId = new Map<number, Any>(profile.nodes.map((n: Any) => [n.id, n]));
  const self = new Map<string, number>();
  (profile.samples as number[]).forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const name = `${frame.functionName || "(anonymous)"} ${frame.url.split("/").pop()}:` +
      `${frame.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  console.log("self time per keystroke (sampled every 0.1 ms):");
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${(us / 1000 / keys).toFixed(3).padStart(8)} ms  ${name}`);
  }
} finally {
  await session.close();
}
