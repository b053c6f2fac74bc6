import { assert, assertEquals } from "@std/assert";
import { cpuModelFrom, machineInfo, machineKey } from "./machine_info.ts";

Deno.test("cpuModelFrom() reads x86 and ARM cpuinfo, else unknown", () => {
  assertEquals(
    cpuModelFrom("processor\t: 0\nmodel\t\t: 2\nmodel name\t: AMD EPYC\n"),
    "AMD EPYC",
  );
  assertEquals(cpuModelFrom("processor : 0\nHardware : BCM2835\n"), "BCM2835");
  assertEquals(cpuModelFrom("processor : 0\n"), "unknown");
});

Deno.test("machineInfo() fills every field", () => {
  const info = machineInfo();
  assertEquals(info.deno, Deno.version.deno);
  assertEquals(info.v8, Deno.version.v8);
  assert(info.cpu_model.length > 0);
  assert(Number.isInteger(info.cores) && info.cores >= 1);
  assertEquals(info.label, "");
});

Deno.test("machineKey() separates machines by label, CPU and cores", () => {
  const a = machineInfo();
  assert(machineKey(a) !== machineKey({ ...a, cores: a.cores + 1 }));
  assert(machineKey(a) !== machineKey({ ...a, label: "ci" }));
  assertEquals(machineKey(a), machineKey({ ...a, deno: "0.0.0" }));
});
