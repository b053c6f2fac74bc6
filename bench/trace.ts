/**
 * The old place of the trace reader, kept only for `lexer/testdata/shared.ts`, which still
 * imports it from here; everything else imports `_tools/trace.ts`. Remove once it does.
 *
 * @module
 */

export { type EditingTrace, readTrace } from "../_tools/trace.ts";
