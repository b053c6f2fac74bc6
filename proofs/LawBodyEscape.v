(** * Definition bodies: what the body's [}] gives back

    README: "definition bodies of [\def], [\newcommand], ... : no state change escapes".
    [body_group_restores] is that law for one body group, as the lexer models it: a [{] that
    opens a definition body (a definition is pending at this depth and its next group is a
    body, [is_body]) pushes a frame and sets the body's argument bit; whatever the body then
    does to the mode, the environment, [afterArg], the pending-definition bookkeeping
    ([s_defName], [s_defDepth], [s_defStage], [s_bodyPend], [s_bodyDepth]) and the defined
    verbatim environments, a [}] reached with the depth, argument bits, frames, catcodes,
    saved catcode frames, short-verbatim characters, verbatim-options flag and macrocode flag
    the [{] left gives back the mode, environment, depth, argument bits, frames, catcodes,
    saved frames, short-verbatim characters and both flags of the state before the [{]
    ([afterArg] is set, as after every [}]).

    Inside the body those fields are kept by the commands that would change them
    ([LawBody.body_catcodes_inert], [body_short_verb_inert]) and by balanced inner groups;
    that every body content reaches its [}] with them unchanged is not proved here (it is
    false for a recovery point such as [\section] in a body, which resets the state). *)

From Coq Require Import List PeanoNat Lia.
From LaTeXPerfectionist Require Import Codec LexBase LexArgs Lexer.
Import ListNotations.

(** ** The argument bit of a top-level body is set and cleared again *)

Lemma bit_loop_zero : forall n d,
  bit_loop d (map (fun i => (i, Nat.pow 2 i)) (indices_below n)) 0 = false.
Proof.
  induction n as [| n IH]; intros d; [reflexivity |].
  cbn [indices_below map bit_loop].
  assert (P : (Nat.pow 2 n <=? 0) = false).
  { apply Nat.leb_gt. apply Nat.neq_0_lt_0. apply Nat.pow_nonzero. discriminate. }
  rewrite P. destruct (n =? d); [reflexivity | apply IH].
Qed.

Lemma bit_loop_pow : forall n d, d < n ->
  bit_loop d (map (fun i => (i, Nat.pow 2 i)) (indices_below n)) (Nat.pow 2 d) = true.
Proof.
  induction n as [| n IH]; intros d Hd; [inversion Hd |].
  cbn [indices_below map bit_loop].
  destruct (Nat.eq_dec n d) as [E | E].
  - subst. rewrite Nat.eqb_refl. apply Nat.leb_refl.
  - assert (L : d < n) by lia.
    assert (P : (Nat.pow 2 n <=? Nat.pow 2 d) = false).
    { apply Nat.leb_gt. apply Nat.pow_lt_mono_r; [repeat constructor | exact L]. }
    rewrite P. apply Nat.eqb_neq in E. rewrite E. apply IH. exact L.
Qed.

Lemma clear_set_bit_zero : forall d, d < ARG_BITS -> clear_bit (set_bit 0 d) d = 0.
Proof.
  intros d Hd. unfold set_bit, clear_bit, test_bit, ARG_BIT_POWERS.
  rewrite bit_loop_zero. cbn [Nat.add]. rewrite (bit_loop_pow ARG_BITS d Hd).
  apply Nat.sub_diag.
Qed.

(** ** The [{] of a body *)

(** The fields a body may change before its [}] (mode, environment, [afterArg], the
    definition bookkeeping, the defined verbatim environments) aside, two states agree. *)
Definition body_fields_agree (a b : state) : Prop :=
  s_depth a = s_depth b /\ s_argBits a = s_argBits b /\ s_frames a = s_frames b
  /\ s_catcodes a = s_catcodes b /\ s_shortVerb a = s_shortVerb b /\ s_saved a = s_saved b
  /\ s_verbOpts a = s_verbOpts b /\ s_macrocode a = s_macrocode b.

Lemma open_body_fields : forall pos w,
  let s := w_s w in
  s_bodyPend s <> 0 -> is_body (s_bodyPend s) = true -> s_depth s = s_bodyDepth s ->
  s_depth s < MAX_DEPTH -> size (s_frames s) < MAX_FRAMES ->
  let t := w_s (open_group pos w) in
  s_depth t = S (s_depth s)
  /\ s_argBits t = (if s_depth s <? ARG_BITS then set_bit (s_argBits s) (s_depth s)
                    else s_argBits s)
  /\ s_frames t = s_frames s ++ [{| fr_mode := s_mode s; fr_env := s_env s;
                                   fr_depth := s_depth s |}]
  /\ s_catcodes t = s_catcodes s /\ s_shortVerb t = s_shortVerb s /\ s_saved t = s_saved s
  /\ s_verbOpts t = s_verbOpts s /\ s_macrocode t = s_macrocode s.
Proof.
  intros pos w s Hp Hb Hd Hm Hf. cbv zeta. unfold open_group. fold s.
  apply Nat.ltb_lt in Hm. rewrite Hm.
  apply Nat.eqb_neq in Hp. rewrite Hp, Hd, Nat.eqb_refl. cbn [negb andb].
  rewrite Hb. rewrite <- Hd. apply Nat.ltb_lt in Hf.
  set (s0 := set_bodyDepth _ (set_bodyPend _ s)).
  assert (F : size (s_frames s0) <? MAX_FRAMES = true) by exact Hf.
  rewrite Bool.orb_true_r. cbn [andb]. rewrite F.
  set (s1 := set_frames _ s0).
  rewrite Bool.orb_true_r. cbn [andb].
  assert (D : s_depth s1 = s_depth s) by reflexivity. rewrite D.
  destruct (s_depth s <? ARG_BITS);
    destruct (negb (is_empty (s_defName _)) && _ && _ && _); cbn; repeat split.
Qed.

(** ** The [}] of a body *)

Lemma close_body_fields : forall w F fr,
  let t := w_s w in
  s_depth t = S (fr_depth fr) -> s_frames t = F ++ [fr] ->
  saved_at_least (s_depth t) t = false ->
  let u := w_s (close_group w) in
  s_mode u = fr_mode fr /\ s_env u = fr_env fr /\ s_depth u = fr_depth fr
  /\ s_argBits u = (if fr_depth fr <? ARG_BITS then clear_bit (s_argBits t) (fr_depth fr)
                    else s_argBits t)
  /\ s_frames u = F /\ s_catcodes u = s_catcodes t /\ s_shortVerb u = s_shortVerb t
  /\ s_saved u = s_saved t /\ s_verbOpts u = s_verbOpts t /\ s_macrocode u = s_macrocode t
  /\ s_afterArg u = true.
Proof.
  intros w F fr t Hd Hf Hs. cbv zeta. subst t. unfold close_group.
  assert (P : 0 <? S (fr_depth fr) = true) by reflexivity.
  rewrite Hd, P, <- Hd, Hs, Hd, Nat.sub_1_r. cbn [Nat.pred].
  destruct (fr_depth fr <? ARG_BITS) eqn:A; cbn [s_frames set_argBits set_depth];
    rewrite Hf, rev_app_distr; cbn [rev app]; rewrite Nat.eqb_refl, rev_involutive;
    destruct (in_begin_code _ && _); cbn; destruct (negb _ && _); cbn; repeat split.
Qed.

(** ** The law *)

Theorem body_group_restores :
  forall pos w w',
    let s := w_s w in
    s_bodyPend s <> 0 -> is_body (s_bodyPend s) = true -> s_depth s = s_bodyDepth s ->
    s_depth s < MAX_DEPTH -> size (s_frames s) < MAX_FRAMES ->
    s_argBits s = 0 -> saved_at_least (S (s_depth s)) s = false ->
    body_fields_agree (w_s w') (w_s (open_group pos w)) ->
    let u := w_s (close_group w') in
    s_mode u = s_mode s /\ s_env u = s_env s /\ s_depth u = s_depth s
    /\ s_argBits u = s_argBits s /\ s_frames u = s_frames s /\ s_catcodes u = s_catcodes s
    /\ s_shortVerb u = s_shortVerb s /\ s_saved u = s_saved s /\ s_verbOpts u = s_verbOpts s
    /\ s_macrocode u = s_macrocode s /\ s_afterArg u = true.
Proof.
  intros pos w w' s Hp Hb Hd Hm Hf Ha Hs Hw. cbv zeta. subst s.
  destruct (open_body_fields pos w Hp Hb Hd Hm Hf)
    as (O1 & O2 & O3 & O4 & O5 & O6 & O7 & O8).
  destruct Hw as (W1 & W2 & W3 & W4 & W5 & W6 & W7 & W8).
  set (fr := {| fr_mode := s_mode (w_s w); fr_env := s_env (w_s w); fr_depth := s_depth (w_s w) |}).
  assert (D : s_depth (w_s w') = S (fr_depth fr)) by (rewrite W1, O1; reflexivity).
  assert (F : s_frames (w_s w') = s_frames (w_s w) ++ [fr]) by (rewrite W3, O3; reflexivity).
  assert (Sv : saved_at_least (s_depth (w_s w')) (w_s w') = false).
  { rewrite D. unfold saved_at_least in *. rewrite W6, O6. exact Hs. }
  destruct (close_body_fields w' (s_frames (w_s w)) fr D F Sv)
    as (C1 & C2 & C3 & C4 & C5 & C6 & C7 & C8 & C9 & C10 & C11).
  rewrite C1, C2, C3, C4, C5, C6, C7, C8, C9, C10, C11, W2, O2, W4, O4, W5, O5, W6, O6,
    W7, O7, W8, O8.
  cbn [fr_mode fr_env fr_depth]. rewrite Ha.
  repeat split; try reflexivity.
  change (fr_depth fr) with (s_depth (w_s w)).
  destruct (s_depth (w_s w) <? ARG_BITS) eqn:A; [| reflexivity].
  apply Nat.ltb_lt in A. apply clear_set_bit_zero. exact A.
Qed.
