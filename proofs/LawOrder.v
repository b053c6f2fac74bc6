(** * Saved frames are ordered by level, so a paragraph reset keeps the depth-0 frames

    [LawWf.close_saved_keeps_depth0] needs the saved catcode frames of a state split into the
    frames of level 0 followed by the frames of level 1 and more.  Here is the invariant that
    gives it: [frames_ordered s] says the levels of [decode_saved (s_saved s)], first to last,
    never decrease, and none is above [s_depth s].  [initial_state o] satisfies it
    ([initial_frames_ordered]) and [lex_line o] keeps it on every line ([lex_line_frames_ordered]):
    a frame is pushed at the current depth (by [save_change], [\begingroup], [\ExplSyntaxOn]),
    frames are only removed otherwise (a prefix kept by [close_saved] and [\endgroup], one frame
    by [\ExplSyntaxOff]), adding a pair keeps a frame's level, a [{] raises the depth, and a
    [}] at depth [d] first pops every frame of level [d] and more, so those left are below
    [d - 1 + 1]; a paragraph reset pops every frame of level 1 and more and sets the depth to 0.
    So at every line start of batch lexing, under any options and for any document, the reset
    [close_saved 1] keeps exactly the saved frames of level 0 ([batch_reset_keeps_depth0]). *)

From Coq Require Import List PeanoNat Lia Sorted.
From LaTeXPerfectionist Require Import Codec LexBase LexArgs Lexer LawFacts Incremental LawWf
  ScanTrace.
Import ListNotations.
Open Scope bool_scope.

(** ** The invariant *)

Definition lv (fs : list sframe) : list nat := map sf_level fs.

Definition levels_ok (d : nat) (fs : list sframe) : Prop :=
  StronglySorted le (lv fs) /\ Forall (fun x => x <= d) (lv fs).

Definition frames_ordered (s : state) : Prop := levels_ok (s_depth s) (decode_saved (s_saved s)).

(** ** Sorted lists *)

Lemma ss_snoc : forall l x, StronglySorted le l -> Forall (fun y => y <= x) l -> StronglySorted le (l ++ [x]).
Proof.
  induction l as [| a l IH]; intros x H F; cbn [app].
  - repeat constructor.
  - inversion H; subst. inversion F; subst. constructor; [apply IH; assumption |].
    apply Forall_app. split; [assumption | constructor; [assumption | constructor]].
Qed.

Lemma ss_snoc_inv : forall l x, StronglySorted le (l ++ [x]) -> Forall (fun y => y <= x) l.
Proof.
  induction l as [| a l IH]; intros x H; [constructor |]. cbn [app] in H.
  inversion H as [| ? ? H1 H2]; subst. constructor; [| apply IH, H1].
  apply Forall_app in H2 as [_ H2]. inversion H2; assumption.
Qed.

Lemma ss_app_l : forall a b, StronglySorted le (a ++ b) -> StronglySorted le a.
Proof.
  induction a as [| x a IH]; intros b H; [constructor |]. cbn [app] in H.
  inversion H as [| ? ? H1 H2]; subst. constructor; [apply (IH b H1) |].
  apply Forall_app in H2. apply H2.
Qed.

Lemma ss_firstn : forall n l, StronglySorted le l -> StronglySorted le (firstn n l).
Proof. intros n l H. rewrite <- (firstn_skipn n l) in H. exact (ss_app_l _ _ H). Qed.

Lemma ss_remove_nth : forall i l, StronglySorted le l -> StronglySorted le (remove_nth i l).
Proof.
  intros i l. revert i. induction l as [| x l IH]; intros i H; cbn [remove_nth]; [constructor |].
  inversion H; subst. destruct (i =? 0); [assumption |].
  constructor; [apply IH; assumption | apply forall_remove_nth; assumption].
Qed.

Lemma lv_app : forall a b, lv (a ++ b) = lv a ++ lv b.
Proof. intros. apply map_app. Qed.

Lemma lv_firstn : forall n fs, lv (firstn n fs) = firstn n (lv fs).
Proof. intros. unfold lv. rewrite firstn_map. reflexivity. Qed.

Lemma lv_remove_nth : forall i fs, lv (remove_nth i fs) = remove_nth i (lv fs).
Proof.
  intros i fs. revert i. induction fs as [| f fs IH]; intros i; [reflexivity |]. cbn [remove_nth lv map].
  destruct (i =? 0); [reflexivity | cbn [lv map]; f_equal; apply IH].
Qed.

Lemma lv_modify_nth : forall i g fs, (forall f, sf_level (g f) = sf_level f) ->
  lv (modify_nth i g fs) = lv fs.
Proof.
  intros i g fs Hg. revert i. induction fs as [| f fs IH]; intros i; [reflexivity |]. cbn [modify_nth].
  destruct (i =? 0); cbn [lv map]; [rewrite Hg; reflexivity | f_equal; apply IH].
Qed.

Lemma levels_push : forall d fs f, levels_ok d fs -> sf_level f = d -> levels_ok d (fs ++ [f]).
Proof.
  intros d fs f [S F] E. unfold levels_ok. rewrite lv_app. cbn [lv map]. rewrite E.
  split; [apply ss_snoc; assumption | apply Forall_app; split; [assumption | repeat constructor]].
Qed.

Lemma levels_firstn : forall d n fs, levels_ok d fs -> levels_ok d (firstn n fs).
Proof. intros d n fs [S F]. unfold levels_ok. rewrite lv_firstn. split; [apply ss_firstn | apply forall_firstn]; assumption. Qed.

Lemma levels_remove_nth : forall d i fs, levels_ok d fs -> levels_ok d (remove_nth i fs).
Proof.
  intros d i fs [S F]. unfold levels_ok. rewrite lv_remove_nth.
  split; [apply ss_remove_nth | apply forall_remove_nth]; assumption.
Qed.

Lemma forall_le_mono : forall l a b, a <= b -> Forall (fun x => x <= a) l -> Forall (fun x => x <= b) l.
Proof. intros l a b E H. eapply Forall_impl; [| exact H]. intros x Hx. cbv beta in *. lia. Qed.

(** The frames [close_saved l] keeps are below [l]. *)
Lemma trailing_le : forall l fs, trailing_at_least l fs <= length fs.
Proof.
  intros l fs. induction fs as [| f fs IH] using rev_ind; [reflexivity |].
  rewrite trailing_snoc, app_length. cbn [length]. destruct (l <=? sf_level f); lia.
Qed.

Lemma kept_below : forall l fs, StronglySorted le (lv fs) ->
  Forall (fun x => x < l) (lv (firstn (first_at_level fs l) fs)).
Proof.
  intros l fs. unfold first_at_level. induction fs as [| f fs IH] using rev_ind; intros H; [constructor |].
  rewrite lv_app in H. cbn [lv map] in H. rewrite trailing_snoc, app_length. cbn [length].
  destruct (l <=? sf_level f) eqn:E.
  - pose proof (trailing_le l fs).
    replace (length fs + 1 - S (trailing_at_least l fs)) with (length fs - trailing_at_least l fs) by lia.
    rewrite firstn_app. replace (length fs - trailing_at_least l fs - length fs) with 0 by lia.
    rewrite firstn_O, app_nil_r. apply IH, (ss_app_l _ _ H).
  - apply Nat.leb_gt in E. rewrite Nat.sub_0_r, firstn_all2 by (rewrite app_length; cbn [length]; lia).
    rewrite lv_app. cbn [lv map].
    apply Forall_app. split; [| repeat constructor; exact E].
    eapply Forall_impl; [| exact (ss_snoc_inv _ _ H)]. intros x Hx. cbv beta in *. lia.
Qed.

Lemma top_below : forall l fs, StronglySorted le (lv fs) ->
  match top_level fs with Some t => l <=? t | None => false end = false ->
  Forall (fun x => x < l) (lv fs).
Proof.
  intros l fs H E. unfold top_level in E. destruct (rev fs) as [| f r] eqn:R.
  - apply (f_equal (@rev sframe)) in R. rewrite rev_involutive in R. subst fs. constructor.
  - apply (f_equal (@rev sframe)) in R. rewrite rev_involutive in R. cbn [rev] in R. subst fs.
    apply Nat.leb_gt in E. rewrite lv_app in *. cbn [lv map] in *. apply Forall_app.
    split; [| repeat constructor; exact E].
    eapply Forall_impl; [| exact (ss_snoc_inv _ _ H)]. intros x Hx. cbv beta in *. lia.
Qed.

(** ** State operations *)

Lemma pop_saved_fields : forall fs from s,
  s_saved (pop_saved fs from s) = encode_saved (firstn from fs) /\ s_depth (pop_saved fs from s) = s_depth s.
Proof.
  intros fs from s. unfold pop_saved, pop_from.
  assert (K : forall ps s0, s_saved (fold_left (fun s '(c, k) => write_catcode c k s) ps s0) = s_saved s0
                         /\ s_depth (fold_left (fun s '(c, k) => write_catcode c k s) ps s0) = s_depth s0).
  { induction ps as [| [c k] ps IH]; intros s0; [split; reflexivity | cbn [fold_left]; rewrite !(proj1 (IH _)), !(proj2 (IH _)); split; reflexivity]. }
  rewrite (proj1 (K _ _)), (proj2 (K _ _)). split; reflexivity.
Qed.

Lemma o_pop_saved : forall from s, frames_ordered s -> frames_ordered (pop_saved (decode_saved (s_saved s)) from s).
Proof.
  intros from s H. unfold frames_ordered. destruct (pop_saved_fields (decode_saved (s_saved s)) from s) as [A B].
  rewrite A, B, decode_encode_saved. apply levels_firstn, H.
Qed.

Lemma o_close_saved : forall l s, frames_ordered s -> frames_ordered (close_saved l s).
Proof. intros l s H. apply o_pop_saved, H. Qed.

Lemma depth_close_saved : forall l s, s_depth (close_saved l s) = s_depth s.
Proof. intros l s. apply pop_saved_fields. Qed.

Lemma close_below : forall l v s, frames_ordered s -> l <= S v ->
  Forall (fun x => x <= v) (lv (decode_saved (s_saved (close_saved l s)))).
Proof.
  intros l v s H E. unfold close_saved. rewrite (proj1 (pop_saved_fields _ _ _)), decode_encode_saved.
  eapply Forall_impl; [| apply kept_below, H]. intros x Hx. cbv beta in *. lia.
Qed.

Lemma not_at_least_below : forall l v s, saved_at_least l s = false -> frames_ordered s -> l <= S v ->
  Forall (fun x => x <= v) (lv (decode_saved (s_saved s))).
Proof.
  intros l v s A H E. unfold saved_at_least in A.
  eapply Forall_impl; [| apply (top_below l), A; apply H]. intros x Hx. cbv beta in *. lia.
Qed.

Lemma depth_below : forall v s, frames_ordered s -> s_depth s <= v ->
  Forall (fun x => x <= v) (lv (decode_saved (s_saved s))).
Proof. intros v s H E. apply (forall_le_mono _ (s_depth s)); [exact E | apply H]. Qed.

Lemma o_set_depth : forall v s, frames_ordered s -> Forall (fun x => x <= v) (lv (decode_saved (s_saved s))) ->
  frames_ordered (set_depth v s).
Proof. intros v s H F. split; [apply H | exact F]. Qed.

Lemma o_set_saved : forall fs s, levels_ok (s_depth s) fs -> frames_ordered (set_saved (encode_saved fs) s).
Proof. intros fs s H. unfold frames_ordered. cbn [s_saved s_depth set_saved]. rewrite decode_encode_saved. exact H. Qed.

Ltac free_o := intros; assumption.
Lemma o_set_mode : forall v s, frames_ordered s -> frames_ordered (set_mode v s). Proof. free_o. Qed.
Lemma o_set_env : forall v s, frames_ordered s -> frames_ordered (set_env v s). Proof. free_o. Qed.
Lemma o_set_argBits : forall v s, frames_ordered s -> frames_ordered (set_argBits v s). Proof. free_o. Qed.
Lemma o_set_afterArg : forall v s, frames_ordered s -> frames_ordered (set_afterArg v s). Proof. free_o. Qed.
Lemma o_set_frames : forall v s, frames_ordered s -> frames_ordered (set_frames v s). Proof. free_o. Qed.
Lemma o_set_catcodes : forall v s, frames_ordered s -> frames_ordered (set_catcodes v s). Proof. free_o. Qed.
Lemma o_set_verbatimEnvs : forall v s, frames_ordered s -> frames_ordered (set_verbatimEnvs v s). Proof. free_o. Qed.
Lemma o_set_defName : forall v s, frames_ordered s -> frames_ordered (set_defName v s). Proof. free_o. Qed.
Lemma o_set_defDepth : forall v s, frames_ordered s -> frames_ordered (set_defDepth v s). Proof. free_o. Qed.
Lemma o_set_defStage : forall v s, frames_ordered s -> frames_ordered (set_defStage v s). Proof. free_o. Qed.
Lemma o_set_bodyPend : forall v s, frames_ordered s -> frames_ordered (set_bodyPend v s). Proof. free_o. Qed.
Lemma o_set_bodyDepth : forall v s, frames_ordered s -> frames_ordered (set_bodyDepth v s). Proof. free_o. Qed.
Lemma o_set_shortVerb : forall v s, frames_ordered s -> frames_ordered (set_shortVerb v s). Proof. free_o. Qed.
Lemma o_set_verbOpts : forall v s, frames_ordered s -> frames_ordered (set_verbOpts v s). Proof. free_o. Qed.
Lemma o_set_macrocode : forall v s, frames_ordered s -> frames_ordered (set_macrocode v s). Proof. free_o. Qed.

Lemma o_write_catcode : forall c k s, frames_ordered s -> frames_ordered (write_catcode c k s).
Proof. free_o. Qed.

Lemma save_change_levels : forall fs d c old fs', save_change fs d c old = Some fs' ->
  levels_ok d fs -> levels_ok d fs'.
Proof.
  intros fs d c old fs' E H. unfold save_change in E. cbv zeta in E.
  assert (M : forall i, lv (rev (modify_nth i (fun f => add_pair f c old) (rev fs))) = lv fs).
  { intros i. unfold lv. rewrite map_rev. fold (lv (modify_nth i (fun f => add_pair f c old) (rev fs))).
    rewrite lv_modify_nth; [unfold lv; rewrite map_rev, rev_involutive; reflexivity |].
    intros f. unfold add_pair. destruct (has_char _ _); reflexivity. }
  repeat (dmatch; try discriminate); apply some_inj in E; subst fs';
    try (unfold levels_ok; rewrite M; exact H).
  apply levels_push; [exact H | reflexivity].
Qed.

Lemma o_set_catcode : forall c k s, frames_ordered s -> frames_ordered (set_catcode c k s).
Proof.
  intros c k s H. unfold set_catcode. cbv zeta.
  destruct (negb (s_argBits s =? 0)); [exact H |]. destruct (cat_of s c =? k); [exact H |].
  apply o_write_catcode.
  destruct (save_change (decode_saved (s_saved s)) (s_depth s) c (cat_of s c)) as [fs |] eqn:E; [| exact H].
  apply o_set_saved. exact (save_change_levels _ _ _ _ _ E H).
Qed.

Lemma o_set_catcodes_of : forall l s, frames_ordered s -> frames_ordered (set_catcodes_of l s).
Proof.
  unfold set_catcodes_of. induction l as [| [c k] l IH]; intros s H; [exact H |].
  cbn [fold_left]. apply IH, o_set_catcode, H.
Qed.

Lemma o_begin_semi_group : forall s, frames_ordered s -> frames_ordered (begin_semi_group s).
Proof.
  intros s H. unfold begin_semi_group. repeat dmatch; try exact H.
  apply o_set_saved, levels_push; [exact H | reflexivity].
Qed.

Lemma o_end_semi_group : forall s, frames_ordered s -> frames_ordered (end_semi_group s).
Proof. intros s H. unfold end_semi_group. repeat dmatch; try exact H. apply o_pop_saved, H. Qed.

Lemma o_expl_on : forall s, frames_ordered s -> frames_ordered (expl_on s).
Proof.
  intros s H. unfold expl_on. destruct (negb (s_argBits s =? 0)); [exact H |].
  destruct (top_of_kind _ FRAME_EXPL); [apply o_set_catcodes_of, H |]. cbv zeta.
  assert (H1 : frames_ordered (set_catcodes_of EXPL_ON s)) by (apply o_set_catcodes_of, H).
  destruct (MAX_SAVED_FRAMES <=? _); [exact H1 |].
  apply o_set_saved, levels_push; [exact H1 | reflexivity].
Qed.

Lemma o_expl_off : forall s, frames_ordered s -> frames_ordered (expl_off s).
Proof.
  intros s H. unfold expl_off. repeat dmatch; try exact H; apply o_set_catcodes_of; try exact H.
  apply o_set_saved, levels_remove_nth, H.
Qed.

Lemma o_clear_definition : forall s, frames_ordered s -> frames_ordered (clear_definition s). Proof. free_o. Qed.
Lemma o_clear_body_pend : forall s, frames_ordered s -> frames_ordered (clear_body_pend s). Proof. free_o. Qed.
Lemma o_pend_definition : forall n s, frames_ordered s -> frames_ordered (pend_definition n s). Proof. free_o. Qed.
Lemma o_definition_name : forall s, frames_ordered s -> frames_ordered (definition_name s).
Proof. intros s H. unfold definition_name. repeat dmatch; exact H. Qed.
Lemma o_define_verbatim : forall o nm s, frames_ordered s -> frames_ordered (define_verbatim o nm s).
Proof. intros o nm s H. unfold define_verbatim. destruct (_ || _); exact H. Qed.

(** ** The scanner's working state *)

Definition oinv (w : work) : Prop := frames_ordered (w_s w).

Lemma oinv_s : forall w, oinv w -> frames_ordered (w_s w). Proof. intros w H. exact H. Qed.
Lemma o_set_pt : forall b w, oinv w -> oinv (set_pt b w). Proof. intros. assumption. Qed.
Lemma o_set_pm : forall b w, oinv w -> oinv (set_pm b w). Proof. intros. assumption. Qed.
Lemma o_set_arm : forall b w, oinv w -> oinv (set_arm b w). Proof. intros. assumption. Qed.
Lemma o_set_out : forall b w, oinv w -> oinv (set_out b w). Proof. intros. assumption. Qed.
Lemma o_set_pcat : forall b w, oinv w -> oinv (set_pcat b w). Proof. intros. assumption. Qed.
Lemma o_after_arg : forall b w, oinv w -> oinv (after_arg b w). Proof. intros. assumption. Qed.
Lemma o_emit : forall k n m w, oinv w -> oinv (emit k n m w).
Proof. intros k n m w H. unfold emit. destruct (n =? 0); assumption. Qed.
Lemma o_mark_last_math : forall w, oinv w -> oinv (mark_last_math w).
Proof. intros [s pt pm arm pcat [| t l]] H; assumption. Qed.
Lemma o_upd : forall f w, frames_ordered (f (w_s w)) -> oinv (upd f w). Proof. intros f w H. exact H. Qed.

Lemma o_emit_inert : forall seg m w, oinv w -> oinv (emit_inert seg m w).
Proof.
  intros seg m w. unfold emit_inert. generalize (size seg). intros f. revert seg w.
  induction f as [| f IH]; intros [| c r] w H; cbn [inert_fuel]; try exact H.
  destruct (inert_step (w_s w) c r) as [k n]. apply IH, o_emit, H.
Qed.

Ltac obase :=
  first
  [ assumption
  | match goal with H : _ -> oinv ?x |- oinv ?x => apply H end
  | match goal with
    | |- oinv (set_pt _ _) => apply o_set_pt
    | |- oinv (set_pm _ _) => apply o_set_pm
    | |- oinv (set_arm _ _) => apply o_set_arm
    | |- oinv (set_out _ _) => apply o_set_out
    | |- oinv (after_arg _ _) => apply o_after_arg
    | |- oinv (emit _ _ _ _) => apply o_emit
    | |- oinv (mark_last_math _) => apply o_mark_last_math
    | |- oinv (emit_inert _ _ _) => apply o_emit_inert
    | |- oinv (upd _ _) => apply o_upd
    | |- oinv (set_pcat _ _) => apply o_set_pcat
    | |- frames_ordered (w_s _) => apply oinv_s
    | |- frames_ordered (set_mode _ _) => apply o_set_mode
    | |- frames_ordered (set_env _ _) => apply o_set_env
    | |- frames_ordered (set_argBits _ _) => apply o_set_argBits
    | |- frames_ordered (set_afterArg _ _) => apply o_set_afterArg
    | |- frames_ordered (set_frames _ _) => apply o_set_frames
    | |- frames_ordered (set_catcodes _ _) => apply o_set_catcodes
    | |- frames_ordered (set_verbatimEnvs _ _) => apply o_set_verbatimEnvs
    | |- frames_ordered (set_defName _ _) => apply o_set_defName
    | |- frames_ordered (set_defDepth _ _) => apply o_set_defDepth
    | |- frames_ordered (set_defStage _ _) => apply o_set_defStage
    | |- frames_ordered (set_bodyPend _ _) => apply o_set_bodyPend
    | |- frames_ordered (set_bodyDepth _ _) => apply o_set_bodyDepth
    | |- frames_ordered (set_shortVerb _ _) => apply o_set_shortVerb
    | |- frames_ordered (set_verbOpts _ _) => apply o_set_verbOpts
    | |- frames_ordered (set_macrocode _ _) => apply o_set_macrocode
    | |- frames_ordered (set_catcode _ _ _) => apply o_set_catcode
    | |- frames_ordered (close_saved _ _) => apply o_close_saved
    | |- frames_ordered (begin_semi_group _) => apply o_begin_semi_group
    | |- frames_ordered (end_semi_group _) => apply o_end_semi_group
    | |- frames_ordered (expl_on _) => apply o_expl_on
    | |- frames_ordered (expl_off _) => apply o_expl_off
    | |- frames_ordered (clear_definition _) => apply o_clear_definition
    | |- frames_ordered (clear_body_pend _) => apply o_clear_body_pend
    | |- frames_ordered (pend_definition _ _) => apply o_pend_definition
    | |- frames_ordered (definition_name _) => apply o_definition_name
    | |- frames_ordered (define_verbatim _ _ _) => apply o_define_verbatim
    | |- frames_ordered (set_depth _ _) => apply o_set_depth
    | |- Forall _ (lv (decode_saved (s_saved (close_saved _ _)))) =>
        apply close_below; [| solve [rewrite ?depth_close_saved; setters; lia]]
    | E : saved_at_least ?l ?Y = false |- Forall _ (lv (decode_saved (s_saved ?Y))) =>
        apply (not_at_least_below l _ Y E); [| solve [rewrite ?depth_close_saved; setters; lia]]
    | |- Forall _ (lv (decode_saved (s_saved ?Y))) =>
        apply depth_below; [| solve [rewrite ?depth_close_saved; setters; lia]]
    | |- Forall _ (lv (decode_saved (s_saved _))) => progress setters
    | |- ?g => progress cbv beta
    end ].

Lemma o_open_group : forall pos w, oinv w -> oinv (open_group pos w).
Proof. intros pos w H. unfold open_group. gdestruct; repeat obase. Qed.

Lemma o_close_group : forall w, oinv w -> oinv (close_group w).
Proof. intros w H. unfold close_group. gdestruct; repeat obase. Qed.

Lemma o_paragraph_end : forall w, oinv w -> oinv (paragraph_end w).
Proof. intros w H. unfold paragraph_end. gdestruct; repeat obase. Qed.

Lemma o_apply_pending_cat : forall w, oinv w -> oinv (apply_pending_cat w).
Proof.
  intros w H. unfold apply_pending_cat. destruct (w_pcat w) as [[[p c] k] |]; [| exact H].
  apply o_upd, o_set_catcode, H.
Qed.

Ltac osolve :=
  repeat first
  [ match goal with
    | |- oinv (open_group _ _) => apply o_open_group
    | |- oinv (close_group _) => apply o_close_group
    | |- oinv (paragraph_end _) => apply o_paragraph_end
    | |- oinv (apply_pending_cat _) => apply o_apply_pending_cat
    | H : _ -> _ -> oinv ?x |- oinv ?x => apply H
    end
  | obase ].

(** ** Each function of the scanner keeps [oinv] *)

Ltac of_tac spec := gdestruct; repeat spec; subst_pairs; osolve.
Ltac no_spec := fail.

Lemma o_math_shift : forall r clen w w' k, math_shift r clen w = (w', k) -> oinv w -> oinv w'.
Proof. intros r clen w w' k H Hw. unfold math_shift in H. of_tac no_spec. Qed.

Lemma o_verbatim_arguments_fuel : forall f r w w' k,
  verbatim_arguments_fuel f r w = (w', k) -> oinv w -> oinv w'.
Proof.
  induction f as [| f IH]; intros r w w' k H Hw; cbn [verbatim_arguments_fuel] in H.
  - of_tac no_spec.
  - gdestruct;
      try (match goal with E : verbatim_arguments_fuel f _ _ = (_, _) |- _ => pose proof (IH _ _ _ _ E); clear E end);
      subst_pairs; osolve.
Qed.

Lemma o_verbatim_arguments : forall r w w' k, verbatim_arguments r w = (w', k) -> oinv w -> oinv w'.
Proof. intros r w w' k H. exact (o_verbatim_arguments_fuel _ _ _ _ _ H). Qed.

Lemma o_verbatim_body : forall r w w' k, verbatim_body r w = (w', k) -> oinv w -> oinv w'.
Proof. intros r w w' k H Hw. unfold verbatim_body in H. of_tac no_spec. Qed.

Ltac ospec_verbatim :=
  idtac; match goal with
  | E : verbatim_arguments _ _ = (_, _) |- _ => pose proof (o_verbatim_arguments _ _ _ _ E); clear E
  | E : verbatim_body _ _ = (_, _) |- _ => pose proof (o_verbatim_body _ _ _ _ E); clear E
  end.

Lemma o_continued_options : forall t w w' k, continued_options t w = (w', k) -> oinv w -> oinv w'.
Proof. intros t w w' k H Hw. unfold continued_options in H. of_tac ospec_verbatim. Qed.

Lemma o_environment : forall o b r w w' k, environment o b r w = (w', k) -> oinv w -> oinv w'.
Proof. intros o b r w w' k H Hw. unfold environment in H. of_tac ospec_verbatim. Qed.

Lemma o_inline_verbatim : forall f r w w' k, inline_verbatim f r w = (w', k) -> oinv w -> oinv w'.
Proof. intros f r w w' k H Hw. unfold inline_verbatim in H. of_tac no_spec. Qed.

Lemma o_short_verbatim : forall r w w' k, short_verbatim r w = (w', k) -> oinv w -> oinv w'.
Proof. intros r w w' k H Hw. unfold short_verbatim in H. of_tac no_spec. Qed.

Lemma o_short_verb_command : forall m b r w w' k, short_verb_command m b r w = (w', k) -> oinv w -> oinv w'.
Proof. intros m b r w w' k H Hw. unfold short_verb_command in H. of_tac no_spec. Qed.

Lemma o_control_symbol : forall n c w, oinv w -> oinv (control_symbol n c w).
Proof. intros n c w Hw. unfold control_symbol. gdestruct; osolve. Qed.

Ltac ospec_args :=
  idtac; match goal with
  | E : verbatim_arguments _ _ = (_, _) |- _ => pose proof (o_verbatim_arguments _ _ _ _ E); clear E
  | E : verbatim_body _ _ = (_, _) |- _ => pose proof (o_verbatim_body _ _ _ _ E); clear E
  | E : continued_options _ _ = (_, _) |- _ => pose proof (o_continued_options _ _ _ _ E); clear E
  | E : environment _ _ _ _ = (_, _) |- _ => pose proof (o_environment _ _ _ _ _ _ E); clear E
  | E : inline_verbatim _ _ _ = (_, _) |- _ => pose proof (o_inline_verbatim _ _ _ _ _ E); clear E
  | E : short_verbatim _ _ = (_, _) |- _ => pose proof (o_short_verbatim _ _ _ _ E); clear E
  | E : short_verb_command _ _ _ _ = (_, _) |- _ => pose proof (o_short_verb_command _ _ _ _ _ _ E); clear E
  | E : math_shift _ _ _ = (_, _) |- _ => pose proof (o_math_shift _ _ _ _ _ E); clear E
  end.

Ltac osolve2 :=
  repeat first
  [ match goal with
    | H : _ -> oinv ?x |- oinv ?x => apply H
    | |- oinv (control_symbol _ _ _) => apply o_control_symbol
    end
  | progress osolve ].

Lemma o_control_word : forall o name n r pos w w' k,
  control_word o name n r pos w = (w', k) -> oinv w -> oinv w'.
Proof. intros o name n r pos w w' k H Hw. unfold control_word in H. gdestruct; repeat ospec_args; subst_pairs; osolve2. Qed.

Lemma o_control_sequence : forall o len pos rest clen w w' k,
  control_sequence o len pos rest clen w = (w', k) -> oinv w -> oinv w'.
Proof.
  intros o len pos rest clen w w' k H Hw. unfold control_sequence in H. gdestruct;
  repeat match goal with E : control_word _ _ _ _ _ _ = (_, _) |- _ => pose proof (o_control_word _ _ _ _ _ _ _ _ E); clear E end;
  subst_pairs; osolve2.
Qed.

Lemma o_step : forall o len pos rest w w' k,
  step o len pos rest w = (w', k) -> oinv w -> oinv w'.
Proof.
  intros o len pos rest w w' k H Hw. unfold step in H. gdestruct;
  repeat first [ ospec_args
               | match goal with E : control_sequence _ _ _ _ _ _ = (_, _) |- _ => pose proof (o_control_sequence _ _ _ _ _ _ _ _ E); clear E end ];
  subst_pairs; osolve2.
Qed.

Lemma o_scan_loop : forall f o len pos rest w, oinv w -> oinv (scan_loop f o len pos rest w).
Proof.
  induction f as [| f IH]; intros o len pos rest w Hw; cbn [scan_loop]; [exact Hw |].
  destruct rest as [| x rest']; [exact Hw |].
  set (w1 := match w_pcat w with
             | Some (pp, _, _) => if pp <=? pos then apply_pending_cat w else w
             | None => w end).
  assert (W1 : oinv w1) by (subst w1; repeat dmatch; try apply o_apply_pending_cat; exact Hw).
  destruct (step o len pos (x :: rest') w1) as [w2 k] eqn:S.
  apply IH. exact (o_step _ _ _ _ _ _ _ S W1).
Qed.

Lemma o_doc_line_start : forall t w w' k, doc_line_start t w = (w', k) -> oinv w -> oinv w'.
Proof. intros t w w' k H Hw. unfold doc_line_start in H. gdestruct; repeat ospec_args; subst_pairs; osolve2. Qed.

(** ** The laws *)

(** The first state has no saved frame, under every options. *)
Theorem initial_frames_ordered : forall o, frames_ordered (initial_state o).
Proof. intros o. split; constructor. Qed.

Lemma o_before_step : forall pos w, oinv w -> oinv (before_step pos w).
Proof. intros pos w H. unfold before_step. repeat dmatch; try apply o_apply_pending_cat; exact H. Qed.

(** What [lex_line] does before its scan loop keeps the order. *)
Lemma o_line_start : forall o s line w p, frames_ordered s -> line_start o s line = (w, p) -> oinv w.
Proof.
  intros o s line w p Hs E. unfold line_start, start_of in E. cbv zeta in E.
  assert (W0 : oinv (mkWork s false false None None [])) by exact Hs.
  revert E. repeat dmatch; intros Ew;
    first [ exact (o_doc_line_start _ _ _ _ Ew W0) | exact (o_continued_options _ _ _ _ Ew W0)
          | exact (o_verbatim_body _ _ _ _ Ew W0)
          | apply pair_inj in Ew as [<- <-]; try apply o_paragraph_end; exact W0 ].
Qed.

(** [lex_line o] keeps the order on every line, for every options. *)
Theorem lex_line_frames_ordered : forall o s line,
  frames_ordered s -> frames_ordered (snd (lex_line o s line)).
Proof.
  intros o s line Hs. rewrite lex_line_unfold.
  destruct (line_start o s line) as [w1 p] eqn:E.
  cbn [snd]. apply oinv_s, o_apply_pending_cat, o_scan_loop, (o_line_start _ _ _ _ _ Hs E).
Qed.

Lemma run_frames_ordered : forall o ls s, frames_ordered s ->
  frames_ordered (run state ustring (list token) (lex_line o) s ls).
Proof.
  intros o ls. unfold run. induction ls as [| l ls IH]; intros s Hs; [exact Hs |].
  cbn [fold_left]. apply IH, lex_line_frames_ordered, Hs.
Qed.

(** Every state of batch lexing, under any options, at every line start and after the last
    line, has its saved frames ordered by level, none above its depth. *)
Theorem batch_frames_ordered : forall (o : options) (d : list ustring),
  (forall i, frames_ordered (batch_state_at state ustring (list token) (lex_line o) (initial_state o) d i))
  /\ frames_ordered (run state ustring (list token) (lex_line o) (initial_state o) d).
Proof.
  intros o d. split; [intros i; unfold batch_state_at |]; apply run_frames_ordered, initial_frames_ordered.
Qed.

Lemma filter_all : forall (p : sframe -> bool) l, Forall (fun g => p g = true) l -> filter p l = l.
Proof.
  intros p l H. induction H as [| x l Hx _ IH]; [reflexivity |]. cbn [filter]. rewrite Hx, IH. reflexivity.
Qed.

(** With the levels ordered, the reset keeps exactly the frames of level 0, in order. *)
Lemma kept_level0 : forall fs, StronglySorted le (lv fs) ->
  firstn (first_at_level fs 1) fs = filter (fun f => sf_level f =? 0) fs.
Proof.
  intros fs. unfold first_at_level. induction fs as [| f fs IH] using rev_ind; intros H; [reflexivity |].
  rewrite lv_app in H. cbn [lv map] in H. rewrite trailing_snoc, app_length, filter_app. cbn [length filter].
  destruct (1 <=? sf_level f) eqn:E.
  - pose proof (trailing_le 1 fs). apply Nat.leb_le in E.
    replace (length fs + 1 - S (trailing_at_least 1 fs)) with (length fs - trailing_at_least 1 fs) by lia.
    rewrite firstn_app. replace (length fs - trailing_at_least 1 fs - length fs) with 0 by lia.
    rewrite firstn_O, app_nil_r, IH by exact (ss_app_l _ _ H).
    replace (sf_level f =? 0) with false by (symmetry; apply Nat.eqb_neq; lia). rewrite app_nil_r. reflexivity.
  - apply Nat.leb_gt in E. rewrite Nat.sub_0_r, firstn_all2 by (rewrite app_length; cbn [length]; lia).
    replace (sf_level f =? 0) with true by (symmetry; apply Nat.eqb_eq; lia).
    f_equal. symmetry. apply filter_all.
    pose proof (ss_snoc_inv _ _ H) as F. unfold lv in F. apply Forall_map in F.
    eapply Forall_impl; [| exact F]. intros g Hg. cbv beta in *. apply Nat.eqb_eq. lia.
Qed.

Theorem close_saved_level0 : forall s, frames_ordered s ->
  decode_saved (s_saved (close_saved 1 s)) = filter (fun f => sf_level f =? 0) (decode_saved (s_saved s)).
Proof.
  intros s H. unfold close_saved. rewrite (proj1 (pop_saved_fields _ _ _)), decode_encode_saved.
  apply kept_level0, H.
Qed.

(** The user-facing law: under any options, for any document, at every line start of batch
    lexing, the saved frames are ordered by level (none above the depth), and a paragraph
    reset ([close_saved 1], run by a blank line, a recovery point, [\section],
    [\begin{document}]) keeps exactly the saved frames of level 0, in order. *)
Theorem batch_reset_keeps_depth0 : forall (o : options) (d : list ustring) i,
  let s := batch_state_at state ustring (list token) (lex_line o) (initial_state o) d i in
  frames_ordered s
  /\ decode_saved (s_saved (close_saved 1 s)) = filter (fun f => sf_level f =? 0) (decode_saved (s_saved s)).
Proof.
  intros o d i s. pose proof (proj1 (batch_frames_ordered o d) i) as H. fold s in H.
  split; [exact H | apply close_saved_level0, H].
Qed.
