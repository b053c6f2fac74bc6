// Whether coqc can be run, for tests that need Coq: they are ignored, with this message,
// when it cannot.
import { runCommand, ToolMissingError } from "../run_command.ts";

/** True when `coqc --version` cannot be started because Coq is not installed. */
export const COQ_MISSING: boolean = await runCommand("coqc", ["--version"]).then(
  () => false,
  (e) => {
    if (e instanceof ToolMissingError) return true;
    throw e;
  },
);

if (COQ_MISSING) {
  console.warn(
    "verify tests that need Coq are ignored: coqc is not on PATH " +
      "(apt-get update && apt-get install -y coq make)",
  );
}
