(** * A reset with deeper groups open restores the catcodes as their [}]s would

    README ("the paragraph rule for saved catcode frames"): a reset (a blank line, a recovery
    point, [\section], [\begin{document}], DocTeX's [macrocode]) closes every open group, and
    "every open brace group's saved catcodes are restored as its [}] would".  [paragraph_end]
    does it in one [close_saved 1]: it pops every saved frame of level 1 or more at once and
    writes their saved pairs back, innermost frame first.  [reset_closes_groups] proves that
    this is exactly what closing the [n] open groups one by one does, [n] the depth: the
    catcodes and the saved frames after [paragraph_end w] are those after [n] [close_group]s
    ([Nat.iter n close_group w]), for every working state whose saved frames are ordered
    ([LawOrder.frames_ordered]).  Each [}] at depth [d] pops the frames of level [d] and more;
    with the levels ordered these are the last ones, so the [n] pops together pop the same
    frames, in the same order, as the one pop of level 1 ([pop_twice]).

    [batch_reset_closes_groups] is the law for every line start of batch lexing (the raw
    [s_saved] strings equal, not only their frames, since both states are well formed) and
    [in_line_reset_closes_groups] for every working state between two steps of a line, where
    [\section] or [\begin{document}] may reset. *)

From Coq Require Import List PeanoNat Lia Sorted.
From LaTeXPerfectionist Require Import Codec LexBase LexArgs Lexer LawFacts Incremental ScanTrace
  LawWf LawOrder LawInLine.
Import ListNotations.

(** ** What a reset is compared on: the catcodes and the saved frames *)

Definition cats (s : state) : list catcode * list sframe := (s_catcodes s, decode_saved (s_saved s)).

(** The pairs [pop_from] restores, innermost frame first. *)
Definition pairs_of (l : list sframe) : list (nat * nat) :=
  flat_map (fun f => if sf_kind f =? FRAME_EXPL then [] else sf_pairs f) (rev l).

Definition restore (ps : list (nat * nat)) (cc : list catcode) : list catcode :=
  fold_left (fun cc '(c, k) => with_catcode cc c k) ps cc.

Lemma fold_write : forall ps s,
  s_catcodes (fold_left (fun s '(c, k) => write_catcode c k s) ps s) = restore ps (s_catcodes s)
  /\ s_saved (fold_left (fun s '(c, k) => write_catcode c k s) ps s) = s_saved s.
Proof.
  induction ps as [| [c k] ps IH]; intros s; [split; reflexivity |].
  cbn [fold_left]. destruct (IH (write_catcode c k s)) as [A B]. rewrite A, B. split; reflexivity.
Qed.

Lemma pop_cats : forall fs from s,
  cats (pop_saved fs from s) = (restore (pairs_of (skipn from fs)) (s_catcodes s), firstn from fs).
Proof.
  intros fs from s. unfold pop_saved, pop_from, cats. fold (pairs_of (skipn from fs)).
  destruct (fold_write (pairs_of (skipn from fs)) (set_saved (encode_saved (firstn from fs)) s)) as [A B].
  rewrite A, B. cbn [s_saved s_catcodes set_saved]. rewrite decode_encode_saved. reflexivity.
Qed.

Lemma close_saved_cats : forall l s,
  cats (close_saved l s)
  = (restore (pairs_of (skipn (first_at_level (snd (cats s)) l) (snd (cats s)))) (fst (cats s)),
     firstn (first_at_level (snd (cats s)) l) (snd (cats s))).
Proof. intros l s. apply pop_cats. Qed.

(** ** Popping twice is popping once *)

Lemma pairs_of_app : forall a b, pairs_of (a ++ b) = pairs_of b ++ pairs_of a.
Proof. intros a b. unfold pairs_of. rewrite rev_app_distr, flat_map_app. reflexivity. Qed.

Lemma restore_app : forall a b cc, restore (a ++ b) cc = restore b (restore a cc).
Proof. intros a b cc. unfold restore. apply fold_left_app. Qed.

Lemma pop_twice : forall fs a b cc, b <= a -> b <= length fs ->
  restore (pairs_of (skipn b (firstn a fs))) (restore (pairs_of (skipn a fs)) cc)
  = restore (pairs_of (skipn b fs)) cc
  /\ firstn b (firstn a fs) = firstn b fs.
Proof.
  intros fs a b cc Hba Hb. split.
  - rewrite <- restore_app, <- pairs_of_app. f_equal. f_equal.
    rewrite <- (firstn_skipn a fs) at 3. rewrite skipn_app.
    replace (b - length (firstn a fs)) with 0 by (rewrite firstn_length; lia). reflexivity.
  - rewrite firstn_firstn. f_equal. lia.
Qed.

(** ** [first_at_level] of the frames a [}] keeps *)

Lemma first_at_level_le_length : forall fs l, first_at_level fs l <= length fs.
Proof. intros fs l. unfold first_at_level. lia. Qed.

Lemma first_at_level_mono : forall fs l1 l2, l1 <= l2 -> first_at_level fs l1 <= first_at_level fs l2.
Proof.
  intros fs l1 l2 L. unfold first_at_level. induction fs as [| f fs IH] using rev_ind; [reflexivity |].
  rewrite !trailing_snoc, app_length. cbn [length].
  destruct (l2 <=? sf_level f) eqn:E2.
  - replace (l1 <=? sf_level f) with true by (symmetry; apply Nat.leb_le; apply Nat.leb_le in E2; lia).
    pose proof (trailing_le l1 fs). pose proof (trailing_le l2 fs). lia.
  - destruct (l1 <=? sf_level f); lia.
Qed.

Lemma first_at_level_firstn : forall fs l1 l2, l1 <= l2 ->
  first_at_level (firstn (first_at_level fs l2) fs) l1 = first_at_level fs l1.
Proof.
  intros fs l1 l2 L. induction fs as [| f fs IH] using rev_ind; [reflexivity |].
  unfold first_at_level at 2 3. rewrite !trailing_snoc, app_length. cbn [length].
  destruct (l2 <=? sf_level f) eqn:E2.
  - replace (l1 <=? sf_level f) with true by (symmetry; apply Nat.leb_le; apply Nat.leb_le in E2; lia).
    pose proof (trailing_le l1 fs). pose proof (trailing_le l2 fs).
    replace (length fs + 1 - S (trailing_at_least l2 fs)) with (first_at_level fs l2)
      by (unfold first_at_level; lia).
    rewrite firstn_app. replace (first_at_level fs l2 - length fs) with 0
      by (pose proof (first_at_level_le_length fs l2); lia).
    rewrite firstn_O, app_nil_r, IH. unfold first_at_level. lia.
  - rewrite Nat.sub_0_r, firstn_all2 by (rewrite app_length; cbn [length]; lia).
    unfold first_at_level. rewrite trailing_snoc, app_length. reflexivity.
Qed.

(** No frame at [l] or more: [first_at_level] pops nothing. *)
Lemma first_at_level_none : forall fs l, Forall (fun x => x < l) (lv fs) -> first_at_level fs l = length fs.
Proof.
  intros fs l H. unfold first_at_level. destruct fs as [| f fs'] using rev_ind; [reflexivity |].
  rewrite trailing_snoc. unfold lv in H. rewrite map_app in H. apply Forall_app in H as [_ H].
  inversion H as [| ? ? Hf _]. replace (l <=? sf_level f) with false by (symmetry; apply Nat.leb_gt; exact Hf).
  lia.
Qed.

(** ** What one [}] and the reset do to the catcodes and saved frames *)

Definition close_level (d : nat) (s : state) : state :=
  if saved_at_least d s then close_saved d s else s.

Lemma depth_close_level : forall d s, s_depth (close_level d s) = s_depth s.
Proof. intros d s. unfold close_level. destruct (saved_at_least d s); [apply depth_close_saved | reflexivity]. Qed.

Lemma close_group_cats : forall w, 0 < s_depth (w_s w) ->
  cats (w_s (close_group w)) = cats (close_level (s_depth (w_s w)) (w_s w))
  /\ s_depth (w_s (close_group w)) = s_depth (w_s w) - 1.
Proof.
  intros w H. unfold close_group. apply Nat.ltb_lt in H. rewrite H. cbv zeta.
  fold (close_level (s_depth (w_s w)) (w_s w)).
  pose proof (depth_close_level (s_depth (w_s w)) (w_s w)) as D.
  generalize dependent (close_level (s_depth (w_s w)) (w_s w)). intros s1 D.
  cbn [w_s set_pt after_arg upd].
  repeat match goal with
         | |- context [if ?b then _ else _] => destruct b
         | |- context [match ?x with [] => _ | _ :: _ => _ end] => destruct x
         end; cbn; rewrite ?D; split; reflexivity.
Qed.

Lemma paragraph_end_cats : forall w, cats (w_s (paragraph_end w)) = cats (close_level 1 (w_s w)).
Proof. intros w. reflexivity. Qed.

Lemma cats_close_saved_ext : forall l s t, cats s = cats t -> cats (close_saved l s) = cats (close_saved l t).
Proof. intros l s t E. rewrite !close_saved_cats, E. reflexivity. Qed.

(** Nothing at level [l] or more: [close_saved l] changes neither. *)
Lemma close_saved_nothing : forall l s, Forall (fun x => x < l) (lv (decode_saved (s_saved s))) ->
  cats (close_saved l s) = cats s.
Proof.
  intros l s H. rewrite close_saved_cats. cbn [cats fst snd].
  rewrite (first_at_level_none _ _ H), skipn_all, firstn_all. reflexivity.
Qed.

(** A [}] at depth [S m] followed by the reset is the reset. *)
Lemma close_level_then_reset : forall m s, frames_ordered s ->
  cats (close_saved 1 (close_level (S m) s)) = cats (close_saved 1 s).
Proof.
  intros m s H. unfold close_level. destruct (saved_at_least (S m) s); [| reflexivity].
  rewrite close_saved_cats, (close_saved_cats 1 s).
  rewrite (close_saved_cats (S m) s). cbn [fst snd].
  rewrite (first_at_level_firstn _ 1 (S m)) by lia.
  set (fs := decode_saved (s_saved s)).
  destruct (pop_twice fs (first_at_level fs (S m)) (first_at_level fs 1) (s_catcodes s))
    as [A B]; [apply first_at_level_mono; lia | apply first_at_level_le_length |].
  cbn [cats fst snd]. fold fs. rewrite A, B. reflexivity.
Qed.

(** ** [n] [}]s are the reset *)

Lemma iter_succ_inner : forall {A} n (f : A -> A) x, Nat.iter (S n) f x = Nat.iter n f (f x).
Proof.
  intros A n f x. induction n as [| n IH]; [reflexivity |].
  change (f (Nat.iter (S n) f x) = f (Nat.iter n f (f x))). rewrite IH. reflexivity.
Qed.

Lemma iter_close_groups : forall n w, s_depth (w_s w) = n -> frames_ordered (w_s w) ->
  cats (w_s (Nat.iter n close_group w)) = cats (close_saved 1 (w_s w)).
Proof.
  induction n as [| m IH]; intros w Hd Ho.
  - cbn [Nat.iter]. symmetry. apply close_saved_nothing.
    eapply Forall_impl; [| apply Ho]. intros x Hx. cbv beta in *. lia.
  - rewrite iter_succ_inner.
    assert (P : 0 < s_depth (w_s w)) by lia.
    destruct (close_group_cats w P) as [C D].
    assert (O1 : frames_ordered (w_s (close_group w))) by exact (o_close_group w Ho).
    rewrite (IH (close_group w)) by (try exact O1; lia).
    rewrite (cats_close_saved_ext 1 _ _ C), Hd. apply close_level_then_reset, Ho.
Qed.

(** ** The law *)

(** For every working state whose saved frames are ordered, the reset gives the catcodes and
    the saved frames that closing the [s_depth] open groups one by one gives. *)
Theorem reset_closes_groups : forall w, frames_ordered (w_s w) ->
  let u := w_s (paragraph_end w) in
  let v := w_s (Nat.iter (s_depth (w_s w)) close_group w) in
  s_catcodes u = s_catcodes v /\ decode_saved (s_saved u) = decode_saved (s_saved v).
Proof.
  intros w H u v.
  assert (E : cats u = cats v).
  { subst u v. rewrite paragraph_end_cats, iter_close_groups by (reflexivity || exact H).
    unfold close_level. destruct (saved_at_least 1 (w_s w)) eqn:A; [reflexivity |].
    symmetry. apply close_saved_nothing, (top_below 1); [apply H | exact A]. }
  injection E as E1 E2. split; assumption.
Qed.

(** ** Raw saved strings: equal when both states are well formed *)

Lemma iter_close_winv : forall n w, winv w -> winv (Nat.iter n close_group w).
Proof. induction n as [| n IH]; intros w H; [exact H | apply w_close_group, IH, H]. Qed.

Lemma saved_raw : forall a b, reach_ok a -> reach_ok b ->
  decode_saved (s_saved a) = decode_saved (s_saved b) -> s_saved a = s_saved b.
Proof.
  intros a b Ha Hb E.
  rewrite (proj1 (saved_fs _ (ok_saved _ Ha))), (proj1 (saved_fs _ (ok_saved _ Hb))), E. reflexivity.
Qed.

Lemma reset_closes_groups_raw : forall w, frames_ordered (w_s w) -> winv w ->
  let u := w_s (paragraph_end w) in
  let v := w_s (Nat.iter (s_depth (w_s w)) close_group w) in
  s_catcodes u = s_catcodes v /\ s_saved u = s_saved v.
Proof.
  intros w Ho Hw u v. destruct (reset_closes_groups w Ho) as [A B]. split; [exact A |].
  apply saved_raw; [apply winv_s, w_paragraph_end, Hw | apply winv_s, iter_close_winv, Hw | exact B].
Qed.

(** ** Every state between two steps of a line of code units is well formed *)

Lemma w_before_step : forall pos w, winv w -> winv (before_step pos w).
Proof. intros pos w H. unfold before_step. repeat dmatch; try apply w_apply_pending_cat; exact H. Qed.

Lemma w_line_start : forall o s line w p, reach_ok s -> units_ok line ->
  line_start o s line = (w, p) -> winv w.
Proof.
  intros o s line w p Hs Hl. unfold line_start.
  assert (W0 : winv (start_of s)) by (split; [exact Hs | exact I]).
  repeat dmatch; intros Ew;
    first [ exact (w_doc_line_start _ _ _ _ Ew W0 Hl) | exact (w_continued_options _ _ _ _ Ew W0 Hl)
          | exact (w_verbatim_body _ _ _ _ Ew W0 Hl)
          | apply pair_inj in Ew as [<- <-]; try apply w_paragraph_end; exact W0 ].
Qed.

Lemma between_winv : forall P o len pos rest w pos' rest' w',
  between P o len pos rest w pos' rest' w' -> winv w -> units_ok rest -> winv w'.
Proof.
  intros P o len pos rest w pos' rest' w' B.
  induction B as [| pos x xs w v k pos' rest' w' S G B IH]; intros Hw Hr; [exact Hw |].
  apply IH; [eapply w_step; [exact S | apply w_before_step, Hw | exact Hr] | apply units_skipn, Hr].
Qed.

Lemma in_line_winv : forall o s line w, reach_ok s -> units_ok line -> in_line o s line w -> winv w.
Proof.
  intros o s line w Hs Hl (w1 & pos & pos' & rest' & E & B).
  exact (between_winv _ _ _ _ _ _ _ _ _ B (w_line_start _ _ _ _ _ Hs Hl E) (units_skipn _ _ Hl)).
Qed.

(** ** The laws users rely on *)

(** At every line start of batch lexing, under any options, for any document: a reset there
    (a blank line, or a recovery point at the line's start) gives the catcodes and the saved
    frames that [s_depth] [}]s would give; for a document of code units, the very same
    [s_saved] string. *)
Theorem batch_reset_closes_groups : forall (o : options) (d : list ustring) i,
  let s := batch_state_at state ustring (list token) (lex_line o) (initial_state o) d i in
  let u := w_s (paragraph_end (start_of s)) in
  let v := w_s (Nat.iter (s_depth s) close_group (start_of s)) in
  s_catcodes u = s_catcodes v /\ decode_saved (s_saved u) = decode_saved (s_saved v)
  /\ (Forall units_ok d -> s_saved u = s_saved v).
Proof.
  intros o d i s u v. pose proof (proj1 (batch_frames_ordered o d) i) as H. fold s in H.
  destruct (reset_closes_groups (start_of s) H) as [A B]. split; [exact A | split; [exact B |]].
  intros Hd. apply (reset_closes_groups_raw (start_of s) H).
  split; [apply (proj1 (proj1 (batch_states_wf o d Hd) i)) | exact I].
Qed.

(** At every working state between two steps of any line of batch lexing ([\section],
    [\begin{document}] or DocTeX's [macrocode] reset there): the same. *)
Theorem in_line_reset_closes_groups : forall (o : options) (d : list ustring) i w,
  batch_in_line o (initial_state o) d i w ->
  let u := w_s (paragraph_end w) in
  let v := w_s (Nat.iter (s_depth (w_s w)) close_group w) in
  s_catcodes u = s_catcodes v /\ decode_saved (s_saved u) = decode_saved (s_saved v)
  /\ (Forall units_ok d -> s_saved u = s_saved v).
Proof.
  intros o d i w Hb u v. pose proof (proj1 (in_line_reset_keeps_depth0 o d i w Hb)) as H.
  destruct (reset_closes_groups w H) as [A B]. split; [exact A | split; [exact B |]].
  intros Hd. apply (reset_closes_groups_raw w H). destruct Hb as [Hi Hl].
  refine (in_line_winv _ _ _ _ _ _ Hl).
  - apply (proj1 (proj1 (batch_states_wf o d Hd) i)).
  - apply (proj1 (Forall_forall _ _) Hd), nth_In, Hi.
Qed.
