(** * Facts about the scanner's building blocks, shared by the laws

    What the laws' proofs need of [Lexer.v] beyond its definitions: the lengths of the tokens
    emitted so far ([lens], [total], [all_pos]) and which functions leave them alone; the
    tail-recursive list helpers equal the standard ones ([size_length], [take_firstn]); how far
    each parser reads ([decode_char_le], [index_of_some], [simple_group_end_some], ...); and
    the tactics that destruct a function's [match]es ([dmatch]) and clean up what that leaves
    ([subst_pairs], [facts]).  [LawLossless.v] exports it; [LawWf.v] and [LawOrder.v] need only
    this, so they build beside [LawLossless.v]. *)

From Coq Require Import List PeanoNat Lia.
From LaTeXPerfectionist Require Import Codec LexBase LexArgs Lexer.
Import ListNotations.

(** ** Emitted lengths *)

(** The lengths of the tokens emitted so far, the last one first. *)
Definition lens (w : work) : list nat := map t_length (w_out w).

Definition total (l : list nat) : nat := fold_right Nat.add 0 l.

Definition all_pos (l : list nat) : Prop := Forall (fun n => 1 <= n) l.

Definition cons_pos (n : nat) (l : list nat) : list nat := if n =? 0 then l else n :: l.

Lemma total_cons_pos : forall n l, total (cons_pos n l) = n + total l.
Proof. intros [| n] l; reflexivity. Qed.

Lemma all_pos_cons_pos : forall n l, all_pos l -> all_pos (cons_pos n l).
Proof. intros [| n] l H; simpl; [exact H | constructor; [lia | exact H]]. Qed.

Lemma lens_emit : forall k n m w, lens (emit k n m w) = cons_pos n (lens w).
Proof. intros k [| n] m w; reflexivity. Qed.

Lemma lens_mark_last_math : forall w, lens (mark_last_math w) = lens w.
Proof. intros [s pt pm arm pcat [| t l]]; reflexivity. Qed.

(** [match]es in the goal, innermost first, destructed with an equation. *)
Ltac dmatch :=
  match goal with
  | |- context [match ?x with _ => _ end] =>
      lazymatch x with
      | context [match _ with _ => _ end] => fail
      | _ => let E := fresh "E" in destruct x eqn:E
      end
  | H : context [match ?x with _ => _ end] |- _ =>
      lazymatch x with
      | context [match _ with _ => _ end] => fail
      | _ => let E := fresh "E" in destruct x eqn:E
      end
  end.

(** Functions that emit nothing. *)
Ltac quiet_tac := intros; unfold lens; repeat (cbn [w_out upd set_pt set_pm set_arm set_pcat after_arg]; try dmatch); reflexivity.

Lemma lens_upd : forall f w, lens (upd f w) = lens w. Proof. reflexivity. Qed.
Lemma lens_set_pt : forall b w, lens (set_pt b w) = lens w. Proof. reflexivity. Qed.
Lemma lens_set_pm : forall b w, lens (set_pm b w) = lens w. Proof. reflexivity. Qed.
Lemma lens_set_arm : forall a w, lens (set_arm a w) = lens w. Proof. reflexivity. Qed.
Lemma lens_set_pcat : forall p w, lens (set_pcat p w) = lens w. Proof. reflexivity. Qed.
Lemma lens_after_arg : forall b w, lens (after_arg b w) = lens w. Proof. reflexivity. Qed.
Lemma lens_open_group : forall p w, lens (open_group p w) = lens w.
Proof. unfold open_group. quiet_tac. Qed.
Lemma lens_close_group : forall w, lens (close_group w) = lens w.
Proof. unfold close_group. quiet_tac. Qed.
Lemma lens_paragraph_end : forall w, lens (paragraph_end w) = lens w.
Proof. unfold paragraph_end. quiet_tac. Qed.
Lemma lens_apply_pending_cat : forall w, lens (apply_pending_cat w) = lens w.
Proof. unfold apply_pending_cat. quiet_tac. Qed.
Lemma lens_control_symbol : forall n c w, lens (control_symbol n c w) = cons_pos n (lens w).
Proof. intros. unfold control_symbol. repeat dmatch; rewrite lens_after_arg, lens_emit; reflexivity. Qed.

Ltac rw_lens :=
  repeat (rewrite ?lens_emit, ?lens_mark_last_math, ?lens_upd, ?lens_set_pt, ?lens_set_pm,
            ?lens_set_arm, ?lens_set_pcat, ?lens_after_arg, ?lens_open_group, ?lens_close_group,
            ?lens_paragraph_end, ?lens_apply_pending_cat, ?lens_control_symbol,
            ?total_cons_pos).

(** ** Facts about the argument parsers: how far they read *)

Lemma size_length : forall (A : Type) (l : list A), size l = length l.
Proof.
  intros A l. unfold size. change (length l) with (0 + length l). generalize 0.
  induction l as [| x l IH]; intros n; cbn [size_acc length]; [lia | rewrite IH; lia].
Qed.

Lemma take_firstn : forall (A : Type) n (l : list A), take n l = firstn n l.
Proof.
  intros A n l. unfold take.
  assert (G : forall m l' (acc : list A), take_acc m l' acc = rev acc ++ firstn m l').
  { intros m. induction m as [| m IH]; intros [| x l0] acc; cbn [take_acc firstn];
      rewrite ?app_nil_r; try (symmetry; apply rev_alt).
    rewrite IH. cbn [rev]. rewrite <- app_assoc. reflexivity. }
  rewrite G. reflexivity.
Qed.

Lemma span_acc_le : forall f n l, span_acc f n l <= n + length l.
Proof.
  intros f n l; revert n; induction l as [| x l IH]; intros n; cbn [span_acc length];
    [lia | destruct (f x); [specialize (IH (S n)); lia | lia]].
Qed.

Lemma span_le : forall f l, span f l <= length l.
Proof. intros f l. apply span_acc_le. Qed.

Lemma skip_spaces_le : forall s r, skip_spaces s r <= length r.
Proof. intros. apply span_le. Qed.

Lemma hat_char_le : forall {r h l}, hat_char r = Some (h, l) -> 3 <= l <= length r.
Proof.
  intros r h l H. unfold hat_char in H.
  destruct r as [| c [| c2 [| c3 r']]]; try discriminate.
  repeat dmatch; try discriminate; injection H as _ <-; simpl; lia.
Qed.

Lemma decode_char_le : forall {s r c k l}, decode_char s r = Some (c, k, l) -> 1 <= l <= length r.
Proof.
  intros s r c k l H. unfold decode_char in H. destruct r as [| c0 r']; [discriminate |].
  repeat dmatch; injection H as _ _ <-; try (simpl; lia).
  apply hat_char_le in E0. lia.
Qed.

Lemma prefixb_le : forall p l, prefixb p l = true -> length p <= length l.
Proof.
  induction p as [| x p IH]; intros [| y l] H; simpl in *; try discriminate; [lia | lia |].
  apply andb_prop in H as [_ H]. apply IH in H. lia.
Qed.

Lemma index_of_acc_some : forall p l i j, index_of_acc p i l = Some j -> j + length p <= i + length l.
Proof.
  intros p l. induction l as [| x l IH]; intros i j H; cbn [index_of_acc] in H.
  - destruct (prefixb p []) eqn:P; [injection H as <-; apply prefixb_le in P; cbn [length] in *; lia | discriminate].
  - destruct (prefixb p (x :: l)) eqn:P.
    + injection H as <-. apply prefixb_le in P. lia.
    + apply IH in H. cbn [length]. lia.
Qed.

Lemma index_of_some : forall {p l i}, index_of p l = Some i -> i + length p <= length l.
Proof. intros p l i H. apply index_of_acc_some in H. lia. Qed.

Lemma sge_loop_some : forall s l i j, sge_loop s i l = Some j -> i <= j < i + length l /\ j <> 1.
Proof.
  intros s l. induction l as [| d l IH]; intros i j H; simpl in H; [discriminate |].
  repeat dmatch; try discriminate.
  - injection H as <-. apply Bool.andb_true_iff in E0 as [_ E0]. apply Bool.negb_true_iff in E0.
    apply Nat.eqb_neq in E0. simpl. lia.
  - apply IH in H. simpl. lia.
Qed.

Lemma simple_group_end_some : forall {s l c}, simple_group_end s l = Some c -> 2 <= c < length l.
Proof.
  intros s l c H. unfold simple_group_end in H. destruct l as [| x l]; [discriminate |].
  destruct (cat_of s x =? CAT_BEGIN_GROUP); [| discriminate].
  apply sge_loop_some in H. simpl. lia.
Qed.

Lemma bal_loop_some : forall l d i j, bal_loop d i l = Some j -> i <= j < i + length l.
Proof.
  induction l as [| c l IH]; intros d i j H; simpl in H; [discriminate |].
  repeat dmatch; try (apply IH in H; simpl; lia). injection H as <-. simpl. lia.
Qed.

Lemma balanced_end_some : forall {l c}, balanced_end l = Some c -> 1 <= c < length l.
Proof.
  intros l c H. unfold balanced_end in H. destruct l as [| x l]; [discriminate |].
  destruct (x =? 123); [| discriminate]. apply bal_loop_some in H. simpl. lia.
Qed.

Lemma bracket_loop_some : forall l o c i j, bracket_loop o c i l = Some j -> i <= j < i + length l.
Proof.
  induction l as [| x l IH]; intros o c i j H; simpl in H; [discriminate |].
  repeat dmatch; try (apply IH in H; simpl; lia). injection H as <-. simpl. lia.
Qed.

Lemma bracket_end_some : forall {l b}, bracket_end l = Some b -> 1 <= b < length l.
Proof.
  intros l b H. unfold bracket_end in H. destruct l as [| x l]; [discriminate |].
  destruct (x =? 91); [| discriminate]. apply bracket_loop_some in H. simpl. lia.
Qed.

Lemma cont_loop_some : forall l d i j, cont_loop d i l = Some j -> i <= j < i + length l.
Proof.
  induction l as [| x l IH]; intros d i j H; simpl in H; [discriminate |].
  repeat dmatch; try (apply IH in H; simpl; lia). injection H as <-. simpl. lia.
Qed.

Lemma continued_options_end_some : forall {l c}, continued_options_end l = Some c -> c < length l.
Proof. intros l c H. apply cont_loop_some in H. lia. Qed.

Lemma unit_at_some : forall {i l c}, unit_at i l = Some c -> i < length l.
Proof. intros i l c H. apply nth_error_Some. unfold unit_at in H. rewrite H. discriminate. Qed.

Lemma is_unit_true : forall {i l c}, is_unit i l c = true -> i < length l.
Proof.
  intros i l c H. unfold is_unit in H. destruct (nth_error l i) eqn:E; [| discriminate].
  apply nth_error_Some. rewrite E. discriminate.
Qed.

(** Equations between pairs and options, as [dmatch] leaves them. *)
Lemma pair_inj : forall (A B : Type) (a c : A) (b d : B), (a, b) = (c, d) -> a = c /\ b = d.
Proof. intros A B a c b d H. injection H. auto. Qed.

Lemma some_inj : forall (A : Type) (a b : A), Some a = Some b -> a = b.
Proof. intros A a b H. injection H. auto. Qed.

(* No [injection] here: it would also reduce the terms it keeps. *)
Ltac subst_pairs :=
  repeat match goal with
  | E : ?p = (_, _) |- _ => is_var p; subst p
  | E : ?p = Some _ |- _ => is_var p; subst p
  | E : (_, _) = (_, _) |- _ => apply pair_inj in E; destruct E as [? ?]; subst
  | E : Some _ = Some _ |- _ => apply some_inj in E; subst
  end.

Lemma word_letters_le : forall f s l n acc k nm, word_letters f s l n acc = (k, nm) -> k <= n + length l.
Proof.
  induction f as [| f IH]; intros s l n acc k nm H; cbn [word_letters] in H;
    [apply pair_inj in H as [<- _]; lia |].
  destruct l as [| e l']; [apply pair_inj in H as [<- _]; lia |].
  repeat dmatch; subst_pairs; cbn [length]; try lia.
  - apply IH in H. lia.
  - match goal with E : hat_char _ = _ |- _ => apply hat_char_le in E end.
    apply IH in H. rewrite skipn_length in *. cbn [length] in *. lia.
Qed.

Lemma text_more_le : forall f s l lim acc, text_more f s l lim acc <= acc + length l.
Proof.
  induction f as [| f IH]; intros s l lim acc; cbn [text_more]; [lia |].
  destruct l as [| d l']; [cbn [length]; lia |].
  repeat dmatch; subst_pairs; cbn [length]; try lia; try (specialize (IH s l' (lim - 1) (S acc)); lia).
  match goal with E : hat_char _ = Some (_, ?n) |- _ =>
    apply hat_char_le in E; specialize (IH s (skipn n (d :: l')) (lim - n) (n + acc)) end.
  rewrite skipn_length in IH. cbn [length] in *. lia.
Qed.

(** The parsers' facts, added for every call the goal's [match]es destructed. *)
Ltac facts :=
  subst_pairs;
  repeat match goal with
  | E : hat_char _ = Some (_, _) |- _ => apply hat_char_le in E
  | E : decode_char _ _ = Some (_, _, _) |- _ => apply decode_char_le in E
  | E : index_of _ _ = Some _ |- _ => apply index_of_some in E
  | E : simple_group_end _ _ = Some _ |- _ => apply simple_group_end_some in E
  | E : balanced_end _ = Some _ |- _ => apply balanced_end_some in E
  | E : bracket_end _ = Some _ |- _ => apply bracket_end_some in E
  | E : continued_options_end _ = Some _ |- _ => apply continued_options_end_some in E
  | E : unit_at _ _ = Some _ |- _ => apply unit_at_some in E
  | E : is_unit _ _ _ = true |- _ => apply is_unit_true in E
  | E : word_letters _ _ _ _ _ = (_, _) |- _ => apply word_letters_le in E
  | |- context [span ?f ?l] =>
      lazymatch goal with _ : span f l <= _ |- _ => fail | _ => pose proof (span_le f l) end
  | |- context [skip_spaces ?s ?l] =>
      lazymatch goal with _ : skip_spaces s l <= _ |- _ => fail | _ => pose proof (skip_spaces_le s l) end
  | |- context [text_more ?f ?s ?l ?m ?a] =>
      lazymatch goal with _ : text_more f s l m a <= _ |- _ => fail | _ => pose proof (text_more_le f s l m a) end
  | H : context [span ?f ?l] |- _ =>
      lazymatch goal with _ : span f l <= _ |- _ => fail | _ => pose proof (span_le f l) end
  | H : context [skip_spaces ?s ?l] |- _ =>
      lazymatch goal with _ : skip_spaces s l <= _ |- _ => fail | _ => pose proof (skip_spaces_le s l) end
  end;
  repeat (rewrite skipn_length in * || rewrite firstn_length in * || rewrite app_length in *
          || rewrite size_length in * || rewrite take_firstn in * || rewrite map_length in *);
  cbn [length] in *.

Lemma short_verb_argument_le : forall {s r bare c e}, short_verb_argument s r bare = Some (c, e) -> e <= length r.
Proof.
  intros s r bare c e H. unfold short_verb_argument in H.
  repeat (dmatch; try discriminate); facts; lia.
Qed.

(** Boolean tests as propositions, for [lia]. *)
Ltac bools :=
  repeat match goal with
  | E : (_ && _) = true |- _ => apply andb_prop in E; destruct E as [? ?]
  | E : (_ || _) = false |- _ => apply Bool.orb_false_iff in E; destruct E as [? ?]
  | E : negb _ = true |- _ => apply Bool.negb_true_iff in E
  | E : negb _ = false |- _ => apply Bool.negb_false_iff in E
  | E : (_ =? _) = true |- _ => apply Nat.eqb_eq in E
  | E : (_ =? _) = false |- _ => apply Nat.eqb_neq in E
  | E : (_ <=? _) = true |- _ => apply Nat.leb_le in E
  | E : (_ <=? _) = false |- _ => apply Nat.leb_gt in E
  | E : (_ <? _) = true |- _ => apply Nat.ltb_lt in E
  | E : (_ <? _) = false |- _ => apply Nat.ltb_ge in E
  | E : false = true |- _ => discriminate E
  | E : true = false |- _ => discriminate E
  end.

(** Only (in)equations of numbers are kept for [lia]. *)
Ltac arith :=
  repeat match goal with
  | H : ?P |- _ =>
      lazymatch P with
      | _ <= _ => fail | _ < _ => fail | @eq nat _ _ => fail | ~ @eq nat _ _ => fail
      | _ /\ _ => fail
      | _ => clear H
      end
  end; lia.
