(** * Laws of the Coq line lexer ([Lexer.v])

    So far the first half of issue 15's lossless law, [tokens_nonempty]: every token
    [lex_line] returns is at least one code unit long.  It holds by construction: [emit]
    drops a token of length 0 and [mark_last_math] changes only a flag, and every other
    function of the scanner either calls those or leaves the output alone.  The proof is
    one lemma per function of [Lexer.v], each "a work whose tokens are all non-empty stays
    so" ([good]), by case analysis ([crush]) with the lemmas of the functions it calls. *)

From Coq Require Import List PeanoNat.
From LaTeXPerfectionist Require Import Codec LexBase LexArgs Lexer.
Import ListNotations.

(** Every token emitted so far is non-empty. *)
Definition good (w : work) : Prop := Forall (fun t => 1 <= t_length t) (w_out w).

Lemma emit_good : forall k n m w, good w -> good (emit k n m w).
Proof.
  intros k n m w H. unfold emit. destruct (n =? 0) eqn:E; [exact H |].
  constructor; [| exact H]. simpl. apply Nat.eqb_neq in E.
  destruct n; [contradiction | apply le_n_S, Nat.le_0_l].
Qed.

Lemma mark_last_math_good : forall w, good w -> good (mark_last_math w).
Proof.
  intros w H. unfold mark_last_math. destruct (w_out w) as [| t l] eqn:E; [exact H |].
  unfold good in *. simpl. rewrite E in H. inversion H; subst. constructor; assumption.
Qed.

Lemma upd_good : forall f w, good w -> good (upd f w). Proof. intros; exact H. Qed.
Lemma set_pt_good : forall b w, good w -> good (set_pt b w). Proof. intros; exact H. Qed.
Lemma set_pm_good : forall b w, good w -> good (set_pm b w). Proof. intros; exact H. Qed.
Lemma set_arm_good : forall b w, good w -> good (set_arm b w). Proof. intros; exact H. Qed.
Lemma set_pcat_good : forall b w, good w -> good (set_pcat b w). Proof. intros; exact H. Qed.
Lemma after_arg_good : forall b w, good w -> good (after_arg b w). Proof. intros; exact H. Qed.

#[local] Hint Resolve emit_good mark_last_math_good upd_good set_pt_good set_pm_good
  set_arm_good set_pcat_good after_arg_good : good.

(** Case analysis on every [if] and [match] of the goal (innermost scrutinee first, so that
    no equation is lost), closing each branch with the lemmas of the [good] database; a pair
    (work, count) returned by a function is destructed after its lemma gave [good] of its
    work. *)
Ltac crush :=
  repeat first
    [ progress (auto 50 with good)
    | progress (cbn [fst])
    | match goal with
      | |- context [if ?e then _ else _] => destruct e eqn:?
      end
    | match goal with
      | |- context [match ?e with _ => _ end] =>
          lazymatch type of e with
          | prod _ _ => fail
          | _ =>
              lazymatch e with
              | context [match _ with _ => _ end] => fail
              | _ => destruct e eqn:?
              end
          end
      end
    | match goal with
      | |- context [match ?e with (_, _) => _ end] =>
          lazymatch type of e with
          | prod work nat =>
              let H := fresh "G" in
              assert (H : good (fst e)) by (auto 50 with good);
              destruct e eqn:?; simpl in H
          | _ => destruct e eqn:?
          end
      end ].

Lemma inert_fuel_good : forall fuel seg m w, good w -> good (inert_fuel fuel seg m w).
Proof.
  induction fuel; intros seg m w H; destruct seg; simpl; auto.
  destruct (inert_step (w_s w) n seg). auto with good.
Qed.

Lemma emit_inert_good : forall seg m w, good w -> good (emit_inert seg m w).
Proof. intros. apply inert_fuel_good. exact H. Qed.
#[local] Hint Resolve inert_fuel_good emit_inert_good : good.

Lemma paragraph_end_good : forall w, good w -> good (paragraph_end w).
Proof. intros. unfold paragraph_end. auto with good. Qed.
Lemma open_group_good : forall p w, good w -> good (open_group p w).
Proof. intros. unfold open_group. apply set_pt_good, after_arg_good. crush. Qed.
Lemma close_group_good : forall w, good w -> good (close_group w).
Proof. intros. unfold close_group. auto with good. Qed.
Lemma apply_pending_cat_good : forall w, good w -> good (apply_pending_cat w).
Proof. intros. unfold apply_pending_cat. destruct (w_pcat w) as [[[? ?] ?] |]; auto with good. Qed.
Lemma control_symbol_good : forall n c w, good w -> good (control_symbol n c w).
Proof. intros. unfold control_symbol. crush. Qed.
#[local] Hint Resolve paragraph_end_good open_group_good close_group_good apply_pending_cat_good
  control_symbol_good : good.

Lemma math_shift_good : forall r c w, good w -> good (fst (math_shift r c w)).
Proof. intros. unfold math_shift. crush. Qed.
#[local] Hint Resolve math_shift_good : good.

Lemma verbatim_arguments_fuel_good :
  forall fuel r w, good w -> good (fst (verbatim_arguments_fuel fuel r w)).
Proof.
  induction fuel; intros r w H; simpl; [exact H |].
  destruct (unit_at _ r) as [c |]; [| exact H].
  crush.
Qed.
#[local] Hint Resolve verbatim_arguments_fuel_good : good.

Lemma verbatim_arguments_good : forall r w, good w -> good (fst (verbatim_arguments r w)).
Proof. intros. unfold verbatim_arguments. auto with good. Qed.
#[local] Hint Resolve verbatim_arguments_good : good.

Lemma verbatim_body_good : forall r w, good w -> good (fst (verbatim_body r w)).
Proof. intros. unfold verbatim_body. crush. Qed.
#[local] Hint Resolve verbatim_body_good : good.

Lemma continued_options_good : forall t w, good w -> good (fst (continued_options t w)).
Proof. intros. unfold continued_options. crush. Qed.
#[local] Hint Resolve continued_options_good : good.

Lemma environment_good : forall o b r w, good w -> good (fst (environment o b r w)).
Proof.
  intros o b r w H. unfold environment.
  destruct (simple_group_end _ _) as [c |]; [| exact H].
  destruct (if b then _ else _) as [s1 a1].
  destruct (if o_docTeX o && _ then _ else _) as [s2 a2].
  crush.
Qed.
#[local] Hint Resolve environment_good : good.

Lemma inline_verbatim_good : forall f r w, good w -> good (fst (inline_verbatim f r w)).
Proof. intros. unfold inline_verbatim. crush. Qed.
#[local] Hint Resolve inline_verbatim_good : good.

Lemma short_verbatim_good : forall r w, good w -> good (fst (short_verbatim r w)).
Proof. intros. unfold short_verbatim. crush. Qed.
#[local] Hint Resolve short_verbatim_good : good.

Lemma short_verb_command_good :
  forall a b r w, good w -> good (fst (short_verb_command a b r w)).
Proof. intros. unfold short_verb_command. crush. Qed.
#[local] Hint Resolve short_verb_command_good : good.

Lemma control_word_good :
  forall o nm n r p w, good w -> good (fst (control_word o nm n r p w)).
Proof. intros. unfold control_word. crush. Qed.
#[local] Hint Resolve control_word_good : good.

Lemma control_sequence_good :
  forall o l p r c w, good w -> good (fst (control_sequence o l p r c w)).
Proof. intros. unfold control_sequence. crush. Qed.
#[local] Hint Resolve control_sequence_good : good.

Lemma step_good : forall o l p r w, good w -> good (fst (step o l p r w)).
Proof. intros. unfold step. crush. Qed.
#[local] Hint Resolve step_good : good.

Lemma scan_loop_good : forall fuel o l p r w, good w -> good (scan_loop fuel o l p r w).
Proof.
  induction fuel; intros o l p r w H; simpl; [exact H |].
  destruct r; [exact H |]. crush.
Qed.
#[local] Hint Resolve scan_loop_good : good.

Lemma doc_line_start_good : forall t w, good w -> good (fst (doc_line_start t w)).
Proof. intros. unfold doc_line_start. crush. Qed.
#[local] Hint Resolve doc_line_start_good : good.

Lemma good_initial : forall s, good (mkWork s false false None None []).
Proof. intros. constructor. Qed.
#[local] Hint Resolve good_initial : good.

(** The first half of issue 15's lossless law: no token of the lexer is empty. *)
Theorem tokens_nonempty :
  forall o s l, Forall (fun t => t_length t >= 1) (fst (lex_line o s l)).
Proof.
  intros o s l. unfold lex_line.
  assert (H : good (fst (if o_docTeX o then doc_line_start l (mkWork s false false None None [])
            else if mode_eqb (s_mode s) Verbatim then
              (if s_verbOpts s then continued_options l (mkWork s false false None None [])
               else verbatim_body l (mkWork s false false None None []))
            else ((if is_blank s l then paragraph_end (mkWork s false false None None [])
                   else mkWork s false false None None []), 0))))
    by crush.
  destruct (if o_docTeX o then _ else _) as [w p]. cbn [fst] in H |- *. unfold rev'. rewrite <- rev_alt. apply Forall_rev. apply (apply_pending_cat_good _ (scan_loop_good _ _ _ _ _ _ H)).
Qed.
