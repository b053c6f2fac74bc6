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
From LaTeXPerfectionist Require Export LawFacts.
From LaTeXPerfectionist Require Import ScanTrace.
Import ListNotations.

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

(* In the goal only (rewriting in every hypothesis of every branch is slow): the hypotheses
   that mention emitted lengths are moved into the goal first. *)
Ltac rw_all :=
  repeat match goal with H : context [lens _] |- _ => revert H end;
  repeat (rw_lens; rewrite ?total_emit_inert);
  intros.

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

(** ** The scan reaches the line's end

    Every step consumes a unit ([step_ok]), so the fuel [lex_line] gives [scan_loop] lets it
    reach the end of the line: its result is the [ScanTrace.between] state with no unit left. *)

(** With fuel for every unit left, [scan_loop] returns the state where none is left. *)
Lemma scan_loop_between : forall f o len pos rest w, length rest <= f ->
  exists pos', between (fun _ => True) o len pos rest w pos' [] (scan_loop f o len pos rest w).
Proof.
  induction f as [| f IH]; intros o len pos rest w Hf.
  - destruct rest; cbn [length] in Hf; [| lia]. exists pos. apply between_here.
  - destruct rest as [| x xs]; [exists pos; apply between_here |].
    rewrite scan_loop_unfold.
    destruct (step o len pos (x :: xs) (before_step pos w)) as [w1 k] eqn:S.
    assert (NE : x :: xs <> []) by discriminate.
    destruct (step_ok _ _ _ _ _ _ _ NE S) as [_ K].
    destruct (IH o len (pos + k) (skipn k (x :: xs)) w1) as [p B];
      [rewrite skipn_length; cbn [length] in *; lia |].
    exists p. eapply between_step; eauto.
Qed.

(** The end state of [lex_line] is [apply_pending_cat] of the [in_line] state where no unit
    is left. *)
Lemma lex_line_between : forall o s line,
  exists w1 pos pos' w, line_start o s line = (w1, pos)
    /\ between (fun _ => True) o (length line) pos (skipn pos line) w1 pos' [] w
    /\ snd (lex_line o s line) = w_s (apply_pending_cat w).
Proof.
  intros o s line. rewrite lex_line_unfold.
  destruct (line_start o s line) as [w1 pos] eqn:E.
  destruct (scan_loop_between (S (length line)) o (length line) pos (skipn pos line) w1)
    as [p B]; [rewrite skipn_length; lia |].
  exists w1, pos, p, (scan_loop (S (length line)) o (length line) pos (skipn pos line) w1).
  split; [reflexivity | split; [exact B | reflexivity]].
Qed.
