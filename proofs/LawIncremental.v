(** * The laws of the line lexer users run ([Lexer.lex_line])

    The theorems of [Incremental.v] are generic in the line lexer; here they are instantiated
    with the concrete one of [Lexer.v] and the codec's state equality, so that "incremental
    equals batch" speaks of the lexer users run.  Further laws of that lexer (bounded damage)
    follow.  [LawLossless.v] holds the lossless law, [LawDamage.v] bounded damage. *)

From Coq Require Import List PeanoNat.
From LaTeXPerfectionist Require Import Codec Incremental Lexer.
Import ListNotations.

(** ** The incremental theorem about the real lexer *)

(** The checkpoint algorithm over the concrete lexer: states are [Codec.state]s, compared by
    their encodings as [StateTable.intern] does; a line is its code units; its tokens are
    what [lex_line o] gives; the first line starts from [initial_state o]. *)
Definition real_lexer : Type := lexer state ustring (list token).

Definition real_apply_edit (o : options) :=
  apply_edit state ustring (list token) state_eq_dec_by_encoding (lex_line o).

Definition real_open (o : options) :=
  open state ustring (list token) (lex_line o) (initial_state o).

Definition real_reachable (o : options) :=
  reachable state ustring (list token) state_eq_dec_by_encoding (lex_line o) (initial_state o).

(** For every options [o], every lexer reached from an opened document by any sequence of
    edits, and every valid edit: the incremental result is, field for field, the batch
    lexing of the edited document by [lex_line o]. *)
Theorem real_incremental_correctness :
  forall (o : options) (c : real_lexer) a b new,
    real_reachable o c -> a <= b -> b <= length (doc _ _ _ c) ->
    real_apply_edit o c a b new = Some (real_open o (replace_lines _ (doc _ _ _ c) a b new)).
Proof.
  intros o. exact (incremental_correctness state ustring (list token) state_eq_dec_by_encoding
                     (lex_line o) (initial_state o)).
Qed.

(** For every options [o] and every reachable lexer: one entry per line, the final state is
    [lex_line o] run over all lines from [initial_state o], and line [i]'s entry is the batch
    state at [i] with the tokens [lex_line o] gives from it. *)
Theorem real_checkpoint_equivalence :
  forall (o : options) (c : real_lexer),
    real_reachable o c ->
    let bs := batch_state_at state ustring (list token) (lex_line o) (initial_state o) in
    length (entries _ _ _ c) = length (doc _ _ _ c)
    /\ final _ _ _ c = run state ustring (list token) (lex_line o) (initial_state o) (doc _ _ _ c)
    /\ forall i l,
         nth_error (doc _ _ _ c) i = Some l ->
         nth_error (entries _ _ _ c) i = Some (bs (doc _ _ _ c) i, fst (lex_line o (bs (doc _ _ _ c) i) l)).
Proof.
  intros o. exact (checkpoint_equivalence state ustring (list token) state_eq_dec_by_encoding
                     (lex_line o) (initial_state o)).
Qed.

(** ** The first state is well formed *)

(** [initial_state o] holds no string, so it is well formed for every options (the names of
    the options' environments are not copied into the state). *)
Theorem initial_state_wf : forall o : options, wf_state (initial_state o).
Proof. intros o. repeat split; constructor. Qed.
