(** * The lexer state and its integer codec

    Mirrors [lexer/state.ts] ([LexState], [TextFrame], [CatcodeChange]) and
    [lexer/state_codec.ts] ([encodeState], [decodeState]).  A TypeScript string is a
    [list nat] of UTF-16 code units; a TypeScript number is a [nat].

    Main result: [codec_roundtrip]: decoding an encoded well-formed state gives it back,
    [encode] is injective, and [decode] accepts nothing but encodings of well-formed states.
    So comparing encodings (what the TypeScript lexer does when it interns states) is
    comparing states. *)

(* Only List and PeanoNat (which List loads anyway): every library imported here is
   re-checked by coqchk, and Lia or Arith would triple its time. *)
From Coq Require Import List PeanoNat.
Import ListNotations.

(* 65535 is only compared with, never computed in unary; keep the build output quiet. *)
Local Set Warnings "-abstract-large-number".

(** ** The state record *)

(** [Mode] of [lexer/mode.ts]; [mode_to_nat] gives its integer value there. *)
Inductive mode : Set :=
  | Text | InlineMath | DisplayMath | ParenMath | BracketMath | EnvMath | Verbatim.

Definition mode_to_nat (m : mode) : nat :=
  match m with
  | Text => 0 | InlineMath => 1 | DisplayMath => 2 | ParenMath => 3
  | BracketMath => 4 | EnvMath => 5 | Verbatim => 6
  end.

(** The decoder's mode check: values from [MODE_COUNT] = 7 on are rejected. *)
Definition mode_of_nat (n : nat) : option mode :=
  match n with
  | 0 => Some Text | 1 => Some InlineMath | 2 => Some DisplayMath | 3 => Some ParenMath
  | 4 => Some BracketMath | 5 => Some EnvMath | 6 => Some Verbatim
  | _ => None
  end.

(** A string: its UTF-16 code units. *)
Definition ustring := list nat.

(** [TextFrame]. *)
Record frame : Set := {
  fr_mode : mode;
  fr_env : ustring;
  fr_depth : nat;
}.

(** [CatcodeChange]. *)
Record catcode : Set := {
  cc_char : nat;
  cc_cat : nat;
}.

(** [LexState], field for field, in the order of the encoding. *)
Record state : Set := {
  s_mode : mode;
  s_env : ustring;
  s_depth : nat;
  s_argBits : nat;
  s_afterArg : bool;
  s_frames : list frame;
  s_catcodes : list catcode;
  s_verbatimEnvs : list ustring;
  s_defName : ustring;
  s_defDepth : nat;
  s_defStage : nat;
  s_bodyPend : nat;
  s_bodyDepth : nat;
  s_shortVerb : ustring;
  s_saved : ustring;
  s_verbOpts : bool;
  s_macrocode : bool;
}.

(** ** Well-formedness: what every JavaScript value of type [LexState] satisfies

    A JavaScript string's code units are at most 0xFFFF; the decoder checks that bound.  The
    other numbers are not checked by the decoder, so they need no condition here. *)

Definition units_ok (u : ustring) : Prop := Forall (fun c => c <= 65535) u.

Definition wf_state (s : state) : Prop :=
  units_ok (s_env s)
  /\ Forall (fun f => units_ok (fr_env f)) (s_frames s)
  /\ Forall units_ok (s_verbatimEnvs s)
  /\ units_ok (s_defName s)
  /\ units_ok (s_shortVerb s)
  /\ units_ok (s_saved s).

(** ** [encodeState] *)

(** [pushString]: the length, then the code units. *)
Definition enc_string (u : ustring) : list nat := length u :: u.

(** A list: its length, then its elements. *)
Definition enc_list {A : Type} (e : A -> list nat) (l : list A) : list nat :=
  length l :: flat_map e l.

Definition enc_frame (f : frame) : list nat :=
  mode_to_nat (fr_mode f) :: enc_string (fr_env f) ++ [fr_depth f].

Definition enc_catcode (c : catcode) : list nat := [cc_char c; cc_cat c].

Definition encode (s : state) : list nat :=
  mode_to_nat (s_mode s)
    :: enc_string (s_env s)
    ++ [s_depth s; s_argBits s; if s_afterArg s then 1 else 0]
    ++ enc_list enc_frame (s_frames s)
    ++ enc_list enc_catcode (s_catcodes s)
    ++ enc_list enc_string (s_verbatimEnvs s)
    ++ enc_string (s_defName s)
    ++ [s_defDepth s; s_defStage s; s_bodyPend s; s_bodyDepth s]
    ++ enc_string (s_shortVerb s)
    ++ enc_string (s_saved s)
    ++ [if s_verbOpts s then 1 else 0; if s_macrocode s then 1 else 0].

(** ** [decodeState]

    A parser reads a prefix of its input and returns the value and the rest, or fails.  Any
    failure makes [decode] fail, as [Reader.ok = false] makes [decodeState] return
    [undefined].  The code-unit check is a parameter [unit_ok] so that injectivity can be
    proved for every state, well-formed or not; [decode] uses the TypeScript bound. *)

Definition parser (A : Type) : Type := list nat -> option (A * list nat).

Definition bind {A B : Type} (p : parser A) (f : A -> parser B) : parser B :=
  fun input =>
    match p input with
    | Some (x, rest) => f x rest
    | None => None
    end.

Definition ret {A : Type} (x : A) : parser A := fun input => Some (x, input).

Definition fail {A : Type} : parser A := fun _ => None.

Notation "'let*' x ':=' p 'in' q" := (bind p (fun x => q))
  (at level 200, x name, p at level 100, q at level 200).

(** [Reader.nat]: any number is a natural number here. *)
Definition p_nat : parser nat :=
  fun input =>
    match input with
    | [] => None
    | x :: rest => Some (x, rest)
    end.

Definition p_mode : parser mode :=
  let* n := p_nat in
  match mode_of_nat n with
  | Some m => ret m
  | None => fail
  end.

(** [afterArg]: 0 or 1. *)
Definition p_bool : parser bool :=
  let* n := p_nat in
  match n with
  | 0 => ret false
  | 1 => ret true
  | _ => fail
  end.

(** [Reader.count] and [Reader.string] first check the announced length against what is
    left, then read the elements. *)
Definition p_length : parser nat :=
  fun input =>
    match input with
    | [] => None
    | n :: rest => if n <=? length rest then Some (n, rest) else None
    end.

Fixpoint p_repeat {A : Type} (p : parser A) (n : nat) : parser (list A) :=
  match n with
  | 0 => ret []
  | S k =>
      let* x := p in
      let* xs := p_repeat p k in
      ret (x :: xs)
  end.

Definition p_unit (unit_ok : nat -> bool) : parser nat :=
  let* u := p_nat in
  if unit_ok u then ret u else fail.

Definition p_string (unit_ok : nat -> bool) : parser ustring :=
  let* n := p_length in
  p_repeat (p_unit unit_ok) n.

Definition p_list {A : Type} (p : parser A) : parser (list A) :=
  let* n := p_length in
  p_repeat p n.

Definition p_frame (unit_ok : nat -> bool) : parser frame :=
  let* m := p_mode in
  let* e := p_string unit_ok in
  let* d := p_nat in
  ret {| fr_mode := m; fr_env := e; fr_depth := d |}.

Definition p_catcode : parser catcode :=
  let* c := p_nat in
  let* k := p_nat in
  ret {| cc_char := c; cc_cat := k |}.

Definition p_state (unit_ok : nat -> bool) : parser state :=
  let* m := p_mode in
  let* env := p_string unit_ok in
  let* depth := p_nat in
  let* argBits := p_nat in
  let* afterArg := p_bool in
  let* frames := p_list (p_frame unit_ok) in
  let* catcodes := p_list p_catcode in
  let* verbatimEnvs := p_list (p_string unit_ok) in
  let* defName := p_string unit_ok in
  let* defDepth := p_nat in
  let* defStage := p_nat in
  let* bodyPend := p_nat in
  let* bodyDepth := p_nat in
  let* shortVerb := p_string unit_ok in
  let* saved := p_string unit_ok in
  let* verbOpts := p_bool in
  let* macrocode := p_bool in
  ret {| s_mode := m; s_env := env; s_depth := depth; s_argBits := argBits;
         s_afterArg := afterArg; s_frames := frames; s_catcodes := catcodes;
         s_verbatimEnvs := verbatimEnvs; s_defName := defName; s_defDepth := defDepth;
         s_defStage := defStage; s_bodyPend := bodyPend; s_bodyDepth := bodyDepth;
         s_shortVerb := shortVerb; s_saved := saved; s_verbOpts := verbOpts;
         s_macrocode := macrocode |}.

(** The whole input must be consumed ([r.pos !== data.length] fails). *)
Definition decode_with (unit_ok : nat -> bool) (data : list nat) : option state :=
  match p_state unit_ok data with
  | Some (s, []) => Some s
  | _ => None
  end.

(** [decodeState]: code units above 0xFFFF are rejected. *)
Definition decode : list nat -> option state := decode_with (fun u => u <=? 65535).

(** ** Proofs *)

(** A parser [p] reads back what [e] writes, for values satisfying [P]. *)
Definition reads_back {A : Type} (P : A -> Prop) (p : parser A) (e : A -> list nat) : Prop :=
  forall x rest, P x -> p (e x ++ rest) = Some (x, rest).

Lemma bind_ok :
  forall (A B : Type) (p : parser A) (f : A -> parser B) input x rest,
    p input = Some (x, rest) -> bind p f input = f x rest.
Proof. intros A B p f input x rest H. unfold bind. rewrite H. reflexivity. Qed.

Lemma mode_roundtrip : forall m, mode_of_nat (mode_to_nat m) = Some m.
Proof. destruct m; reflexivity. Qed.

Lemma p_repeat_reads_back :
  forall (A : Type) (P : A -> Prop) (p : parser A) (e : A -> list nat),
    reads_back P p e ->
    forall l rest, Forall P l -> p_repeat p (length l) (flat_map e l ++ rest) = Some (l, rest).
Proof.
  intros A P p e Hp l. induction l as [| x l IH]; intros rest Hl.
  - reflexivity.
  - inversion Hl as [| ? ? Hx Hl']; subst.
    simpl. unfold bind. rewrite <- app_assoc, (Hp x _ Hx), (IH rest Hl'). reflexivity.
Qed.

Lemma flat_map_length_ge :
  forall (A : Type) (e : A -> list nat),
    (forall x, 1 <= length (e x)) ->
    forall l rest, length l <= length (flat_map e l ++ rest).
Proof.
  intros A e He l. induction l as [| x l IH]; intros rest.
  - apply Nat.le_0_l.
  - simpl. rewrite <- app_assoc, app_length.
    exact (Nat.add_le_mono 1 _ _ _ (He x) (IH rest)).
Qed.

Lemma p_list_reads_back :
  forall (A : Type) (P : A -> Prop) (p : parser A) (e : A -> list nat),
    reads_back P p e ->
    (forall x, 1 <= length (e x)) ->
    reads_back (Forall P) (p_list p) (enc_list e).
Proof.
  intros A P p e Hp He l rest Hl.
  unfold p_list, enc_list, bind. simpl.
  rewrite (proj2 (Nat.leb_le _ _) (flat_map_length_ge A e He l rest)).
  exact (p_repeat_reads_back A P p e Hp l rest Hl).
Qed.

Lemma flat_map_singleton : forall u : list nat, flat_map (fun v => [v]) u = u.
Proof. induction u as [| v u IH]; simpl; [reflexivity | rewrite IH; reflexivity]. Qed.

(** Strings are lists of code units, each encoded as itself. *)
Lemma p_string_reads_back :
  forall unit_ok : nat -> bool,
    reads_back (Forall (fun u => unit_ok u = true)) (p_string unit_ok) enc_string.
Proof.
  intros unit_ok u rest Hu.
  assert (Hunit : reads_back (fun v => unit_ok v = true) (p_unit unit_ok) (fun v => [v])).
  { intros v r Hv. unfold p_unit, bind. simpl. rewrite Hv. reflexivity. }
  pose proof (p_list_reads_back nat _ (p_unit unit_ok) (fun v => [v]) Hunit
                (fun _ => le_n 1) u rest Hu) as H.
  unfold p_list, enc_list in H. rewrite flat_map_singleton in H.
  exact H.
Qed.

Lemma p_mode_reads_back : reads_back (fun _ => True) p_mode (fun m => [mode_to_nat m]).
Proof. intros m rest _. unfold p_mode, bind. simpl. rewrite mode_roundtrip. reflexivity. Qed.

Lemma p_nat_reads_back : reads_back (fun _ => True) p_nat (fun n => [n]).
Proof. intros n rest _. reflexivity. Qed.

Lemma p_frame_reads_back :
  forall unit_ok : nat -> bool,
    reads_back (fun f => Forall (fun u => unit_ok u = true) (fr_env f))
      (p_frame unit_ok) enc_frame.
Proof.
  intros unit_ok [m env d] rest Henv. simpl in Henv.
  unfold p_frame, enc_frame. simpl fr_mode; simpl fr_env; simpl fr_depth.
  repeat (progress cbn [app] || rewrite <- app_assoc).
  erewrite bind_ok; [| exact (p_mode_reads_back m _ I)].
  erewrite bind_ok; [| exact (p_string_reads_back unit_ok env _ Henv)].
  erewrite bind_ok; [| reflexivity].
  reflexivity.
Qed.

Lemma p_catcode_reads_back : reads_back (fun _ => True) p_catcode enc_catcode.
Proof. intros [c k] rest _. reflexivity. Qed.

(** Every code unit of [s] passes [unit_ok]. *)
Definition units_pass (unit_ok : nat -> bool) (s : state) : Prop :=
  let ok (u : ustring) := Forall (fun c => unit_ok c = true) u in
  ok (s_env s)
  /\ Forall (fun f => ok (fr_env f)) (s_frames s)
  /\ Forall ok (s_verbatimEnvs s)
  /\ ok (s_defName s)
  /\ ok (s_shortVerb s)
  /\ ok (s_saved s).

Lemma p_state_reads_back :
  forall unit_ok : nat -> bool, reads_back (units_pass unit_ok) (p_state unit_ok) encode.
Proof.
  intros unit_ok s rest (Henv & Hframes & Hverb & Hdef & Hsv & Hsaved).
  destruct s as [m env depth argBits afterArg frames catcodes verb defName defDepth defStage
                 bodyPend bodyDepth shortVerb saved verbOpts macrocode].
  cbn in Henv, Hframes, Hverb, Hdef, Hsv, Hsaved.
  assert (Hcat : Forall (fun _ => True) catcodes) by (apply Forall_forall; intros; exact I).
  assert (Hlen_frame : forall f, 1 <= length (enc_frame f)) by (intros; apply le_n_S, Nat.le_0_l).
  assert (Hlen_cat : forall c, 1 <= length (enc_catcode c)) by (intros; apply le_n_S, Nat.le_0_l).
  assert (Hlen_string : forall u, 1 <= length (enc_string u)) by (intros; apply le_n_S, Nat.le_0_l).
  unfold encode, p_state. simpl s_mode; simpl s_env; simpl s_depth; simpl s_argBits;
    simpl s_afterArg; simpl s_frames; simpl s_catcodes; simpl s_verbatimEnvs;
    simpl s_defName; simpl s_defDepth; simpl s_defStage; simpl s_bodyPend; simpl s_bodyDepth;
    simpl s_shortVerb; simpl s_saved; simpl s_verbOpts; simpl s_macrocode.
  repeat (progress cbn [app] || rewrite <- app_assoc).
  erewrite bind_ok; [| exact (p_mode_reads_back m _ I)].
  erewrite bind_ok; [| exact (p_string_reads_back unit_ok env _ Henv)].
  erewrite bind_ok; [| reflexivity].
  erewrite bind_ok; [| reflexivity].
  erewrite bind_ok; [| destruct afterArg; reflexivity].
  erewrite bind_ok;
    [| exact (p_list_reads_back frame _ (p_frame unit_ok) enc_frame
                (p_frame_reads_back unit_ok) Hlen_frame frames _ Hframes)].
  erewrite bind_ok;
    [| exact (p_list_reads_back catcode (fun _ => True) p_catcode enc_catcode
                p_catcode_reads_back Hlen_cat catcodes _ Hcat)].
  erewrite bind_ok;
    [| exact (p_list_reads_back ustring _ (p_string unit_ok) enc_string
                (p_string_reads_back unit_ok) Hlen_string verb _ Hverb)].
  erewrite bind_ok; [| exact (p_string_reads_back unit_ok defName _ Hdef)].
  erewrite bind_ok; [| reflexivity].
  erewrite bind_ok; [| reflexivity].
  erewrite bind_ok; [| reflexivity].
  erewrite bind_ok; [| reflexivity].
  erewrite bind_ok; [| exact (p_string_reads_back unit_ok shortVerb _ Hsv)].
  erewrite bind_ok; [| exact (p_string_reads_back unit_ok saved _ Hsaved)].
  erewrite bind_ok; [| destruct verbOpts; reflexivity].
  erewrite bind_ok; [| destruct macrocode; reflexivity].
  reflexivity.
Qed.


(** ** Decoding accepts nothing else

    The converse of the roundtrip: whatever [decode] accepts is the encoding of a well-formed
    state, so [decode] and [encode] are inverse bijections between well-formed states and
    the lists [decode] accepts. *)

(** A parser [p] accepts only what [e] writes, for values satisfying [P]. *)
Definition only_reads {A : Type} (P : A -> Prop) (p : parser A) (e : A -> list nat) : Prop :=
  forall input x rest, p input = Some (x, rest) -> P x /\ input = e x ++ rest.

Lemma bind_inv :
  forall (A B : Type) (p : parser A) (f : A -> parser B) input y rest,
    bind p f input = Some (y, rest) ->
    exists x mid, p input = Some (x, mid) /\ f x mid = Some (y, rest).
Proof.
  intros A B p f input y rest H. unfold bind in H.
  destruct (p input) as [[x mid] |]; [| discriminate].
  exists x, mid. auto.
Qed.

Ltac inv_bind H :=
  let x := fresh "x" in
  let mid := fresh "mid" in
  let Hp := fresh "Hp" in
  apply bind_inv in H; destruct H as (x & mid & Hp & H).

Lemma ret_inv :
  forall (A : Type) (x y : A) input rest, ret x input = Some (y, rest) -> y = x /\ rest = input.
Proof. intros A x y input rest H. injection H as <- <-. auto. Qed.

Lemma p_nat_only : only_reads (fun _ => True) p_nat (fun n => [n]).
Proof.
  intros [| n input] x rest H; [discriminate |]. injection H as <- <-. auto.
Qed.

Lemma mode_of_nat_inv : forall n m, mode_of_nat n = Some m -> mode_to_nat m = n.
Proof.
  intros n m H.
  do 7 (destruct n as [| n]; [injection H as <-; reflexivity |]). discriminate.
Qed.

Lemma p_mode_only : only_reads (fun _ => True) p_mode (fun m => [mode_to_nat m]).
Proof.
  intros input m rest H. unfold p_mode in H. inv_bind H.
  apply p_nat_only in Hp as [_ ->].
  destruct (mode_of_nat x) as [m' |] eqn:E; [| discriminate].
  apply ret_inv in H as [-> ->]. rewrite (mode_of_nat_inv _ _ E). auto.
Qed.

Lemma p_bool_only :
  only_reads (fun _ => True) p_bool (fun b => [if b then 1 else 0]).
Proof.
  intros input b rest H. unfold p_bool in H. inv_bind H.
  apply p_nat_only in Hp as [_ ->].
  destruct x as [| [| k]]; [| | discriminate]; apply ret_inv in H as [-> ->]; auto.
Qed.

Lemma p_length_only :
  forall input n rest, p_length input = Some (n, rest) -> input = n :: rest.
Proof.
  intros [| k input] n rest H; [discriminate |]. simpl in H.
  destruct (k <=? length input); [| discriminate]. injection H as <- <-. reflexivity.
Qed.

Lemma p_repeat_only :
  forall (A : Type) (P : A -> Prop) (p : parser A) (e : A -> list nat),
    only_reads P p e ->
    forall n input xs rest,
      p_repeat p n input = Some (xs, rest) ->
      Forall P xs /\ length xs = n /\ input = flat_map e xs ++ rest.
Proof.
  intros A P p e Hp n. induction n as [| n IH]; intros input xs rest H; simpl in H.
  - apply ret_inv in H as [-> ->]. auto.
  - inv_bind H. inv_bind H. apply ret_inv in H as [-> ->].
    apply Hp in Hp0 as [HPx ->]. apply IH in Hp1 as (Hxs & Hlen & ->).
    repeat split; [constructor; assumption | simpl; rewrite Hlen; reflexivity |].
    simpl. rewrite app_assoc. reflexivity.
Qed.

Lemma p_list_only :
  forall (A : Type) (P : A -> Prop) (p : parser A) (e : A -> list nat),
    only_reads P p e -> only_reads (Forall P) (p_list p) (enc_list e).
Proof.
  intros A P p e Hp input xs rest H. unfold p_list in H. inv_bind H.
  apply p_length_only in Hp0 as ->.
  apply (p_repeat_only A P p e Hp) in H as (Hxs & <- & ->). auto.
Qed.

Lemma p_string_only :
  forall unit_ok : nat -> bool,
    only_reads (Forall (fun u => unit_ok u = true)) (p_string unit_ok) enc_string.
Proof.
  intros unit_ok input u rest H.
  assert (Hunit : only_reads (fun v => unit_ok v = true) (p_unit unit_ok) (fun v => [v])).
  { intros i v r Hv. unfold p_unit in Hv. inv_bind Hv.
    apply p_nat_only in Hp as [_ ->].
    destruct (unit_ok x) eqn:E; [| discriminate]. apply ret_inv in Hv as [-> ->]. auto. }
  apply (p_list_only nat _ (p_unit unit_ok) (fun v => [v]) Hunit) in H as [Hu ->].
  unfold enc_list, enc_string. rewrite flat_map_singleton. auto.
Qed.

Lemma p_frame_only :
  forall unit_ok : nat -> bool,
    only_reads (fun f => Forall (fun u => unit_ok u = true) (fr_env f))
      (p_frame unit_ok) enc_frame.
Proof.
  intros unit_ok input f rest H. unfold p_frame in H.
  inv_bind H. inv_bind H. inv_bind H. apply ret_inv in H as [-> ->].
  apply p_mode_only in Hp as [_ ->]. apply p_string_only in Hp0 as [Henv ->].
  apply p_nat_only in Hp1 as [_ ->].
  split; [exact Henv |]. unfold enc_frame. simpl. rewrite <- !app_assoc. reflexivity.
Qed.

Lemma p_catcode_only : only_reads (fun _ => True) p_catcode enc_catcode.
Proof.
  intros input c rest H. unfold p_catcode in H.
  inv_bind H. inv_bind H. apply ret_inv in H as [-> ->].
  apply p_nat_only in Hp as [_ ->]. apply p_nat_only in Hp0 as [_ ->]. auto.
Qed.

Lemma p_state_only :
  forall unit_ok : nat -> bool, only_reads (units_pass unit_ok) (p_state unit_ok) encode.
Proof.
  intros unit_ok input s rest H. unfold p_state in H.
  do 17 inv_bind H. apply ret_inv in H as [-> ->].
  apply p_mode_only in Hp as [_ ->].
  apply p_string_only in Hp0 as [Henv ->].
  apply p_nat_only in Hp1 as [_ ->].
  apply p_nat_only in Hp2 as [_ ->].
  apply p_bool_only in Hp3 as [_ ->].
  apply (p_list_only _ _ _ _ (p_frame_only unit_ok)) in Hp4 as [Hframes ->].
  apply (p_list_only _ _ _ _ p_catcode_only) in Hp5 as [_ ->].
  apply (p_list_only _ _ _ _ (p_string_only unit_ok)) in Hp6 as [Hverb ->].
  apply p_string_only in Hp7 as [Hdef ->].
  apply p_nat_only in Hp8 as [_ ->].
  apply p_nat_only in Hp9 as [_ ->].
  apply p_nat_only in Hp10 as [_ ->].
  apply p_nat_only in Hp11 as [_ ->].
  apply p_string_only in Hp12 as [Hsv ->].
  apply p_string_only in Hp13 as [Hsaved ->].
  apply p_bool_only in Hp14 as [_ ->].
  apply p_bool_only in Hp15 as [_ ->].
  split; [repeat split; assumption |].
  unfold encode. simpl. repeat (progress cbn [app] || rewrite <- app_assoc). reflexivity.
Qed.

Lemma units_pass_wf : forall s, units_pass (fun u => u <=? 65535) s -> wf_state s.
Proof.
  assert (Hu : forall u, Forall (fun c => (c <=? 65535) = true) u -> units_ok u).
  { intros u H. exact (Forall_impl _ (fun c Hc => proj1 (Nat.leb_le c 65535) Hc) H). }
  intros s (Henv & Hframes & Hverb & Hdef & Hsv & Hsaved). repeat split.
  - exact (Hu _ Henv).
  - exact (Forall_impl _ (fun f => Hu (fr_env f)) Hframes).
  - exact (Forall_impl _ Hu Hverb).
  - exact (Hu _ Hdef).
  - exact (Hu _ Hsv).
  - exact (Hu _ Hsaved).
Qed.

(** [decodeState] returns a state only for the encoding of a well-formed one. *)
Theorem decode_sound : forall d s, decode d = Some s -> wf_state s /\ encode s = d.
Proof.
  intros d s H. unfold decode, decode_with in H.
  destruct (p_state _ d) as [[s' [| x r]] |] eqn:E; try discriminate.
  injection H as <-. apply p_state_only in E as [Hs ->].
  split; [exact (units_pass_wf _ Hs) | symmetry; apply app_nil_r].
Qed.

(** ** The theorems *)

Lemma decode_with_encode :
  forall unit_ok s, units_pass unit_ok s -> decode_with unit_ok (encode s) = Some s.
Proof.
  intros unit_ok s Hs. unfold decode_with.
  rewrite <- (app_nil_r (encode s)), (p_state_reads_back unit_ok s [] Hs). reflexivity.
Qed.

Lemma units_ok_pass : forall u, units_ok u -> Forall (fun c => (c <=? 65535) = true) u.
Proof.
  intros u Hu. apply (Forall_impl _ (fun c Hc => proj2 (Nat.leb_le c 65535) Hc) Hu).
Qed.

Lemma wf_state_pass : forall s, wf_state s -> units_pass (fun u => u <=? 65535) s.
Proof.
  intros s (Henv & Hframes & Hverb & Hdef & Hsv & Hsaved). repeat split.
  - exact (units_ok_pass _ Henv).
  - exact (Forall_impl _ (fun f => units_ok_pass (fr_env f)) Hframes).
  - exact (Forall_impl _ units_ok_pass Hverb).
  - exact (units_ok_pass _ Hdef).
  - exact (units_ok_pass _ Hsv).
  - exact (units_ok_pass _ Hsaved).
Qed.

Lemma forall_true : forall (A : Type) (P : A -> Prop) (l : list A), (forall x, P x) -> Forall P l.
Proof. intros A P l H. apply Forall_forall. intros x _. apply H. Qed.

Lemma units_pass_true : forall s, units_pass (fun _ => true) s.
Proof.
  intros s. unfold units_pass.
  repeat split; repeat (apply forall_true; intros); reflexivity.
Qed.

(** Equal encodings come from equal states, for every state (well-formed or not). *)
Theorem encode_injective : forall s1 s2, encode s1 = encode s2 -> s1 = s2.
Proof.
  intros s1 s2 H.
  assert (E : decode_with (fun _ => true) (encode s1) = decode_with (fun _ => true) (encode s2))
    by (rewrite H; reflexivity).
  rewrite !decode_with_encode in E by apply units_pass_true.
  injection E. trivial.
Qed.

(** [decodeState (encodeState s)] gives [s] back; [encodeState] is injective; and
    [decodeState] accepts only encodings of well-formed states. *)
Theorem codec_roundtrip :
  (forall s, wf_state s -> decode (encode s) = Some s)
  /\ (forall s1 s2, encode s1 = encode s2 -> s1 = s2)
  /\ (forall d s, decode d = Some s -> wf_state s /\ encode s = d).
Proof.
  split; [| split].
  - intros s Hs. exact (decode_with_encode _ s (wf_state_pass s Hs)).
  - exact encode_injective.
  - exact decode_sound.
Qed.

(** Deciding state equality by comparing encodings, as the TypeScript lexer does when it
    interns states by [stateKey]: a valid [state_eq_dec] for [Incremental.v]. *)
Definition state_eq_dec_by_encoding (s1 s2 : state) : {s1 = s2} + {s1 <> s2} :=
  match list_eq_dec Nat.eq_dec (encode s1) (encode s2) with
  | left H => left (encode_injective s1 s2 H)
  | right H => right (fun E => H (f_equal encode E))
  end.
