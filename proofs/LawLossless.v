(** * Lossless: the tokens of a line cover it exactly

    [lossless]: for every options, start state and line, every token [lex_line] gives is at
    least one code unit long, and their lengths add up to the line's length, so their texts
    concatenate to the line.

    The proof is by the scanner's building blocks, not by unfolding [lex_line]: [emit] adds
    a token of [n] units only when [n] is not 0; every other function leaves the emitted
    lengths as they are ([quiet]); and each function that consumes units of the line
    ([step], [environment], [verbatim_body], ...) emits exactly as many as it consumes, and
    consumes no more than are left ([ok]).  Each of those facts is proved by destructing
    the function's [match]es generically, using the facts of the functions it calls. *)

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

(** ** Each consuming function emits what it consumes *)

(** [w'] and [k] are what a function returned from [w] on the text [r]: it emitted tokens
    of [k] units in all, no more than [r] holds, and none of length 0. *)
Definition ok (r : list nat) (w w' : work) (k : nat) : Prop :=
  total (lens w') = total (lens w) + k /\ k <= length r /\ (all_pos (lens w) -> all_pos (lens w')).

Lemma inert_step_le : forall {s c r k n}, inert_step s c r = (k, n) -> 1 <= n <= S (length r).
Proof.
  intros s c r k n H. unfold inert_step in H. cbv zeta in H.
  repeat (dmatch; try discriminate); facts; cbn [length] in *; lia.
Qed.

Lemma emit_inert_fuel : forall f seg m w, length seg <= f ->
  total (lens (inert_fuel f seg m w)) = total (lens w) + length seg
  /\ (all_pos (lens w) -> all_pos (lens (inert_fuel f seg m w))).
Proof.
  induction f as [| f IH]; intros seg m w Hf.
  - destruct seg; cbn [length] in *; [cbn; split; [lia | auto] | lia].
  - destruct seg as [| c r]; [cbn; split; [lia | auto] |].
    cbn [inert_fuel]. destruct (inert_step (w_s w) c r) as [k n] eqn:E.
    apply inert_step_le in E.
    destruct (IH (skipn n (c :: r)) m (emit k n m w)) as [H1 H2];
      [rewrite skipn_length; cbn [length] in *; lia |].
    rewrite H1, lens_emit, total_cons_pos, skipn_length. cbn [length] in *.
    split; [lia | intros P; apply H2; rewrite lens_emit; apply all_pos_cons_pos, P].
Qed.

Lemma total_emit_inert : forall seg m w,
  total (lens (emit_inert seg m w)) = total (lens w) + length seg.
Proof. intros. unfold emit_inert. rewrite size_length. apply emit_inert_fuel. apply le_n. Qed.

Lemma pos_emit_inert : forall seg m w, all_pos (lens w) -> all_pos (lens (emit_inert seg m w)).
Proof. intros. unfold emit_inert. rewrite size_length. apply emit_inert_fuel; [apply le_n | assumption]. Qed.

Lemma doc_line_of_nonempty : forall {t m k}, doc_line_of t m = k -> k <> DocCode -> 1 <= length t.
Proof. intros t m k H Hk. destruct t; cbn [length]; [| lia]. cbn in H. subst. contradiction. Qed.

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

(* In the goal only (rewriting in every hypothesis of every branch is slow): the hypotheses
   that mention emitted lengths are moved into the goal first. *)
Ltac rw_all :=
  repeat match goal with H : context [lens _] |- _ => revert H end;
  repeat (rw_lens; rewrite ?total_emit_inert);
  intros.

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

Ltac pos_tac :=
  intros;
  repeat match goal with H : ?a -> ?a |- _ => clear H end;
  repeat first [ assumption | progress rw_lens | apply all_pos_cons_pos | apply pos_emit_inert
               | match goal with H : _ -> all_pos ?y |- all_pos ?y => apply H end ].

(** Destructs every [match], adds the facts of the calls it destructed (through [spec]),
    and proves the three parts of [ok]. *)
Ltac ok_tac spec :=
  intros; cbv zeta in *; repeat (dmatch; try discriminate; cbv zeta in *);
  facts; repeat spec; bools;
  repeat match goal with
  | E : skipn _ _ = _ |- _ => apply (f_equal (@length nat)) in E
  | E : doc_line_of _ _ = ?k |- _ =>
      lazymatch k with DocCode => fail | _ => apply doc_line_of_nonempty in E; [| discriminate] end
  | E : ok _ _ _ _ |- _ => destruct E as (? & ? & ?)
  end;
  unfold ok, slice_name in *; rw_all; facts; cbn [u] in *; rewrite ?map_length in *;
  cbn [length app] in *;
  (split; [arith | split; [arith | pos_tac]]).

Ltac no_spec := fail.

Lemma math_shift_ok : forall r clen w w' k, 1 <= clen <= length r ->
  math_shift r clen w = (w', k) -> ok r w w' k.
Proof. intros r clen w w' k Hc H. unfold math_shift in H. ok_tac no_spec. Qed.

(** An induction hypothesis of the shape of [ok], applied to the recursive call. *)
Ltac spec_ih :=
  idtac; match goal with
  | IH : forall r w w' k, ?f r w = (w', k) -> ok r w w' k, E : ?f _ _ = (_, _) |- _ => apply IH in E
  end.

Lemma verbatim_arguments_fuel_ok : forall f r w w' k,
  verbatim_arguments_fuel f r w = (w', k) -> ok r w w' k.
Proof.
  induction f as [| f IH]; intros r w w' k H; cbn [verbatim_arguments_fuel] in H.
  - ok_tac no_spec.
  - ok_tac spec_ih.
Qed.

Lemma verbatim_arguments_ok : forall r w w' k, verbatim_arguments r w = (w', k) -> ok r w w' k.
Proof. intros r w w' k H. exact (verbatim_arguments_fuel_ok _ _ _ _ _ H). Qed.

Lemma verbatim_body_ok : forall r w w' k, verbatim_body r w = (w', k) -> ok r w w' k.
Proof. intros r w w' k H. unfold verbatim_body in H. ok_tac no_spec. Qed.

Ltac spec_verbatim :=
  idtac; match goal with
  | E : verbatim_arguments _ _ = (_, _) |- _ => apply verbatim_arguments_ok in E
  | E : verbatim_body _ _ = (_, _) |- _ => apply verbatim_body_ok in E
  end.

Lemma continued_options_ok : forall t w w' k, continued_options t w = (w', k) -> ok t w w' k.
Proof. intros t w w' k H. unfold continued_options in H. ok_tac spec_verbatim. Qed.

Lemma environment_ok : forall o b r w w' k, environment o b r w = (w', k) -> ok r w w' k.
Proof. intros o b r w w' k H. unfold environment in H. ok_tac spec_verbatim. Qed.

Lemma inline_verbatim_ok : forall f r w w' k, inline_verbatim f r w = (w', k) -> ok r w w' k.
Proof. intros f r w w' k H. unfold inline_verbatim in H. ok_tac no_spec. Qed.

Lemma short_verbatim_ok : forall r w w' k, short_verbatim r w = (w', k) -> ok r w w' k.
Proof. intros r w w' k H. unfold short_verbatim in H. ok_tac no_spec. Qed.

Lemma short_verb_command_ok : forall m b r w w' k, short_verb_command m b r w = (w', k) -> ok r w w' k.
Proof.
  intros m b r w w' k H. unfold short_verb_command in H.
  ok_tac ltac:(idtac; match goal with E : short_verb_argument _ _ _ = Some (_, _) |- _ =>
                 apply short_verb_argument_le in E end).
Qed.

Ltac spec_args :=
  idtac; match goal with
  | E : verbatim_arguments _ _ = (_, _) |- _ => apply verbatim_arguments_ok in E
  | E : verbatim_body _ _ = (_, _) |- _ => apply verbatim_body_ok in E
  | E : continued_options _ _ = (_, _) |- _ => apply continued_options_ok in E
  | E : environment _ _ _ _ = (_, _) |- _ => apply environment_ok in E
  | E : inline_verbatim _ _ _ = (_, _) |- _ => apply inline_verbatim_ok in E
  | E : short_verbatim _ _ = (_, _) |- _ => apply short_verbatim_ok in E
  | E : short_verb_command _ _ _ _ = (_, _) |- _ => apply short_verb_command_ok in E
  end.

(** [control_word] emits the control word's [n] units, then what it consumes after it. *)
Lemma control_word_ok : forall o name n r pos w w' k,
  control_word o name n r pos w = (w', k) ->
  total (lens w') = total (lens w) + (n + k) /\ k <= length r
  /\ (all_pos (lens w) -> all_pos (lens w')).
Proof. intros o name n r pos w w' k H. unfold control_word in H. ok_tac spec_args. Qed.

Lemma control_sequence_ok : forall o len pos rest clen w w' k, 1 <= clen <= length rest ->
  control_sequence o len pos rest clen w = (w', k) -> ok rest w w' k.
Proof.
  intros o len pos rest clen w w' k Hc H. unfold control_sequence in H.
  ok_tac ltac:(idtac; match goal with E : control_word _ _ _ _ _ _ = (_, _) |- _ =>
                 apply control_word_ok in E; destruct E as (? & ? & ?) end).
Qed.

(** Lower bounds of what is consumed. *)
Ltac lower_tac := intros; cbv zeta in *; repeat (dmatch; try discriminate; cbv zeta in * ); subst_pairs; facts; bools; lia.

Lemma control_sequence_ge : forall o len pos rest clen w w' k,
  control_sequence o len pos rest clen w = (w', k) -> clen <= k.
Proof. intros o len pos rest clen w w' k H. unfold control_sequence in H. lower_tac. Qed.

Lemma math_shift_ge : forall r clen w w' k, math_shift r clen w = (w', k) -> clen <= k.
Proof. intros r clen w w' k H. unfold math_shift in H. lower_tac. Qed.

Lemma short_verbatim_ge : forall r w w' k, r <> [] -> short_verbatim r w = (w', k) -> 1 <= k.
Proof.
  intros r w w' k Hr H. unfold short_verbatim in H. destruct r; [contradiction |]. lower_tac.
Qed.

Ltac spec_step :=
  idtac; match goal with
  | E : control_sequence _ _ _ _ _ _ = (_, _) |- _ =>
      pose proof (control_sequence_ge _ _ _ _ _ _ _ _ E); apply control_sequence_ok in E; [| lia]
  | E : math_shift _ _ _ = (_, _) |- _ =>
      pose proof (math_shift_ge _ _ _ _ _ E); apply math_shift_ok in E; [| lia]
  | E : short_verbatim _ _ = (_, _) |- _ => apply short_verbatim_ok in E
  end.

(** One step on a non-empty rest of the line consumes at least one unit. *)
Lemma step_ok : forall o len pos rest w w' k, rest <> [] ->
  step o len pos rest w = (w', k) -> ok rest w w' k /\ 1 <= k.
Proof.
  intros o len pos rest w w' k Hr H. unfold step in H.
  destruct (decode_char (w_s w) rest) as [[[c cat] clen] |] eqn:D.
  2: destruct rest; [contradiction |]; unfold decode_char in D; repeat dmatch; discriminate.
  pose proof (decode_char_le D) as Dl. clear D.
  assert (1 <= k).
  { cbv zeta in H. repeat (dmatch; try discriminate; cbv zeta in * ); subst_pairs;
    repeat match goal with
    | E : control_sequence _ _ _ _ _ _ = (_, _) |- _ => apply control_sequence_ge in E
    | E : math_shift _ _ _ = (_, _) |- _ => apply math_shift_ge in E
    | E : short_verbatim _ _ = (_, _) |- _ => apply short_verbatim_ge in E; [| assumption]
    end; facts; lia. }
  split; [| assumption]. ok_tac spec_step.
Qed.

(** ** The loop and the line *)

Lemma scan_loop_ok : forall f o len pos rest w, length rest <= f ->
  let w' := scan_loop f o len pos rest w in
  total (lens w') = total (lens w) + length rest /\ (all_pos (lens w) -> all_pos (lens w')).
Proof.
  induction f as [| f IH]; intros o len pos rest w Hf; cbn zeta.
  - destruct rest; cbn [length] in Hf; [| lia]. cbn. split; [lia | auto].
  - destruct rest as [| x rest']; [cbn; split; [lia | auto] |].
    cbn [scan_loop].
    set (w1 := match w_pcat w with
               | Some (pp, _, _) => if pp <=? pos then apply_pending_cat w else w
               | None => w end).
    assert (L1 : lens w1 = lens w) by (subst w1; repeat dmatch; rw_lens; reflexivity).
    destruct (step o len pos (x :: rest') w1) as [w2 k] eqn:S.
    apply step_ok in S as [(S1 & S2 & S3) Sk]; [| discriminate].
    destruct (IH o len (pos + k) (skipn k (x :: rest')) w2) as [I1 I2];
      [rewrite skipn_length; cbn [length] in *; lia |].
    rewrite I1, S1, L1, skipn_length. cbn [length] in *.
    split; [lia | intros P; apply I2, S3; rewrite L1; exact P].
Qed.

Lemma doc_line_start_ok : forall t w w' k, doc_line_start t w = (w', k) -> ok t w w' k.
Proof. intros t w w' k H. unfold doc_line_start in H. ok_tac spec_args. Qed.

Lemma total_rev : forall l, total (rev l) = total l.
Proof.
  induction l as [| x l IH]; [reflexivity |]. cbn [rev].
  unfold total in *. rewrite fold_right_app. cbn. rewrite <- IH.
  generalize (rev l). intros l'. induction l' as [| y l' IH']; cbn; [lia | rewrite IH'; lia].
Qed.

(** For every options, start state and line: every token is at least one code unit long,
    and the tokens' lengths add up to the line's length, so that their texts, one after
    the other, are the line. *)
Theorem lossless :
  forall (o : options) (s : state) (line : ustring),
    Forall (fun t => 1 <= t_length t) (fst (lex_line o s line))
    /\ fold_right (fun t n => t_length t + n) 0 (fst (lex_line o s line)) = length line.
Proof.
  intros o s line. unfold lex_line. rewrite size_length.
  set (w0 := mkWork s false false None None []).
  assert (P0 : all_pos (lens w0)) by constructor.
  assert (T0 : total (lens w0) = 0) by reflexivity.
  destruct (if o_docTeX o then doc_line_start line w0
            else if mode_eqb (s_mode s) Verbatim then
              (if s_verbOpts s then continued_options line w0 else verbatim_body line w0)
            else ((if is_blank s line then paragraph_end w0 else w0), 0)) as [w1 p] eqn:E.
  assert (O : ok line w0 w1 p).
  { revert E. repeat dmatch; intros Ew;
      first [ exact (doc_line_start_ok _ _ _ _ Ew) | exact (continued_options_ok _ _ _ _ Ew)
            | exact (verbatim_body_ok _ _ _ _ Ew)
            | apply pair_inj in Ew as [<- <-]; unfold ok; rw_lens; split; [lia | split; [lia | auto]] ]. }
  destruct O as (O1 & O2 & O3).
  destruct (scan_loop_ok (S (length line)) o (length line) p (skipn p line) w1) as [L1 L2];
    [rewrite skipn_length; lia |].
  cbn zeta in *. set (w2 := scan_loop _ _ _ _ _ _) in *.
  cbn [fst]. unfold rev'. rewrite <- rev_alt. fold (lens (apply_pending_cat w2)) in *.
  assert (R : map t_length (rev (w_out (apply_pending_cat w2))) = rev (lens w2))
    by (rewrite map_rev; fold (lens (apply_pending_cat w2)); rewrite lens_apply_pending_cat; reflexivity).
  split.
  - apply Forall_map. rewrite R. apply Forall_rev. apply L2, O3, P0.
  - assert (F : forall l : list token, fold_right (fun t n => t_length t + n) 0 l = total (map t_length l)).
    { induction l as [| t l IH]; [reflexivity | cbn; rewrite IH; reflexivity]. }
    rewrite F, R, total_rev, L1, O1, T0, skipn_length. lia.
Qed.
