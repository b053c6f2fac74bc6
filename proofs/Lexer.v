(** * The line lexer in Coq: [LineScanner.scan] of [lexer/_line_scanner.ts]

    [lex_line o s line] is TypeScript's [lexLine(text, s, options)]: the tokens of one line
    (its code units, without the line ending) from the start state [s], and the end state.
    The sections below follow the scanner's own sections; each names the method it mirrors.

    What is not modelled, on purpose: intra-line checkpoints and long-line segments (an
    optimisation the differential oracle checks changes nothing), the horizon ([#reach]:
    how far a scan read, for those checkpoints), the state table (interning changes no
    value), and the splitting of tokens longer than [2 ^ 26 - 1] code units.

    Positions.  The TypeScript code indexes the line; here a function receives the suffix of
    the line from the position it is called at and returns how many units it consumed, so
    every recursion is structural on the line or on a fuel equal to its length.  Absolute
    positions are kept only where the scanner compares two of them ([#defArmPos],
    [#pendingCatPos]). *)

From Coq Require Import List PeanoNat.
From LaTeXPerfectionist Require Export Codec LexBase.
From LaTeXPerfectionist Require Import LexArgs.
Import ListNotations.
Open Scope bool_scope.
Open Scope list_scope.
Local Set Warnings "-abstract-large-number".

(** [options] and [token] are the records of [LexBase.v], exported with it. *)

(** In this file [length] is [LexBase.size], the tail-recursive length: equal to the standard
    library's, but the extracted lexer must not overflow OCaml's stack on a long line. *)
Local Notation length := size (only parsing).

(** [initialState(options)]: [resolveOptions]'s initial state. *)
Definition initial_state (o : options) : state :=
  set_catcodes (initial_catcodes o) INITIAL_STATE.

Definition mode_eqb (a b : mode) : bool := mode_to_nat a =? mode_to_nat b.

Definition is_empty (l : list nat) : bool := match l with [] => true | _ => false end.

(** ** The working state: [WorkState] and the scanner's per-line fields *)

Record work : Set := mkWork {
  w_s : state;                       (* #s *)
  w_pt : bool;                       (* #pendingText: a [{] here opens a [\text]-like frame *)
  w_pm : bool;                       (* #pendingMath: that frame is [\ensuremath]'s *)
  w_arm : option nat;                (* #defArmPos; [None] is -1 *)
  w_pcat : option (nat * nat * nat); (* #pendingCatPos, #pendingCatChar, #pendingCatValue *)
  w_out : list token;                (* the tokens emitted so far, the last one first *)
}.

Definition upd (f : state -> state) (w : work) : work :=
  mkWork (f (w_s w)) (w_pt w) (w_pm w) (w_arm w) (w_pcat w) (w_out w).
Definition set_pt (b : bool) (w : work) : work :=
  mkWork (w_s w) b (w_pm w) (w_arm w) (w_pcat w) (w_out w).
Definition set_pm (b : bool) (w : work) : work :=
  mkWork (w_s w) (w_pt w) b (w_arm w) (w_pcat w) (w_out w).
Definition set_arm (a : option nat) (w : work) : work :=
  mkWork (w_s w) (w_pt w) (w_pm w) a (w_pcat w) (w_out w).
Definition set_pcat (p : option (nat * nat * nat)) (w : work) : work :=
  mkWork (w_s w) (w_pt w) (w_pm w) (w_arm w) p (w_out w).
Definition set_out (l : list token) (w : work) : work :=
  mkWork (w_s w) (w_pt w) (w_pm w) (w_arm w) (w_pcat w) l.

Definition after_arg (b : bool) (w : work) : work := upd (set_afterArg b) w.

(** [#inMath]. *)
Definition in_math (w : work) : bool := is_math_mode (s_mode (w_s w)).

(** ** Output: [#emit], [#markLastMath], [#emitInert] *)

(** A token of [n] units; nothing when [n] is 0, as [#emit]. *)
Definition emit (k n : nat) (m : bool) (w : work) : work :=
  if n =? 0 then w else set_out ({| t_kind := k; t_length := n; t_math := m |} :: w_out w) w.

Definition mark_last_math (w : work) : work :=
  match w_out w with
  | t :: l => set_out ({| t_kind := t_kind t; t_length := t_length t; t_math := true |} :: l) w
  | [] => w
  end.

(** One token of [#emitInert] at [c :: r]: its kind and length (catcodes only, no [^^]). *)
Definition inert_step (s : state) (c : nat) (r : list nat) : nat * nat :=
  let k := cat_of s c in
  if is_text_cat k then (K_TEXT, S (span (fun d => is_text_cat (cat_of s d)) r))
  else if (k =? CAT_SPACE) || (k =? CAT_END_OF_LINE) then
    (K_SPACE, S (span (fun d => cat_of s d =? CAT_SPACE) r))
  else if k =? CAT_IGNORED then (K_IGNORED, S (span (fun d => cat_of s d =? CAT_IGNORED) r))
  else if k =? CAT_INVALID then (K_INVALID, S (span (fun d => cat_of s d =? CAT_INVALID) r))
  else if k =? CAT_ESCAPE then
    match r with
    | [] => (K_CONTROL_SYMBOL, 1)
    | d :: _ =>
        if cat_of s d =? CAT_LETTER
        then (K_CONTROL_WORD, S (span (fun e => cat_of s e =? CAT_LETTER) r))
        else (K_CONTROL_SYMBOL, 2)
    end
  else if k =? CAT_COMMENT then (K_COMMENT, S (length r))
  else (cat_kind k, 1).

Fixpoint inert_fuel (fuel : nat) (seg : list nat) (m : bool) (w : work) : work :=
  match fuel, seg with
  | S f, c :: r =>
      let '(k, n) := inert_step (w_s w) c r in
      inert_fuel f (skipn n seg) m (emit k n m w)
  | _, _ => w
  end.

(** [#emitInert]: the units of [seg] as tokens by catcode, with no effect on the state. *)
Definition emit_inert (seg : list nat) (m : bool) (w : work) : work :=
  inert_fuel (length seg) seg m w.

(** ** Character classes: [#catOf] with TeX's [^^] notation ([#hat]) *)

(** The character at the start of [r], its catcode and its source length. *)
Definition decode_char (s : state) (r : list nat) : option (nat * nat * nat) :=
  match r with
  | [] => None
  | c :: _ =>
      let k := cat_of s c in
      if k =? CAT_SUPERSCRIPT then
        match hat_char r with
        | Some (h, l) => Some (h, cat_of s h, l)
        | None => Some (c, k, 1)
        end
      else Some (c, k, 1)
  end.

(** [#isBlank]: spaces and ignored characters only. *)
Definition is_blank (s : state) (r : list nat) : bool :=
  forallb (fun c => let k := cat_of s c in (k =? CAT_SPACE) || (k =? CAT_IGNORED)) r.

(** ** Catcodes: [#setCatcode], [#writeCatcode], saved frames, [\ExplSyntaxOn] and [Off] *)

(** [#writeCatcode]: sets a catcode, saving nothing. *)
Definition write_catcode (c k : nat) (s : state) : state :=
  set_catcodes (with_catcode (s_catcodes s) c k) s.

(** [#setCatcode]: not run inside a macro argument or definition body; the old catcode is
    saved for the group's end. *)
Definition set_catcode (c k : nat) (s : state) : state :=
  if negb (s_argBits s =? 0) then s
  else
    let old := cat_of s c in
    if old =? k then s
    else
      let s := match save_change (decode_saved (s_saved s)) (s_depth s) c old with
               | Some fs => set_saved (encode_saved fs) s
               | None => s
               end in
      write_catcode c k s.

(** [#popSaved]. *)
Definition pop_saved (fs : list sframe) (from : nat) (s : state) : state :=
  let '(kept, pairs) := pop_from fs from in
  fold_left (fun s '(c, k) => write_catcode c k s) pairs (set_saved (encode_saved kept) s).

(** [#closeSaved]. *)
Definition close_saved (level : nat) (s : state) : state :=
  let fs := decode_saved (s_saved s) in pop_saved fs (first_at_level fs level) s.

(** Whether saved frames of [level] or deeper are open ([topLevel(saved) >= level]). *)
Definition saved_at_least (level : nat) (s : state) : bool :=
  match top_level (decode_saved (s_saved s)) with
  | Some l => level <=? l
  | None => false
  end.

(** [#beginSemiGroup]. *)
Definition begin_semi_group (s : state) : state :=
  if negb (s_argBits s =? 0) then s
  else
    let fs := decode_saved (s_saved s) in
    if MAX_SAVED_FRAMES <=? length fs then s
    else set_saved (encode_saved (fs ++ [{| sf_kind := FRAME_SEMI; sf_level := s_depth s;
                                            sf_pairs := [] |}])) s.

(** [#endSemiGroup]. *)
Definition end_semi_group (s : state) : state :=
  if negb (s_argBits s =? 0) || is_empty (s_saved s) then s
  else
    let fs := decode_saved (s_saved s) in
    match top_of_kind fs FRAME_SEMI with
    | Some i =>
        match nth_error fs i with
        | Some f => if sf_level f =? s_depth s then pop_saved fs i s else s
        | None => s
        end
    | None => s
    end.

Definition set_catcodes_of (l : list (nat * nat)) (s : state) : state :=
  fold_left (fun s '(c, k) => set_catcode c k s) l s.

(** [#explOn]. *)
Definition expl_on (s : state) : state :=
  if negb (s_argBits s =? 0) then s
  else
    match top_of_kind (decode_saved (s_saved s)) FRAME_EXPL with
    | Some _ => set_catcodes_of EXPL_ON s
    | None =>
        let pairs := map (fun '(c, _) => (c, cat_of s c)) EXPL_ON in
        let s := set_catcodes_of EXPL_ON s in
        let fs := decode_saved (s_saved s) in
        if MAX_SAVED_FRAMES <=? length fs then s
        else set_saved (encode_saved (fs ++ [{| sf_kind := FRAME_EXPL; sf_level := s_depth s;
                                                sf_pairs := pairs |}])) s
    end.

(** [#explOff]. *)
Definition expl_off (s : state) : state :=
  if negb (s_argBits s =? 0) then s
  else
    let fs := decode_saved (s_saved s) in
    match top_of_kind fs FRAME_EXPL with
    | None => set_catcodes_of EXPL_OFF s
    | Some i =>
        match nth_error fs i with
        | None => s
        | Some f =>
            let s := if sf_level f =? s_depth s
                     then set_saved (encode_saved (remove_nth i fs)) s else s in
            set_catcodes_of (sf_pairs f) s
        end
    end.

(** [#applyPendingCat]. *)
Definition apply_pending_cat (w : work) : work :=
  match w_pcat w with
  | Some (_, c, k) => upd (set_catcode c k) (set_pcat None w)
  | None => w
  end.

(** ** Definitions: [#pendDefinition], [#definitionName], [#clearDefinition],
    [#defineVerbatim] *)

Definition clear_definition (s : state) : state :=
  set_defStage 0 (set_defDepth 0 (set_defName [] s)).

Definition clear_body_pend (s : state) : state := set_bodyDepth 0 (set_bodyPend 0 s).

Definition pend_definition (name : ustring) (s : state) : state :=
  let p := match assoc name DEFINITIONS with Some v => v | None => 0 end in
  set_bodyDepth (if p =? 0 then 0 else s_depth s) (set_bodyPend p s).

Definition definition_name (s : state) : state :=
  if wants_name (s_bodyPend s) && (s_depth s =? s_bodyDepth s) then
    let p := after_name (s_bodyPend s) in
    let s := set_bodyPend p s in
    if p =? 0 then set_bodyDepth 0 s else s
  else s.

Definition MAX_DEFINED_VERBATIM := 64.

Definition define_verbatim (o : options) (name : ustring) (s : state) : state :=
  if is_verbatim_env o s name || (MAX_DEFINED_VERBATIM <=? length (s_verbatimEnvs s)) then s
  else set_verbatimEnvs (insert_sorted name (s_verbatimEnvs s)) s.

(** A [\newenvironment] is in its begin code: a verbatim environment used there makes the
    defined one verbatim too. *)
Definition in_begin_code (s : state) : bool :=
  negb (is_empty (s_defName s)) && (s_defStage s =? 1).

(** ** Groups and paragraphs: [#openGroup], [#closeGroup], [#paragraphEnd] *)

Definition MAX_DEPTH := 255.
Definition MAX_FRAMES := 8.
Definition ARG_BITS := 30.

(** Bit [d] of [argBits] (below [ARG_BITS]), read by subtracting powers of two from the
    highest down: no division, no recursion over the value. *)
Fixpoint indices_below (n : nat) : list nat :=
  match n with 0 => [] | S k => k :: indices_below k end.

Definition ARG_BIT_POWERS : list (nat * nat) :=
  map (fun i => (i, Nat.pow 2 i)) (indices_below ARG_BITS).

Fixpoint bit_loop (d : nat) (l : list (nat * nat)) (a : nat) : bool :=
  match l with
  | [] => false
  | (i, p) :: l' =>
      let set := p <=? a in
      if i =? d then set else bit_loop d l' (if set then a - p else a)
  end.

Definition test_bit (a d : nat) : bool := bit_loop d ARG_BIT_POWERS a.

Definition set_bit (a d : nat) : nat := if test_bit a d then a else a + Nat.pow 2 d.

Definition clear_bit (a d : nat) : nat := if test_bit a d then a - Nat.pow 2 d else a.

(** [#defArmPos < pos]: the [{] is past the defined environment's name. *)
Definition armed (pos : nat) (arm : option nat) : bool :=
  match arm with None => true | Some a => a <? pos end.

(** [#openGroup]: a [{] at [pos]. *)
Definition open_group (pos : nat) (w : work) : work :=
  let s := w_s w in
  let w :=
    if s_depth s <? MAX_DEPTH then
      let '(body, s) :=
        if negb (s_bodyPend s =? 0) && (s_depth s =? s_bodyDepth s) then
          let p := after_group (s_bodyPend s) in
          (is_body (s_bodyPend s),
           set_bodyDepth (if p =? 0 then 0 else s_bodyDepth s) (set_bodyPend p s))
        else (false, s) in
      let s :=
        if (w_pt w || body) && (length (s_frames s) <? MAX_FRAMES) then
          let s' := set_frames (s_frames s ++ [{| fr_mode := s_mode s; fr_env := s_env s;
                                                  fr_depth := s_depth s |}]) s in
          if body then s' else set_env [] (set_mode (if w_pm w then InlineMath else Text) s')
        else s in
      let s := if (s_afterArg s || body) && (s_depth s <? ARG_BITS)
               then set_argBits (set_bit (s_argBits s) (s_depth s)) s else s in
      let s := set_depth (S (s_depth s)) s in
      let s := if negb (is_empty (s_defName s)) && (s_defStage s =? 0)
                  && (s_depth s =? S (s_defDepth s)) && armed pos (w_arm w)
               then set_defStage 1 s else s in
      upd (fun _ => s) w
    else w in
  set_pt false (after_arg false w).

(** [#closeGroup]. *)
Definition close_group (w : work) : work :=
  let s := w_s w in
  let s :=
    if 0 <? s_depth s then
      let s := if saved_at_least (s_depth s) s then close_saved (s_depth s) s else s in
      let d := s_depth s - 1 in
      let s := set_depth d s in
      let s := if d <? ARG_BITS then set_argBits (clear_bit (s_argBits s) d) s else s in
      let s := match rev (s_frames s) with
               | f :: rf => if fr_depth f =? d
                            then set_frames (rev rf) (set_env (fr_env f) (set_mode (fr_mode f) s))
                            else s
               | [] => s
               end in
      let s := if in_begin_code s && (d =? s_defDepth s) then clear_definition s else s in
      if negb (s_bodyPend s =? 0) && (d <? s_bodyDepth s) then clear_body_pend s else s
    else s in
  set_pt false (after_arg true (upd (fun _ => s) w)).

(** [#paragraphEnd]: a blank line or a recovery point ends math, groups and pending
    definitions; every open brace group's saved catcodes are restored as its [}] would. *)
Definition paragraph_end (w : work) : work :=
  let s := w_s w in
  let s := if saved_at_least 1 s then close_saved 1 s else s in
  let s := set_verbOpts false (clear_body_pend (clear_definition
             (set_frames [] (set_argBits 0 (set_depth 0 (set_env [] (set_mode Text s))))))) in
  set_pt false (upd (fun _ => set_afterArg false s) w).

(** ** Math shifts: [#mathShift] *)

(** [$] at the start of [r] (of source length [clen]); returns the units consumed. *)
Definition math_shift (r : list nat) (clen : nat) (w : work) : work * nat :=
  let s := w_s w in
  let double := (clen =? 1) && match r with
                                | _ :: d :: _ => cat_of s d =? CAT_MATH_SHIFT
                                | _ => false
                                end in
  let two := if double then S clen else clen in
  let '(n, s) :=
    match s_mode s with
    | Text => (two, set_mode (if double then DisplayMath else InlineMath) s)
    | InlineMath | ParenMath => (clen, set_mode Text s)
    | DisplayMath | BracketMath => (two, set_mode Text s)
    | EnvMath | Verbatim => (clen, s) (* a [$] in a math environment changes nothing *)
    end in
  (set_pt false (after_arg false (emit K_MATH_SHIFT n true (upd (fun _ => s) w))), n).

(** ** Verbatim environments: [#verbatimArguments], [#verbatimBody], [#continuedOptions] *)

(** [#verbatimArguments] on [r]: the [[options]] and [{arguments}] after [\begin{name}]. *)
Fixpoint verbatim_arguments_fuel (fuel : nat) (r : list nat) (w : work) : work * nat :=
  match fuel with
  | 0 => (w, 0)
  | S f =>
      let q := skip_spaces (w_s w) r in
      match unit_at q r with
      | None => (w, 0)
      | Some c =>
          let close := if c =? 91 then bracket_end (skipn q r)
                       else if c =? 123 then balanced_end (skipn q r) else None in
          match close with
          | None =>
              if c =? 91 then (* options that go on to the next line *)
                (upd (set_verbOpts true) (emit_inert r false w), length r)
              else (w, 0)
          | Some b =>
              let n := q + S b in
              let '(w, k) := verbatim_arguments_fuel f (skipn n r) (emit_inert (take n r) false w) in
              (w, n + k)
          end
      end
  end.

Definition verbatim_arguments (r : list nat) (w : work) : work * nat :=
  verbatim_arguments_fuel (length r) r w.

(** [#verbatimBody]: verbatim up to [\end{env}], which ends the environment (and options
    left open, as after a DocTeX [%] line that goes on verbatim). *)
Definition verbatim_body (r : list nat) (w : work) : work * nat :=
  let env := s_env (w_s w) in
  let closer := u "\end{" ++ env ++ [125] in
  match index_of closer r with
  | None => (emit K_VERBATIM (length r) false w, length r)
  | Some at_ =>
      let w := emit K_VERBATIM at_ false w in
      let w := emit K_CONTROL_WORD 4 false w in
      let w := emit K_BEGIN_GROUP 1 false w in
      let w := emit_inert (take (length env) (skipn (at_ + 5) r)) false w in
      let w := emit K_END_GROUP 1 false w in
      (upd (fun s => set_verbOpts false (set_afterArg true (set_env [] (set_mode Text s)))) w,
       at_ + length closer)
  end.

(** [#continuedOptions]: a line of a verbatim environment whose [[options]] are open. *)
Definition continued_options (t : list nat) (w : work) : work * nat :=
  if is_blank (w_s w) t then verbatim_body t (upd (set_verbOpts false) w)
  else
    match continued_options_end t with
    | None => (emit_inert t false w, length t)
    | Some c =>
        let w := upd (set_verbOpts false) (emit_inert (take (S c) t) false w) in
        let '(w, k) := verbatim_arguments (skipn (S c) t) w in
        let '(w, k2) := verbatim_body (skipn (S c + k) t) w in
        (w, S c + k + k2)
    end.

(** ** Environments: [#environment] *)

(** After [\begin] or [\end]: acts on the [{name}] at the start of [r] when it is there. *)
Definition environment (o : options) (begin : bool) (r : list nat) (w : work) : work * nat :=
  let s := w_s w in
  let op := skip_spaces s r in
  match simple_group_end s (skipn op r) with
  | None => (w, 0)
  | Some c =>
      let name := slice_name r op c in
      (* 1 verbatim, 2 math begins, 3 math ends, 4 recovery point *)
      let '(s, action) :=
        if begin then
          if is_verbatim_env o s name then
            (if in_begin_code s then define_verbatim o (s_defName s) s else s,
             if mode_eqb (s_mode s) Text && (s_argBits s =? 0) then 1 else 0)
          else if is_math_env o name then (s, if s_argBits s =? 0 then 2 else 0)
          else if ueqb name (u "document") then (s, 4) else (s, 0)
        else if mode_eqb (s_mode s) EnvMath && is_math_env o name then (s, 3)
        else if ueqb name (u "document") then (s, 4) else (s, 0) in
      let '(s, action) :=
        if o_docTeX o && memb name MACROCODE_ENVIRONMENTS
        then (set_macrocode begin s, 4) (* code begins or ends: a recovery point *)
        else (s, action) in
      let w := upd (fun _ => s) w in
      let w := if action =? 4 then paragraph_end w else w in
      let m := (action =? 2) || (action =? 3) || (negb (action =? 4) && in_math w) in
      let w := if m then mark_last_math w else w in
      let w := emit K_SPACE op m w in
      let w := emit K_BEGIN_GROUP 1 m w in
      let w := emit_inert name m w in
      let w := after_arg true (emit K_END_GROUP 1 m w) in
      let e := S (op + c) in
      if action =? 1 then
        let w := upd (fun s => set_env name (set_mode Verbatim s)) w in
        let '(w, e) := if memb name ARGUMENTLESS_VERBATIM then (w, e)
                       else let '(w, k) := verbatim_arguments (skipn e r) w in (w, e + k) in
        let '(w, k) := verbatim_body (skipn e r) w in
        (w, e + k)
      else if action =? 2 then (upd (fun s => set_env name (set_mode EnvMath s)) w, e)
      else if action =? 3 then (upd (fun s => set_env [] (set_mode Text s)) w, e)
      else (w, e)
  end.

(** ** Inline verbatim: [#inlineVerbatim] *)

(** [InlineVerbatim]: how a command takes its argument. *)
Record inline_form : Set := {
  f_star : bool;      (* a [*] may come first ([\verb*]) *)
  f_options : bool;   (* [[options]] may come first *)
  f_language : bool;  (* a [{language}] comes before the argument ([\mintinline]) *)
  f_delimited : bool; (* the argument may be delimited by any character *)
  f_braced : bool;    (* it may be braced *)
}.

Definition VERB := {| f_star := true; f_options := false; f_language := false;
                      f_delimited := true; f_braced := false |}.
Definition VERB_UPPER := {| f_star := true; f_options := true; f_language := false;
                            f_delimited := true; f_braced := false |}.
Definition LSTINLINE := {| f_star := false; f_options := true; f_language := false;
                           f_delimited := true; f_braced := true |}.
Definition MINTINLINE := {| f_star := false; f_options := true; f_language := true;
                            f_delimited := true; f_braced := true |}.
Definition URL := {| f_star := false; f_options := false; f_language := false;
                     f_delimited := false; f_braced := true |}.

Definition inline_verbatim (form : inline_form) (r : list nat) (w : work) : work * nat :=
  let s := w_s w in
  let m := in_math w in
  let '(w, q) := if f_star form && is_unit 0 r 42 then (emit K_TEXT 1 m w, 1) else (w, 0) in
  let '(w, q) := if f_braced form
                 then let n := skip_spaces s (skipn q r) in (emit K_SPACE n m w, q + n)
                 else (w, q) in
  let '(w, q) := if f_options form then
                   match bracket_end (skipn q r) with
                   | Some b => (emit_inert (take (S b) (skipn q r)) m w, q + S b)
                   | None => (w, q)
                   end
                 else (w, q) in
  let lang := if f_language form then
                match simple_group_end s (skipn q r) with
                | Some c => Some (emit_inert (take (S c) (skipn q r)) m w, q + S c)
                | None => None
                end
              else Some (w, q) in
  match lang with
  | None => (w, q)
  | Some (w, q) =>
      let a := skipn q r in
      match a with
      | [] => (w, q)
      | d :: a' =>
          if (d =? 123) && f_braced form then
            match balanced_end a with
            | None => (after_arg false (emit K_VERBATIM (length a) m w), length r)
            | Some c =>
                let w := emit K_END_GROUP 1 m (emit K_VERBATIM (c - 1) m (emit K_BEGIN_GROUP 1 m w)) in
                (after_arg true w, q + S c)
            end
          else if negb (f_delimited form) then (w, q)
          else
            let n := match index_of [d] a' with Some i => S (S i) | None => length a end in
            (after_arg false (emit K_VERBATIM n m w), q + n)
      end
  end.

(** ** Short verbatim: [#shortVerbatim], [#shortVerbCommand] *)

(** [|...|] at the start of [r]: verbatim up to the next [|] of the line, or its end. *)
Definition short_verbatim (r : list nat) (w : work) : work * nat :=
  match r with
  | [] => (w, 0)
  | c :: r' =>
      let n := match index_of [c] r' with Some i => S (S i) | None => length r end in
      (set_pt false (after_arg false (emit K_VERBATIM n (in_math w) w)), n)
  end.

(** After [\MakeShortVerb] and kin: the argument, inert, then the change (not run inside a
    macro argument or definition body). *)
Definition short_verb_command (make bare : bool) (r : list nat) (w : work) : work * nat :=
  let s := w_s w in
  match short_verb_argument s r bare with
  | None => (w, 0)
  | Some (c, e) =>
      let w := emit_inert (take e r) (in_math w) w in
      if negb (s_argBits s =? 0) then (w, e)
      else
        let sv := s_shortVerb s in
        let s :=
          match short_verb_old_cat sv c with
          | None =>
              if make && (length sv <? 2 * MAX_SHORT_VERB)
              then set_catcode c CAT_ACTIVE (set_shortVerb (with_short_verb sv c (cat_of s c)) s)
              else s
          | Some old =>
              if make then s else set_catcode c old (set_shortVerb (without_short_verb sv c) s)
          end in
        (upd (fun _ => s) w, e)
  end.

(** ** Control sequences: [#controlSequence], [#controlSymbol], [#controlWord] *)

(** [Command] of [lexer/environments.ts]. *)
Inductive command : Set :=
  | CBegin | CEnd | CVerb | CLstInline | CMintInline | CUrl | CMakeAtLetter | CMakeAtOther
  | CExplOn | CExplOff | CCatcode | CNewEnvironment | CNewVerbatimEnvironment | CNewMinted
  | CVerbatimMarker | CTextSwitch | CSectioning | CDefinition | CEnsureMath | CShortVerb
  | CBeginGroup | CEndGroup.

(** [COMMANDS]: the commands the lexer acts on (every other one is [Command.None]). *)
Definition COMMANDS : list (ustring * command) :=
  map (fun '(n, c) => (u n, c))
    [("begin", CBegin); ("end", CEnd); ("verb", CVerb); ("Verb", CVerb);
     ("lstinline", CLstInline); ("mintinline", CMintInline); ("url", CUrl); ("path", CUrl);
     ("href", CUrl); ("makeatletter", CMakeAtLetter); ("makeatother", CMakeAtOther);
     ("ExplSyntaxOn", CExplOn); ("ProvidesExplPackage", CExplOn);
     ("ProvidesExplClass", CExplOn); ("ProvidesExplFile", CExplOn);
     ("ExplSyntaxOff", CExplOff); ("catcode", CCatcode);
     ("newenvironment", CNewEnvironment); ("renewenvironment", CNewEnvironment);
     ("lstnewenvironment", CNewVerbatimEnvironment);
     ("DefineVerbatimEnvironment", CNewVerbatimEnvironment);
     ("newtcblisting", CNewVerbatimEnvironment); ("DeclareTCBListing", CNewVerbatimEnvironment);
     ("NewTCBListing", CNewVerbatimEnvironment); ("newminted", CNewMinted);
     ("VerbatimEnvironment", CVerbatimMarker); ("verbatim", CVerbatimMarker);
     ("Verbatim", CVerbatimMarker); ("lstlisting", CVerbatimMarker); ("minted", CVerbatimMarker);
     ("text", CTextSwitch); ("mbox", CTextSwitch); ("hbox", CTextSwitch); ("fbox", CTextSwitch);
     ("intertext", CTextSwitch); ("shortintertext", CTextSwitch); ("textrm", CTextSwitch);
     ("textbf", CTextSwitch); ("textit", CTextSwitch); ("textsf", CTextSwitch);
     ("texttt", CTextSwitch); ("textup", CTextSwitch); ("textsl", CTextSwitch);
     ("textsc", CTextSwitch); ("textnormal", CTextSwitch); ("tag", CTextSwitch);
     ("part", CSectioning); ("chapter", CSectioning); ("section", CSectioning);
     ("subsection", CSectioning); ("subsubsection", CSectioning); ("paragraph", CSectioning);
     ("subparagraph", CSectioning)]%name
  (* the definitions, but for [\newenvironment] and [\renewenvironment] above *)
  ++ map (fun '(n, _) => (n, CDefinition))
       (filter (fun '(n, _) => negb (ueqb n (u "newenvironment") || ueqb n (u "renewenvironment")))
          DEFINITIONS)
  ++ map (fun '(n, c) => (u n, c))
       [("ensuremath", CEnsureMath); ("begingroup", CBeginGroup); ("endgroup", CEndGroup)]%name
  ++ map (fun '(n, _) => (n, CShortVerb)) SHORT_VERB_COMMANDS.

(** The letters of a control word after its first one, [^^] decoded: how many units they
    take and the name they spell ([acc] reversed).  [fuel] is the length of [l]. *)
Fixpoint word_letters (fuel : nat) (s : state) (l : list nat) (n : nat) (acc : ustring)
  : nat * ustring :=
  match fuel, l with
  | S f, e :: l' =>
      if e <? 128 then
        let k := cat_of s e in
        if k =? CAT_LETTER then word_letters f s l' (S n) (e :: acc)
        else if k =? CAT_SUPERSCRIPT then
          match hat_char l with
          | Some (h, hl) =>
              if cat_of s h =? CAT_LETTER then word_letters f s (skipn hl l) (hl + n) (h :: acc)
              else (n, rev' acc)
          | None => (n, rev' acc)
          end
        else (n, rev' acc)
      else (n, rev' acc)
  | _, _ => (n, rev' acc)
  end.

(** [#controlSymbol]: [\(] and [\[] open math in text, [\)] and [\]] close it. *)
Definition control_symbol (n c : nat) (w : work) : work :=
  let md := s_mode (w_s w) in
  let m := in_math w in
  let '(w, m) :=
    if (c =? 40) && mode_eqb md Text then (upd (set_mode ParenMath) w, true)
    else if (c =? 91) && mode_eqb md Text then (upd (set_mode BracketMath) w, true)
    else if (c =? 41) && (mode_eqb md ParenMath || mode_eqb md InlineMath)
    then (upd (set_mode Text) w, m)
    else if (c =? 93) && (mode_eqb md BracketMath || mode_eqb md DisplayMath)
    then (upd (set_mode Text) w, m)
    else (w, m) in
  after_arg false (emit K_CONTROL_SYMBOL n m w).

(** [#controlWord]: the control word [name], [n] units long, is emitted; [r] is the line
    after it, from the absolute position [pos].  Returns the units consumed after it. *)
Definition control_word (o : options) (name : ustring) (n : nat) (r : list nat) (pos : nat)
    (w : work) : work * nat :=
  let cmd := assoc name COMMANDS in
  let w := match cmd with Some CSectioning => paragraph_end w | _ => w end in
  let w := after_arg true (emit K_CONTROL_WORD n (in_math w) w) in
  let s := w_s w in
  match cmd with
  | None | Some CSectioning => (w, 0)
  | Some CBegin => environment o true r w
  | Some CEnd => environment o false r w
  | Some CVerb => inline_verbatim (if ueqb name (u "Verb") then VERB_UPPER else VERB) r w
  | Some CLstInline => inline_verbatim LSTINLINE r w
  | Some CMintInline => inline_verbatim MINTINLINE r w
  | Some CUrl => inline_verbatim URL r w
  | Some CMakeAtLetter => (upd (set_catcode 64 CAT_LETTER) w, 0)
  | Some CMakeAtOther => (upd (set_catcode 64 CAT_OTHER) w, 0)
  | Some CExplOn => (upd expl_on w, 0)
  | Some CExplOff => (upd expl_off w, 0)
  | Some CBeginGroup => (upd begin_semi_group w, 0)
  | Some CEndGroup => (upd end_semi_group w, 0)
  | Some CCatcode =>
      (* [#catcodeAssignment]: takes effect where the assignment ends *)
      (match catcode_assignment s r with
       | Some (c, k, e) => set_pcat (Some (pos + e, c, k)) w
       | None => w
       end, 0)
  | Some CNewEnvironment =>
      (* [#newEnvironment] *)
      let w := match new_environment_name s r with
               | Some (nm, close) =>
                   set_arm (Some (pos + close))
                     (upd (fun s => set_defStage 0 (set_defDepth (s_depth s) (set_defName nm s))) w)
               | None => w
               end in
      (upd (pend_definition name) w, 0)
  | Some CDefinition => (upd (pend_definition name) w, 0)
  | Some CEnsureMath => (if in_math w then w else set_pm true (set_pt true w), 0)
  | Some CNewVerbatimEnvironment =>
      let nm := defined_name s r in
      (if is_empty nm then w else upd (define_verbatim o nm) w, 0)
  | Some CNewMinted =>
      let nm := minted_name s r in
      (if is_empty nm then w else upd (define_verbatim o nm) w, 0)
  | Some CVerbatimMarker =>
      (if in_begin_code s then upd (define_verbatim o (s_defName s)) w else w, 0)
  | Some CShortVerb =>
      match assoc name SHORT_VERB_COMMANDS with
      | Some (make, bare) => short_verb_command make bare r w
      | None => (w, 0)
      end
  | Some CTextSwitch => (if in_math w then set_pm false (set_pt true w) else w, 0)
  end.

Definition HIGH_SURROGATE_MIN := 55296. (* 0xD800 *)
Definition HIGH_SURROGATE_MAX := 56319. (* 0xDBFF *)
Definition LOW_SURROGATE_MIN := 56320.  (* 0xDC00 *)
Definition LOW_SURROGATE_MAX := 57343.  (* 0xDFFF *)

(** [#controlSequence]: the escape character (of source length [clen]) starts [rest], at
    the absolute position [pos] of a line of [len] units. *)
Definition control_sequence (o : options) (len pos : nat) (rest : list nat) (clen : nat)
    (w : work) : work * nat :=
  let w := set_pt false w in
  let s := w_s w in
  let r := skipn clen rest in
  match decode_char s r with
  | None => (after_arg false (emit K_CONTROL_SYMBOL clen (in_math w) w), clen)
  | Some (d, dcat, dlen) =>
      if negb (dcat =? CAT_LETTER) then
        (* a control symbol; a surrogate pair counts as one character *)
        let pair := (dlen =? 1) && (HIGH_SURROGATE_MIN <=? d) && (d <=? HIGH_SURROGATE_MAX)
                    && match unit_at 1 r with
                       | Some lo => (LOW_SURROGATE_MIN <=? lo) && (lo <=? LOW_SURROGATE_MAX)
                       | None => false
                       end in
        let n := clen + dlen + (if pair then 1 else 0) in
        (control_symbol n d w, n)
      else
        let after := skipn dlen r in
        let '(k, letters) := word_letters (len - (pos + clen + dlen)) s after 0 [] in
        let n := clen + dlen + k in
        let '(w, e) := control_word o (d :: letters) n (skipn k after) (pos + n) w in
        (w, n + e)
  end.

(** ** The scan loop: [#scan] *)

(** The units of a text run after its first character ([acc] so far), up to [lim] of them
    (the run stops where a pending catcode assignment takes effect); [fuel] is [lim]. *)
Fixpoint text_more (fuel : nat) (s : state) (l : list nat) (lim acc : nat) : nat :=
  match fuel, l with
  | S f, d :: l' =>
      if lim =? 0 then acc
      else if 128 <=? d then text_more f s l' (lim - 1) (S acc)
      else
        let k := cat_of s d in
        if is_text_cat k then text_more f s l' (lim - 1) (S acc)
        else if k =? CAT_SUPERSCRIPT then
          match hat_char l with
          | Some (h, hl) =>
              if is_text_cat (cat_of s h) then text_more f s (skipn hl l) (lim - hl) (hl + acc)
              else acc
          | None => acc
          end
        else acc
  | _, _ => acc
  end.

(** One token (or one construct) at [rest], the line from the absolute position [pos]
    ([len] is the line's length); returns the units consumed, at least one. *)
Definition step (o : options) (len pos : nat) (rest : list nat) (w : work) : work * nat :=
  let s := w_s w in
  match decode_char s rest with
  | None => (w, 1)
  | Some (c, cat, clen) =>
      let m := in_math w in
      if is_text_cat cat then
        let limit := match w_pcat w with
                     | Some (pp, _, _) => if pos <? pp then pp else len
                     | None => len
                     end in
        let after := skipn clen rest in
        let lim := limit - (pos + clen) in
        let n := clen + text_more lim s after lim 0 in
        let last := nth (n - 1) rest 0 in
        (set_pt false (after_arg ((last =? 93) || (last =? 42)) (emit K_TEXT n m w)), n)
      else if (cat =? CAT_SPACE) || (cat =? CAT_IGNORED) || (cat =? CAT_INVALID) then
        let n := clen + span (fun d => cat_of s d =? cat) (skipn clen rest) in
        let w := emit (cat_kind cat) n m w in
        (if cat =? CAT_INVALID then set_pt false w else w, n)
      else if cat =? CAT_ESCAPE then
        let w := if negb (s_bodyPend s =? 0) then upd definition_name w else w in
        control_sequence o len pos rest clen w
      else if cat =? CAT_BEGIN_GROUP then (open_group pos (emit K_BEGIN_GROUP clen m w), clen)
      else if cat =? CAT_END_GROUP then
        let w := close_group w in (emit K_END_GROUP clen (in_math w) w, clen)
      else if cat =? CAT_MATH_SHIFT then math_shift rest clen w
      else if cat =? CAT_COMMENT then (emit K_COMMENT (length rest) m w, length rest)
      else if cat =? CAT_END_OF_LINE then
        (* TeX drops the rest of a line after an end-of-line character *)
        (emit K_IGNORED (length rest - clen) m (emit K_SPACE clen m w), length rest)
      else if cat =? CAT_PARAMETER then
        let extra := match unit_at clen rest with
                     | Some d => if ((49 <=? d) && (d <=? 57)) || (cat_of s d =? CAT_PARAMETER)
                                 then 1 else 0
                     | None => 0
                     end in
        (set_pt false (after_arg true (emit K_PARAMETER (clen + extra) m w)), clen + extra)
      else if (cat =? CAT_ACTIVE) && negb (is_empty (s_shortVerb s)) && (clen =? 1)
              && match short_verb_old_cat (s_shortVerb s) c with Some _ => true | None => false end
      then short_verbatim rest w
      else
        (* alignment, superscript, subscript, active: one character each *)
        (set_pt false (after_arg false (emit (cat_kind cat) clen m w)), clen)
  end.

Fixpoint scan_loop (fuel : nat) (o : options) (len pos : nat) (rest : list nat) (w : work)
  : work :=
  match fuel, rest with
  | S f, _ :: _ =>
      let w := match w_pcat w with
               | Some (pp, _, _) => if pp <=? pos then apply_pending_cat w else w
               | None => w
               end in
      let '(w, k) := step o len pos rest w in
      scan_loop f o len (pos + k) (skipn k rest) w
  | _, _ => w
  end.

(** ** Line starts: [#docLineStart] and [scan] *)

(** [#docLineStart]: DocTeX's guard lines, documentation lines' [%] prefix, code. *)
Definition doc_line_start (t : list nat) (w : work) : work * nat :=
  let s := w_s w in
  match doc_line_of t (s_macrocode s) with
  | DocGuard => (emit K_COMMENT (length t) false w, length t)
  | DocMacrocodeEnd => (emit K_DOC_PREFIX 1 false (paragraph_end w), 1)
  | kind =>
      let '(w, from) := match kind with
                        | DocDoc => (emit K_DOC_PREFIX 1 false w, 1)
                        | _ => (w, 0)
                        end in
      if mode_eqb (s_mode s) Verbatim then
        if s_verbOpts s && (from =? 0) then continued_options t w
        else let '(w, n) := verbatim_body (skipn from t) w in (w, from + n)
      else ((if is_blank s (skipn from t) then paragraph_end w else w), from)
  end.

(** [lexLine(text, s, options)]: the line's tokens and the state at its end. *)
Definition lex_line (o : options) (s : state) (line : ustring) : list token * state :=
  let w0 := mkWork s false false None None [] in
  let '(w, pos) :=
    if o_docTeX o then doc_line_start line w0
    else if mode_eqb (s_mode s) Verbatim then
      (if s_verbOpts s then continued_options line w0 else verbatim_body line w0)
    else ((if is_blank s line then paragraph_end w0 else w0), 0) in
  let len := length line in
  let w := scan_loop (S len) o len pos (skipn pos line) w in
  let w := apply_pending_cat w in
  (rev' (w_out w), w_s w).
