/**
 * What machine and runtime a benchmark ran on, so figures are compared only with figures from the
 * same kind of machine.
 *
 * @module
 */

/** The machine and runtime of a run. */
export interface MachineInfo {
  /** Deno's version. */
  readonly deno: string;
  /** V8's version. */
  readonly v8: string;
  /** TypeScript's version bundled with Deno. */
  readonly typescript: string;
  /** Operating system, as `Deno.build.os`. */
  readonly os: string;
  /** CPU architecture, as `Deno.build.arch`. */
  readonly arch: string;
  /** The CPU's model name from `/proc/cpuinfo`, or `"unknown"` when it cannot be read. */
  readonly cpu_model: string;
  /** Logical cores, from `navigator.hardwareConcurrency`. */
  readonly cores: number;
  /** A name the user gave the machine (`--machine`), or `""`. */
  readonly label: string;
}

/**
 * Reads the CPU model from a `/proc/cpuinfo` text.
 *
 * @param cpuinfo The file's text.
 * @returns The first `model name` (x86) or `Model`/`Hardware` (ARM) value, or `"unknown"`.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * assertEquals(cpuModelFrom("processor\t: 0\nmodel name\t: Example CPU @ 2.0GHz\n"), "Example CPU @ 2.0GHz");
 * assertEquals(cpuModelFrom(""), "unknown");
 * ```
 */
export function cpuModelFrom(cpuinfo: string): string {
  const match = /^(?:model name|Model|Hardware)\s*:\s*(.+)$/m.exec(cpuinfo);
  return match?.[1]?.trim() || "unknown";
}

/**
 * Collects the machine information. Reads `/proc/cpuinfo` when permissions allow it (Deno
 * grants `/proc` reads only with `--allow-all`, so under a task's narrow permissions the model is
 * `"unknown"`).
 *
 * @returns The information; `cpu_model` is `"unknown"` when `/proc/cpuinfo` cannot be read.
 *
 * @example
 * ```ts
 * import { assert } from "@std/assert";
 * const info = machineInfo();
 * assert(info.deno.length > 0 && info.cores >= 1);
 * ```
 */
export function machineInfo(): MachineInfo {
  let cpu = "unknown";
  try {
    cpu = cpuModelFrom(Deno.readTextFileSync("/proc/cpuinfo"));
  } catch {
    // No permission or no such file (not Linux): the model stays unknown.
  }
  return {
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    typescript: Deno.version.typescript,
    os: Deno.build.os,
    arch: Deno.build.arch,
    cpu_model: cpu,
    cores: navigator.hardwareConcurrency,
    label: "",
  };
}

/**
 * The key that says two runs came from the same kind of machine: the user's label, CPU model,
 * cores, OS and architecture (not the Deno version, so a runtime upgrade shows up as a change in
 * the figures).
 *
 * @param info The machine information.
 * @returns A short string.
 *
 * @example
 * ```ts
 * import { assertEquals } from "@std/assert";
 * const key = machineKey({ deno: "2", v8: "1", typescript: "5", os: "linux", arch: "x86_64", cpu_model: "X", cores: 2, label: "ci" });
 * assertEquals(key, "ci | X | 2 cores | linux x86_64");
 * ```
 */
export function machineKey(info: MachineInfo): string {
  const label = info.label ? `${info.label} | ` : "";
  return `${label}${info.cpu_model} | ${info.cores} cores | ${info.os} ${info.arch}`;
}
