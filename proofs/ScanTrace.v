(** * The working states a scan passes through

    [Lexer.scan_loop] runs [step] over a line, first applying a pending catcode assignment
    when its position is reached ([before_step]).  A law about what holds inside a line or
    across lines (a reset in the middle of a line, a definition body spanning lines) speaks
    of the working states between two steps.  This file names them:

    - [between P o len pos rest w pos' rest' w']: the scan of a line of [len] units, from the
      working state [w] at position [pos] with the units [rest] left, reaches [w'] at [pos']
      with [rest'] left, after zero or more steps, and every state after a step on the way
      satisfies [P] (a guard: [fun _ => True] for no condition);
    - [line_start o s line]: what [lex_line] does before its scan loop (DocTeX line starts,
      verbatim lines, the blank-line reset);
    - [in_line o s line w]: [w] is a state between two steps of lexing [line] from [s];
    - [follows P o ls len pos rest w w']: [w'] is reached from [w] in the same line or, through
      the line's end ([apply_pending_cat]) and the next lines' starts, in one of the lines
      [ls] after it, with [P] on every state on the way.

    [LawLossless.scan_loop_between] and [LawLossless.lex_line_between] (there because they need
    [step_ok]: every step consumes a unit): the state [scan_loop] returns, with the fuel
    [lex_line] gives it, is the [between] state where no unit is left, so a law proved for every
    [between] state covers the end state of [lex_line] too.  [between_inv] and [follows_inv]
    turn a property that every step keeps (while the guard holds) into one of every state
    reached. *)

From Coq Require Import List PeanoNat.
From LaTeXPerfectionist Require Import Codec LexBase LexArgs Lexer LawFacts Incremental.
Import ListNotations.

(** ** One line *)

(** The pending catcode assignment [scan_loop] applies before a step at [pos]. *)
Definition before_step (pos : nat) (w : work) : work :=
  match w_pcat w with
  | Some (pp, _, _) => if pp <=? pos then apply_pending_cat w else w
  | None => w
  end.

Inductive between (P : work -> Prop) (o : options) (len : nat)
  : nat -> list nat -> work -> nat -> list nat -> work -> Prop :=
| between_here : forall pos rest w, between P o len pos rest w pos rest w
| between_step : forall pos x xs w w1 k pos' rest' w',
    step o len pos (x :: xs) (before_step pos w) = (w1, k) -> P w1 ->
    between P o len (pos + k) (skipn k (x :: xs)) w1 pos' rest' w' ->
    between P o len pos (x :: xs) w pos' rest' w'.

Lemma between_mono : forall (P Q : work -> Prop) o len pos rest w pos' rest' w',
  (forall v, P v -> Q v) -> between P o len pos rest w pos' rest' w' ->
  between Q o len pos rest w pos' rest' w'.
Proof.
  intros P Q o len pos rest w pos' rest' w' H B.
  induction B; [apply between_here | eapply between_step; eauto].
Qed.

(** Every state reached satisfies [I] when the start does and every step keeps it while the
    guard holds after the step. *)
Lemma between_inv : forall (P I : work -> Prop) o len,
  (forall pos x xs w w1 k, I w -> step o len pos (x :: xs) (before_step pos w) = (w1, k) ->
     P w1 -> I w1) ->
  forall pos rest w pos' rest' w', between P o len pos rest w pos' rest' w' -> I w -> I w'.
Proof.
  intros P I o len H pos rest w pos' rest' w' B. induction B as [| ? ? ? ? ? ? ? ? ? S G B IH];
    intros Hw; [exact Hw | apply IH; eapply H; eauto].
Qed.

(** The scan ends where no unit is left: the end state is unique. *)
Lemma between_end_unique : forall P o len pos rest w p1 w1 p2 w2,
  between P o len pos rest w p1 [] w1 -> between P o len pos rest w p2 [] w2 -> w1 = w2.
Proof.
  intros P o len pos rest w p1 w1 p2 w2 B1. revert p2 w2. remember (@nil nat) as e eqn:Ee.
  induction B1 as [pos rest w | pos x xs w v k pos' rest' w' S G B IH]; intros p2 w2 B2; subst.
  - inversion B2; [reflexivity].
  - inversion B2 as [| pos0 x0 xs0 w0 v0 k0 pos0' rest0' w0' S0 G0 B0]; subst.
    rewrite S in S0. injection S0 as <- <-. exact (IH eq_refl _ _ B0).
Qed.

Lemma scan_loop_unfold : forall f o len pos x xs w,
  scan_loop (S f) o len pos (x :: xs) w =
  let '(w1, k) := step o len pos (x :: xs) (before_step pos w) in
  scan_loop f o len (pos + k) (skipn k (x :: xs)) w1.
Proof. reflexivity. Qed.

(** ** A line lexed from a start state *)

Definition start_of (s : state) : work := mkWork s false false None None [].

(** What [lex_line] does before its scan loop: the working state and the position the
    loop starts from. *)
Definition line_start (o : options) (s : state) (line : ustring) : work * nat :=
  let w0 := start_of s in
  if o_docTeX o then doc_line_start line w0
  else if mode_eqb (s_mode s) Verbatim then
    (if s_verbOpts s then continued_options line w0 else verbatim_body line w0)
  else ((if is_blank s line then paragraph_end w0 else w0), 0).

Lemma lex_line_unfold : forall o s line,
  lex_line o s line =
  let '(w, pos) := line_start o s line in
  let w := apply_pending_cat (scan_loop (S (length line)) o (length line) pos (skipn pos line) w) in
  (rev' (w_out w), w_s w).
Proof.
  intros o s line. unfold lex_line, line_start, start_of. rewrite size_length.
  destruct (if o_docTeX o then _ else _) as [w pos]. reflexivity.
Qed.

(** [w] is a working state between two steps of lexing [line] from [s]: the state after the
    line start, or after any later step. *)
Definition in_line (o : options) (s : state) (line : ustring) (w : work) : Prop :=
  exists w1 pos pos' rest', line_start o s line = (w1, pos)
    /\ between (fun _ => True) o (length line) pos (skipn pos line) w1 pos' rest' w.

(** ** Across lines *)

(** [w'] follows [w] (at [pos], with [rest] left, on a line of [len] units): in the same
    line, or, once that line is scanned to its end, its pending assignment applied and the
    next line [l] started, in [l] or a line after it.  [P] holds on every state on the way:
    after every step, at the end of every line left, and after every line start. *)
Inductive follows (P : work -> Prop) (o : options)
  : list ustring -> nat -> nat -> list nat -> work -> work -> Prop :=
| follows_line : forall ls len pos rest w pos' rest' w',
    between P o len pos rest w pos' rest' w' -> follows P o ls len pos rest w w'
| follows_next : forall l ls len pos rest w pos' we w1 p1 w',
    between P o len pos rest w pos' [] we ->
    P (apply_pending_cat we) ->
    line_start o (w_s (apply_pending_cat we)) l = (w1, p1) -> P w1 ->
    follows P o ls (length l) p1 (skipn p1 l) w1 w' ->
    follows P o (l :: ls) len pos rest w w'.

(** Every state that follows satisfies [I] when the start does, every step keeps it (while
    the guard holds after it), and so do the line end and the next line's start. *)
Lemma follows_inv : forall (P I : work -> Prop) o,
  (forall len pos x xs w w1 k, I w -> step o len pos (x :: xs) (before_step pos w) = (w1, k) ->
     P w1 -> I w1) ->
  (forall w, I w -> P (apply_pending_cat w) -> I (apply_pending_cat w)) ->
  (forall l w w1 p1, I w -> line_start o (w_s w) l = (w1, p1) -> P w1 -> I w1) ->
  forall ls len pos rest w w', follows P o ls len pos rest w w' -> I w -> I w'.
Proof.
  intros P I o Hs He Hl ls len pos rest w w' F.
  induction F as [ls len pos rest w pos' rest' w' B
                 | l ls len pos rest w pos' we w1 p1 w' B Pe E P1 F IH]; intros Hw.
  - exact (between_inv P I o len (Hs len) _ _ _ _ _ _ B Hw).
  - apply IH. eapply Hl; [| exact E | exact P1].
    apply He; [| exact Pe]. exact (between_inv P I o len (Hs len) _ _ _ _ _ _ B Hw).
Qed.

(** The states of batch lexing: [w] is between two steps of line [i] of the document [d]
    lexed from [init] (the line's start state is [batch_state_at d i]). *)
Definition batch_in_line (o : options) (init : state) (d : list ustring) (i : nat) (w : work)
  : Prop :=
  i < length d
  /\ in_line o (batch_state_at state ustring (list token) (lex_line o) init d i) (nth i d []) w.
