import { assertEquals, assertThrows } from "@std/assert";
import { fromFileUrl } from "@std/path";
import { parseTasks, pickSampleDocuments, surveyProject } from "./survey.ts";

Deno.test("parseTasks() reads both task forms and skips entries without a command", () => {
  const tasks = parseTasks(JSON.stringify({
    tasks: { a: "deno lint", b: { command: "deno fmt" }, c: { dependencies: ["a"] } },
  }));
  assertEquals([...tasks], [["a", "deno lint"], ["b", "deno fmt"]]);
  assertEquals(parseTasks("{}").size, 0);
});

Deno.test("parseTasks() throws a SyntaxError for text that is not a deno.json object", () => {
  assertThrows(() => parseTasks("[1]"), SyntaxError, "top level is not an object");
  assertThrows(() => parseTasks("{"), SyntaxError);
});

Deno.test("pickSampleDocuments() picks the smallest of each extension, ties by name", () => {
  const files = [
    { name: "b.tex", size: 5 },
    { name: "a.tex", size: 5 },
    { name: "x.dtx", size: 9 },
    { name: "y.cls", size: 1 },
    { name: "MANIFEST.tsv", size: 1 },
    { name: "notes.txt", size: 1 },
  ];
  assertEquals(pickSampleDocuments(files, "quick"), ["a.tex", "x.dtx", "y.cls"]);
  assertEquals(pickSampleDocuments([], "quick"), []);
});

Deno.test("surveyProject() reads this project's tasks and says whether ../shared is there", async () => {
  const survey = await surveyProject(fromFileUrl(new URL("../", import.meta.url)));
  assertEquals(survey.tasks.has("ci"), true);
  let sharedExists = true;
  try {
    await Deno.stat(new URL("../../shared/corpus", import.meta.url));
  } catch {
    sharedExists = false;
  }
  assertEquals(survey.sharedDir !== undefined, sharedExists);
  assertEquals(survey.corpus.length > 0, sharedExists);
});
