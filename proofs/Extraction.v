(* Run by `deno task verify` after the build (not part of _CoqProject): extracts the line lexer
   and the state codec to OCaml, into _build/ (generated, git-ignored), where verify compiles
   them with the driver oracle/driver.ml.  Why each mapping below is sound for the values
   that occur: proofs/README.md, "Extraction and the oracle". *)
From Coq Require Extraction ExtrOcamlBasic ExtrOcamlNatInt.
From LaTeXPerfectionist Require Codec Lexer.

(* Native integer operations for the Nat functions ExtrOcamlNatInt leaves unary.  Each is
   the Coq function on the values that occur (all below 2^31): see the README. *)
Extract Inlined Constant Nat.add => "(+)".
Extract Inlined Constant Nat.mul => "( * )".
Extract Inlined Constant Nat.sub => "(fun n m -> Stdlib.max 0 (n - m))".
Extract Inlined Constant Nat.pred => "(fun n -> Stdlib.max 0 (n - 1))".
Extract Inlined Constant Nat.leb => "(<=)".
Extract Inlined Constant Nat.ltb => "(<)".
Extract Inlined Constant Nat.tail_add => "(+)".
Extract Inlined Constant Nat.tail_mul => "( * )".
Extract Inlined Constant Nat.tail_addmul => "(fun r n m -> r + n * m)".
Extract Inlined Constant Nat.div => "(fun n m -> if m = 0 then 0 else n / m)".
Extract Inlined Constant Nat.modulo => "(fun n m -> if m = 0 then n else n mod m)".
Extract Inlined Constant Nat.land => "(land)".
Extract Inlined Constant Nat.lor => "(lor)".

Extraction "_build/lexer_extracted.ml"
  Codec.encode Codec.decode Lexer.initial_state Lexer.lex_line.
