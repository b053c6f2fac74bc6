(** * The line lexer in Coq: [lexLine] of [lexer/lex_line.ts]

    FIRST MILESTONE: the fixed interface only.  [lex_line] so far splits a line by catcode
    classes as [emitInert] does, with no state change; the full scanner follows. *)

From Coq Require Import List PeanoNat.
From LaTeXPerfectionist Require Export Codec LexBase.
Import ListNotations.
Open Scope bool_scope.

(* [options] and [token] are the records of LexBase.v, exported with it. *)

(** [initialState(options)]: [resolveOptions]'s initial state. *)
Definition initial_state (o : options) : state :=
  set_catcodes (initial_catcodes o) INITIAL_STATE.

Definition inert_step (s : state) (c : nat) (r : list nat) : nat * nat :=
  let k := cat_of s c in
  if is_text_cat k then (K_TEXT, S (span (fun d => is_text_cat (cat_of s d)) r))
  else if (k =? CAT_SPACE) || (k =? CAT_END_OF_LINE) then
    (K_SPACE, S (span (fun d => cat_of s d =? CAT_SPACE) r))
  else if k =? CAT_IGNORED then (K_IGNORED, S (span (fun d => cat_of s d =? CAT_IGNORED) r))
  else if k =? CAT_INVALID then (K_INVALID, S (span (fun d => cat_of s d =? CAT_INVALID) r))
  else if k =? CAT_ESCAPE then
    match r with
    | [] => (K_CONTROL_SYMBOL, 1)
    | d :: _ =>
        if cat_of s d =? CAT_LETTER then (K_CONTROL_WORD, S (span (fun e => cat_of s e =? CAT_LETTER) r))
        else (K_CONTROL_SYMBOL, 2)
    end
  else if k =? CAT_COMMENT then (K_COMMENT, S (length r))
  else (cat_kind k, 1).

Fixpoint inert (fuel : nat) (s : state) (seg : list nat) (m : bool) (acc : list token)
  : list token :=
  match fuel, seg with
  | S f, c :: r =>
      let '(k, n) := inert_step s c r in
      inert f s (skipn n seg) m ({| t_kind := k; t_length := n; t_math := m |} :: acc)
  | _, _ => acc
  end.

Definition lex_line (o : options) (s : state) (line : ustring) : list token * state :=
  (rev (inert (S (length line)) s line false []), s).
