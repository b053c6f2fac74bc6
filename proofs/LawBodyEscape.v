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
    ([afterArg] is set, as after every [}]).  Its conditions: room for the frame (fewer
    than eight frames, depth below 255), no argument bit set (the definition is not itself
    inside a body or macro argument), no saved catcode frame deeper than the depth.

    [body_line_restores] chains it over the scan of a line, [{], body, [}], for a body of
    plain characters ([simple_unit]: letters, others, spaces, math shifts, [&], [#], [_],
    active characters that are not short-verbatim ones, ignored and invalid ones; no control
    sequence, brace, comment or [^^]): every step of the body changes only the mode and
    [afterArg] ([step_simple], consuming no unit past the [}]), and the [}] gives back the
    rest.  For any body (control sequences, inner groups, several lines) the law is
    [LawBodyScan.body_scan]: every body reaches its [}] with the fields above unchanged or
    ends at a recovery point ([\section], [\begin{document}]), which resets the state; and
    [\catcode`}=12] in a body is closed by its own [`}], the assignment taking effect after
    the body ([lexer/body_escape_test.ts]). *)

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
  intros pos w s Hp Hb Hd Hm Hf. cbv zeta.
  remember (w_s (open_group pos w)) as c eqn:Ec. unfold open_group in Ec. fold s in Ec.
  apply Nat.ltb_lt in Hm. rewrite Hm in Ec.
  apply Nat.eqb_neq in Hp. rewrite Hp, Hd, Nat.eqb_refl in Ec. cbn [negb andb] in Ec.
  rewrite Hb in Ec. rewrite <- Hd in Ec. apply Nat.ltb_lt in Hf.
  set (s0 := set_bodyDepth _ (set_bodyPend _ s)) in Ec.
  assert (F : size (s_frames s0) <? MAX_FRAMES = true) by exact Hf.
  rewrite Bool.orb_true_r in Ec. cbn [andb] in Ec. rewrite F in Ec.
  set (s1 := set_frames _ s0) in Ec.
  rewrite Bool.orb_true_r in Ec. cbn [andb] in Ec.
  assert (D : s_depth s1 = s_depth s) by reflexivity. rewrite D in Ec.
  destruct (s_depth s <? ARG_BITS);
    destruct (negb (is_empty (s_defName _)) && _ && _ && _); cbn in Ec; subst c; repeat split.
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
  intros w F fr t Hd Hf Hs. cbv zeta. subst t.
  remember (w_s (close_group w)) as c eqn:Ec. unfold close_group in Ec.
  assert (P : 0 <? S (fr_depth fr) = true) by reflexivity.
  rewrite Hd, P, <- Hd, Hs, Hd, Nat.sub_1_r in Ec. cbn [Nat.pred] in Ec.
  destruct (fr_depth fr <? ARG_BITS) eqn:A; cbn [s_frames set_argBits set_depth] in Ec;
    rewrite Hf, rev_app_distr in Ec; cbn [rev app] in Ec; rewrite Nat.eqb_refl, rev_involutive in Ec;
    destruct (in_begin_code _ && _); cbn in Ec; destruct (negb _ && _); cbn in Ec; subst c;
    repeat split.
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

(** ** Over the line: a body of plain characters between its [{] and [}]

    [body_line_restores] chains [body_group_restores] over [scan_loop] for a body made of
    characters that are letters, others, spaces, ignored or invalid characters, math shifts,
    alignment tabs, parameters, subscripts and active characters (not short-verbatim ones),
    under the catcodes in force: no control sequence, no brace, no comment, no [^^]. *)

Definition simple_unit (s : state) (x : nat) : bool :=
  let k := cat_of s x in
  is_text_cat k || (k =? CAT_SPACE) || (k =? CAT_IGNORED) || (k =? CAT_INVALID)
  || (k =? CAT_MATH_SHIFT) || (k =? CAT_ALIGNMENT) || (k =? CAT_PARAMETER)
  || (k =? CAT_SUBSCRIPT)
  || ((k =? CAT_ACTIVE)
      && match short_verb_old_cat (s_shortVerb s) x with Some _ => false | None => true end).

Lemma emit_s : forall k n m w, w_s (emit k n m w) = w_s w.
Proof. intros k n m w. unfold emit. destruct (n =? 0); reflexivity. Qed.

Lemma emit_pcat : forall k n m w, w_pcat (emit k n m w) = w_pcat w.
Proof. intros k n m w. unfold emit. destruct (n =? 0); reflexivity. Qed.

Lemma agree_refl : forall a, body_fields_agree a a.
Proof. intros a. repeat split. Qed.

Lemma agree_trans : forall a b c,
  body_fields_agree a b -> body_fields_agree b c -> body_fields_agree a c.
Proof.
  intros a b c (A1 & A2 & A3 & A4 & A5 & A6 & A7 & A8) (B1 & B2 & B3 & B4 & B5 & B6 & B7 & B8).
  repeat split; congruence.
Qed.

Lemma cat_of_ext : forall a b x, s_catcodes a = s_catcodes b -> cat_of a x = cat_of b x.
Proof. intros a b x H. unfold cat_of. rewrite H. reflexivity. Qed.

Lemma simple_ext : forall a b l,
  s_catcodes a = s_catcodes b -> s_shortVerb a = s_shortVerb b ->
  forallb (simple_unit b) l = true -> forallb (simple_unit a) l = true.
Proof.
  intros a b l A4 A5 H.
  assert (E : forall x, simple_unit a x = simple_unit b x).
  { intros x. unfold simple_unit. rewrite (cat_of_ext a b x A4), A5. reflexivity. }
  induction l as [| x l IH]; [reflexivity |].
  cbn [forallb] in *. rewrite E. apply andb_prop in H as [H1 H2]. rewrite H1. apply IH, H2.
Qed.

Lemma forallb_skipn : forall {A} (p : A -> bool) k l,
  forallb p l = true -> forallb p (skipn k l) = true.
Proof.
  intros A p k. induction k as [| k IH]; intros [| x l] H; cbn in *; auto.
  apply andb_prop in H as [_ H]. apply IH, H.
Qed.

Lemma span_acc_bound : forall f c r l n,
  f c = false -> span_acc f n (l ++ c :: r) <= n + length l.
Proof.
  intros f c r l. induction l as [| x l IH]; intros n H; cbn [span_acc app length].
  - rewrite H. lia.
  - destruct (f x); [specialize (IH (S n) H); lia | lia].
Qed.

Lemma text_more_bound : forall s r l fuel lim acc,
  cat_of s 125 = CAT_END_GROUP -> forallb (simple_unit s) l = true ->
  text_more fuel s (l ++ 125 :: r) lim acc <= acc + length l.
Proof.
  intros s r l. induction l as [| x l IH]; intros fuel lim acc Hc Hl.
  - destruct fuel; cbn [text_more app]; [lia |].
    destruct (lim =? 0); [lia |]. cbn [Nat.leb]. rewrite Hc. cbn. lia.
  - cbn [forallb] in Hl. apply andb_prop in Hl as [Hx Hl].
    destruct fuel; cbn [text_more app length]; [lia |].
    destruct (lim =? 0); [lia |].
    destruct (128 <=? x); [specialize (IH fuel (lim - 1) (S acc) Hc Hl); lia |].
    unfold simple_unit in Hx. destruct (is_text_cat (cat_of s x)) eqn:T.
    + specialize (IH fuel (lim - 1) (S acc) Hc Hl). lia.
    + assert (N : (cat_of s x =? CAT_SUPERSCRIPT) = false).
      { destruct (cat_of s x =? CAT_SUPERSCRIPT) eqn:E; [| reflexivity].
        apply Nat.eqb_eq in E. rewrite E in Hx. discriminate Hx. }
      rewrite N. lia.
Qed.

Lemma after_arg_s : forall b w, w_s (after_arg b w) = set_afterArg b (w_s w).
Proof. reflexivity. Qed.

Lemma step_simple : forall o len pos x l r w,
  cat_of (w_s w) 125 = CAT_END_GROUP -> forallb (simple_unit (w_s w)) (x :: l) = true ->
  let '(w', k) := step o len pos (x :: l ++ 125 :: r) w in
  1 <= k <= S (length l) /\ body_fields_agree (w_s w') (w_s w) /\ w_pcat w' = w_pcat w.
Proof.
  intros o len pos x l r w Hc Hl.
  cbn [forallb] in Hl. apply andb_prop in Hl as [Hx Hl].
  unfold simple_unit in Hx.
  assert (K : exists k, cat_of (w_s w) x = k) by eauto. destruct K as [k K].
  rewrite K in Hx.
  unfold step. unfold decode_char. rewrite K.
  destruct (k =? CAT_SUPERSCRIPT) eqn:Sup.
  { apply Nat.eqb_eq in Sup. rewrite Sup in Hx. cbv in Hx; discriminate Hx. }
  cbv zeta.
  destruct (is_text_cat k) eqn:T.
  - split; [| split].
    + set (lim := _ - _). pose proof (text_more_bound (w_s w) r l lim lim 0 Hc Hl). cbn [skipn].
      lia.
    + unfold set_pt. cbn [w_s]. rewrite after_arg_s, emit_s. repeat split.
    + unfold set_pt. reflexivity.
  - destruct ((k =? CAT_SPACE) || (k =? CAT_IGNORED) || (k =? CAT_INVALID)) eqn:Sp.
    + split; [| split].
      * cbn [skipn]. assert (F : (cat_of (w_s w) 125 =? k) = false).
        { rewrite Hc. destruct (Nat.eqb_spec 2 k) as [E | E]; [rewrite <- E in Sp; discriminate Sp | apply Nat.eqb_neq; exact E]. }
        pose proof (span_acc_bound (fun d => cat_of (w_s w) d =? k) 125 r l 0 F).
        unfold span. lia.
      * destruct (k =? CAT_INVALID); [unfold set_pt; cbn [w_s] |]; rewrite emit_s; apply agree_refl.
      * destruct (k =? CAT_INVALID); [unfold set_pt; cbn [w_pcat] |]; apply emit_pcat.
    + apply Bool.orb_false_elim in Sp as [Sp Inv]. apply Bool.orb_false_elim in Sp as [Spc Ign].
      rewrite Spc, Ign, Inv in Hx.
      destruct (k =? CAT_ESCAPE) eqn:Esc.
      { apply Nat.eqb_eq in Esc. rewrite Esc in Hx. cbv in Hx; discriminate Hx. }
      destruct (k =? CAT_BEGIN_GROUP) eqn:Bg.
      { apply Nat.eqb_eq in Bg. rewrite Bg in Hx. cbv in Hx; discriminate Hx. }
      destruct (k =? CAT_END_GROUP) eqn:Eg.
      { apply Nat.eqb_eq in Eg. rewrite Eg in Hx. cbv in Hx; discriminate Hx. }
      destruct (k =? CAT_MATH_SHIFT) eqn:Ms.
      * apply Nat.eqb_eq in Ms. unfold math_shift.
        destruct l as [| y l].
        -- cbn [app]. rewrite Hc. cbn [Nat.eqb andb].
           destruct (s_mode (w_s w)); cbn; split; [lia | repeat split | lia | repeat split
             | lia | repeat split | lia | repeat split | lia | repeat split | lia | repeat split
             | lia | repeat split].
        -- cbn [app]. destruct (cat_of (w_s w) y =? CAT_MATH_SHIFT);
           destruct (s_mode (w_s w)); cbn; rewrite ?emit_s; cbn; (split; [lia | repeat split]).
      * destruct (k =? CAT_COMMENT) eqn:Cm.
        { apply Nat.eqb_eq in Cm. rewrite Cm in Hx. cbv in Hx; discriminate Hx. }
        destruct (k =? CAT_END_OF_LINE) eqn:Eol.
        { apply Nat.eqb_eq in Eol. rewrite Eol in Hx. cbv in Hx; discriminate Hx. }
        destruct (k =? CAT_PARAMETER) eqn:Pa.
        -- apply Nat.eqb_eq in Pa. split; [| split].
           ++ destruct l as [| y l]; cbn [unit_at nth_error app length].
              ** rewrite Hc. cbn. lia.
              ** destruct ((49 <=? y) && (y <=? 57) || _); cbn; lia.
           ++ unfold set_pt. cbn [w_s]. rewrite after_arg_s, emit_s. repeat split.
           ++ reflexivity.
        -- destruct ((k =? CAT_ACTIVE) && _ && _ && _) eqn:Ac.
           ++ exfalso. destruct (k =? CAT_ACTIVE) eqn:A13; [| discriminate Ac].
              apply Nat.eqb_eq in A13. rewrite A13 in Hx.
              destruct (short_verb_old_cat (s_shortVerb (w_s w)) x);
                [cbv in Hx; discriminate Hx | rewrite Bool.andb_false_r in Ac; discriminate Ac].
           ++ split; [lia | split].
              ** unfold set_pt. cbn [w_s]. rewrite after_arg_s, emit_s. repeat split.
              ** reflexivity.
Qed.

Lemma skipn_app_le : forall {A} k (l m : list A), k <= length l ->
  skipn k (l ++ m) = skipn k l ++ m.
Proof.
  intros A k. induction k as [| k IH]; intros [| x l] m H; cbn in *; auto; [lia |].
  apply IH. lia.
Qed.

Lemma step_begin : forall o len pos l w, cat_of (w_s w) 123 = CAT_BEGIN_GROUP ->
  step o len pos (123 :: l) w = (open_group pos (emit K_BEGIN_GROUP 1 (in_math w) w), 1).
Proof. intros o len pos l w H. unfold step, decode_char. rewrite H. reflexivity. Qed.

Lemma step_end : forall o len pos l w, cat_of (w_s w) 125 = CAT_END_GROUP ->
  step o len pos (125 :: l) w =
  (emit K_END_GROUP 1 (in_math (close_group w)) (close_group w), 1).
Proof. intros o len pos l w H. unfold step, decode_char. rewrite H. reflexivity. Qed.

Lemma scan_simple : forall fuel o len pos body r w,
  cat_of (w_s w) 125 = CAT_END_GROUP -> forallb (simple_unit (w_s w)) body = true ->
  w_pcat w = None -> length body < fuel ->
  exists f' pos' w',
    scan_loop fuel o len pos (body ++ 125 :: r) w = scan_loop (S f') o len pos' (125 :: r) w'
    /\ body_fields_agree (w_s w') (w_s w) /\ w_pcat w' = None.
Proof.
  induction fuel as [| f IH]; intros o len pos body r w Hc Hb Hp Hf; [lia |].
  destruct body as [| x l].
  - exists f, pos, w. split; [reflexivity | split; [apply agree_refl | exact Hp]].
  - cbn [scan_loop app]. rewrite Hp.
    pose proof (step_simple o len pos x l r w Hc Hb) as St.
    destruct (step o len pos (x :: l ++ 125 :: r) w) as [w1 k].
    destruct St as (Kb & Ag & Pc).
    assert (E : skipn k (x :: l ++ 125 :: r) = skipn k (x :: l) ++ 125 :: r).
    { apply (skipn_app_le k (x :: l) (125 :: r)). exact (proj2 Kb). }
    rewrite E.
    assert (Hc1 : cat_of (w_s w1) 125 = CAT_END_GROUP).
    { rewrite (cat_of_ext (w_s w1) (w_s w) 125); [exact Hc | apply Ag]. }
    assert (Hb1 : forallb (simple_unit (w_s w1)) (skipn k (x :: l)) = true).
    { apply (simple_ext _ (w_s w)); [apply Ag | apply Ag |]. apply forallb_skipn. exact Hb. }
    assert (Hf1 : length (skipn k (x :: l)) < f).
    { rewrite skipn_length. cbn [length] in *. lia. }
    destruct (IH o len (pos + k) (skipn k (x :: l)) r w1 Hc1 Hb1 (eq_trans Pc Hp) Hf1)
      as (f' & pos' & w' & Eq & Ag' & Pc').
    exists f', pos', w'. split; [exact Eq | split; [exact (agree_trans _ _ _ Ag' Ag) | exact Pc']].
Qed.

(** The law over a line: from [w] (no pending [\catcode] assignment), a [{] that opens a
    definition body, a body of [simple_unit]s and its [}]: the scan goes on after the [}] with
    the mode, environment, depth, argument bits, frames, catcodes, saved frames,
    short-verbatim characters and both flags of [w]'s state, and [afterArg] set. *)
Theorem body_line_restores :
  forall fuel o len pos body r w,
    let s := w_s w in
    s_bodyPend s <> 0 -> is_body (s_bodyPend s) = true -> s_depth s = s_bodyDepth s ->
    s_depth s < MAX_DEPTH -> size (s_frames s) < MAX_FRAMES ->
    s_argBits s = 0 -> saved_at_least (S (s_depth s)) s = false ->
    w_pcat w = None -> cat_of s 123 = CAT_BEGIN_GROUP -> cat_of s 125 = CAT_END_GROUP ->
    forallb (simple_unit s) body = true -> S (length body) < fuel ->
    exists f' pos' w',
      scan_loop fuel o len pos (123 :: body ++ 125 :: r) w = scan_loop f' o len pos' r w'
      /\ let u := w_s w' in
         s_mode u = s_mode s /\ s_env u = s_env s /\ s_depth u = s_depth s
         /\ s_argBits u = s_argBits s /\ s_frames u = s_frames s
         /\ s_catcodes u = s_catcodes s /\ s_shortVerb u = s_shortVerb s
         /\ s_saved u = s_saved s /\ s_verbOpts u = s_verbOpts s
         /\ s_macrocode u = s_macrocode s /\ s_afterArg u = true.
Proof.
  intros fuel o len pos body r w s Hp Hb Hd Hm Hf Ha Hs Hpc Ho Hc Hbody Hfuel. subst s.
  destruct fuel as [| f]; [lia |].
  cbn [scan_loop]. rewrite Hpc.
  rewrite (step_begin o len pos _ w Ho).
  set (we := emit K_BEGIN_GROUP 1 (in_math w) w).
  set (w1 := open_group pos we).
  cbn [skipn].
  assert (Se : w_s we = w_s w) by apply emit_s.
  destruct (open_body_fields pos we) as (O1 & O2 & O3 & O4 & O5 & O6 & O7 & O8);
    rewrite ?Se; auto.
  fold w1 in O1, O2, O3, O4, O5, O6, O7, O8.
  rewrite Se in O1, O2, O3, O4, O5, O6, O7, O8.
  assert (Hc1 : cat_of (w_s w1) 125 = CAT_END_GROUP).
  { rewrite (cat_of_ext (w_s w1) (w_s w) 125); [exact Hc | exact O4]. }
  assert (Hb1 : forallb (simple_unit (w_s w1)) body = true).
  { apply (simple_ext _ (w_s w)); [exact O4 | exact O5 | exact Hbody]. }
  assert (Hpc1 : w_pcat w1 = None).
  { subst w1. unfold open_group. destruct (_ <? MAX_DEPTH); [destruct (negb _ && _) |];
      cbn; unfold we; rewrite ?emit_pcat; exact Hpc. }
  destruct (scan_simple f o len (pos + 1) body r w1 Hc1 Hb1 Hpc1) as (f' & pos' & w' & Eq & Ag & Pc');
    [lia |].
  rewrite Eq. cbn [scan_loop]. rewrite Pc'.
  assert (Hc' : cat_of (w_s w') 125 = CAT_END_GROUP).
  { rewrite (cat_of_ext (w_s w') (w_s w1) 125); [exact Hc1 | apply Ag]. }
  rewrite (step_end o len pos' r w' Hc').
  eexists _, _, _. split; [reflexivity |].
  rewrite emit_s.
  destruct (body_group_restores pos we w') as (R1 & R2 & R3 & R4 & R5 & R6 & R7 & R8 & R9 & R10 & R11);
    rewrite ?Se; auto.
  rewrite Se in *. repeat split; assumption.
Qed.
