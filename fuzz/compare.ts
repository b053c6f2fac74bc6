/**
 * The old name of the comparison of two lexings, kept only for the library's tests under
 * `lexer/` that still import it from here; everything else imports
 * `_tools/compare_lexings.ts`. Remove once those tests import the shared module.
 *
 * @module
 */

export { compareLexings as compareLexed } from "../_tools/compare_lexings.ts";
