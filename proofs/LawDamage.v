(** * Bounded damage: the recovery points of [Lexer.v]

    README: "an unclosed [$] or [\(] ends at the paragraph's end; an unbalanced [{] does not
    change later paragraphs; a blank line, [\section] and its kin, and [\begin]/[\end{document}]
    are recovery points".  In the lexer a recovery point is [paragraph_end]; the state it
    leaves is [paragraph_reset s] of the state [s] before it.  The laws:

    - [paragraph_reset_closes]: whatever [s], the reset state is in text mode, with no open
      group, no [\text]/[\ensuremath]/definition-body frame, no macro-argument bit, no
      pending definition and no open verbatim options;
    - [blank_line_resets]: a blank line (outside verbatim, DocTeX off) ends with exactly the
      reset state of its start state, whatever that state was, provided the line is also
      blank under the reset state's catcodes (the reset restores catcodes saved in groups,
      and the line is scanned with the restored ones: see the counterexample in the
      README section "The laws");
    - [section_resets]: [\section] and its kin leave the reset state (with [afterArg] set,
      as after every control word), whatever the state before;
    - [document_resets]: so do [\begin{document}] and [\end{document}], unless [document] was
      made a verbatim or math environment;
    - [doc_blank_line_resets]: in DocTeX, a [%] line with nothing after it resets as a blank
      line does;
    - [reset_converges]: two states that agree on what a reset keeps have the same reset
      state, so the damage done before a recovery point does not reach past it. *)

From Coq Require Import List PeanoNat.
From LaTeXPerfectionist Require Import Codec LexBase LexArgs Lexer.
Import ListNotations.

Definition start_work (s : state) : work := mkWork s false false None None [].

(** The state a recovery point leaves, from the state [s] before it. *)
Definition paragraph_reset (s : state) : state := w_s (paragraph_end (start_work s)).

Lemma paragraph_end_state : forall w, w_s (paragraph_end w) = paragraph_reset (w_s w).
Proof. reflexivity. Qed.

Theorem paragraph_reset_closes :
  forall s, let r := paragraph_reset s in
    s_mode r = Text /\ s_env r = [] /\ s_depth r = 0 /\ s_frames r = [] /\ s_argBits r = 0
    /\ s_afterArg r = false /\ s_defName r = [] /\ s_defDepth r = 0 /\ s_defStage r = 0
    /\ s_bodyPend r = 0 /\ s_bodyDepth r = 0 /\ s_verbOpts r = false.
Proof. intros s. repeat split. Qed.

(** The other fields are kept, but for the catcodes and saved frames of brace groups,
    which are restored as their [}] would restore them. *)
Theorem paragraph_reset_keeps :
  forall s, let r := paragraph_reset s in
    s_verbatimEnvs r = s_verbatimEnvs s /\ s_shortVerb r = s_shortVerb s
    /\ s_macrocode r = s_macrocode s
    /\ (saved_at_least 1 s = false -> s_catcodes r = s_catcodes s /\ s_saved r = s_saved s).
Proof.
  intros s. unfold paragraph_reset, paragraph_end, start_work. cbn [w_s upd set_pt].
  assert (K : forall fs l, let s' := pop_saved fs l s in
            s_verbatimEnvs s' = s_verbatimEnvs s /\ s_shortVerb s' = s_shortVerb s
            /\ s_macrocode s' = s_macrocode s).
  { intros fs l. unfold pop_saved. destruct (pop_from fs l) as [kept pairs]. cbv zeta.
    assert (G : forall ps t, let t' := fold_left (fun s '(c, k) => write_catcode c k s) ps t in
              s_verbatimEnvs t' = s_verbatimEnvs t /\ s_shortVerb t' = s_shortVerb t
              /\ s_macrocode t' = s_macrocode t).
    { induction ps as [| [c k] ps IH]; intros t; cbn [fold_left]; [auto |].
      destruct (IH (write_catcode c k t)) as (A & B & C). rewrite A, B, C. auto. }
    destruct (G pairs (set_saved (encode_saved kept) s)) as (A & B & C).
    rewrite A, B, C. auto. }
  cbn [s_verbatimEnvs s_shortVerb s_macrocode s_catcodes s_saved set_verbOpts clear_body_pend
       clear_definition set_frames set_argBits set_depth set_env set_mode set_bodyDepth
       set_bodyPend set_defStage set_defDepth set_defName set_afterArg].
  destruct (saved_at_least 1 s) eqn:E.
  - unfold close_saved. destruct (K (decode_saved (s_saved s))
      (first_at_level (decode_saved (s_saved s)) 1)) as (A & B & C).
    rewrite A, B, C. repeat split; discriminate.
  - repeat split.
Qed.

Lemma emit_s : forall k n m w, w_s (emit k n m w) = w_s w /\ w_pcat (emit k n m w) = w_pcat w.
Proof. intros k n m w. unfold emit. destruct (n =? 0); auto. Qed.

Lemma blank_skipn : forall s n l, is_blank s l = true -> is_blank s (skipn n l) = true.
Proof.
  intros s n l. revert n. induction l as [| x l IH]; intros [| n] H; cbn in *; auto.
  apply andb_prop in H as [_ H]. apply IH. exact H.
Qed.

(** One step on a blank rest changes no state. *)
Lemma step_blank : forall o len pos c r w,
  is_blank (w_s w) (c :: r) = true ->
  w_s (fst (step o len pos (c :: r) w)) = w_s w /\ w_pcat (fst (step o len pos (c :: r) w)) = w_pcat w.
Proof.
  intros o len pos c r w Hb.
  unfold is_blank in Hb. cbn [forallb] in Hb. apply andb_prop in Hb as [Hc _].
  unfold step, decode_char.
  destruct (cat_of (w_s w) c =? CAT_SPACE) eqn:Es; cbn [orb] in Hc.
  - apply Nat.eqb_eq in Es. rewrite Es. cbn [fst is_text_cat Nat.eqb orb].
    apply emit_s.
  - apply Nat.eqb_eq in Hc. rewrite Hc. cbn [fst is_text_cat Nat.eqb orb].
    apply emit_s.
Qed.

(** The scan of a blank rest of a line, with no pending catcode assignment, changes no
    state. *)
Lemma scan_blank : forall f o len pos rest w,
  w_pcat w = None -> is_blank (w_s w) rest = true ->
  w_s (scan_loop f o len pos rest w) = w_s w /\ w_pcat (scan_loop f o len pos rest w) = None.
Proof.
  induction f as [| f IH]; intros o len pos rest w Hp Hb; [destruct rest; auto |].
  destruct rest as [| c r]; [auto |].
  cbn [scan_loop]. rewrite Hp.
  destruct (step o len pos (c :: r) w) as [w' k] eqn:E.
  destruct (step_blank o len pos c r w Hb) as [A B]. rewrite E in A, B. cbn [fst] in A, B.
  destruct (IH o len (pos + k) (skipn k (c :: r)) w') as [A' B'].
  - rewrite B. exact Hp.
  - rewrite A. apply blank_skipn. exact Hb.
  - rewrite A', B', A. auto.
Qed.

(** A blank line outside verbatim, DocTeX off, ends in the reset state of its start state
    [s], whatever [s] was, when it is also blank under the reset state's catcodes (it always
    is when no catcode saved in a group is restored: when [saved_at_least 1 s] is false). *)
Theorem blank_line_resets :
  forall o s line,
    o_docTeX o = false -> s_mode s <> Verbatim ->
    is_blank s line = true -> is_blank (paragraph_reset s) line = true ->
    snd (lex_line o s line) = paragraph_reset s.
Proof.
  intros o s line Hd Hm Hb Hb'. unfold lex_line. rewrite Hd.
  replace (mode_eqb (s_mode s) Verbatim) with false
    by (destruct (s_mode s); cbn; congruence).
  rewrite Hb. cbn [snd skipn].
  fold (start_work s).
  destruct (scan_blank (S (size line)) o (size line) 0 line (paragraph_end (start_work s)))
    as [A B]; [reflexivity | exact Hb' |].
  unfold apply_pending_cat. rewrite B. rewrite A. reflexivity.
Qed.

(** [\section] and its kin: the control word's state is the reset state (with [afterArg],
    as after every control word), whatever the state before. *)
Theorem section_resets :
  forall o name n r pos w,
    assoc name COMMANDS = Some CSectioning ->
    control_word o name n r pos w = (after_arg true (emit K_CONTROL_WORD n (in_math (paragraph_end w)) (paragraph_end w)), 0)
    /\ w_s (fst (control_word o name n r pos w)) = set_afterArg true (paragraph_reset (w_s w)).
Proof.
  intros o name n r pos w H. unfold control_word. rewrite H. split; [reflexivity |].
  cbn [fst]. unfold after_arg. cbn [w_s upd]. rewrite (proj1 (emit_s _ _ _ _)). reflexivity.
Qed.

(** The README's promise for a blank line, as it holds: no math mode, no open group and no
    [\text] frame after it, whatever the state before it (under the condition of
    [blank_line_resets]). *)
Corollary blank_line_closes :
  forall o s line,
    o_docTeX o = false -> s_mode s <> Verbatim ->
    is_blank s line = true -> is_blank (paragraph_reset s) line = true ->
    let e := snd (lex_line o s line) in
    s_mode e = Text /\ s_depth e = 0 /\ s_frames e = [] /\ s_argBits e = 0
    /\ s_bodyPend e = 0 /\ s_defName e = [].
Proof.
  intros o s line Hd Hm Hb Hb'. cbv zeta. rewrite (blank_line_resets o s line Hd Hm Hb Hb').
  destruct (paragraph_reset_closes s) as (A & _ & B & C & D & _ & E & _ & _ & F & _).
  repeat split; assumption.
Qed.

Lemma emit_inert_s : forall seg m w, w_s (emit_inert seg m w) = w_s w.
Proof.
  intros seg m w. unfold emit_inert. generalize (size seg). intros f. revert seg w.
  induction f as [| f IH]; intros [| c0 r0] w; cbn [inert_fuel]; try reflexivity.
  destruct (inert_step (w_s w) c0 r0) as [k n]. rewrite IH.
  unfold emit. destruct (n =? 0); reflexivity.
Qed.

(** [\begin{document}] and [\end{document}]: the state after the [{document}] argument is the
    reset state (with [afterArg]), whatever the state before, unless the document made
    [document] a verbatim or math environment (options [verbatimEnvironments] or
    [mathEnvironments], or [\lstnewenvironment{document}]). *)
Theorem document_resets : forall o b r w c,
  simple_group_end (w_s w) (skipn (skip_spaces (w_s w) r) r) = Some c ->
  slice_name r (skip_spaces (w_s w) r) c = u "document" ->
  is_verbatim_env o (w_s w) (u "document") = false -> is_math_env o (u "document") = false ->
  w_s (fst (environment o b r w)) = set_afterArg true (paragraph_reset (w_s w)).
Proof.
  intros o b r w c H1 H2 H3 H4. unfold environment. cbv zeta. rewrite H1, H2.
  replace (ueqb (u "document") (u "document")) with true by reflexivity.
  replace (memb (u "document") MACROCODE_ENVIRONMENTS) with false by reflexivity.
  rewrite Bool.andb_false_r.
  destruct b; [rewrite H3, H4 | rewrite H4, Bool.andb_false_r]; cbn [Nat.eqb negb orb andb fst];
    unfold after_arg; cbn [w_s upd];
    rewrite ?(proj1 (emit_s _ _ _ _)), ?emit_inert_s, ?(proj1 (emit_s _ _ _ _)); reflexivity.
Qed.

(** DocTeX: a documentation line with nothing after its [%] (outside [macrocode], not a guard
    line [%<...>]) ends a paragraph, as [\DocInput] reads it: the same law as
    [blank_line_resets]. *)
Theorem doc_blank_line_resets :
  forall o s r,
    o_docTeX o = true -> s_mode s <> Verbatim -> s_macrocode s = false ->
    is_unit 0 r 60 = false ->
    is_blank s r = true -> is_blank (paragraph_reset s) r = true ->
    snd (lex_line o s (37 :: r)) = paragraph_reset s.
Proof.
  intros o s r Hd Hm Hc H60 Hb Hb'. unfold lex_line. rewrite Hd.
  unfold doc_line_start. cbn [w_s].
  replace (doc_line_of (37 :: r) (s_macrocode s)) with DocDoc
    by (unfold doc_line_of; rewrite H60, Hc; reflexivity).
  replace (mode_eqb (s_mode s) Verbatim) with false
    by (destruct (s_mode s); cbn; congruence).
  cbn [skipn]. rewrite Hb. cbn [snd skipn].
  set (w1 := paragraph_end (emit K_DOC_PREFIX 1 false (start_work s))).
  assert (A0 : w_s w1 = paragraph_reset s) by reflexivity.
  assert (P0 : w_pcat w1 = None) by reflexivity.
  destruct (scan_blank (S (size (37 :: r))) o (size (37 :: r)) 1 r w1) as [A B];
    [exact P0 | rewrite A0; exact Hb' |].
  fold (start_work s). fold w1.
  unfold apply_pending_cat. rewrite B, A, A0. reflexivity.
Qed.

(** The fields a recovery point keeps. *)
Definition kept_agree (s1 s2 : state) : Prop :=
  s_catcodes s1 = s_catcodes s2 /\ s_saved s1 = s_saved s2
  /\ s_verbatimEnvs s1 = s_verbatimEnvs s2 /\ s_shortVerb s1 = s_shortVerb s2
  /\ s_macrocode s1 = s_macrocode s2.

Lemma write_catcode_agree : forall c k s1 s2,
  kept_agree s1 s2 -> kept_agree (write_catcode c k s1) (write_catcode c k s2).
Proof.
  intros c k s1 s2 (A & B & C & D & E). unfold kept_agree, write_catcode.
  cbn [s_catcodes s_saved s_verbatimEnvs s_shortVerb s_macrocode set_catcodes].
  rewrite A. repeat split; assumption.
Qed.

Lemma fold_write_agree : forall ps s1 s2,
  kept_agree s1 s2 ->
  kept_agree (fold_left (fun s '(c, k) => write_catcode c k s) ps s1)
             (fold_left (fun s '(c, k) => write_catcode c k s) ps s2).
Proof.
  induction ps as [| [c k] ps IH]; intros s1 s2 H; cbn [fold_left]; [exact H |].
  apply IH, write_catcode_agree, H.
Qed.

Lemma close_saved_agree : forall l s1 s2,
  kept_agree s1 s2 -> kept_agree (close_saved l s1) (close_saved l s2).
Proof.
  intros l s1 s2 H. unfold close_saved, pop_saved.
  destruct H as (A & B & C & D & E). rewrite B.
  destruct (pop_from _ _) as [kept pairs].
  apply fold_write_agree. unfold kept_agree.
  cbn [s_catcodes s_saved s_verbatimEnvs s_shortVerb s_macrocode set_saved].
  repeat split; assumption.
Qed.

(** Bounded damage as convergence: two start states that agree on what a recovery point
    keeps (catcodes, saved catcode frames, defined verbatim environments, short verbatim
    characters, the macrocode flag) have the same reset state, however they differ in mode,
    groups, frames, argument bits and pending definitions: whatever an unclosed [$], [\(],
    [{], [\text{] or definition did before a recovery point is gone after it. *)
Theorem reset_converges : forall s1 s2,
  kept_agree s1 s2 -> paragraph_reset s1 = paragraph_reset s2.
Proof.
  intros s1 s2 H. unfold paragraph_reset, paragraph_end, start_work. cbn [w_s upd set_pt].
  assert (Hs : saved_at_least 1 s1 = saved_at_least 1 s2)
    by (unfold saved_at_least; destruct H as (_ & B & _); rewrite B; reflexivity).
  rewrite Hs.
  assert (H' : kept_agree (if saved_at_least 1 s2 then close_saved 1 s1 else s1)
                          (if saved_at_least 1 s2 then close_saved 1 s2 else s2))
    by (destruct (saved_at_least 1 s2); [apply close_saved_agree, H | exact H]).
  revert H'. generalize (if saved_at_least 1 s2 then close_saved 1 s1 else s1).
  generalize (if saved_at_least 1 s2 then close_saved 1 s2 else s2).
  intros t2 t1 (A & B & C & D & E).
  destruct t1, t2. simpl in A, B, C, D, E.
  subst. reflexivity.
Qed.
