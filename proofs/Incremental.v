(** * The checkpoint algorithm of the incremental lexer

    A model of [lexer/document_lexer.ts] ([lexDocument], the batch reference) and
    [lexer/incremental.ts] ([IncrementalLexer.edit], after it has turned a UTF-16 edit into
    "replace lines [a, b) with these lines"), generic in the line lexer of
    [lexer/line_lexer.ts] ([LineLexer.lex]).

    Main results, for every lexer reached from an opened document by any sequence of edits:
    - [incremental_correctness]: a valid edit gives exactly what batch lexing the edited
      document gives (lines, every checkpoint, every line's tokens, the final state);
    - [checkpoint_equivalence]: the checkpoint stored for line [i] is the state batch lexing
      reaches at line [i], and line [i]'s tokens are what the line lexer gives from it. *)

(* Only List and PeanoNat: see Codec.v. *)
From Coq Require Import List PeanoNat.
Import ListNotations.

Section Incremental.

(** The lexer state, a line's text, and a line's tokens are left abstract. *)
Variable state line tokens : Type.

(** States can be compared; the TypeScript code compares interned encodings, which
    [Codec.codec_roundtrip] shows to be the same ([Codec.state_eq_dec_by_encoding]). *)
Variable state_eq_dec : forall x y : state, {x = y} + {x <> y}.

(** [LineLexer.lex]: a line's tokens and the state at the start of the next line.  The
    TypeScript method writes the tokens into a reused buffer; the model assumes, as the
    TypeScript code does, that they depend only on the start state and the line's text. *)
Variable lex_line : state -> line -> tokens * state.

(** The first line's state: [INITIAL_STATE], or the one the options give ([LexConfig.initial]). *)
Variable init : state.

(** ** Batch lexing *)

(** What is stored per line: the state at its start (the checkpoint) and its tokens. *)
Definition entry : Type := (state * tokens)%type.

(** Lexes [ls] from [s]: the entry of every line and the state after the last one. *)
Fixpoint lex_from (s : state) (ls : list line) : list entry * state :=
  match ls with
  | [] => ([], s)
  | l :: rest =>
      let (toks, s') := lex_line s l in
      let (es, final) := lex_from s' rest in
      ((s, toks) :: es, final)
  end.

(** A lexed document: its lines, one entry per line, and the state after the last line. *)
Record lexer : Type := {
  doc : list line;
  entries : list entry;
  final : state;
}.

(** [lexDocument]: batch lexing from the initial state; also how an [IncrementalLexer] is
    opened. *)
Definition open (d : list line) : lexer :=
  let (es, f) := lex_from init d in {| doc := d; entries := es; final := f |}.

(** The state batch lexing reaches at the start of line [i], defined independently of the
    cache: the line lexer run over lines [0 .. i-1]. *)
Definition run (s : state) (ls : list line) : state :=
  fold_left (fun s l => snd (lex_line s l)) ls s.

Definition batch_state_at (d : list line) (i : nat) : state := run init (firstn i d).

(** ** Edits *)

(** The document after replacing lines [a, b) with [new]. *)
Definition replace_lines (d : list line) (a b : nat) (new : list line) : list line :=
  firstn a d ++ new ++ skipn b d.

(** Edit bounds the TypeScript code accepts; others make it throw a [RangeError] before
    changing anything. *)
Definition valid_edit (d : list line) (a b : nat) : bool :=
  (a <=? b) && (b <=? length d).

(** The checkpoint at line [a]: the stored start state of line [a], or the stored final
    state when [a] is the number of lines (an edit at the very end). *)
Definition checkpoint (c : lexer) (a : nat) : state :=
  match nth_error (entries c) a with
  | Some (s, _) => s
  | None => final c
  end.

(** The loop after the new lines: [s] is the state computed for old line [j], [old] the old
    lines from [j] on and [stored] their stored entries, [old_final] the stored final state.
    When [s] equals the checkpoint stored for line [j], the rest is reused unchanged;
    otherwise line [j] is lexed from [s] and the loop goes on.  Past the last old line, the
    computed state is the final state. *)
Fixpoint relex (s : state) (old : list line) (stored : list entry) (old_final : state)
  : list entry * state :=
  match old with
  | [] => ([], s)
  | l :: old' =>
      match stored with
      | (s0, _) :: _ =>
          if state_eq_dec s s0 then (stored, old_final)
          else
            let (toks, s') := lex_line s l in
            let (es, f) := relex s' old' (tl stored) old_final in
            ((s, toks) :: es, f)
      | [] =>
          let (toks, s') := lex_line s l in
          let (es, f) := relex s' old' [] old_final in
          ((s, toks) :: es, f)
      end
  end.

(** [IncrementalLexer.edit] on lines ([#apply] once the offsets are turned into lines):
    [None] for invalid bounds (the lexer is unchanged); otherwise the new lines are lexed from
    the checkpoint at [a], then the old lines from [b] on are re-lexed until the computed
    state meets a stored checkpoint ([store.scan]), and the final state is replaced only when
    the loop ran past the last line.  The TypeScript code always replaces a non-empty range
    [first, b.line + 1) by at least one line; the model allows every [a <= b <= n] and any
    number of new lines. *)
Definition apply_edit (c : lexer) (a b : nat) (new : list line) : option lexer :=
  if valid_edit (doc c) a b then
    let (new_entries, s) := lex_from (checkpoint c a) new in
    let (rest, f) := relex s (skipn b (doc c)) (skipn b (entries c)) (final c) in
    Some {| doc := replace_lines (doc c) a b new;
            entries := firstn a (entries c) ++ new_entries ++ rest;
            final := f |}
  else None.

(** Lexers reached from an opened document by any sequence of valid edits. *)
Inductive reachable : lexer -> Prop :=
  | reachable_open : forall d, reachable (open d)
  | reachable_edit : forall c a b new c',
      reachable c -> apply_edit c a b new = Some c' -> reachable c'.

(** ** Facts about batch lexing *)

Lemma lex_from_length :
  forall ls s es f, lex_from s ls = (es, f) -> length es = length ls.
Proof.
  induction ls as [| l ls IH]; simpl; intros s es f H.
  - injection H as <- <-. reflexivity.
  - destruct (lex_line s l) as [t s']. destruct (lex_from s' ls) as [es' f'] eqn:E.
    injection H as <- <-. simpl. rewrite (IH _ _ _ E). reflexivity.
Qed.

Lemma lex_from_app :
  forall xs ys s,
    lex_from s (xs ++ ys) =
    let (e1, m) := lex_from s xs in
    let (e2, f) := lex_from m ys in
    (e1 ++ e2, f).
Proof.
  induction xs as [| x xs IH]; simpl; intros ys s.
  - destruct (lex_from s ys). reflexivity.
  - destruct (lex_line s x) as [t s']. rewrite IH.
    destruct (lex_from s' xs) as [e1 m]. destruct (lex_from m ys) as [e2 f]. reflexivity.
Qed.

Lemma lex_from_final : forall ls s, snd (lex_from s ls) = run s ls.
Proof.
  induction ls as [| l ls IH]; simpl; intros s.
  - reflexivity.
  - destruct (lex_line s l) as [t s'] eqn:E. destruct (lex_from s' ls) as [es f] eqn:F.
    simpl. rewrite <- IH, F. reflexivity.
Qed.

(** Splitting a batch result at line [k]: the first [k] entries come from the first [k]
    lines, the stored checkpoint at [k] is the state reached there, and the rest of the
    entries are the lexing of the rest of the lines from it. *)
Lemma lex_from_split :
  forall ls s es f k,
    lex_from s ls = (es, f) -> k <= length ls ->
    let m := match nth_error es k with Some (s', _) => s' | None => f end in
    lex_from s (firstn k ls) = (firstn k es, m) /\ lex_from m (skipn k ls) = (skipn k es, f).
Proof.
  induction ls as [| l ls IH]; simpl; intros s es f k H Hk.
  - injection H as <- <-. destruct k; [| exfalso; exact (Nat.nle_succ_0 k Hk)]. simpl. auto.
  - destruct (lex_line s l) as [t s'] eqn:El. destruct (lex_from s' ls) as [es' f'] eqn:E.
    injection H as <- <-. destruct k as [| k].
    + simpl. rewrite El, E. auto.
    + simpl. assert (Hk' : k <= length ls) by exact (le_S_n _ _ Hk).
      destruct (IH s' es' f' k E Hk') as [H1 H2].
      rewrite El, H1. auto.
Qed.

(** ** The re-lex loop *)

(** The key fact: if the stored entries of the old suffix are its batch lexing from some
    state, re-lexing from any state [s] until convergence gives the batch lexing of the same
    suffix from [s].  When [s] meets the stored checkpoint, the stored suffix is the lexing
    from that very state, and the suffix lines are unchanged. *)
Lemma relex_correct :
  forall old s_old stored old_final s,
    lex_from s_old old = (stored, old_final) ->
    relex s old stored old_final = lex_from s old.
Proof.
  induction old as [| l old IH]; simpl; intros s_old stored old_final s H.
  - reflexivity.
  - destruct (lex_line s_old l) as [t0 s0'] eqn:El0.
    destruct (lex_from s0' old) as [es0 f0] eqn:E0.
    injection H as <- <-.
    destruct (state_eq_dec s s_old) as [-> | Hne].
    + simpl. rewrite El0, E0. reflexivity.
    + destruct (lex_line s l) as [t s']. simpl.
      rewrite (IH s0' es0 f0 s' E0). reflexivity.
Qed.

(** ** Consistency: the invariant of reachable lexers *)

(** The stored entries and final state are exactly the batch lexing of the stored lines. *)
Definition consistent (c : lexer) : Prop := lex_from init (doc c) = (entries c, final c).

Lemma open_consistent : forall d, consistent (open d).
Proof.
  intros d. unfold consistent, open. destruct (lex_from init d) as [es f] eqn:E. exact E.
Qed.

Lemma consistent_open : forall c, consistent c -> c = open (doc c).
Proof.
  intros [d es f] H. unfold consistent in H. simpl in H.
  unfold open. simpl doc. rewrite H. reflexivity.
Qed.

Lemma valid_edit_spec :
  forall d a b, valid_edit d a b = true <-> a <= b /\ b <= length d.
Proof.
  intros d a b. unfold valid_edit. split.
  - intros H. apply andb_prop in H as [H1 H2].
    exact (conj (proj1 (Nat.leb_le _ _) H1) (proj1 (Nat.leb_le _ _) H2)).
  - intros [H1 H2]. apply andb_true_intro.
    exact (conj (proj2 (Nat.leb_le _ _) H1) (proj2 (Nat.leb_le _ _) H2)).
Qed.

(** A valid edit of a consistent lexer gives the batch lexing of the edited document. *)
Lemma apply_edit_consistent :
  forall c a b new,
    consistent c -> a <= b -> b <= length (doc c) ->
    apply_edit c a b new = Some (open (replace_lines (doc c) a b new)).
Proof.
  intros [d es f] a b new H Hab Hb. unfold consistent in H. simpl in *.
  unfold apply_edit. simpl.
  replace (valid_edit d a b) with true by (symmetry; apply valid_edit_spec; auto).
  destruct (lex_from_split d init es f a H (Nat.le_trans _ _ _ Hab Hb)) as [Ha _].
  destruct (lex_from_split d init es f b H Hb) as [_ Hb'].
  unfold checkpoint. simpl.
  set (sa := match nth_error es a with Some (s', _) => s' | None => f end) in *.
  set (sb := match nth_error es b with Some (s', _) => s' | None => f end) in *.
  destruct (lex_from sa new) as [new_entries s] eqn:En.
  rewrite (relex_correct (skipn b d) sb (skipn b es) f s Hb').
  destruct (lex_from s (skipn b d)) as [rest f'] eqn:Er.
  unfold open, replace_lines.
  rewrite lex_from_app, Ha, lex_from_app, En, Er. reflexivity.
Qed.

Lemma reachable_consistent : forall c, reachable c -> consistent c.
Proof.
  intros c Hc. induction Hc as [d | c a b new c' Hc IH Hedit].
  - apply open_consistent.
  - destruct (valid_edit (doc c) a b) eqn:Hv.
    2: unfold apply_edit in Hedit; rewrite Hv in Hedit; discriminate.
    apply valid_edit_spec in Hv as [Hab Hb].
    rewrite (apply_edit_consistent c a b new IH Hab Hb) in Hedit.
    injection Hedit as <-. apply open_consistent.
Qed.

(** ** The theorems *)

(** Invalid bounds change nothing: [apply_edit] refuses them, as the TypeScript code throws a
    [RangeError] before touching its state. *)
Theorem apply_edit_invalid :
  forall c a b new, ~ (a <= b /\ b <= length (doc c)) -> apply_edit c a b new = None.
Proof.
  intros c a b new H. unfold apply_edit.
  destruct (valid_edit (doc c) a b) eqn:Hv; [| reflexivity].
  apply valid_edit_spec in Hv. contradiction.
Qed.

(** For any lexer reached by any sequence of edits and any further valid edit, the
    incremental result is the batch result on the edited document: the same lines, the same
    checkpoint and tokens for every line, and the same final state. *)
Theorem incremental_correctness :
  forall c a b new,
    reachable c -> a <= b -> b <= length (doc c) ->
    apply_edit c a b new = Some (open (replace_lines (doc c) a b new)).
Proof.
  intros c a b new Hc Hab Hb.
  exact (apply_edit_consistent c a b new (reachable_consistent c Hc) Hab Hb).
Qed.

(** In any reachable lexer, line [i]'s stored checkpoint is the state batch lexing reaches
    at line [i], and its stored tokens are what the line lexer gives from that state; there
    is one entry per line, and the final state is the state after the last line. *)
Theorem checkpoint_equivalence :
  forall c,
    reachable c ->
    length (entries c) = length (doc c)
    /\ final c = run init (doc c)
    /\ forall i l,
         nth_error (doc c) i = Some l ->
         nth_error (entries c) i =
           Some (batch_state_at (doc c) i, fst (lex_line (batch_state_at (doc c) i) l)).
Proof.
  intros c Hc. pose proof (reachable_consistent c Hc) as H.
  destruct c as [d es f]. unfold consistent in H. simpl in *.
  split; [exact (lex_from_length d init es f H) |].
  split; [rewrite <- lex_from_final, H; reflexivity |].
  intros i l Hl.
  assert (Hi : i < length d) by (apply nth_error_Some; rewrite Hl; discriminate).
  destruct (lex_from_split d init es f i H (Nat.lt_le_incl _ _ Hi)) as [H1 H2].
  set (m := match nth_error es i with Some (s', _) => s' | None => f end) in *.
  assert (Hm : batch_state_at d i = m).
  { unfold batch_state_at. rewrite <- lex_from_final, H1. reflexivity. }
  rewrite Hm.
  assert (Hskip : skipn i d = l :: skipn (S i) d).
  { clear - Hl. revert d Hl. induction i as [| i IH]; intros [| x d] Hl; simpl in *;
      try discriminate.
    - injection Hl as ->. reflexivity.
    - apply IH. exact Hl. }
  rewrite Hskip in H2. cbn [lex_from] in H2.
  destruct (lex_line m l) as [t s'] eqn:El. cbv beta iota zeta in H2.
  destruct (lex_from s' (skipn (S i) d)) as [es' f'].
  injection H2 as H2 _. simpl.
  rewrite <- (firstn_skipn i es), nth_error_app2, <- H2.
  - rewrite (lex_from_length _ _ _ _ H1), firstn_length_le, Nat.sub_diag
      by exact (Nat.lt_le_incl _ _ Hi).
    reflexivity.
  - rewrite (lex_from_length _ _ _ _ H1), firstn_length_le by exact (Nat.lt_le_incl _ _ Hi).
    apply le_n.
Qed.

(** ** The edge cases of the TypeScript code, as instances *)

(** An empty document has no entries; its final state is the initial state. *)
Lemma open_empty : open [] = {| doc := []; entries := []; final := init |}.
Proof. reflexivity. Qed.

(** An edit at the very end ([a = b = n]) appends lines. *)
Corollary edit_at_end :
  forall c new,
    reachable c ->
    apply_edit c (length (doc c)) (length (doc c)) new = Some (open (doc c ++ new)).
Proof.
  intros c new Hc. rewrite (incremental_correctness c _ _ new Hc (le_n _) (le_n _)).
  unfold replace_lines. rewrite firstn_all, skipn_all, app_nil_r. reflexivity.
Qed.

(** An edit that removes every line leaves the empty document.  (The TypeScript lexer always
    has at least one, possibly empty, line; the model allows the empty list.) *)
Corollary edit_remove_all :
  forall c,
    reachable c -> apply_edit c 0 (length (doc c)) [] = Some (open []).
Proof.
  intros c Hc. rewrite (incremental_correctness c 0 _ [] Hc (Nat.le_0_l _) (le_n _)).
  unfold replace_lines. rewrite skipn_all. reflexivity.
Qed.

(** A pure insertion ([a = b]) and a pure deletion ([new = []]). *)
Corollary edit_insert :
  forall c a new,
    reachable c -> a <= length (doc c) ->
    apply_edit c a a new = Some (open (firstn a (doc c) ++ new ++ skipn a (doc c))).
Proof. intros c a new Hc Ha. exact (incremental_correctness c a a new Hc (le_n a) Ha). Qed.

Corollary edit_delete :
  forall c a b,
    reachable c -> a <= b -> b <= length (doc c) ->
    apply_edit c a b [] = Some (open (firstn a (doc c) ++ skipn b (doc c))).
Proof. intros c a b Hc Hab Hb. exact (incremental_correctness c a b [] Hc Hab Hb). Qed.

(** A whole editing session: applying a list of edits one after the other; the first
    invalid edit stops it, as a thrown [RangeError] would. *)
Fixpoint apply_edits (c : lexer) (edits : list (nat * nat * list line)) : option lexer :=
  match edits with
  | [] => Some c
  | (a, b, new) :: rest =>
      match apply_edit c a b new with
      | Some c' => apply_edits c' rest
      | None => None
      end
  end.

(** Every lexer a session produces is the batch lexing of its document. *)
Corollary session_correctness :
  forall d edits c, apply_edits (open d) edits = Some c -> c = open (doc c).
Proof.
  intros d edits. assert (Hd : reachable (open d)) by constructor. revert Hd.
  generalize (open d) as c0. induction edits as [| [[a b] new] rest IH]; simpl; intros c0 Hc0 c H.
  - injection H as <-. apply consistent_open, reachable_consistent, Hc0.
  - destruct (apply_edit c0 a b new) as [c1 |] eqn:E; [| discriminate].
    exact (IH c1 (reachable_edit c0 a b new c1 Hc0 E) c H).
Qed.

End Incremental.
