/**
 * Editing traces in the format of `../shared/traces`: the reader lives with the library's test
 * data (`lexer/testdata/trace_file.ts`), which the library's tests use without importing from
 * `bench/`.
 *
 * @module
 */

export {
  type EditingTrace,
  parseTrace,
  type Patch,
  readTrace,
  readTraceText,
} from "../lexer/testdata/trace_file.ts";
