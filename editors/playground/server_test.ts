import { assert, assertEquals, assertStringIncludes } from "@std/assert";
import { handle } from "./server.ts";

const get = (path: string, corpus = "../shared/corpus", method = "GET") =>
  handle(new Request(`http://127.0.0.1${path}`, { method }), { corpus });

Deno.test("playground handle() serves the page", async () => {
  const r = await get("/");
  assertEquals(r.status, 200);
  assertEquals(r.headers.get("content-type"), "text/html; charset=utf-8");
  assertStringIncludes(await r.text(), '<script type="module" src="/app.js">');
});

Deno.test("playground handle() lists the corpus's TeX files and serves them read-only", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/a.tex`, "\\relax\n");
    await Deno.writeTextFile(`${dir}/notes.md`, "x");
    await Deno.writeTextFile(`${dir}/.hidden.tex`, "x");
    assertEquals(await (await get("/corpus/", dir)).json(), ["a.tex"]);
    const file = await get("/corpus/a.tex", dir);
    assertEquals([file.status, await file.text()], [200, "\\relax\n"]);
    assertEquals((await get("/corpus/..%2Fsecret", dir)).status, 400);
    assertEquals((await get("/corpus/b.tex", dir)).status, 404);
    assertEquals((await get("/corpus/a.tex", dir, "POST")).status, 405);
    assertEquals((await get("/corpus/a.tex", dir, "PUT")).status, 405);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("playground handle() gives an empty list without a corpus and 404 elsewhere", async () => {
  assertEquals(await (await get("/corpus/", "/nonexistent/corpus")).json(), []);
  const r = await get("/etc/passwd");
  assertEquals(r.status, 404);
  await r.body?.cancel();
  assert((await get("/../deno.json")).status === 404);
});

Deno.test("playground handle() serves extra folders and refuses paths that leave them", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/sub`);
    await Deno.writeTextFile(`${dir}/sub/a.js`, "1");
    const at = (path: string) =>
      handle(new Request(`http://127.0.0.1${path}`), { folders: { "/x/": dir } });
    assertEquals(await (await at("/x/sub/a.js")).text(), "1");
    assertEquals((await at("/x/sub/../../etc/passwd")).status, 404); // URL parsing drops ..
    assertEquals((await at("/x/sub%2F..%2F..%2Fetc%2Fpasswd")).status, 400);
    assertEquals((await at("/x//a.js")).status, 400);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
