(** * The states the lexer produces are well formed

    [Codec.wf_state] bounds only the code units of a state's strings, and [lex_line] does not
    keep it for every well-formed start state: [s_saved] holds brace depths and catcodes as
    code units, and a well-formed state may have any depth.  The law that holds is about the
    states that occur: [reach_ok], an invariant that [initial_state o] satisfies
    ([initial_reach_ok]) and [lex_line o] keeps on every line of code units ([lex_line_reach_ok]),
    implies [wf_state].  So every state batch lexing reaches, at every line start and at the
    end of any document under any options, is well formed ([batch_states_wf]) and the codec
    round-trips it ([batch_states_roundtrip]).

    [reach_ok s] says: the strings that hold text of the line ([s_env], the frames'
    environments, [s_verbatimEnvs], [s_defName]) hold code units; the depth is at most
    [MAX_DEPTH] = 255 (an [{] at depth 255 opens nothing); every catcode in [s_catcodes] is at
    most 255 (catcodes come from literals, from [\catcode] assignments, which reject values
    above 15, and from saved ones); every unit of [s_shortVerb] is at most 255 (characters
    below 128, catcodes); and [s_saved] is the encoding of a list of frames each of kind and
    level at most 255 whose pairs have distinct characters below 128 and old catcodes at most
    255, so at most 128 pairs.  Every number in [s_saved] is then at most 255. *)

From Coq Require Import List PeanoNat Lia.
From LaTeXPerfectionist Require Import Codec LexBase LexArgs Lexer LawFacts Incremental.
Import ListNotations.
Open Scope bool_scope.
Local Set Warnings "-abstract-large-number".

(** ** The invariant *)

Definition small (n : nat) : Prop := n <= 255.

Definition pair_ok (p : nat * nat) : Prop := fst p < 128 /\ small (snd p).

Definition frame_ok (f : sframe) : Prop :=
  small (sf_kind f) /\ small (sf_level f) /\ NoDup (map fst (sf_pairs f))
  /\ Forall pair_ok (sf_pairs f).

Definition saved_ok (l : ustring) : Prop :=
  exists fs, l = encode_saved fs /\ Forall frame_ok fs.

Definition reach_ok (s : state) : Prop :=
  units_ok (s_env s)
  /\ Forall (fun f => units_ok (fr_env f)) (s_frames s)
  /\ Forall units_ok (s_verbatimEnvs s)
  /\ units_ok (s_defName s)
  /\ small (s_depth s)
  /\ Forall (fun c => small (cc_cat c)) (s_catcodes s)
  /\ Forall small (s_shortVerb s)
  /\ saved_ok (s_saved s).

(** ** Small numbers and code units *)

Lemma small_unit : forall n, small n -> n <= 65535.
Proof.
  intros n H. unfold small in H. eapply Nat.le_trans; [exact H |].
  apply Nat.leb_le. reflexivity.
Qed.

Lemma small_units : forall l, Forall small l -> units_ok l.
Proof. intros l H. eapply Forall_impl; [exact small_unit | exact H]. Qed.

Lemma forall_firstn : forall (A : Type) (P : A -> Prop) n l, Forall P l -> Forall P (firstn n l).
Proof.
  intros A P n l H. rewrite <- (firstn_skipn n l) in H. apply Forall_app in H. apply H.
Qed.

Lemma forall_skipn : forall (A : Type) (P : A -> Prop) n l, Forall P l -> Forall P (skipn n l).
Proof.
  intros A P n l H. rewrite <- (firstn_skipn n l) in H. apply Forall_app in H. apply H.
Qed.

Lemma units_take : forall n l, units_ok l -> units_ok (take n l).
Proof. intros. rewrite take_firstn. apply forall_firstn. assumption. Qed.

Lemma units_skipn : forall n l, units_ok l -> units_ok (skipn n l).
Proof. intros. apply forall_skipn. assumption. Qed.

Lemma units_slice : forall r q c, units_ok r -> units_ok (slice_name r q c).
Proof. intros. unfold slice_name. apply units_take, units_skipn. assumption. Qed.

Lemma smallb : forall l, forallb (fun n => n <=? 255) l = true -> Forall small l.
Proof.
  intros l H. apply Forall_forall. intros x Hx. eapply forallb_forall in H; [| exact Hx].
  apply Nat.leb_le in H. exact H.
Qed.

Lemma pairs_okb : forall l,
  forallb (fun p => (fst p <? 128) && (snd p <=? 255)) l = true -> Forall pair_ok l.
Proof.
  intros l H. apply Forall_forall. intros x Hx. eapply forallb_forall in H; [| exact Hx].
  apply andb_prop in H as [H1 H2]. apply Nat.ltb_lt in H1. apply Nat.leb_le in H2.
  split; assumption.
Qed.

Lemma default_cat_small : forall c, small (default_cat c).
Proof. intros c. unfold default_cat, small. repeat dmatch; compute; lia. Qed.

Lemma lookup_cat_small : forall l c k,
  Forall (fun x => small (cc_cat x)) l -> lookup_cat l c = Some k -> small k.
Proof.
  induction l as [| x l IH]; intros c k H E; cbn [lookup_cat] in E; [discriminate |].
  inversion H as [| ? ? Hx Hl]; subst.
  destruct (cc_char x =? c); [injection E as <-; exact Hx | exact (IH c k Hl E)].
Qed.

Lemma cat_of_small : forall s c, Forall (fun x => small (cc_cat x)) (s_catcodes s) -> small (cat_of s c).
Proof.
  intros s c H. unfold cat_of. destruct (c <? 128); [| unfold small, CAT_OTHER; lia].
  destruct (lookup_cat (s_catcodes s) c) eqn:E; [exact (lookup_cat_small _ _ _ H E) |].
  apply default_cat_small.
Qed.

Lemma with_catcode_small : forall l c k,
  Forall (fun x => small (cc_cat x)) l -> small k -> Forall (fun x => small (cc_cat x)) (with_catcode l c k).
Proof.
  induction l as [| x l IH]; intros c k H Hk; cbn [with_catcode].
  - destruct (default_cat c =? k); [constructor | constructor; [exact Hk | constructor]].
  - inversion H as [| ? ? Hx Hl]; subst.
    repeat dmatch; auto; constructor; auto.
Qed.

(** ** The saved frames: [decode_saved] reads back what [encode_saved] writes *)

Definition enc_pairs (ps : list (nat * nat)) : list nat := flat_map (fun '(a, b) => [a; b]) ps.

Lemma take_pairs_enc : forall ps rest, take_pairs (length ps) (enc_pairs ps ++ rest) = (ps, rest).
Proof.
  induction ps as [| [a b] ps IH]; intros rest.
  - destruct rest as [| x [| y r]]; reflexivity.
  - cbn [length enc_pairs flat_map app take_pairs]. fold (enc_pairs ps).
    cbn [Nat.eqb]. rewrite Nat.sub_succ, Nat.sub_0_r, IH. reflexivity.
Qed.

Lemma encode_saved_cons : forall f fs,
  encode_saved (f :: fs) = sf_kind f :: sf_level f :: length (sf_pairs f)
                             :: enc_pairs (sf_pairs f) ++ encode_saved fs.
Proof. reflexivity. Qed.

Lemma encode_saved_length : forall fs, length fs <= length (encode_saved fs).
Proof.
  induction fs as [| f fs IH]; [apply le_n |]. rewrite encode_saved_cons.
  cbn [length]. rewrite app_length. lia.
Qed.

Lemma decode_saved_fuel_enc : forall fuel fs, length fs <= fuel ->
  decode_saved_fuel fuel (encode_saved fs) = fs.
Proof.
  induction fuel as [| fuel IH]; intros [| f fs] H; cbn [length] in H; [reflexivity | lia | reflexivity |].
  rewrite encode_saved_cons. cbn [decode_saved_fuel]. rewrite take_pairs_enc, IH by lia.
  destruct f; reflexivity.
Qed.

Lemma decode_encode_saved : forall fs, decode_saved (encode_saved fs) = fs.
Proof. intros fs. apply decode_saved_fuel_enc, encode_saved_length. Qed.

Lemma saved_fs : forall l, saved_ok l -> l = encode_saved (decode_saved l) /\ Forall frame_ok (decode_saved l).
Proof. intros l (fs & -> & H). rewrite decode_encode_saved. auto. Qed.

Lemma pairs_length : forall ps, NoDup (map fst ps) -> Forall pair_ok ps -> length ps <= 128.
Proof.
  intros ps N F. rewrite <- map_length with (f := fst). rewrite <- (seq_length 128 0).
  apply NoDup_incl_length; [exact N |]. intros x Hx. apply in_map_iff in Hx as ([a b] & <- & Hx).
  eapply Forall_forall in F; [| exact Hx]. apply in_seq. destruct F. cbn [fst] in *. lia.
Qed.

Lemma encode_saved_small : forall fs, Forall frame_ok fs -> Forall small (encode_saved fs).
Proof.
  induction fs as [| f fs IH]; intros H; [constructor |].
  inversion H as [| ? ? (K & L & N & P) Hs]; subst. rewrite encode_saved_cons.
  constructor; [exact K |]. constructor; [exact L |].
  constructor; [pose proof (pairs_length _ N P); unfold small; lia |].
  apply Forall_app. split; [| exact (IH Hs)].
  clear N. induction (sf_pairs f) as [| [a b] ps IHp]; [constructor |].
  inversion P as [| ? ? (Pa & Pb) Pr]; subst. cbn [enc_pairs flat_map app] in *.
  constructor; [unfold small in *; cbn [fst] in *; lia |]. constructor; [exact Pb |]. exact (IHp Pr).
Qed.

Lemma saved_ok_units : forall l, saved_ok l -> units_ok l.
Proof. intros l (fs & -> & H). apply small_units, encode_saved_small, H. Qed.

Theorem reach_ok_wf : forall s, reach_ok s -> wf_state s.
Proof.
  intros s (E & F & V & D & _ & _ & S & Sv).
  repeat split; try assumption. apply small_units, S. apply saved_ok_units, Sv.
Qed.

(** ** The operations on saved frames keep [frame_ok] *)

Lemma forall_modify_nth : forall (P : sframe -> Prop) g i l,
  (forall f, P f -> P (g f)) -> Forall P l -> Forall P (modify_nth i g l).
Proof.
  intros P g i l Hg. revert i. induction l as [| f l IH]; intros i H; [constructor |].
  inversion H; subst. cbn [modify_nth]. destruct (i =? 0); constructor; auto.
Qed.

Lemma forall_remove_nth : forall (A : Type) (P : A -> Prop) i l, Forall P l -> Forall P (remove_nth i l).
Proof.
  intros A P i l. revert i. induction l as [| x l IH]; intros i H; [constructor |].
  inversion H; subst. cbn [remove_nth]. destruct (i =? 0); [assumption | constructor; auto].
Qed.

Lemma has_char_false : forall ps c, has_char ps c = false -> ~ In c (map fst ps).
Proof.
  intros ps c H Hin. apply in_map_iff in Hin as ([a b] & E & Hin). cbn [fst] in E. subst a.
  unfold has_char in H. assert (existsb (fun '(a, _) => a =? c) ps = true) as T.
  { apply existsb_exists. exists (c, b). split; [exact Hin | apply Nat.eqb_refl]. }
  congruence.
Qed.

Lemma add_pair_ok : forall f c old, c < 128 -> small old -> frame_ok f -> frame_ok (add_pair f c old).
Proof.
  intros f c old Hc Ho (K & L & N & P). unfold add_pair.
  destruct (has_char (sf_pairs f) c) eqn:E; [repeat split; assumption |].
  repeat split; cbn [sf_kind sf_level sf_pairs]; try assumption.
  - rewrite map_app. cbn [map fst]. apply NoDup_rev in N. rewrite <- (rev_involutive (_ ++ _)).
    apply NoDup_rev. rewrite rev_app_distr. cbn [rev app]. constructor; [| exact N].
    rewrite <- in_rev. apply has_char_false, E.
  - apply Forall_app. split; [exact P | constructor; [split; assumption | constructor]].
Qed.

Lemma save_change_ok : forall fs depth c old fs',
  Forall frame_ok fs -> small depth -> c < 128 -> small old ->
  save_change fs depth c old = Some fs' -> Forall frame_ok fs'.
Proof.
  intros fs depth c old fs' H Hd Hc Ho E. unfold save_change in E. cbv zeta in E.
  repeat dmatch; try discriminate; apply some_inj in E; subst fs';
    try (apply Forall_rev, forall_modify_nth; [intros; apply add_pair_ok; assumption | apply Forall_rev, H]).
  apply Forall_app. split; [exact H |]. constructor; [| constructor].
  unfold frame_ok; cbn [sf_kind sf_level sf_pairs map fst]. split; [unfold small, FRAME_BRACE; lia |]. split; [exact Hd |].
  split; [constructor; [intros [] | constructor] | constructor; [split; assumption | constructor]].
Qed.

Lemma pop_from_ok : forall fs from, Forall frame_ok fs ->
  Forall frame_ok (fst (pop_from fs from)) /\ Forall pair_ok (snd (pop_from fs from)).
Proof.
  intros fs from H. unfold pop_from. cbn [fst snd]. split; [apply forall_firstn, H |].
  apply Forall_flat_map. apply Forall_rev. apply (forall_skipn _ _ from) in H.
  eapply Forall_impl; [| exact H]. intros f (_ & _ & _ & P). destruct (sf_kind f =? FRAME_EXPL); [constructor | exact P].
Qed.

(** ** State operations keep [reach_ok] *)

(** Setters of fields the invariant does not constrain. *)
Ltac free_tac := intros s (E & F & V & D & Dp & C & S & Sv); repeat split; assumption.

Lemma ok_set_mode : forall v s, reach_ok s -> reach_ok (set_mode v s). Proof. intros v; free_tac. Qed.
Lemma ok_set_argBits : forall v s, reach_ok s -> reach_ok (set_argBits v s). Proof. intros v; free_tac. Qed.
Lemma ok_set_afterArg : forall v s, reach_ok s -> reach_ok (set_afterArg v s). Proof. intros v; free_tac. Qed.
Lemma ok_set_defDepth : forall v s, reach_ok s -> reach_ok (set_defDepth v s). Proof. intros v; free_tac. Qed.
Lemma ok_set_defStage : forall v s, reach_ok s -> reach_ok (set_defStage v s). Proof. intros v; free_tac. Qed.
Lemma ok_set_bodyPend : forall v s, reach_ok s -> reach_ok (set_bodyPend v s). Proof. intros v; free_tac. Qed.
Lemma ok_set_bodyDepth : forall v s, reach_ok s -> reach_ok (set_bodyDepth v s). Proof. intros v; free_tac. Qed.
Lemma ok_set_verbOpts : forall v s, reach_ok s -> reach_ok (set_verbOpts v s). Proof. intros v; free_tac. Qed.
Lemma ok_set_macrocode : forall v s, reach_ok s -> reach_ok (set_macrocode v s). Proof. intros v; free_tac. Qed.

Lemma ok_set_env : forall v s, units_ok v -> reach_ok s -> reach_ok (set_env v s).
Proof. intros v s Hv (E & F & V & D & Dp & C & S & Sv); repeat split; assumption. Qed.
Lemma ok_set_frames : forall v s, Forall (fun f => units_ok (fr_env f)) v -> reach_ok s -> reach_ok (set_frames v s).
Proof. intros v s Hv (E & F & V & D & Dp & C & S & Sv); repeat split; assumption. Qed.
Lemma ok_set_verbatimEnvs : forall v s, Forall units_ok v -> reach_ok s -> reach_ok (set_verbatimEnvs v s).
Proof. intros v s Hv (E & F & V & D & Dp & C & S & Sv); repeat split; assumption. Qed.
Lemma ok_set_defName : forall v s, units_ok v -> reach_ok s -> reach_ok (set_defName v s).
Proof. intros v s Hv (E & F & V & D & Dp & C & S & Sv); repeat split; assumption. Qed.
Lemma ok_set_depth : forall v s, small v -> reach_ok s -> reach_ok (set_depth v s).
Proof. intros v s Hv (E & F & V & D & Dp & C & S & Sv); repeat split; assumption. Qed.
Lemma ok_set_catcodes : forall v s, Forall (fun c => small (cc_cat c)) v -> reach_ok s -> reach_ok (set_catcodes v s).
Proof. intros v s Hv (E & F & V & D & Dp & C & S & Sv); repeat split; assumption. Qed.
Lemma ok_set_shortVerb : forall v s, Forall small v -> reach_ok s -> reach_ok (set_shortVerb v s).
Proof. intros v s Hv (E & F & V & D & Dp & C & S & Sv); repeat split; assumption. Qed.
Lemma ok_set_saved : forall v s, saved_ok v -> reach_ok s -> reach_ok (set_saved v s).
Proof. intros v s Hv (E & F & V & D & Dp & C & S & Sv); repeat split; assumption. Qed.

Lemma ok_depth : forall s, reach_ok s -> small (s_depth s).
Proof. intros s H. apply H. Qed.
Lemma ok_cats : forall s, reach_ok s -> Forall (fun c => small (cc_cat c)) (s_catcodes s).
Proof. intros s H. apply H. Qed.
Lemma ok_saved : forall s, reach_ok s -> saved_ok (s_saved s).
Proof. intros s H. apply H. Qed.
Lemma ok_cat_of : forall s c, reach_ok s -> small (cat_of s c).
Proof. intros s c H. apply cat_of_small, H. Qed.

Lemma saved_ok_encode : forall fs, Forall frame_ok fs -> saved_ok (encode_saved fs).
Proof. intros fs H. exists fs. auto. Qed.

Lemma ok_write_catcode : forall c k s, small k -> reach_ok s -> reach_ok (write_catcode c k s).
Proof.
  intros c k s Hk H. unfold write_catcode. apply ok_set_catcodes; [| exact H].
  apply with_catcode_small; [apply H | exact Hk].
Qed.

Lemma ok_set_catcode : forall c k s, c < 128 -> small k -> reach_ok s -> reach_ok (set_catcode c k s).
Proof.
  intros c k s Hc Hk H. unfold set_catcode. cbv zeta.
  destruct (negb (s_argBits s =? 0)); [exact H |]. destruct (cat_of s c =? k); [exact H |].
  apply ok_write_catcode; [exact Hk |].
  destruct (save_change (decode_saved (s_saved s)) (s_depth s) c (cat_of s c)) as [fs |] eqn:E; [| exact H].
  apply ok_set_saved; [| exact H]. apply saved_ok_encode.
  destruct (saved_fs _ (ok_saved s H)) as [_ Fs].
  eapply save_change_ok; [exact Fs | apply H | exact Hc | apply ok_cat_of, H | exact E].
Qed.

Lemma ok_fold_write : forall ps s, Forall pair_ok ps -> reach_ok s ->
  reach_ok (fold_left (fun s '(c, k) => write_catcode c k s) ps s).
Proof.
  induction ps as [| [c k] ps IH]; intros s P H; [exact H |].
  inversion P as [| ? ? (_ & Pk) Pr]; subst. cbn [fold_left]. apply IH; [exact Pr |].
  apply ok_write_catcode; assumption.
Qed.

Lemma ok_pop_saved : forall fs from s, Forall frame_ok fs -> reach_ok s -> reach_ok (pop_saved fs from s).
Proof.
  intros fs from s F H. unfold pop_saved. destruct (pop_from_ok fs from F) as [F1 F2].
  destruct (pop_from fs from) as [kept pairs]. apply ok_fold_write; [exact F2 |].
  apply ok_set_saved; [apply saved_ok_encode, F1 | exact H].
Qed.

Lemma ok_decoded : forall s, reach_ok s -> Forall frame_ok (decode_saved (s_saved s)).
Proof. intros s H. apply (saved_fs _ (ok_saved s H)). Qed.

Lemma ok_close_saved : forall l s, reach_ok s -> reach_ok (close_saved l s).
Proof. intros l s H. apply ok_pop_saved; [apply ok_decoded |]; exact H. Qed.

Lemma ok_begin_semi_group : forall s, reach_ok s -> reach_ok (begin_semi_group s).
Proof.
  intros s H. unfold begin_semi_group. repeat dmatch; try exact H.
  apply ok_set_saved; [| exact H]. apply saved_ok_encode, Forall_app.
  split; [apply ok_decoded, H |]. constructor; [| constructor].
  unfold frame_ok; cbn [sf_kind sf_level sf_pairs map].
  split; [unfold small, FRAME_SEMI; lia |]. split; [apply ok_depth, H |]. split; constructor.
Qed.

Lemma nth_frame_ok : forall s i f, reach_ok s -> nth_error (decode_saved (s_saved s)) i = Some f -> frame_ok f.
Proof.
  intros s i f H E. apply nth_error_In in E. eapply Forall_forall; [apply ok_decoded, H | exact E].
Qed.

Lemma ok_end_semi_group : forall s, reach_ok s -> reach_ok (end_semi_group s).
Proof.
  intros s H. unfold end_semi_group. repeat dmatch; try exact H.
  apply ok_pop_saved; [apply ok_decoded |]; exact H.
Qed.

Lemma ok_set_catcodes_of : forall l s, Forall pair_ok l -> reach_ok s -> reach_ok (set_catcodes_of l s).
Proof.
  unfold set_catcodes_of. induction l as [| [c k] l IH]; intros s P H; [exact H |].
  inversion P as [| ? ? (Pc & Pk) Pr]; subst. cbn [fold_left]. apply IH; [exact Pr |].
  apply ok_set_catcode; assumption.
Qed.

Lemma expl_on_pairs : Forall pair_ok EXPL_ON.
Proof. apply pairs_okb. reflexivity. Qed.

Lemma expl_off_pairs : Forall pair_ok EXPL_OFF.
Proof. apply pairs_okb. reflexivity. Qed.

Lemma ok_expl_on : forall s, reach_ok s -> reach_ok (expl_on s).
Proof.
  intros s H. unfold expl_on. destruct (negb (s_argBits s =? 0)); [exact H |].
  destruct (top_of_kind _ FRAME_EXPL); [apply ok_set_catcodes_of; [exact expl_on_pairs | exact H] |].
  cbv zeta.
  assert (H1 : reach_ok (set_catcodes_of EXPL_ON s)) by (apply ok_set_catcodes_of; [exact expl_on_pairs | exact H]).
  destruct (MAX_SAVED_FRAMES <=? _); [exact H1 |].
  apply ok_set_saved; [| exact H1]. apply saved_ok_encode, Forall_app.
  split; [apply ok_decoded, H1 |]. constructor; [| constructor].
  unfold frame_ok; cbn [sf_kind sf_level sf_pairs].
  split; [unfold small, FRAME_EXPL; lia |]. split; [apply ok_depth, H1 |]. split.
  - cbn. repeat constructor; cbn; intuition discriminate.
  - cbn [EXPL_ON map].
    repeat (apply Forall_cons; [split; cbn [fst snd]; [lia | apply ok_cat_of, H] |]). apply Forall_nil.
Qed.

Lemma ok_expl_off : forall s, reach_ok s -> reach_ok (expl_off s).
Proof.
  intros s H. unfold expl_off. repeat dmatch; try exact H;
    try (apply ok_set_catcodes_of; [exact expl_off_pairs | exact H]).
  - match goal with E : nth_error _ _ = Some ?f |- _ => pose proof (nth_frame_ok _ _ _ H E) as (_ & _ & _ & P) end.
    apply ok_set_catcodes_of; [exact P |]. apply ok_set_saved; [| exact H].
    apply saved_ok_encode, forall_remove_nth, ok_decoded, H.
  - match goal with E : nth_error _ _ = Some ?f |- _ => pose proof (nth_frame_ok _ _ _ H E) as (_ & _ & _ & P) end.
    apply ok_set_catcodes_of; [exact P | exact H].
Qed.

Lemma ok_clear_definition : forall s, reach_ok s -> reach_ok (clear_definition s).
Proof.
  intros s H. unfold clear_definition. apply ok_set_defStage, ok_set_defDepth, ok_set_defName; [constructor | exact H].
Qed.

Lemma ok_clear_body_pend : forall s, reach_ok s -> reach_ok (clear_body_pend s).
Proof. intros s H. apply ok_set_bodyDepth, ok_set_bodyPend, H. Qed.

Lemma ok_pend_definition : forall n s, reach_ok s -> reach_ok (pend_definition n s).
Proof. intros n s H. apply ok_set_bodyDepth, ok_set_bodyPend, H. Qed.

Lemma ok_definition_name : forall s, reach_ok s -> reach_ok (definition_name s).
Proof.
  intros s H. unfold definition_name. repeat dmatch; try exact H; auto using ok_set_bodyDepth, ok_set_bodyPend.
Qed.

Lemma forall_insert_sorted : forall (P : ustring -> Prop) x l, P x -> Forall P l -> Forall P (insert_sorted x l).
Proof.
  intros P x l Px. induction l as [| y l IH]; intros H; cbn [insert_sorted]; [repeat constructor; exact Px |].
  inversion H; subst. destruct (ultb y x); constructor; auto.
Qed.

Lemma ok_define_verbatim : forall o nm s, units_ok nm -> reach_ok s -> reach_ok (define_verbatim o nm s).
Proof.
  intros o nm s Hn H. unfold define_verbatim. destruct (_ || _); [exact H |].
  apply ok_set_verbatimEnvs; [| exact H]. apply forall_insert_sorted; [exact Hn | apply H].
Qed.

Lemma ok_env : forall s, reach_ok s -> units_ok (s_env s). Proof. intros s H. apply H. Qed.
Lemma ok_defName : forall s, reach_ok s -> units_ok (s_defName s). Proof. intros s H. apply H. Qed.
Lemma ok_frames : forall s, reach_ok s -> Forall (fun f => units_ok (fr_env f)) (s_frames s).
Proof. intros s H. apply H. Qed.
Lemma ok_shortVerb : forall s, reach_ok s -> Forall small (s_shortVerb s). Proof. intros s H. apply H. Qed.

Lemma ok_push_frame : forall m d s, reach_ok s ->
  reach_ok (set_frames (s_frames s ++ [{| fr_mode := m; fr_env := s_env s; fr_depth := d |}]) s).
Proof.
  intros m d s H. apply ok_set_frames; [| exact H]. apply Forall_app.
  split; [apply ok_frames, H | constructor; [apply ok_env, H | constructor]].
Qed.

Lemma ok_set_depth_pred : forall s, reach_ok s -> reach_ok (set_depth (s_depth s - 1) s).
Proof.
  intros s H. apply ok_set_depth; [| exact H]. pose proof (ok_depth s H). unfold small in *. lia.
Qed.

Lemma frames_head : forall s f rf, rev (s_frames s) = f :: rf -> reach_ok s -> units_ok (fr_env f).
Proof.
  intros s f rf E H. pose proof (Forall_rev (ok_frames s H)) as F. rewrite E in F.
  inversion F; assumption.
Qed.

Lemma frames_tail : forall s f rf, rev (s_frames s) = f :: rf -> reach_ok s ->
  Forall (fun f => units_ok (fr_env f)) (rev rf).
Proof.
  intros s f rf E H. pose proof (Forall_rev (ok_frames s H)) as F. rewrite E in F.
  inversion F; subst. apply Forall_rev. assumption.
Qed.

(** ** The scanner's working state *)

Definition pcat_ok (p : option (nat * nat * nat)) : Prop :=
  match p with Some (_, c, k) => c < 128 /\ small k | None => True end.

Definition winv (w : work) : Prop := reach_ok (w_s w) /\ pcat_ok (w_pcat w).

Lemma winv_s : forall w, winv w -> reach_ok (w_s w). Proof. intros w H. apply H. Qed.
Lemma winv_pcat : forall w, winv w -> pcat_ok (w_pcat w). Proof. intros w H. apply H. Qed.

Lemma winv_same : forall w w', w_s w' = w_s w -> w_pcat w' = w_pcat w -> winv w -> winv w'.
Proof. intros w w' E1 E2 H. unfold winv. rewrite E1, E2. exact H. Qed.

Lemma w_set_pt : forall b w, winv w -> winv (set_pt b w). Proof. intros. assumption. Qed.
Lemma w_set_pm : forall b w, winv w -> winv (set_pm b w). Proof. intros. assumption. Qed.
Lemma w_set_arm : forall b w, winv w -> winv (set_arm b w). Proof. intros. assumption. Qed.
Lemma w_set_out : forall b w, winv w -> winv (set_out b w). Proof. intros. assumption. Qed.
Lemma w_after_arg : forall b w, winv w -> winv (after_arg b w).
Proof. intros b w H. split; [apply ok_set_afterArg, H | apply H]. Qed.
Lemma w_emit : forall k n m w, winv w -> winv (emit k n m w).
Proof. intros k n m w H. unfold emit. destruct (n =? 0); assumption. Qed.
Lemma w_mark_last_math : forall w, winv w -> winv (mark_last_math w).
Proof. intros [s pt pm arm pcat [| t l]] H; assumption. Qed.
Lemma w_upd : forall f w, reach_ok (f (w_s w)) -> pcat_ok (w_pcat w) -> winv (upd f w).
Proof. intros f w H1 H2. split; assumption. Qed.
Lemma w_set_pcat : forall p w, pcat_ok p -> winv w -> winv (set_pcat p w).
Proof. intros p w Hp H. split; [apply H | exact Hp]. Qed.

Lemma w_emit_inert : forall seg m w, winv w -> winv (emit_inert seg m w).
Proof.
  intros seg m w. unfold emit_inert. generalize (size seg). intros f. revert seg w.
  induction f as [| f IH]; intros [| c r] w H; cbn [inert_fuel]; try exact H.
  destruct (inert_step (w_s w) c r) as [k n]. apply IH, w_emit, H.
Qed.

Lemma catcode_assignment_ok : forall s r c k e, catcode_assignment s r = Some (c, k, e) -> c < 128 /\ small k.
Proof.
  intros s r c k e H. unfold catcode_assignment in H. cbv zeta in H.
  repeat (dmatch; try discriminate); subst_pairs; bools; unfold small; lia.
Qed.

Lemma units_code : units_ok (u "code").
Proof. apply small_units, smallb. reflexivity. Qed.

Lemma units_app : forall a b, units_ok a -> units_ok b -> units_ok (a ++ b).
Proof. intros. apply Forall_app. auto. Qed.

Lemma units_defined_name : forall s r, units_ok r -> units_ok (defined_name s r).
Proof.
  intros s r H. unfold defined_name. cbv zeta. repeat dmatch; try constructor; apply units_slice, H.
Qed.

Lemma units_minted_name : forall s r, units_ok r -> units_ok (minted_name s r).
Proof.
  intros s r H. unfold minted_name. cbv zeta. repeat dmatch; try constructor;
    try apply units_app; try apply units_slice; try apply units_code; exact H.
Qed.

Lemma units_new_environment_name : forall s r nm c, units_ok r ->
  new_environment_name s r = Some (nm, c) -> units_ok nm.
Proof.
  intros s r nm c H E. unfold new_environment_name in E. cbv zeta in E. repeat dmatch; try discriminate.
  subst_pairs. apply units_slice, H.
Qed.

Ltac setters := cbn [s_depth s_mode s_env s_frames s_argBits s_afterArg s_catcodes s_verbatimEnvs
  s_defName s_defDepth s_defStage s_bodyPend s_bodyDepth s_shortVerb s_saved s_verbOpts s_macrocode
  set_mode set_env set_depth set_argBits set_afterArg set_frames set_catcodes set_verbatimEnvs
  set_defName set_defDepth set_defStage set_bodyPend set_bodyDepth set_shortVerb set_saved
  set_verbOpts set_macrocode w_s upd set_pt set_pm set_arm set_pcat after_arg] in *.

(** Proves [winv], [reach_ok] and their side conditions backwards through the setters. *)
Ltac wbase :=
  first
  [ assumption
  | match goal with H : _ -> winv ?x |- winv ?x => apply H end
  | match goal with
    | |- winv (set_pt _ _) => apply w_set_pt
    | |- winv (set_pm _ _) => apply w_set_pm
    | |- winv (set_arm _ _) => apply w_set_arm
    | |- winv (set_out _ _) => apply w_set_out
    | |- winv (after_arg _ _) => apply w_after_arg
    | |- winv (emit _ _ _ _) => apply w_emit
    | |- winv (mark_last_math _) => apply w_mark_last_math
    | |- winv (emit_inert _ _ _) => apply w_emit_inert
    | |- winv (upd _ _) => apply w_upd
    | |- winv (set_pcat _ _) => apply w_set_pcat
    | |- reach_ok (w_s _) => apply winv_s
    | |- pcat_ok (w_pcat _) => apply winv_pcat
    | |- reach_ok (set_mode _ _) => apply ok_set_mode
    | |- reach_ok (set_argBits _ _) => apply ok_set_argBits
    | |- reach_ok (set_afterArg _ _) => apply ok_set_afterArg
    | |- reach_ok (set_defDepth _ _) => apply ok_set_defDepth
    | |- reach_ok (set_defStage _ _) => apply ok_set_defStage
    | |- reach_ok (set_bodyPend _ _) => apply ok_set_bodyPend
    | |- reach_ok (set_bodyDepth _ _) => apply ok_set_bodyDepth
    | |- reach_ok (set_verbOpts _ _) => apply ok_set_verbOpts
    | |- reach_ok (set_macrocode _ _) => apply ok_set_macrocode
    | |- reach_ok (set_depth (s_depth ?X - 1) ?X) => apply ok_set_depth_pred
    | |- reach_ok (set_depth _ _) => apply ok_set_depth
    | |- reach_ok (set_frames (s_frames ?X ++ [{| fr_mode := _; fr_env := s_env ?X; fr_depth := _ |}]) ?X) =>
        apply ok_push_frame
    | |- reach_ok (set_frames _ _) => apply ok_set_frames
    | |- reach_ok (set_env _ _) => apply ok_set_env
    | |- reach_ok (set_defName _ _) => apply ok_set_defName
    | |- reach_ok (set_catcode _ _ _) => apply ok_set_catcode
    | |- reach_ok (close_saved _ _) => apply ok_close_saved
    | |- reach_ok (begin_semi_group _) => apply ok_begin_semi_group
    | |- reach_ok (end_semi_group _) => apply ok_end_semi_group
    | |- reach_ok (expl_on _) => apply ok_expl_on
    | |- reach_ok (expl_off _) => apply ok_expl_off
    | |- reach_ok (clear_definition _) => apply ok_clear_definition
    | |- reach_ok (clear_body_pend _) => apply ok_clear_body_pend
    | |- reach_ok (pend_definition _ _) => apply ok_pend_definition
    | |- reach_ok (definition_name _) => apply ok_definition_name
    | |- reach_ok (define_verbatim _ _ _) => apply ok_define_verbatim
    | |- units_ok (s_defName _) => apply ok_defName
    | |- units_ok (s_env _) => apply ok_env
    | E : rev (s_frames ?X) = ?f :: ?rf |- units_ok (fr_env ?f) => apply (frames_head X f rf E)
    | E : rev (s_frames ?X) = ?f :: ?rf |- Forall _ (rev ?rf) => apply (frames_tail X f rf E)
    | |- Forall _ [] => constructor
    | E : catcode_assignment _ _ = Some (_, _, _) |- pcat_ok _ =>
        cbn [pcat_ok]; exact (catcode_assignment_ok _ _ _ _ _ E)
    | E : new_environment_name _ ?r = Some (?nm, _) |- units_ok ?nm =>
        apply (fun F => units_new_environment_name _ _ _ _ F E)
    | |- units_ok (slice_name _ _ _) => apply units_slice
    | |- units_ok (skipn _ _) => apply units_skipn
    | |- units_ok (take _ _) => apply units_take
    | |- units_ok (defined_name _ _) => apply units_defined_name
    | |- units_ok (minted_name _ _) => apply units_minted_name
    | |- units_ok [] => constructor
    | |- small _ => solve [unfold small, MAX_DEPTH, CAT_LETTER, CAT_OTHER, CAT_ACTIVE in *; setters; bools; lia]
    | |- _ < _ => solve [unfold small, MAX_DEPTH, CAT_LETTER, CAT_OTHER, CAT_ACTIVE in *; setters; bools; lia]
    | |- ?g => progress cbv beta
    end ].

Ltac gdestruct := intros; cbv zeta in *; repeat (dmatch; try discriminate; cbv zeta in * ); subst_pairs.

Lemma w_open_group : forall pos w, winv w -> winv (open_group pos w).
Proof. intros pos w H. unfold open_group. gdestruct; repeat wbase. Qed.

Lemma w_close_group : forall w, winv w -> winv (close_group w).
Proof. intros w H. unfold close_group. gdestruct; repeat wbase. Qed.

Lemma w_paragraph_end : forall w, winv w -> winv (paragraph_end w).
Proof. intros w H. unfold paragraph_end. gdestruct; repeat wbase. Qed.

Lemma w_apply_pending_cat : forall w, winv w -> winv (apply_pending_cat w).
Proof.
  intros w H. unfold apply_pending_cat. destruct (w_pcat w) as [[[p c] k] |] eqn:E; [| exact H].
  pose proof (winv_pcat w H) as P. rewrite E in P. destruct P as [Pc Pk].
  apply w_upd; [| exact I]. apply ok_set_catcode; [exact Pc | exact Pk |]. apply (winv_s (set_pcat None w)), w_set_pcat; [exact I | exact H].
Qed.

(** ** Short verbatim characters *)

Lemma insert_pair_small : forall sv c old, Forall small sv -> small c -> small old -> Forall small (insert_pair sv c old).
Proof.
  fix IH 1. intros [| a [| b r]] c old H Hc Ho; cbn [insert_pair];
    [constructor; [exact Hc | constructor; [exact Ho | constructor]] ..
    |constructor; [exact Hc | constructor; [exact Ho | constructor]] |].
  pose proof H as H0. apply Forall_cons_iff in H0 as [Ha H1]. apply Forall_cons_iff in H1 as [Hb Hr].
  destruct (a <? c); [constructor; [exact Ha | constructor; [exact Hb | apply IH; assumption]] |].
  constructor; [exact Hc | constructor; [exact Ho | exact H]].
Qed.

Lemma with_short_verb_small : forall sv c old, Forall small sv -> small c -> small old ->
  Forall small (with_short_verb sv c old).
Proof.
  intros sv c old H Hc Ho. unfold with_short_verb. repeat dmatch; try exact H.
  apply insert_pair_small; assumption.
Qed.

Lemma without_short_verb_small : forall sv c, Forall small sv -> Forall small (without_short_verb sv c).
Proof.
  fix IH 1. intros [| a [| b r]] c H; cbn [without_short_verb]; try exact H.
  pose proof H as H0. apply Forall_cons_iff in H0 as [Ha H1]. apply Forall_cons_iff in H1 as [Hb Hr].
  destruct (a =? c); [exact Hr | constructor; [exact Ha | constructor; [exact Hb | apply IH; exact Hr]]].
Qed.

Lemma short_verb_old_cat_small : forall sv c old, Forall small sv -> short_verb_old_cat sv c = Some old -> small old.
Proof.
  fix IH 1. intros [| a [| b r]] c old H E; cbn [short_verb_old_cat] in E; try discriminate.
  pose proof H as H0. apply Forall_cons_iff in H0 as [Ha H1]. apply Forall_cons_iff in H1 as [Hb Hr].
  destruct (a =? c); [injection E as <-; exact Hb | exact (IH r c old Hr E)].
Qed.

Lemma short_verb_argument_char : forall s r bare c e, short_verb_argument s r bare = Some (c, e) -> c < 128.
Proof.
  intros s r bare c e H. unfold short_verb_argument in H. cbv zeta in H.
  repeat (dmatch; try discriminate); subst_pairs; bools; lia.
Qed.

Ltac wsolve :=
  repeat first
  [ match goal with
    | |- winv (open_group _ _) => apply w_open_group
    | |- winv (close_group _) => apply w_close_group
    | |- winv (paragraph_end _) => apply w_paragraph_end
    | |- winv (apply_pending_cat _) => apply w_apply_pending_cat
    | H : _ -> _ -> winv ?x |- winv ?x => apply H
    | |- reach_ok (set_shortVerb _ _) => apply ok_set_shortVerb
    | |- Forall small (with_short_verb _ _ _) => apply with_short_verb_small
    | |- Forall small (without_short_verb _ _) => apply without_short_verb_small
    | |- Forall small (s_shortVerb _) => apply ok_shortVerb
    | |- small (cat_of _ _) => apply ok_cat_of
    | E : short_verb_old_cat _ _ = Some ?old |- small ?old => apply (fun F => short_verb_old_cat_small _ _ _ F E)
    end
  | wbase ].

(** ** Each function of the scanner keeps [winv] *)

Ltac wfacts :=
  repeat match goal with
  | E : short_verb_argument _ _ _ = Some (_, _) |- _ =>
      pose proof (short_verb_argument_char _ _ _ _ _ E); clear E
  end.

Ltac wf_tac spec := gdestruct; wfacts; repeat spec; subst_pairs; wsolve.
Ltac no_spec := fail.

Lemma w_math_shift : forall r clen w w' k, math_shift r clen w = (w', k) -> winv w -> winv w'.
Proof. intros r clen w w' k H Hw. unfold math_shift in H. wf_tac no_spec. Qed.

Lemma w_verbatim_arguments_fuel : forall f r w w' k,
  verbatim_arguments_fuel f r w = (w', k) -> winv w -> units_ok r -> winv w'.
Proof.
  induction f as [| f IH]; intros r w w' k H Hw Hr; cbn [verbatim_arguments_fuel] in H.
  - wf_tac no_spec.
  - gdestruct; wfacts;
      try (match goal with E : verbatim_arguments_fuel f _ _ = (_, _) |- _ => pose proof (IH _ _ _ _ E); clear E end);
      subst_pairs; wsolve.
Qed.

Lemma w_verbatim_arguments : forall r w w' k, verbatim_arguments r w = (w', k) -> winv w -> units_ok r -> winv w'.
Proof. intros r w w' k H. exact (w_verbatim_arguments_fuel _ _ _ _ _ H). Qed.

Lemma w_verbatim_body : forall r w w' k, verbatim_body r w = (w', k) -> winv w -> units_ok r -> winv w'.
Proof. intros r w w' k H Hw Hr. unfold verbatim_body in H. wf_tac no_spec. Qed.

Ltac spec_verbatim :=
  idtac; match goal with
  | E : verbatim_arguments _ _ = (_, _) |- _ => pose proof (w_verbatim_arguments _ _ _ _ E); clear E
  | E : verbatim_body _ _ = (_, _) |- _ => pose proof (w_verbatim_body _ _ _ _ E); clear E
  end.

Lemma w_continued_options : forall t w w' k, continued_options t w = (w', k) -> winv w -> units_ok t -> winv w'.
Proof. intros t w w' k H Hw Hr. unfold continued_options in H. wf_tac spec_verbatim. Qed.

Lemma w_environment : forall o b r w w' k, environment o b r w = (w', k) -> winv w -> units_ok r -> winv w'.
Proof. intros o b r w w' k H Hw Hr. unfold environment in H. wf_tac spec_verbatim. Qed.

Lemma w_inline_verbatim : forall f r w w' k, inline_verbatim f r w = (w', k) -> winv w -> winv w'.
Proof. intros f r w w' k H Hw. unfold inline_verbatim in H. wf_tac no_spec. Qed.

Lemma w_short_verbatim : forall r w w' k, short_verbatim r w = (w', k) -> winv w -> winv w'.
Proof. intros r w w' k H Hw. unfold short_verbatim in H. wf_tac no_spec. Qed.

Lemma w_short_verb_command : forall m b r w w' k, short_verb_command m b r w = (w', k) -> winv w -> winv w'.
Proof. intros m b r w w' k H Hw. unfold short_verb_command in H. wf_tac no_spec. Qed.

Lemma w_control_symbol : forall n c w, winv w -> winv (control_symbol n c w).
Proof. intros n c w Hw. unfold control_symbol. gdestruct; wsolve. Qed.

Ltac spec_args :=
  idtac; match goal with
  | E : verbatim_arguments _ _ = (_, _) |- _ => pose proof (w_verbatim_arguments _ _ _ _ E); clear E
  | E : verbatim_body _ _ = (_, _) |- _ => pose proof (w_verbatim_body _ _ _ _ E); clear E
  | E : continued_options _ _ = (_, _) |- _ => pose proof (w_continued_options _ _ _ _ E); clear E
  | E : environment _ _ _ _ = (_, _) |- _ => pose proof (w_environment _ _ _ _ _ _ E); clear E
  | E : inline_verbatim _ _ _ = (_, _) |- _ => pose proof (w_inline_verbatim _ _ _ _ _ E); clear E
  | E : short_verbatim _ _ = (_, _) |- _ => pose proof (w_short_verbatim _ _ _ _ E); clear E
  | E : short_verb_command _ _ _ _ = (_, _) |- _ => pose proof (w_short_verb_command _ _ _ _ _ _ E); clear E
  | E : math_shift _ _ _ = (_, _) |- _ => pose proof (w_math_shift _ _ _ _ _ E); clear E
  end.

Ltac wsolve2 :=
  repeat first
  [ match goal with
    | H : _ -> winv ?x |- winv ?x => apply H
    | |- winv (control_symbol _ _ _) => apply w_control_symbol
    end
  | progress wsolve ].

Lemma w_control_word : forall o name n r pos w w' k,
  control_word o name n r pos w = (w', k) -> winv w -> units_ok r -> winv w'.
Proof. intros o name n r pos w w' k H Hw Hr. unfold control_word in H. gdestruct; wfacts; repeat spec_args; subst_pairs; wsolve2. Qed.

Lemma w_control_sequence : forall o len pos rest clen w w' k,
  control_sequence o len pos rest clen w = (w', k) -> winv w -> units_ok rest -> winv w'.
Proof.
  intros o len pos rest clen w w' k H Hw Hr. unfold control_sequence in H. gdestruct; wfacts;
  repeat match goal with E : control_word _ _ _ _ _ _ = (_, _) |- _ => pose proof (w_control_word _ _ _ _ _ _ _ _ E); clear E end;
  subst_pairs; wsolve2.
Qed.

Lemma w_step : forall o len pos rest w w' k,
  step o len pos rest w = (w', k) -> winv w -> units_ok rest -> winv w'.
Proof.
  intros o len pos rest w w' k H Hw Hr. unfold step in H. gdestruct; wfacts;
  repeat first [ spec_args
               | match goal with E : control_sequence _ _ _ _ _ _ = (_, _) |- _ => pose proof (w_control_sequence _ _ _ _ _ _ _ _ E); clear E end ];
  subst_pairs; wsolve2.
Qed.

Lemma w_scan_loop : forall f o len pos rest w, winv w -> units_ok rest -> winv (scan_loop f o len pos rest w).
Proof.
  induction f as [| f IH]; intros o len pos rest w Hw Hr; cbn [scan_loop]; [exact Hw |].
  destruct rest as [| x rest']; [exact Hw |].
  set (w1 := match w_pcat w with
             | Some (pp, _, _) => if pp <=? pos then apply_pending_cat w else w
             | None => w end).
  assert (W1 : winv w1) by (subst w1; repeat dmatch; try apply w_apply_pending_cat; exact Hw).
  destruct (step o len pos (x :: rest') w1) as [w2 k] eqn:S.
  apply IH; [exact (w_step _ _ _ _ _ _ _ S W1 Hr) | apply units_skipn, Hr].
Qed.

Lemma w_doc_line_start : forall t w w' k, doc_line_start t w = (w', k) -> winv w -> units_ok t -> winv w'.
Proof. intros t w w' k H Hw Hr. unfold doc_line_start in H. gdestruct; wfacts; repeat spec_args; subst_pairs; wsolve2. Qed.

(** ** The laws *)

(** The first state satisfies the invariant, for every options. *)
Lemma catsb : forall l, forallb (fun c => cc_cat c <=? 255) l = true -> Forall (fun c => small (cc_cat c)) l.
Proof.
  intros l H. apply Forall_forall. intros x Hx. eapply forallb_forall in H; [| exact Hx].
  apply Nat.leb_le in H. exact H.
Qed.

Theorem initial_reach_ok : forall o, reach_ok (initial_state o).
Proof.
  intros o. split; [constructor |]. split; [constructor |]. split; [constructor |]. split; [constructor |].
  split; [unfold small; cbn; lia |].
  split; [| split; [constructor | exists []; split; [reflexivity | constructor]]].
  cbn [initial_state set_catcodes s_catcodes]. unfold initial_catcodes.
  destruct (o_atLetter o), (o_explSyntax o); apply catsb; vm_compute; reflexivity.
Qed.

(** [lex_line o] keeps the invariant on every line of code units, for every options. *)
Theorem lex_line_reach_ok : forall o s line,
  reach_ok s -> units_ok line -> reach_ok (snd (lex_line o s line)).
Proof.
  intros o s line Hs Hl. unfold lex_line.
  set (w0 := mkWork s false false None None []).
  assert (W0 : winv w0) by (split; [exact Hs | exact I]).
  destruct (if o_docTeX o then doc_line_start line w0
            else if mode_eqb (s_mode s) Verbatim then
              (if s_verbOpts s then continued_options line w0 else verbatim_body line w0)
            else ((if is_blank s line then paragraph_end w0 else w0), 0)) as [w1 p] eqn:E.
  assert (W1 : winv w1).
  { revert E. repeat dmatch; intros Ew;
      first [ exact (w_doc_line_start _ _ _ _ Ew W0 Hl) | exact (w_continued_options _ _ _ _ Ew W0 Hl)
            | exact (w_verbatim_body _ _ _ _ Ew W0 Hl)
            | apply pair_inj in Ew as [<- <-]; try apply w_paragraph_end; exact W0 ]. }
  cbn [snd]. apply winv_s, w_apply_pending_cat, w_scan_loop; [exact W1 | apply units_skipn, Hl].
Qed.

Lemma run_reach_ok : forall o ls s, reach_ok s -> Forall units_ok ls ->
  reach_ok (run state ustring (list token) (lex_line o) s ls).
Proof.
  intros o ls. unfold run. induction ls as [| l ls IH]; intros s Hs Hl; [exact Hs |].
  inversion Hl; subst. cbn [fold_left]. apply IH; [apply lex_line_reach_ok |]; assumption.
Qed.

(** Every state batch lexing reaches under any options, at the start of every line and
    after the last one, satisfies the invariant and so is well formed: the documents are
    lists of lines of UTF-16 code units (at most 0xFFFF), as every JavaScript string is. *)
Theorem batch_states_wf : forall (o : options) (d : list ustring),
  Forall units_ok d ->
  (forall i, reach_ok (batch_state_at state ustring (list token) (lex_line o) (initial_state o) d i)
             /\ wf_state (batch_state_at state ustring (list token) (lex_line o) (initial_state o) d i))
  /\ reach_ok (run state ustring (list token) (lex_line o) (initial_state o) d)
  /\ wf_state (run state ustring (list token) (lex_line o) (initial_state o) d).
Proof.
  intros o d Hd.
  assert (R : reach_ok (run state ustring (list token) (lex_line o) (initial_state o) d))
    by (apply run_reach_ok; [apply initial_reach_ok | exact Hd]).
  split; [| split; [exact R | apply reach_ok_wf, R]].
  intros i. unfold batch_state_at.
  assert (Ri : reach_ok (run state ustring (list token) (lex_line o) (initial_state o) (firstn i d)))
    by (apply run_reach_ok; [apply initial_reach_ok | apply forall_firstn, Hd]).
  split; [exact Ri | apply reach_ok_wf, Ri].
Qed.

(** So the codec round-trips every one of them: [decode (encode s) = Some s]. *)
Theorem batch_states_roundtrip : forall (o : options) (d : list ustring),
  Forall units_ok d ->
  (forall i, let s := batch_state_at state ustring (list token) (lex_line o) (initial_state o) d i in
             decode (encode s) = Some s)
  /\ (let s := run state ustring (list token) (lex_line o) (initial_state o) d in
      decode (encode s) = Some s).
Proof.
  intros o d Hd. destruct (batch_states_wf o d Hd) as (B & _ & F).
  split; [intros i; cbv zeta; apply codec_roundtrip, B | apply codec_roundtrip, F].
Qed.

(** ** The paragraph rule for saved frames, given their order *)

Lemma trailing_snoc : forall lv fs f,
  trailing_at_least lv (fs ++ [f]) = if lv <=? sf_level f then S (trailing_at_least lv fs) else 0.
Proof. intros lv fs f. unfold trailing_at_least. rewrite rev_app_distr. reflexivity. Qed.

Lemma trailing_split : forall a b, Forall (fun f => sf_level f = 0) a -> Forall (fun f => 1 <= sf_level f) b ->
  trailing_at_least 1 (a ++ b) = length b.
Proof.
  intros a b Ha. induction b as [| f b IH] using rev_ind; intros Hb.
  - rewrite app_nil_r. destruct a as [| x a'] using rev_ind; [reflexivity |].
    rewrite trailing_snoc. apply Forall_app in Ha as [_ Hx]. inversion Hx as [| ? ? Hx0 _]; subst.
    rewrite Hx0. reflexivity.
  - apply Forall_app in Hb as [Hb Hf]. inversion Hf as [| ? ? Hf0 _]; subst.
    rewrite app_assoc, trailing_snoc, IH by exact Hb. apply Nat.leb_le in Hf0. rewrite Hf0.
    rewrite app_length. cbn [length]. lia.
Qed.

(** When the saved frames are those pushed at depth 0 followed by those pushed deeper (as
    when levels never decrease from first to last), the reset of a recovery point keeps
    exactly the frames pushed at depth 0: [paragraph_end]'s [close_saved 1]. *)
Theorem close_saved_keeps_depth0 : forall s a b,
  decode_saved (s_saved s) = a ++ b ->
  Forall (fun f => sf_level f = 0) a -> Forall (fun f => 1 <= sf_level f) b ->
  decode_saved (s_saved (close_saved 1 s)) = a.
Proof.
  intros s a b E Ha Hb. unfold close_saved, pop_saved, first_at_level. rewrite E.
  rewrite trailing_split by assumption. unfold pop_from.
  assert (K : forall ps s0, s_saved (fold_left (fun s '(c, k) => write_catcode c k s) ps s0) = s_saved s0).
  { induction ps as [| [c k] ps IH]; intros s0; [reflexivity | cbn [fold_left]; rewrite IH; reflexivity]. }
  rewrite K. cbn [s_saved set_saved]. rewrite decode_encode_saved.
  rewrite app_length, Nat.add_sub, firstn_app, firstn_all, Nat.sub_diag, firstn_O, app_nil_r. reflexivity.
Qed.
