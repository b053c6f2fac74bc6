(* Run by `deno task verify` after the build (not part of _CoqProject): extracts the line lexer
   and the state codec to OCaml, into _build/ (generated, git-ignored), where verify compiles
   them with the driver oracle/driver.ml.  Why each mapping below is sound for the values
   that occur: proofs/README.md, "Extraction and the oracle". *)
From Coq Require Extraction ExtrOcamlBasic ExtrOcamlNatInt PeanoNat.
From LaTeXPerfectionist Require Codec Lexer.

(* Native integer operations for the Nat functions ExtrOcamlNatInt leaves unary, under both
   names each has: Init.Nat's, and PeanoNat.Nat's (its own copy, which code that imports
   PeanoNat uses).  Each is the Coq function on the values that occur (all below 2^31): see
   the README. *)
Extract Inlined Constant Coq.Init.Nat.add => "(+)".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.add => "(+)".
Extract Inlined Constant Coq.Init.Nat.mul => "( * )".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.mul => "( * )".
Extract Inlined Constant Coq.Init.Nat.sub => "(fun n m -> Stdlib.max 0 (n - m))".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.sub => "(fun n m -> Stdlib.max 0 (n - m))".
Extract Inlined Constant Coq.Init.Nat.pred => "(fun n -> Stdlib.max 0 (n - 1))".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.pred => "(fun n -> Stdlib.max 0 (n - 1))".
Extract Inlined Constant Coq.Init.Nat.leb => "(<=)".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.leb => "(<=)".
Extract Inlined Constant Coq.Init.Nat.ltb => "(<)".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.ltb => "(<)".
Extract Inlined Constant Coq.Init.Nat.eqb => "(=)".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.eqb => "(=)".
Extract Inlined Constant Coq.Init.Nat.min => "Stdlib.min".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.min => "Stdlib.min".
Extract Inlined Constant Coq.Init.Nat.max => "Stdlib.max".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.max => "Stdlib.max".
Extract Inlined Constant Coq.Init.Nat.pow => "(fun n m -> let rec p a k = if k = 0 then a else p (a * n) (k - 1) in p 1 m)".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.pow => "(fun n m -> let rec p a k = if k = 0 then a else p (a * n) (k - 1) in p 1 m)".
Extract Inlined Constant Coq.Init.Nat.tail_add => "(+)".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.tail_add => "(+)".
Extract Inlined Constant Coq.Init.Nat.tail_mul => "( * )".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.tail_mul => "( * )".
Extract Inlined Constant Coq.Init.Nat.tail_addmul => "(fun r n m -> r + n * m)".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.tail_addmul => "(fun r n m -> r + n * m)".
Extract Inlined Constant Coq.Init.Nat.div => "(fun n m -> if m = 0 then 0 else n / m)".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.div => "(fun n m -> if m = 0 then 0 else n / m)".
Extract Inlined Constant Coq.Init.Nat.modulo => "(fun n m -> if m = 0 then n else n mod m)".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.modulo => "(fun n m -> if m = 0 then n else n mod m)".
Extract Inlined Constant Coq.Init.Nat.land => "(land)".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.land => "(land)".
Extract Inlined Constant Coq.Init.Nat.lor => "(lor)".
Extract Inlined Constant Coq.Arith.PeanoNat.Nat.lor => "(lor)".

Extraction "_build/lexer_extracted.ml"
  Codec.encode Codec.decode Lexer.initial_state Lexer.lex_line.
