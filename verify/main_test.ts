import { assert, assertEquals, assertMatch, assertStringIncludes } from "@std/assert";
import { join } from "@std/path";
import { validateReport, type VerifyReport } from "./report.ts";
import { parseCoqProject } from "./verify.ts";
import { COQ_MISSING } from "./testdata/coq_available.ts";

const ROOT = new URL("../", import.meta.url);
const text = new TextDecoder();

/** The `--allow-run` flag of the `verify` task in deno.json, so copies run under the same list. */
async function taskFlags(): Promise<string[]> {
  const config = JSON.parse(await Deno.readTextFile(new URL("deno.json", ROOT)));
  return (config.tasks.verify as string).split(/\s+/).filter((w) => w.startsWith("--allow-"));
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function runVerify(
  flags: readonly string[],
  args: readonly string[],
  options: { program?: string; env?: Record<string, string> } = {},
): Promise<Run> {
  const out = await new Deno.Command(options.program ?? "deno", {
    args: ["run", ...flags, "verify/main.ts", ...args],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
    ...(options.env === undefined ? {} : { env: options.env }),
  }).output();
  return { code: out.code, stdout: text.decode(out.stdout), stderr: text.decode(out.stderr) };
}

/** Copies the proof sources (not build products) into a fresh temporary directory. */
async function copyProofs(): Promise<{ dir: string; proofs: string }> {
  const dir = await Deno.makeTempDir({ prefix: "lp-verify-" });
  const proofs = join(dir, "proofs");
  await Deno.mkdir(proofs);
  for await (const entry of Deno.readDir(new URL("proofs/", ROOT))) {
    if (entry.isFile && (entry.name.endsWith(".v") || entry.name === "_CoqProject")) {
      await Deno.copyFile(new URL(`proofs/${entry.name}`, ROOT), join(proofs, entry.name));
    }
  }
  // The driver the extraction step compiles.
  await Deno.mkdir(join(proofs, "oracle"));
  await Deno.copyFile(new URL("proofs/oracle/driver.ml", ROOT), join(proofs, "oracle/driver.ml"));
  return { dir, proofs };
}

/** Permissions for a verify run on a copy: the task's run list, read and write in the copy. */
async function copyFlags(dir: string): Promise<string[]> {
  const run = (await taskFlags()).filter((f) => f.startsWith("--allow-run="));
  return [...run, `--allow-read=${dir}`, `--allow-write=${dir}`];
}

/** Where `deno` is found on PATH, as an absolute path the test's --allow-run=deno accepts. */
async function denoOnPath(): Promise<string> {
  const code = `for (const d of Deno.env.get("PATH")!.split(":")) {
    try { Deno.statSync(d + "/deno"); console.log(d + "/deno"); break; } catch { /* next */ } }`;
  const out = await new Deno.Command("deno", {
    args: ["eval", "--quiet", code],
    stdout: "piped",
  }).output();
  return text.decode(out.stdout).trim();
}

Deno.test("verify --help prints the usage and exits 0", async () => {
  const r = await runVerify(await taskFlags(), ["--help"]);
  assertEquals(r.code, 0);
  assertStringIncludes(r.stdout, "Usage: deno task verify");
  assertStringIncludes(r.stdout, "--report PATH");
});

Deno.test("verify rejects an unknown option with exit status 2", async () => {
  const r = await runVerify(await taskFlags(), ["--fast"]);
  assertEquals(r.code, 2);
  assertStringIncludes(r.stderr, "verify: error: unknown option --fast");
});

Deno.test("verify says which path it may not read, with exit status 2", async () => {
  const r = await runVerify(await taskFlags(), ["--proofs", "/tmp/elsewhere"]);
  assertEquals(r.code, 2);
  assertMatch(r.stderr, /Cannot read \/tmp\/elsewhere: this process is not allowed to/);
});

Deno.test("verify refuses a report path it may not write before running anything", async () => {
  const r = await runVerify(await taskFlags(), ["--report", "/tmp/verify_report.json"]);
  assertEquals(r.code, 2);
  assertMatch(
    r.stderr,
    /^verify: error: Cannot write \/tmp\/verify_report.json: this process is not allowed/,
  );
});

Deno.test("verify without Coq on PATH says how to install it and exits with status 2", async () => {
  const emptyPath = await Deno.makeTempDir({ prefix: "lp-verify-path-" });
  try {
    const r = await runVerify(await taskFlags(), [], {
      program: await denoOnPath(),
      env: { PATH: emptyPath },
    });
    assertEquals(r.code, 2, r.stderr);
    assertStringIncludes(r.stderr, "verify: error: coqc was not found on PATH");
    assertStringIncludes(r.stderr, "apt-get update && apt-get install -y coq");
  } finally {
    await Deno.remove(emptyPath, { recursive: true });
  }
});

/** Inserts `insert` before the first line of `file` that starts with `before`. */
async function insertBefore(file: string, before: string, insert: string): Promise<number> {
  const lines = (await Deno.readTextFile(file)).split("\n");
  const at = lines.findIndex((l) => l.startsWith(before));
  assert(at >= 0, `${file} has no line starting with ${before}`);
  lines.splice(at, 0, insert);
  await Deno.writeTextFile(file, lines.join("\n"));
  return at + 1;
}

/** A copy with an axiom the roundtrip theorem uses and an admitted lemma nothing uses. */
async function tamperedCopy() {
  const copy = await copyProofs();
  const codec = join(copy.proofs, "Codec.v");
  const axiomLine = await insertBefore(
    codec,
    "Theorem codec_roundtrip",
    "Axiom verify_test_axiom : True.",
  );
  const source = await Deno.readTextFile(codec);
  const proof = "Proof.\n  split; [| split].\n  - intros s Hs. exact (decode_with_encode";
  assertStringIncludes(source, proof);
  await Deno.writeTextFile(
    codec,
    source.replace(proof, proof.replace("Proof.", "Proof.\n  pose proof verify_test_axiom.")),
  );
  const incremental = join(copy.proofs, "Incremental.v");
  const lines = (await Deno.readTextFile(incremental)).trimEnd().split("\n");
  lines.push("Lemma verify_test_admitted : True.", "Proof.", "Admitted.", "");
  await Deno.writeTextFile(incremental, lines.join("\n"));
  return { ...copy, axiomLine, admittedLine: lines.length - 1 };
}

async function verifyCopy(copy: { dir: string; proofs: string }) {
  const reportPath = join(copy.dir, "report.json");
  const run = await runVerify(await copyFlags(copy.dir), [
    "--proofs",
    copy.proofs,
    "--report",
    reportPath,
  ]);
  const report: VerifyReport = JSON.parse(await Deno.readTextFile(reportPath));
  return { run, report };
}

// Both copies are verified at once: each run spends most of its time in coqchk.
Deno.test({
  name: "verify fails on a copy with an Axiom and an Admitted, and passes on a clean copy",
  ignore: COQ_MISSING,
  fn: async (t) => {
    const bad = await tamperedCopy();
    const good = await copyProofs();
    try {
      const [b, g] = await Promise.all([verifyCopy(bad), verifyCopy(good)]);

      await t.step("the tampered copy fails and each place is named", () => {
        assertEquals(b.run.code, 1, b.run.stderr);
        assertStringIncludes(b.run.stdout, "verify: FAIL");
        assertStringIncludes(b.run.stdout, `Codec.v:${bad.axiomLine}:1: Axiom`);
        assertStringIncludes(b.run.stdout, `Incremental.v:${bad.admittedLine}:1: Admitted`);
        assertEquals(
          b.report.findings.map((f) => [f.file, f.line, f.construct]),
          [["Codec.v", bad.axiomLine, "Axiom"], ["Incremental.v", bad.admittedLine, "Admitted"]],
        );
      });

      await t.step("Print Assumptions shows the axiom under the theorem that uses it", () => {
        const roundtrip = b.report.theorems.find((x) => x.name.endsWith(".codec_roundtrip"));
        assertEquals(roundtrip?.closed, false);
        assertEquals(roundtrip?.assumptions, ["Axioms:", "Codec.verify_test_axiom : True"]);
      });

      await t.step("coqchk lists both the axiom and the admitted lemma", () => {
        assertEquals(b.report.checker.axioms.toSorted(), [
          "LaTeXPerfectionist.Codec.verify_test_axiom",
          "LaTeXPerfectionist.Incremental.verify_test_admitted",
        ]);
      });

      await t.step("the clean copy passes with every theorem closed", () => {
        assertEquals(g.run.code, 0, g.run.stdout + g.run.stderr);
        assertStringIncludes(g.run.stdout, "verify: PASS");
        assertEquals(g.report.failures, []);
        assertEquals(g.report.theorems.map((x) => [x.name, x.closed]), [
          ["LaTeXPerfectionist.Incremental.incremental_correctness", true],
          ["LaTeXPerfectionist.Incremental.checkpoint_equivalence", true],
          ["LaTeXPerfectionist.Codec.codec_roundtrip", true],
          ["LaTeXPerfectionist.LawIncremental.real_incremental_correctness", true],
          ["LaTeXPerfectionist.LawIncremental.real_checkpoint_equivalence", true],
          ["LaTeXPerfectionist.LawLossless.lossless", true],
          ["LaTeXPerfectionist.LawIncremental.initial_state_wf", true],
          ["LaTeXPerfectionist.LawDamage.paragraph_reset_closes", true],
          ["LaTeXPerfectionist.LawDamage.paragraph_reset_keeps", true],
          ["LaTeXPerfectionist.LawDamage.blank_line_resets", true],
          ["LaTeXPerfectionist.LawDamage.blank_line_closes", true],
          ["LaTeXPerfectionist.LawDamage.section_resets", true],
          ["LaTeXPerfectionist.LawBody.body_catcodes_inert", true],
          ["LaTeXPerfectionist.LawBody.body_short_verb_inert", true],
          ["LaTeXPerfectionist.LawBody.close_group_restores", true],
          ["LaTeXPerfectionist.LawDamage.document_resets", true],
          ["LaTeXPerfectionist.LawDamage.doc_blank_line_resets", true],
          ["LaTeXPerfectionist.LawDamage.reset_converges", true],
          ["LaTeXPerfectionist.LawWf.reach_ok_wf", true],
          ["LaTeXPerfectionist.LawWf.initial_reach_ok", true],
          ["LaTeXPerfectionist.LawWf.lex_line_reach_ok", true],
          ["LaTeXPerfectionist.LawWf.batch_states_wf", true],
          ["LaTeXPerfectionist.LawWf.batch_states_roundtrip", true],
          ["LaTeXPerfectionist.LawWf.close_saved_keeps_depth0", true],
          ["LaTeXPerfectionist.LawBodyEscape.body_group_restores", true],
          ["LaTeXPerfectionist.LawBodyEscape.body_line_restores", true],
          ["LaTeXPerfectionist.LawOrder.initial_frames_ordered", true],
          ["LaTeXPerfectionist.LawOrder.lex_line_frames_ordered", true],
          ["LaTeXPerfectionist.LawOrder.batch_frames_ordered", true],
          ["LaTeXPerfectionist.LawOrder.close_saved_level0", true],
          ["LaTeXPerfectionist.LawOrder.batch_reset_keeps_depth0", true],
          ["LaTeXPerfectionist.LawInLine.in_line_ordered", true],
          ["LaTeXPerfectionist.LawInLine.in_line_reset_keeps_depth0", true],
          ["LaTeXPerfectionist.LawReset.reset_closes_groups", true],
          ["LaTeXPerfectionist.LawReset.batch_reset_closes_groups", true],
          ["LaTeXPerfectionist.LawReset.in_line_reset_closes_groups", true],
          ["LaTeXPerfectionist.LawBodyScan.body_scan", true],
          ["LaTeXPerfectionist.LawBodyScan.batch_body_scan", true],
        ]);
        // Every module of _CoqProject is checked, among them the proofs and the line lexer.
        const project = parseCoqProject(
          Deno.readTextFileSync(new URL("proofs/_CoqProject", ROOT)),
        );
        assertEquals(g.report.modules, project.modules);
        for (
          const m of [
            "Codec",
            "Incremental",
            "Lexer",
            "LawIncremental",
            "LawLossless",
            "LawDamage",
            "LawBody",
            "LawWf",
            "LawBodyEscape",
            "LawOrder",
            "LawFacts",
            "ScanTrace",
            "LawInLine",
            "LawReset",
            "LawBodyScan",
          ]
        ) {
          assert(g.report.modules.includes(`LaTeXPerfectionist.${m}`), m);
        }
        const s = g.report.steps;
        assert(s.build.ok && s.assumptions.ok && s.check.ok && s.extraction.ok && s.driver.ok);
      });

      await t.step("both reports match the schema", () => {
        assertEquals(validateReport(b.report), []);
        assertEquals(validateReport(g.report), []);
      });
    } finally {
      await Deno.remove(bad.dir, { recursive: true });
      await Deno.remove(good.dir, { recursive: true });
    }
  },
});
