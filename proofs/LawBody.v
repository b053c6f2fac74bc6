(** * Definition bodies and macro arguments: the commands that are not run there

    README: "definition bodies of [\def], [\newcommand], ... : no state change escapes";
    "commands inside a macro argument or definition body are not run"; "a math environment
    begun inside a macro argument is not entered".  In the lexer a group opened as a body
    (or as a macro argument) sets its bit in [s_argBits]; the laws here are the building
    blocks of that promise, for every state whose [s_argBits] is not 0:

    - [body_catcodes_inert]: catcode changes ([\catcode], [\makeatletter], [\makeatother],
      [\ExplSyntaxOn]/[Off]) and [\begingroup]/[\endgroup] leave the state unchanged;
    - [body_short_verb_inert]: [\MakeShortVerb] and kin change no state (they only emit
      their argument);
    - [close_group_restores]: the [}] at the depth of the last frame (the frame a body's or a
      [\text] argument's [{] pushes, holding the mode and environment before it) gives them
      back, so a [$] or [\(] inside the body does not leave math mode open after it.

    The whole law over any body and its lines is [LawBodyScan.body_scan]. *)

From Coq Require Import List PeanoNat.
From LaTeXPerfectionist Require Import Codec LexBase LexArgs Lexer.
Import ListNotations.

Theorem body_catcodes_inert :
  forall s, s_argBits s <> 0 ->
    (forall c k, set_catcode c k s = s) /\ begin_semi_group s = s /\ end_semi_group s = s
    /\ expl_on s = s /\ expl_off s = s.
Proof.
  intros s H. apply Nat.eqb_neq in H.
  unfold set_catcode, begin_semi_group, end_semi_group, expl_on, expl_off.
  rewrite H. repeat split.
Qed.

Theorem body_short_verb_inert :
  forall make bare r w,
    s_argBits (w_s w) <> 0 -> w_s (fst (short_verb_command make bare r w)) = w_s w.
Proof.
  intros make bare r w H. apply Nat.eqb_neq in H. unfold short_verb_command.
  destruct (short_verb_argument (w_s w) r bare) as [[c e] |]; [| reflexivity].
  cbv zeta.
  assert (I : forall seg m w', w_s (emit_inert seg m w') = w_s w').
  { intros seg m w'. unfold emit_inert. generalize (size seg). intros f. revert seg w'.
    induction f as [| f IH]; intros [| c0 r0] w'; cbn [inert_fuel]; try reflexivity.
    destruct (inert_step (w_s w') c0 r0) as [k n]. rewrite IH.
    unfold emit. destruct (n =? 0); reflexivity. }
  rewrite H. cbn [negb fst]. apply I.
Qed.

(** [close_group]: when the last frame was pushed at the depth the [}] returns to, its mode
    and environment come back. *)
Theorem close_group_restores :
  forall w f rf,
    0 < s_depth (w_s w) ->
    rev (s_frames (w_s w)) = f :: rf -> fr_depth f = s_depth (w_s w) - 1 ->
    s_mode (w_s (close_group w)) = fr_mode f /\ s_env (w_s (close_group w)) = fr_env f
    /\ s_frames (w_s (close_group w)) = rev rf.
Proof.
  intros w f rf Hd Hf Hfd. unfold close_group.
  apply Nat.ltb_lt in Hd. rewrite Hd. cbv zeta.
  set (s1 := if saved_at_least (s_depth (w_s w)) (w_s w) then close_saved (s_depth (w_s w)) (w_s w)
             else w_s w).
  assert (F : s_frames s1 = s_frames (w_s w) /\ s_depth s1 = s_depth (w_s w)).
  { subst s1. destruct (saved_at_least _ _); [| auto].
    unfold close_saved, pop_saved. destruct (pop_from _ _) as [kept pairs].
    assert (G : forall ps t, s_frames (fold_left (fun s '(c, k) => write_catcode c k s) ps t) = s_frames t
                        /\ s_depth (fold_left (fun s '(c, k) => write_catcode c k s) ps t) = s_depth t).
    { induction ps as [| [c k] ps IH]; intros t; cbn [fold_left]; [auto |].
      destruct (IH (write_catcode c k t)) as [A B]. rewrite A, B. auto. }
    destruct (G pairs (set_saved (encode_saved kept) (w_s w))) as [A B]. rewrite A, B. auto. }
  destruct F as [F1 F2].
  set (s2 := set_depth (s_depth s1 - 1) s1).
  set (s3 := if s_depth s1 - 1 <? ARG_BITS then set_argBits (clear_bit (s_argBits s2) (s_depth s1 - 1)) s2 else s2).
  assert (R : rev (s_frames s3) = f :: rf /\ s_depth s3 = s_depth s1 - 1).
  { subst s3 s2. destruct (_ <? ARG_BITS); cbn; rewrite F1; auto. }
  destruct R as [R1 R2].
  fold s2. fold s3. rewrite R1. rewrite F2, <- Hfd, Nat.eqb_refl.
  set (s4 := set_frames (rev rf) (set_env (fr_env f) (set_mode (fr_mode f) s3))).
  assert (Q : forall t, (s_mode t = fr_mode f /\ s_env t = fr_env f /\ s_frames t = rev rf) ->
            let t' := if in_begin_code t && (fr_depth f =? s_defDepth t) then clear_definition t else t in
            let t'' := if negb (s_bodyPend t' =? 0) && (fr_depth f <? s_bodyDepth t') then clear_body_pend t' else t' in
            s_mode t'' = fr_mode f /\ s_env t'' = fr_env f /\ s_frames t'' = rev rf).
  { intros t Ht. cbv zeta. destruct (in_begin_code t && _); cbn;
      [destruct (negb _ && _) | destruct (negb _ && _)]; cbn; exact Ht. }
  apply (Q s4). subst s4. cbn. auto.
Qed.
