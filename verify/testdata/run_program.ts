// Runs one program through verify's runCommand, for verify_test.ts: started with the verify
// task's permissions, it shows which programs the verify code can and cannot run.
import { runCommand } from "../run_command.ts";

const [program, ...args] = Deno.args;
if (program === undefined) {
  console.error("Usage: run_program.ts PROGRAM [ARGS...]");
  Deno.exit(2);
}
try {
  const result = await runCommand(program, args);
  console.log(`${program} exited with ${result.code}`);
} catch (error) {
  const e = error as Error;
  console.error(`${e.name}: ${e.message}`);
  Deno.exit(1);
}
