(** * Definition bodies over any body: no state change escapes, but at a recovery point

    README: "definition bodies of [\def], [\newcommand], ... : no state change escapes".
    [LawBodyEscape.body_group_restores] gives the state before a body's [{] back at its [}]
    provided the state at the [}] still has what the [{] left.  Here is the law for any body:
    control sequences (all of the lexer's commands), inner groups, math, [\text{..}],
    environments, inline and short verbatim, comments, several lines, DocTeX.

    [body_scan]: from the working state a body's [{] leaves (the [{] read from the state [b],
    with a definition pending at this depth whose next group is a body, not inside a body or
    macro argument, at a depth under [ARG_BITS], with room for a frame, no saved catcode frame
    deeper than its depth, no verbatim options open), every working state the scan reaches,
    over any number of steps and line ends and starts while the depth stays deeper than [b]'s,
    has [b]'s catcodes, saved frames, short-verbatim characters, verbatim-options flag and
    macrocode flag, and an argument bit set (so no catcode command, [\begingroup],
    [\MakeShortVerb] ... is run); and the first step or line start that leaves that depth
    ([body_exit]) is either the body's [}], which gives back [b]'s mode, environment, depth,
    argument bits, frames, catcodes, short-verbatim characters, saved frames and both flags, or
    a recovery point ([\section] and kin, [\begin]/[\end{document}], a DocTeX [macrocode]
    environment's begin or end, a blank line, a DocTeX [\end{macrocode}] line), which leaves
    the catcodes, saved frames and short-verbatim characters a recovery point right before the
    [{] would.  [batch_body_scan]: the same at every [{] of batch lexing, under any options,
    in any document, that opens such a body.

    What is not in the law, as [lexer/body_escape_test.ts] shows: a pending catcode
    assignment read in the body but due after its [}] ([\catcode`}=12]: the [`}] closes the
    body, the assignment takes effect after it, where catcode changes are run), as it lives in
    the working state, not in the state; and what the body may change by design (the pending
    definition's bookkeeping, defined verbatim environments, [afterArg]).

    The proof: [bs t] is the invariant of the states inside the body ([t] is the state after
    the [{]): the argument bits are [t]'s plus bits of depths from [t]'s on, read as numbers
    ([test_bit_top]: bit [d] of a number below [2 ^ S d] is whether it reaches [2 ^ d]); the
    frames are [t]'s followed by frames of inner groups at increasing depths ([desc]).  Every
    scanner function keeps it ([bbase], as [LawOrder.v] keeps [frames_ordered]) or, for the
    step, the line start, [\begin]/[\end] and the control words, ends in [R]: still [bs], or
    the body's [}] ([bclosed]), or a recovery point ([breset]).  [\begin{verbatim}] needs no
    argument bit and [continued_options] open options, so neither happens in a body
    ([bcontra]).  The chaining is [ScanTrace.follows_inv] with the guard "deeper than [b]". *)

From Coq Require Import List PeanoNat Lia.
From LaTeXPerfectionist Require Import Codec LexBase LexArgs Lexer LawFacts Incremental ScanTrace
  LawWf LawOrder LawInLine LawReset LawDamage LawBody LawBodyEscape.
Import ListNotations.
Open Scope bool_scope.

(** ** Argument bits as numbers *)

Lemma bit_loop_top : forall n d a, d < n -> a < 2 ^ S d ->
  bit_loop d (map (fun i => (i, Nat.pow 2 i)) (indices_below n)) a = (2 ^ d <=? a).
Proof.
  induction n as [| n IH]; intros d a Hd Ha; [lia |].
  cbn [indices_below map bit_loop].
  destruct (Nat.eq_dec n d) as [E | E].
  - subst. rewrite Nat.eqb_refl. reflexivity.
  - assert (L : d < n) by lia.
    assert (P : (2 ^ n <=? a) = false).
    { apply Nat.leb_gt. eapply Nat.lt_le_trans; [exact Ha |].
      apply Nat.pow_le_mono_r; lia. }
    rewrite P. apply Nat.eqb_neq in E. rewrite E. apply IH; assumption.
Qed.

Lemma test_bit_top : forall a d, d < ARG_BITS -> a < 2 ^ S d -> test_bit a d = (2 ^ d <=? a).
Proof. intros a d Hd Ha. unfold test_bit, ARG_BIT_POWERS. apply bit_loop_top; assumption. Qed.

Lemma pow2_pos : forall n, 0 < 2 ^ n.
Proof. intros n. apply Nat.neq_0_lt_0, Nat.pow_nonzero. discriminate. Qed.

Lemma pow2_S : forall n, 2 ^ S n = 2 * 2 ^ n.
Proof. intros n. apply Nat.pow_succ_r'. Qed.

Lemma pow2_le : forall a b, a <= b -> 2 ^ a <= 2 ^ b.
Proof. intros a b H. apply Nat.pow_le_mono_r; [discriminate | exact H]. Qed.

(** Adding [2 ^ d] keeps the bits below [D <= d]. *)
Lemma mod_add_pow : forall a D d, D <= d -> (a + 2 ^ d) mod 2 ^ D = a mod 2 ^ D.
Proof.
  intros a D d H. replace (2 ^ d) with (2 ^ (d - D) * 2 ^ D)
    by (rewrite <- Nat.pow_add_r; f_equal; lia).
  apply Nat.mod_add, Nat.pow_nonzero. discriminate.
Qed.

(** Setting bit [d] of a number below [2 ^ d]. *)
Lemma set_bit_low : forall a d, d < ARG_BITS -> a < 2 ^ d -> set_bit a d = a + 2 ^ d.
Proof.
  intros a d Hd Ha. unfold set_bit. rewrite test_bit_top; [| exact Hd | rewrite pow2_S; lia].
  replace (2 ^ d <=? a) with false by (symmetry; apply Nat.leb_gt; exact Ha). reflexivity.
Qed.

(** Clearing bit [d] of a number below [2 ^ S d]. *)
Lemma clear_bit_low : forall a d, d < ARG_BITS -> a < 2 ^ S d ->
  (2 ^ d <= a /\ clear_bit a d = a - 2 ^ d) \/ (a < 2 ^ d /\ clear_bit a d = a).
Proof.
  intros a d Hd Ha. unfold clear_bit. rewrite test_bit_top by assumption.
  destruct (2 ^ d <=? a) eqn:E; [left | right]; bools; split; auto; lia.
Qed.

(** ** The frames of the groups opened inside a body, innermost first *)

Fixpoint desc (lo hi : nat) (l : list frame) : Prop :=
  match l with
  | [] => True
  | f :: l' => lo <= fr_depth f /\ fr_depth f < hi /\ desc lo (fr_depth f) l'
  end.

Lemma desc_mono : forall lo l a b, a <= b -> desc lo a l -> desc lo b l.
Proof.
  intros lo [| f l] a b E H; cbn [desc] in *; [exact I |].
  destruct H as (H1 & H2 & H3). repeat split; [exact H1 | lia | exact H3].
Qed.

Lemma desc_empty : forall lo l, desc lo lo l -> l = [].
Proof. intros lo [| f l] H; [reflexivity |]. cbn [desc] in H. destruct H as (H1 & H2 & _). lia. Qed.

(** [saved_at_least] reads only the saved frames, and fewer levels are open deeper. *)
Lemma saved_mono : forall l l' a s, s_saved s = s_saved a -> saved_at_least l a = false -> l <= l' ->
  saved_at_least l' s = false.
Proof.
  intros l l' a s E H L. unfold saved_at_least in *. rewrite E.
  destruct (top_level _); [| reflexivity]. bools. apply Nat.leb_gt. lia.
Qed.

Lemma close_level_ext : forall l a b, cats a = cats b -> cats (close_level l a) = cats (close_level l b).
Proof.
  intros l a b E. unfold close_level.
  assert (S : saved_at_least l a = saved_at_least l b).
  { unfold saved_at_least. injection E as _ E2. rewrite E2. reflexivity. }
  rewrite S. destruct (saved_at_least l b); [apply cats_close_saved_ext, E | exact E].
Qed.

Lemma short_verb_close_saved : forall l s, s_shortVerb (close_saved l s) = s_shortVerb s.
Proof.
  intros l s. unfold close_saved, pop_saved. destruct (pop_from _ _) as [kept pairs].
  assert (G : forall ps u, s_shortVerb (fold_left (fun s '(c, k) => write_catcode c k s) ps u) = s_shortVerb u).
  { induction ps as [| [c k] ps IH]; intros u; cbn [fold_left]; [reflexivity | rewrite IH; reflexivity]. }
  rewrite G. reflexivity.
Qed.

(** ** The fields a [{] and a [}] change *)

Lemma open_group_fields : forall pos w, s_depth (w_s w) < MAX_DEPTH ->
  let s := w_s w in let u := w_s (open_group pos w) in
  s_depth u = S (s_depth s)
  /\ (s_argBits u = s_argBits s
      \/ (s_depth s < ARG_BITS /\ s_argBits u = set_bit (s_argBits s) (s_depth s)))
  /\ (s_frames u = s_frames s
      \/ s_frames u = s_frames s ++ [{| fr_mode := s_mode s; fr_env := s_env s; fr_depth := s_depth s |}])
  /\ s_catcodes u = s_catcodes s /\ s_shortVerb u = s_shortVerb s /\ s_saved u = s_saved s
  /\ s_verbOpts u = s_verbOpts s /\ s_macrocode u = s_macrocode s.
Proof.
  intros pos w H. cbv zeta. unfold open_group. apply Nat.ltb_lt in H. rewrite H. cbv zeta.
  repeat (dmatch; setters); bools; setters;
    repeat split; try reflexivity; try (left; reflexivity); try (right; reflexivity);
    try (right; split; [assumption | reflexivity]).
Qed.

Lemma close_group_fields : forall w, 0 < s_depth (w_s w) ->
  saved_at_least (s_depth (w_s w)) (w_s w) = false ->
  let s := w_s w in let d := s_depth s - 1 in let u := w_s (close_group w) in
  s_depth u = d
  /\ s_argBits u = (if d <? ARG_BITS then clear_bit (s_argBits s) d else s_argBits s)
  /\ s_frames u = match rev (s_frames s) with
                  | f :: rf => if fr_depth f =? d then rev rf else s_frames s
                  | [] => s_frames s
                  end
  /\ s_catcodes u = s_catcodes s /\ s_shortVerb u = s_shortVerb s /\ s_saved u = s_saved s
  /\ s_verbOpts u = s_verbOpts s /\ s_macrocode u = s_macrocode s.
Proof.
  intros w H Sv. cbv zeta. unfold close_group. apply Nat.ltb_lt in H. rewrite H, Sv. cbv zeta.
  setters. repeat (dmatch; setters); repeat split; try reflexivity.
Qed.

(** ** The invariant of a body

    [t] is the state right after the body's [{].  [bs t s]: the state [s] is at [t]'s depth or
    deeper; its catcodes, saved frames, short-verbatim characters and macrocode flag are
    [t]'s, no verbatim options are open; its argument bits are [t]'s plus bits of depths from
    [t]'s on, all below its depth; its frames are [t]'s followed by frames of inner groups, at
    increasing depths from [t]'s depth on, below its depth. *)

Section Body.

Variable t : state.
Hypothesis Ht_arg : s_argBits t <> 0.
Hypothesis Ht_lt : s_argBits t < 2 ^ s_depth t.
Hypothesis Ht_saved : saved_at_least (s_depth t) t = false.
Hypothesis Ht_frame : forall f rf, rev (s_frames t) = f :: rf -> fr_depth f < s_depth t.
Hypothesis Ht_verb : s_verbOpts t = false.
Hypothesis Ht_pos : 0 < s_depth t.

Definition bs (s : state) : Prop :=
  s_depth t <= s_depth s
  /\ s_catcodes s = s_catcodes t /\ s_shortVerb s = s_shortVerb t /\ s_saved s = s_saved t
  /\ s_verbOpts s = false /\ s_macrocode s = s_macrocode t
  /\ (exists x, s_argBits s = s_argBits t + 2 ^ s_depth t * x)
  /\ s_argBits s < 2 ^ s_depth s /\ s_argBits s < 2 ^ ARG_BITS
  /\ (exists l, s_frames s = s_frames t ++ rev l /\ desc (s_depth t) (s_depth s) l).

Lemma bs_arg : forall s, bs s -> s_argBits s <> 0.
Proof. intros s (_ & _ & _ & _ & _ & _ & (x & X) & _). lia. Qed.

Lemma bs_verb : forall s, bs s -> s_verbOpts s = false.
Proof. intros s (_ & _ & _ & _ & H & _). exact H. Qed.

Ltac free_b := intros; assumption.
Lemma b_set_mode : forall v s, bs s -> bs (set_mode v s). Proof. free_b. Qed.
Lemma b_set_env : forall v s, bs s -> bs (set_env v s). Proof. free_b. Qed.
Lemma b_set_afterArg : forall v s, bs s -> bs (set_afterArg v s). Proof. free_b. Qed.
Lemma b_set_verbatimEnvs : forall v s, bs s -> bs (set_verbatimEnvs v s). Proof. free_b. Qed.
Lemma b_set_defName : forall v s, bs s -> bs (set_defName v s). Proof. free_b. Qed.
Lemma b_set_defDepth : forall v s, bs s -> bs (set_defDepth v s). Proof. free_b. Qed.
Lemma b_set_defStage : forall v s, bs s -> bs (set_defStage v s). Proof. free_b. Qed.
Lemma b_set_bodyPend : forall v s, bs s -> bs (set_bodyPend v s). Proof. free_b. Qed.
Lemma b_set_bodyDepth : forall v s, bs s -> bs (set_bodyDepth v s). Proof. free_b. Qed.
Lemma b_set_verbOpts_false : forall s, bs s -> bs (set_verbOpts false s).
Proof.
  intros s (A & B & C & D & _ & F & G).
  exact (conj A (conj B (conj C (conj D (conj eq_refl (conj F G)))))).
Qed.
Lemma b_clear_definition : forall s, bs s -> bs (clear_definition s). Proof. free_b. Qed.
Lemma b_clear_body_pend : forall s, bs s -> bs (clear_body_pend s). Proof. free_b. Qed.
Lemma b_pend_definition : forall n s, bs s -> bs (pend_definition n s). Proof. free_b. Qed.
Lemma b_definition_name : forall s, bs s -> bs (definition_name s).
Proof. intros s H. unfold definition_name. repeat dmatch; exact H. Qed.
Lemma b_define_verbatim : forall o nm s, bs s -> bs (define_verbatim o nm s).
Proof. intros o nm s H. unfold define_verbatim. destruct (_ || _); exact H. Qed.

(** The catcode commands are not run in a body (its argument bit is set). *)
Lemma b_set_catcode : forall c k s, bs s -> bs (set_catcode c k s).
Proof. intros c k s H. rewrite (proj1 (body_catcodes_inert s (bs_arg s H)) c k). exact H. Qed.
Lemma b_begin_semi_group : forall s, bs s -> bs (begin_semi_group s).
Proof. intros s H. rewrite (proj1 (proj2 (body_catcodes_inert s (bs_arg s H)))). exact H. Qed.
Lemma b_end_semi_group : forall s, bs s -> bs (end_semi_group s).
Proof. intros s H. rewrite (proj1 (proj2 (proj2 (body_catcodes_inert s (bs_arg s H))))). exact H. Qed.
Lemma b_expl_on : forall s, bs s -> bs (expl_on s).
Proof. intros s H. rewrite (proj1 (proj2 (proj2 (proj2 (body_catcodes_inert s (bs_arg s H)))))). exact H. Qed.
Lemma b_expl_off : forall s, bs s -> bs (expl_off s).
Proof. intros s H. rewrite (proj2 (proj2 (proj2 (proj2 (body_catcodes_inert s (bs_arg s H)))))). exact H. Qed.

(** A [{] inside the body. *)
Lemma b_open_state : forall pos w, bs (w_s w) -> bs (w_s (open_group pos w)).
Proof.
  intros pos w H.
  destruct (s_depth (w_s w) <? MAX_DEPTH) eqn:M.
  2: { unfold open_group. rewrite M. exact H. }
  apply Nat.ltb_lt in M.
  destruct (open_group_fields pos w M) as (U1 & U2 & U3 & U4 & U5 & U6 & U7 & U8).
  destruct H as (H1 & H2 & H3 & H4 & H5 & H6 & (x & X) & H7 & H8 & (l & L & Dl)).
  set (u := w_s (open_group pos w)) in *. set (s := w_s w) in *.
  unfold bs. rewrite U1, U4, U5, U6, U7, U8.
  split; [lia |]. do 5 (split; [assumption |]).
  pose proof (pow2_S (s_depth s)) as P2.
  split; [| split; [| split]].
  - destruct U2 as [U2 | [A U2]]; rewrite U2; [exists x; exact X |].
    rewrite set_bit_low by assumption. exists (x + 2 ^ (s_depth s - s_depth t)).
    rewrite X, Nat.mul_add_distr_l, <- Nat.pow_add_r.
    replace (s_depth t + (s_depth s - s_depth t)) with (s_depth s) by lia. lia.
  - destruct U2 as [U2 | [A U2]]; rewrite U2; [lia |].
    rewrite set_bit_low by assumption. lia.
  - destruct U2 as [U2 | [A U2]]; rewrite U2; [assumption |].
    rewrite set_bit_low by assumption.
    pose proof (pow2_le (S (s_depth s)) ARG_BITS ltac:(lia)). lia.
  - destruct U3 as [U3 | U3]; rewrite U3.
    + exists l. split; [exact L | apply (desc_mono _ _ (s_depth s)); [lia | exact Dl]].
    + exists ({| fr_mode := s_mode s; fr_env := s_env s; fr_depth := s_depth s |} :: l).
      rewrite L. cbn [rev]. rewrite app_assoc. split; [reflexivity |].
      cbn [desc fr_depth]. repeat split; [lia | lia | exact Dl].
Qed.

(** A [}] inside the body, that does not close it. *)
Lemma b_close_state : forall w, bs (w_s w) -> s_depth t < s_depth (w_s w) -> bs (w_s (close_group w)).
Proof.
  intros w H Hd.
  destruct H as (H1 & H2 & H3 & H4 & H5 & H6 & (x & X) & H7 & H8 & (l & L & Dl)).
  assert (Sv : saved_at_least (s_depth (w_s w)) (w_s w) = false)
    by (apply (saved_mono (s_depth t) _ t); [exact H4 | exact Ht_saved | lia]).
  destruct (close_group_fields w ltac:(lia) Sv) as (C1 & C2 & C3 & C4 & C5 & C6 & C7 & C8).
  set (u := w_s (close_group w)) in *. set (s := w_s w) in *.
  set (d := s_depth s - 1) in *.
  assert (Ed : s_depth s = S d) by lia.
  unfold bs. rewrite C1, C4, C5, C6, C7, C8.
  split; [lia |]. do 5 (split; [assumption |]).
  split; [| split; [| split]].
  - rewrite C2. destruct (d <? ARG_BITS) eqn:A; [| exists x; exact X]. bools.
    rewrite Ed in H7.
    destruct (clear_bit_low (s_argBits s) d A H7) as [[B E] | [B E]]; rewrite E; [| exists x; exact X].
    set (P := 2 ^ s_depth t) in *. set (Q := 2 ^ (d - s_depth t)).
    assert (PQ : 2 ^ d = P * Q) by (subst P Q; rewrite <- Nat.pow_add_r; f_equal; lia).
    assert (Qx : Q <= x).
    { destruct (Nat.le_gt_cases Q x) as [G | G]; [exact G |].
      assert (M : P * (S x) <= P * Q) by (apply Nat.mul_le_mono_l; lia).
      rewrite Nat.mul_succ_r in M. lia. }
    exists (x - Q). rewrite Nat.mul_sub_distr_l.
    assert (P * Q <= P * x) by (apply Nat.mul_le_mono_l; exact Qx). lia.
  - rewrite C2. destruct (d <? ARG_BITS) eqn:A.
    + bools. rewrite Ed in H7.
      destruct (clear_bit_low (s_argBits s) d A H7) as [[B E] | [B E]]; rewrite E; [| exact B].
      rewrite pow2_S in H7. lia.
    + bools. pose proof (pow2_le ARG_BITS d A). lia.
  - rewrite C2. destruct (d <? ARG_BITS); [| exact H8].
    destruct (test_bit (s_argBits s) d) eqn:T; unfold clear_bit; rewrite T; lia.
  - rewrite C3, L, rev_app_distr, rev_involutive. destruct l as [| f l'].
    + cbn [app]. destruct (rev (s_frames t)) as [| g rg] eqn:R; [exists []; split; [reflexivity | exact I] |].
      pose proof (Ht_frame g rg eq_refl) as G.
      replace (fr_depth g =? d) with false by (symmetry; apply Nat.eqb_neq; lia).
      exists []. split; [reflexivity | exact I].
    + cbn [app desc] in *. destruct Dl as (D1 & D2 & D3).
      destruct (fr_depth f =? d) eqn:F; bools.
      * exists l'. rewrite rev_app_distr, rev_involutive. split; [reflexivity |].
        rewrite <- F. exact D3.
      * exists (f :: l'). split; [reflexivity |]. cbn [desc]. repeat split; [lia | lia | exact D3].
Qed.

(** At the body's depth, the fields the [}] reads are [t]'s. *)
Lemma bs_agree : forall s, bs s -> s_depth s = s_depth t -> body_fields_agree s t.
Proof.
  intros s (H1 & H2 & H3 & H4 & H5 & H6 & (x & X) & H7 & H8 & (l & L & Dl)) E.
  rewrite E in H7, Dl. apply desc_empty in Dl. subst l.
  assert (Z : x = 0).
  { destruct x as [| x]; [reflexivity |]. rewrite Nat.mul_succ_r in X. lia. }
  subst x. rewrite Nat.mul_0_r, Nat.add_0_r in X. cbn [rev] in L. rewrite app_nil_r in L.
  repeat split; congruence.
Qed.

(** ** The scanner's working state inside the body *)

Definition binv (w : work) : Prop := bs (w_s w).

Lemma binv_s : forall w, binv w -> bs (w_s w). Proof. intros w H. exact H. Qed.
Lemma b_set_pt : forall b w, binv w -> binv (set_pt b w). Proof. intros. assumption. Qed.
Lemma b_set_pm : forall b w, binv w -> binv (set_pm b w). Proof. intros. assumption. Qed.
Lemma b_set_arm : forall b w, binv w -> binv (set_arm b w). Proof. intros. assumption. Qed.
Lemma b_set_out : forall b w, binv w -> binv (set_out b w). Proof. intros. assumption. Qed.
Lemma b_set_pcat : forall b w, binv w -> binv (set_pcat b w). Proof. intros. assumption. Qed.
Lemma b_after_arg : forall b w, binv w -> binv (after_arg b w). Proof. intros. assumption. Qed.
Lemma b_emit : forall k n m w, binv w -> binv (emit k n m w).
Proof. intros k n m w H. unfold emit. destruct (n =? 0); assumption. Qed.
Lemma b_mark_last_math : forall w, binv w -> binv (mark_last_math w).
Proof. intros [s pt pm arm pcat [| x l]] H; assumption. Qed.
Lemma b_upd : forall f w, bs (f (w_s w)) -> binv (upd f w). Proof. intros f w H. exact H. Qed.
Lemma b_open_group : forall pos w, binv w -> binv (open_group pos w).
Proof. intros pos w H. apply b_open_state, H. Qed.

Lemma b_emit_inert : forall seg m w, binv w -> binv (emit_inert seg m w).
Proof.
  intros seg m w. unfold emit_inert. generalize (size seg). intros f. revert seg w.
  induction f as [| f IH]; intros [| c r] w H; cbn [inert_fuel]; try exact H.
  destruct (inert_step (w_s w) c r) as [k n]. apply IH, b_emit, H.
Qed.

Lemma b_apply_pending_cat : forall w, binv w -> binv (apply_pending_cat w).
Proof.
  intros w H. unfold apply_pending_cat. destruct (w_pcat w) as [[[p c] k] |]; [| exact H].
  apply b_upd, b_set_catcode, H.
Qed.

Lemma b_before_step : forall pos w, binv w -> binv (before_step pos w).
Proof. intros pos w H. unfold before_step. repeat dmatch; try apply b_apply_pending_cat; exact H. Qed.

Ltac bbase :=
  first
  [ assumption
  | match goal with H : _ -> binv ?x |- binv ?x => apply H end
  | match goal with
    | |- binv (set_pt _ _) => apply b_set_pt
    | |- binv (set_pm _ _) => apply b_set_pm
    | |- binv (set_arm _ _) => apply b_set_arm
    | |- binv (set_out _ _) => apply b_set_out
    | |- binv (after_arg _ _) => apply b_after_arg
    | |- binv (emit _ _ _ _) => apply b_emit
    | |- binv (mark_last_math _) => apply b_mark_last_math
    | |- binv (emit_inert _ _ _) => apply b_emit_inert
    | |- binv (upd _ _) => apply b_upd
    | |- binv (set_pcat _ _) => apply b_set_pcat
    | |- binv (open_group _ _) => apply b_open_group
    | |- binv (apply_pending_cat _) => apply b_apply_pending_cat
    | |- bs (w_s _) => apply binv_s
    | |- bs (set_mode _ _) => apply b_set_mode
    | |- bs (set_env _ _) => apply b_set_env
    | |- bs (set_afterArg _ _) => apply b_set_afterArg
    | |- bs (set_verbatimEnvs _ _) => apply b_set_verbatimEnvs
    | |- bs (set_defName _ _) => apply b_set_defName
    | |- bs (set_defDepth _ _) => apply b_set_defDepth
    | |- bs (set_defStage _ _) => apply b_set_defStage
    | |- bs (set_bodyPend _ _) => apply b_set_bodyPend
    | |- bs (set_bodyDepth _ _) => apply b_set_bodyDepth
    | |- bs (set_verbOpts false _) => apply b_set_verbOpts_false
    | |- bs (set_catcode _ _ _) => apply b_set_catcode
    | |- bs (begin_semi_group _) => apply b_begin_semi_group
    | |- bs (end_semi_group _) => apply b_end_semi_group
    | |- bs (expl_on _) => apply b_expl_on
    | |- bs (expl_off _) => apply b_expl_off
    | |- bs (clear_definition _) => apply b_clear_definition
    | |- bs (clear_body_pend _) => apply b_clear_body_pend
    | |- bs (pend_definition _ _) => apply b_pend_definition
    | |- bs (definition_name _) => apply b_definition_name
    | |- bs (define_verbatim _ _ _) => apply b_define_verbatim
    | |- ?g => progress cbv beta
    end ].

(** A step in a body cannot open verbatim ([\begin{verbatim}] needs no argument bit) nor
    meet open verbatim options. *)
Ltac bcontra :=
  bools;
  match goal with
  | H : binv ?w, E : s_argBits (w_s ?w) = 0 |- _ => exfalso; exact (bs_arg _ H E)
  | H : binv ?w, E : s_verbOpts (w_s ?w) = true |- _ =>
      exfalso; rewrite (bs_verb _ H) in E; discriminate E
  end.

Ltac b_tac spec := gdestruct; repeat spec; subst_pairs; repeat bbase.
Ltac no_spec := fail.

Lemma b_math_shift : forall r clen w w' k, math_shift r clen w = (w', k) -> binv w -> binv w'.
Proof. intros r clen w w' k H Hw. unfold math_shift in H. b_tac no_spec. Qed.

Lemma b_verbatim_body : forall r w w' k, verbatim_body r w = (w', k) -> binv w -> binv w'.
Proof. intros r w w' k H Hw. unfold verbatim_body in H. b_tac no_spec. Qed.

Lemma b_inline_verbatim : forall f r w w' k, inline_verbatim f r w = (w', k) -> binv w -> binv w'.
Proof. intros f r w w' k H Hw. unfold inline_verbatim in H. b_tac no_spec. Qed.

Lemma b_short_verbatim : forall r w w' k, short_verbatim r w = (w', k) -> binv w -> binv w'.
Proof. intros r w w' k H Hw. unfold short_verbatim in H. b_tac no_spec. Qed.

Lemma b_short_verb_command : forall m b r w w' k, short_verb_command m b r w = (w', k) -> binv w -> binv w'.
Proof.
  intros m b r w w' k H Hw. pose proof (body_short_verb_inert m b r w (bs_arg _ Hw)) as E.
  rewrite H in E. cbn [fst] in E. unfold binv. rewrite E. exact Hw.
Qed.

Lemma b_control_symbol : forall n c w, binv w -> binv (control_symbol n c w).
Proof. intros n c w Hw. unfold control_symbol. gdestruct; repeat bbase. Qed.

(** ** Leaving the body: its [}], or a recovery point *)

(** The state after the body's [}]: the [}] of a state [bs] at [t]'s depth. *)
Definition bclosed (w : work) : Prop :=
  exists v, binv v /\ s_depth (w_s v) = s_depth t /\ w_s w = w_s (close_group v).

(** The state after a recovery point in the body: what a recovery point right after the [{]
    gives, in catcodes, saved frames and short-verbatim characters. *)
Definition breset (w : work) : Prop :=
  s_depth (w_s w) = 0 /\ cats (w_s w) = cats (paragraph_reset t)
  /\ s_shortVerb (w_s w) = s_shortVerb t.

Definition R (w : work) : Prop := binv w \/ bclosed w \/ breset w.

(** What a recovery point reads: the catcodes, saved frames and short-verbatim characters. *)
Definition ws (s : state) : Prop := cats s = cats t /\ s_shortVerb s = s_shortVerb t.

Lemma ws_of_bs : forall s, bs s -> ws s.
Proof. intros s (_ & H2 & H3 & H4 & _). unfold ws, cats. rewrite H2, H3, H4. split; reflexivity. Qed.
Lemma ws_set_macrocode : forall v s, ws s -> ws (set_macrocode v s). Proof. intros. assumption. Qed.

Lemma rs_paragraph_end : forall w, ws (w_s w) -> breset (paragraph_end w).
Proof.
  intros w [C V]. split; [reflexivity | split].
  - rewrite paragraph_end_cats. unfold paragraph_reset. rewrite paragraph_end_cats.
    apply close_level_ext. exact C.
  - change (s_shortVerb (close_level 1 (w_s w)) = s_shortVerb t). unfold close_level.
    destruct (saved_at_least 1 (w_s w)); [rewrite short_verb_close_saved |]; exact V.
Qed.

Lemma r_close_group : forall w, binv w -> R (close_group w).
Proof.
  intros w H. destruct (Nat.eq_dec (s_depth (w_s w)) (s_depth t)) as [E | E].
  - right; left. exists w. auto.
  - left. apply b_close_state; [exact H |]. destruct H as (H1 & _). lia.
Qed.

Lemma r_emit : forall k n m w, R w -> R (emit k n m w).
Proof.
  intros k n m w H. assert (E : w_s (emit k n m w) = w_s w) by apply emit_s.
  destruct H as [H | [(v & V1 & V2 & V3) | (B1 & B2 & B3)]].
  - left. apply b_emit, H.
  - right; left. exists v. rewrite E. auto.
  - right; right. unfold breset. rewrite E. auto.
Qed.

Lemma rs_emit : forall k n m w, breset w -> breset (emit k n m w).
Proof. intros k n m w H. unfold breset. rewrite emit_s. exact H. Qed.
Lemma rs_after_arg : forall b w, breset w -> breset (after_arg b w). Proof. intros. assumption. Qed.
Lemma rs_set_pt : forall b w, breset w -> breset (set_pt b w). Proof. intros. assumption. Qed.
Lemma rs_mark_last_math : forall w, breset w -> breset (mark_last_math w).
Proof. intros [s pt pm arm pcat [| x l]] H; assumption. Qed.
Lemma rs_emit_inert : forall seg m w, breset w -> breset (emit_inert seg m w).
Proof.
  intros seg m w. unfold emit_inert. generalize (size seg). intros f. revert seg w.
  induction f as [| f IH]; intros [| c r] w H; cbn [inert_fuel]; try exact H.
  destruct (inert_step (w_s w) c r) as [k n]. apply IH, rs_emit, H.
Qed.

Ltac wsolve := cbn [w_s upd set_pt after_arg]; repeat apply ws_set_macrocode; apply ws_of_bs; repeat bbase.

Ltac rsreset :=
  repeat match goal with
  | |- breset (after_arg _ _) => apply rs_after_arg
  | |- breset (emit _ _ _ _) => apply rs_emit
  | |- breset (set_pt _ _) => apply rs_set_pt
  | |- breset (mark_last_math _) => apply rs_mark_last_math
  | |- breset (emit_inert _ _ _) => apply rs_emit_inert
  | |- breset (paragraph_end _) => apply rs_paragraph_end; wsolve
  end.

Ltac rsolve :=
  first
  [ assumption
  | match goal with H : _ -> R ?x |- R ?x => apply H; repeat bbase end
  | match goal with |- R ?x =>
      lazymatch x with context [paragraph_end _] => right; right; rsreset end end
  | match goal with |- R (emit _ _ _ (close_group _)) => apply r_emit, r_close_group; repeat bbase end
  | left; repeat bbase ].

Ltac rspec :=
  idtac; match goal with
  | E : math_shift _ _ _ = (_, _) |- _ => pose proof (b_math_shift _ _ _ _ _ E); clear E
  | E : verbatim_body _ _ = (_, _) |- _ => pose proof (b_verbatim_body _ _ _ _ E); clear E
  | E : inline_verbatim _ _ _ = (_, _) |- _ => pose proof (b_inline_verbatim _ _ _ _ _ E); clear E
  | E : short_verbatim _ _ = (_, _) |- _ => pose proof (b_short_verbatim _ _ _ _ E); clear E
  | E : short_verb_command _ _ _ _ = (_, _) |- _ => pose proof (b_short_verb_command _ _ _ _ _ _ E); clear E
  end.

Lemma r_environment : forall o b r w w' k, environment o b r w = (w', k) -> binv w -> R w'.
Proof.
  intros o b r w w' k H Hw. unfold environment in H. gdestruct; try bcontra;
    repeat rspec; subst_pairs; rsolve.
Qed.

Lemma r_control_word : forall o name n r pos w w' k,
  control_word o name n r pos w = (w', k) -> binv w -> R w'.
Proof.
  intros o name n r pos w w' k H Hw. unfold control_word in H. gdestruct;
  repeat first [ rspec
               | match goal with E : environment _ _ _ _ = (_, _) |- _ => pose proof (r_environment _ _ _ _ _ _ E); clear E end ];
  subst_pairs; rsolve.
Qed.

Lemma r_control_sequence : forall o len pos rest clen w w' k,
  control_sequence o len pos rest clen w = (w', k) -> binv w -> R w'.
Proof.
  intros o len pos rest clen w w' k H Hw. unfold control_sequence in H. gdestruct;
  repeat match goal with E : control_word _ _ _ _ _ _ = (_, _) |- _ => pose proof (r_control_word _ _ _ _ _ _ _ _ E); clear E end;
  subst_pairs; rsolve; try (apply b_control_symbol; repeat bbase).
Qed.

Lemma r_step : forall o len pos rest w w' k, step o len pos rest w = (w', k) -> binv w -> R w'.
Proof.
  intros o len pos rest w w' k H Hw. unfold step in H. gdestruct;
  repeat first [ rspec
               | match goal with E : control_sequence _ _ _ _ _ _ = (_, _) |- _ => pose proof (r_control_sequence _ _ _ _ _ _ _ _ E); clear E end ];
  subst_pairs; rsolve.
Qed.

Lemma r_doc_line_start : forall t0 w w' k, doc_line_start t0 w = (w', k) -> binv w -> R w'.
Proof.
  intros t0 w w' k H Hw. unfold doc_line_start in H. gdestruct; try bcontra;
    repeat rspec; subst_pairs; rsolve.
Qed.

Lemma r_line_start : forall o s line v p, bs s -> line_start o s line = (v, p) -> R v.
Proof.
  intros o s line v p Hs E. unfold line_start, start_of in E. cbv zeta in E.
  assert (W0 : binv (mkWork s false false None None [])) by exact Hs.
  revert E. repeat dmatch; intros Ew.
  - exact (r_doc_line_start _ _ _ _ Ew W0).
  - exfalso. rewrite (bs_verb _ Hs) in E1. discriminate E1.
  - left. exact (b_verbatim_body _ _ _ _ Ew W0).
  - apply pair_inj in Ew as [<- <-]. right; right. apply rs_paragraph_end, ws_of_bs, Hs.
  - apply pair_inj in Ew as [<- <-]. left. exact W0.
Qed.

(** While the depth is the body's or more, the body goes on. *)
Lemma r_guard : forall w, R w -> s_depth t <= s_depth (w_s w) -> binv w.
Proof.
  intros w [H | [(v & V1 & V2 & V3) | (B1 & _)]] G; [exact H | exfalso | exfalso; lia].
  destruct (close_group_cats v ltac:(lia)) as [_ D]. rewrite <- V3 in D. lia.
Qed.

Definition deep (v : work) : Prop := s_depth t <= s_depth (w_s v).

Lemma body_follows : forall o ls len pos rest w w',
  binv w -> follows deep o ls len pos rest w w' -> binv w'.
Proof.
  intros o ls len pos rest w w' Hw F.
  refine (follows_inv deep binv o _ _ _ ls len pos rest w w' F Hw).
  - intros len0 p x xs v v1 k Hv S G. apply r_guard; [| exact G].
    exact (r_step _ _ _ _ _ _ _ S (b_before_step _ _ Hv)).
  - intros v Hv _. apply b_apply_pending_cat, Hv.
  - intros l v v1 p1 Hv E G. apply r_guard; [| exact G]. exact (r_line_start _ _ _ _ _ Hv E).
Qed.

End Body.

(** ** The law *)

(** How the scan leaves a body whose [{] was read from the state [b]: at the body's [}], with
    [b]'s mode, environment, depth, argument bits, frames, catcodes, short-verbatim
    characters, saved frames and both flags back; or at a recovery point, with the catcodes,
    saved frames and short-verbatim characters of a recovery point right before the [{]. *)
Definition body_exit (b : state) (v : work) : Prop :=
  let u := w_s v in
  (s_mode u = s_mode b /\ s_env u = s_env b /\ s_depth u = s_depth b /\ s_argBits u = s_argBits b
   /\ s_frames u = s_frames b /\ s_catcodes u = s_catcodes b /\ s_shortVerb u = s_shortVerb b
   /\ s_saved u = s_saved b /\ s_verbOpts u = s_verbOpts b /\ s_macrocode u = s_macrocode b)
  \/ (s_depth u = 0 /\ cats u = cats (paragraph_reset b) /\ s_shortVerb u = s_shortVerb b).

(** What holds at a working state [w'] inside a body whose [{] was read from [b]: [b]'s
    catcodes, saved frames, short-verbatim characters and flags, an argument bit set, and the
    step or line start after [w'] that leaves the body's depth ends it with [body_exit]. *)
Definition body_law (o : options) (b : state) (w' : work) : Prop :=
  let s := w_s w' in
  (S (s_depth b) <= s_depth s /\ s_argBits s <> 0 /\ s_catcodes s = s_catcodes b
   /\ s_saved s = s_saved b /\ s_shortVerb s = s_shortVerb b /\ s_verbOpts s = false
   /\ s_macrocode s = s_macrocode b)
  /\ (forall len2 pos2 rest2 v k, step o len2 pos2 rest2 (before_step pos2 w') = (v, k) ->
        s_depth (w_s v) <= s_depth b -> body_exit b v)
  /\ (forall l v p, line_start o (w_s (apply_pending_cat w')) l = (v, p) ->
        s_depth (w_s v) <= s_depth b -> body_exit b v).

(** The definition-body law over any body.  [bw] is the working state that reads a [{] opening
    a definition body ([open_group p0 bw], what the step reading it does): a definition is
    pending at this depth and its next group is a body, and the [{] is not itself inside a
    body or macro argument ([s_argBits b = 0]), at a depth under [ARG_BITS], with room for a
    frame, no saved catcode frame deeper than its depth and no verbatim options open.  Then
    every working state [w'] the scan reaches from there, over any number of steps and lines
    while the depth stays deeper than [b]'s, has [b]'s catcodes, saved frames, short-verbatim
    characters and flags, and a non-zero argument bit (so no catcode command is run); and
    the step or line start after [w'] that leaves that depth is the body's [}] or a recovery
    point, with [body_exit]. *)
Theorem body_scan : forall o ls len pos rest p0 bw w',
  let b := w_s bw in
  s_bodyPend b <> 0 -> is_body (s_bodyPend b) = true -> s_depth b = s_bodyDepth b ->
  s_depth b < ARG_BITS -> size (s_frames b) < MAX_FRAMES -> s_argBits b = 0 ->
  saved_at_least (S (s_depth b)) b = false -> s_verbOpts b = false ->
  follows (fun v => S (s_depth b) <= s_depth (w_s v)) o ls len pos rest (open_group p0 bw) w' ->
  body_law o b w'.
Proof.
  intros o ls len pos rest p0 bw w' b Hp Hb Hd Ha30 Hf Ha Hs Hv F. unfold body_law. set (s := w_s w').
  assert (Hm : s_depth b < MAX_DEPTH) by (unfold MAX_DEPTH, ARG_BITS in *; lia).
  destruct (open_body_fields p0 bw Hp Hb Hd Hm Hf) as (O1 & O2 & O3 & O4 & O5 & O6 & O7 & O8).
  fold b in O1, O2, O3, O4, O5, O6, O7, O8.
  set (t := w_s (open_group p0 bw)) in *.
  assert (T1 : s_argBits t = 2 ^ s_depth b).
  { rewrite O2. apply Nat.ltb_lt in Ha30. rewrite Ha30, Ha.
    apply Nat.ltb_lt in Ha30. rewrite set_bit_low; [reflexivity | exact Ha30 | apply pow2_pos]. }
  assert (HA : s_argBits t <> 0) by (rewrite T1; pose proof (pow2_pos (s_depth b)); lia).
  assert (HL : s_argBits t < 2 ^ s_depth t)
    by (rewrite T1, O1, pow2_S; pose proof (pow2_pos (s_depth b)); lia).
  assert (HS : saved_at_least (s_depth t) t = false)
    by (rewrite O1; apply (saved_mono (S (s_depth b)) _ b); [exact O6 | exact Hs | lia]).
  assert (HF : forall f rf, rev (s_frames t) = f :: rf -> fr_depth f < s_depth t).
  { intros f rf E. rewrite O3, rev_app_distr in E. cbn [rev app] in E.
    injection E as <- _. cbn [fr_depth]. rewrite O1. lia. }
  assert (HV : s_verbOpts t = false) by (rewrite O7; exact Hv).
  assert (HP : 0 < s_depth t) by (rewrite O1; lia).
  assert (W1 : binv t (open_group p0 bw)).
  { unfold binv, bs. fold t. repeat split; try reflexivity; try exact HV; try exact HL.
    - exists 0. lia.
    - rewrite T1. apply Nat.pow_lt_mono_r; [lia | exact Ha30].
    - exists []. split; [cbn [rev]; rewrite app_nil_r; reflexivity | exact I]. }
  assert (G : deep t = fun v => S (s_depth b) <= s_depth (w_s v)).
  { unfold deep. rewrite O1. reflexivity. }
  rewrite <- G in F.
  pose proof (body_follows t HA HL HS HF HP _ _ _ _ _ _ _ W1 F) as W.
  assert (X : forall v, R t v -> s_depth (w_s v) <= s_depth b -> body_exit b v).
  { intros v [V | [(v0 & V1 & V2 & V3) | (B1 & B2 & B3)]] Dv.
    - exfalso. destruct V as (V & _). lia.
    - left. unfold body_exit. rewrite V3.
      pose proof (bs_agree t HA HL HV HP _ V1 V2) as Ag.
      destruct (body_group_restores p0 bw v0 Hp Hb Hd Hm Hf Ha Hs Ag)
        as (C1 & C2 & C3 & C4 & C5 & C6 & C7 & C8 & C9 & C10 & _).
      repeat split; assumption.
    - right. unfold body_exit. split; [exact B1 | split].
      + rewrite B2. unfold paragraph_reset. rewrite !paragraph_end_cats. apply close_level_ext.
        unfold cats. cbn [w_s start_work]. rewrite O4, O6. reflexivity.
      + rewrite B3. exact O5. }
  subst s. pose proof W as W0. destruct W0 as (W1' & W2 & W3 & W4 & W5 & W6 & _).
  split; [| split].
  - repeat split.
    + rewrite <- O1. exact W1'.
    + exact (bs_arg t HA HL HP _ W).
    + rewrite W2. exact O4.
    + rewrite W4. exact O6.
    + rewrite W3. exact O5.
    + exact W5.
    + rewrite W6. exact O8.
  - intros len2 pos2 rest2 v k E Dv. apply X; [| exact Dv].
    exact (r_step t HA HL HS HF HP _ _ _ _ _ _ _ E (b_before_step t HA HL HP _ _ W)).
  - intros l v p E Dv. apply X; [| exact Dv].
    exact (r_line_start t _ _ _ _ _ (b_apply_pending_cat t HA HL HP _ W) E).
Qed.

(** ** At every body of batch lexing *)

Lemma ordered_not_deeper : forall s, frames_ordered s -> saved_at_least (S (s_depth s)) s = false.
Proof.
  intros s [_ F]. unfold saved_at_least, top_level.
  destruct (rev (decode_saved (s_saved s))) as [| f r] eqn:E; [reflexivity |].
  assert (I : In f (decode_saved (s_saved s))) by (apply in_rev; rewrite E; left; reflexivity).
  rewrite Forall_forall in F. specialize (F (sf_level f) (in_map sf_level _ _ I)).
  apply Nat.leb_gt. lia.
Qed.

(** The step that reads a [{]. *)
Lemma step_begin_group : forall o len pos rest u c clen,
  decode_char (w_s u) rest = Some (c, CAT_BEGIN_GROUP, clen) ->
  step o len pos rest u = (open_group pos (emit K_BEGIN_GROUP clen (in_math u) u), clen).
Proof. intros o len pos rest u c clen E. unfold step. rewrite E. reflexivity. Qed.

(** [body_scan] at every [{] of batch lexing that opens a definition body: under any options,
    for any document, at a working state [v] between two steps of any line, the step at [pos]
    reads a [{] (from [before_step pos v], the state with a pending catcode assignment due
    there applied) opening a definition body, not inside a body or macro argument, at a depth
    under [ARG_BITS], with room for a frame and no verbatim options open.  The condition on
    saved frames of [body_scan] holds there ([LawInLine.in_line_ordered]). *)
Theorem batch_body_scan : forall o d i v pos x xs c clen ls len pos' rest' w',
  batch_in_line o (initial_state o) d i v ->
  let u := before_step pos v in
  let b := w_s u in
  decode_char b (x :: xs) = Some (c, CAT_BEGIN_GROUP, clen) ->
  s_bodyPend b <> 0 -> is_body (s_bodyPend b) = true -> s_depth b = s_bodyDepth b ->
  s_depth b < ARG_BITS -> size (s_frames b) < MAX_FRAMES -> s_argBits b = 0 ->
  s_verbOpts b = false ->
  follows (fun v => S (s_depth b) <= s_depth (w_s v)) o ls len pos' rest'
    (fst (step o (length (nth i d [])) pos (x :: xs) u)) w' ->
  body_law o b w'.
Proof.
  intros o d i v pos x xs c clen ls len pos' rest' w' [_ H] u b Ec Hp Hb Hd Ha30 Hf Ha Hv F.
  pose proof (proj1 (batch_frames_ordered o d) i) as Hs.
  pose proof (oinv_s _ (o_before_step pos v (in_line_ordered _ _ _ _ Hs H))) as Ho.
  fold u b in Ho.
  rewrite (step_begin_group _ _ _ _ _ _ _ Ec) in F. cbn [fst] in F.
  pose proof (body_scan o ls len pos' rest' pos (emit K_BEGIN_GROUP clen (in_math u) u) w') as T.
  cbv zeta in T. rewrite !emit_s in T. fold b in T.
  exact (T Hp Hb Hd Ha30 Hf Ha (ordered_not_deeper _ Ho) Hv F).
Qed.
