(** * The line lexer in Coq, part 1: characters, catcodes, options, tokens

    Shared vocabulary of [LexArgs.v] and [Lexer.v]: strings as lists of UTF-16 code units,
    LaTeX's catcode table ([lexer/catcodes.ts]), the catcode changes a state holds
    ([withCatcode] of [lexer/options.ts]), the lexer options and the configuration
    [resolveOptions] builds from them, the token record, and one setter per field of
    [Codec.state] (the fields of [lexer/_state_record.ts]'s [WorkState]).

    Every number that is compared with a code unit is a small literal: numbers are [nat]s,
    extracted to OCaml [int]s, and no function here recurses over a number's value. *)

From Coq Require Import List PeanoNat.
From LaTeXPerfectionist Require Import Codec.
Import ListNotations.
Local Set Warnings "-abstract-large-number".
Open Scope bool_scope.
Open Scope list_scope.

(** ** Strings *)

(** A name written as a string literal: ["begin"] is read, when the file is compiled, as the
    list of its (ASCII) bytes, turned into code units by [u].  A [String Notation] over [Byte]
    (from Coq's prelude) keeps [Coq.Strings], which would triple [coqchk]'s time, out of the
    dependencies; bytes rather than numbers keep the extracted code small (a number literal is
    extracted as a chain of successors). *)
Inductive name : Set := Name (l : list Byte.byte).

Definition bit (b : bool) (v : nat) : nat := if b then v else 0.

Definition byte_to_nat (b : Byte.byte) : nat :=
  let '(b0, (b1, (b2, (b3, (b4, (b5, (b6, b7))))))) := Byte.to_bits b in
  let two := 2 in
  let four := two * two in
  let sixteen := four * four in
  bit b0 1 + bit b1 two + bit b2 four + bit b3 (two * four) + bit b4 sixteen
  + bit b5 (two * sixteen) + bit b6 (four * sixteen) + bit b7 (two * four * sixteen).

Definition name_of_bytes (l : list Byte.byte) : name := Name l.

(* Names are never printed back as literals. *)
Definition bytes_of_name (n : name) : option (list Byte.byte) := None.

Declare Scope name_scope.
Delimit Scope name_scope with name.
String Notation name name_of_bytes bytes_of_name : name_scope.

Definition u (n : name) : ustring := let 'Name l := n in map byte_to_nat l.
Arguments u n%name_scope.

Fixpoint ueqb (a b : ustring) : bool :=
  match a, b with
  | [], [] => true
  | x :: a', y :: b' => (x =? y) && ueqb a' b'
  | _, _ => false
  end.

Fixpoint memb (x : ustring) (l : list ustring) : bool :=
  match l with
  | [] => false
  | y :: l' => ueqb x y || memb x l'
  end.

(** JavaScript's default [sort] order: code units compared one by one, a prefix first. *)
Fixpoint ultb (a b : ustring) : bool :=
  match a, b with
  | [], [] => false
  | [], _ :: _ => true
  | _ :: _, [] => false
  | x :: a', y :: b' => (x <? y) || ((x =? y) && ultb a' b')
  end.

Fixpoint insert_sorted (x : ustring) (l : list ustring) : list ustring :=
  match l with
  | [] => [x]
  | y :: l' => if ultb y x then y :: insert_sorted x l' else x :: l
  end.

(** [text.startsWith(pre, p)], on the text from [p]. *)
Fixpoint prefixb (pre l : list nat) : bool :=
  match pre, l with
  | [], _ => true
  | x :: pre', y :: l' => (x =? y) && prefixb pre' l'
  | _ :: _, [] => false
  end.

(** Tail-recursive list functions for line-sized lists: the extracted lexer must not
    overflow OCaml's stack on a long line (the standard library's [length], [firstn] and
    [rev] are not tail-recursive, and [rev] is quadratic). *)
Fixpoint size_acc {A : Type} (n : nat) (l : list A) : nat :=
  match l with [] => n | _ :: l' => size_acc (S n) l' end.

(** [length]. *)
Definition size {A : Type} (l : list A) : nat := size_acc 0 l.

Fixpoint take_acc {A : Type} (n : nat) (l acc : list A) : list A :=
  match n, l with
  | S n', x :: l' => take_acc n' l' (x :: acc)
  | _, _ => rev' acc
  end.

(** [firstn]. *)
Definition take {A : Type} (n : nat) (l : list A) : list A := take_acc n l [].

Fixpoint index_of_acc (pat : list nat) (i : nat) (l : list nat) : option nat :=
  if prefixb pat l then Some i
  else match l with
       | [] => None
       | _ :: l' => index_of_acc pat (S i) l'
       end.

(** [text.indexOf(pat, p)], on the text from [p]: the offset from [p]. *)
Definition index_of (pat l : list nat) : option nat := index_of_acc pat 0 l.

Fixpoint span_acc (f : nat -> bool) (n : nat) (l : list nat) : nat :=
  match l with
  | x :: l' => if f x then span_acc f (S n) l' else n
  | [] => n
  end.

(** How many leading elements satisfy [f]. *)
Definition span (f : nat -> bool) (l : list nat) : nat := span_acc f 0 l.

(** [text.charCodeAt(i)] on a suffix, [None] past its end (JavaScript's [NaN]). *)
Definition unit_at (i : nat) (l : list nat) : option nat := nth_error l i.

Definition is_unit (i : nat) (l : list nat) (c : nat) : bool :=
  match nth_error l i with Some d => d =? c | None => false end.

(** ** Catcodes: [Cat] and [LATEX_CATCODES] of [lexer/catcodes.ts] *)

Definition CAT_ESCAPE := 0.
Definition CAT_BEGIN_GROUP := 1.
Definition CAT_END_GROUP := 2.
Definition CAT_MATH_SHIFT := 3.
Definition CAT_ALIGNMENT := 4.
Definition CAT_END_OF_LINE := 5.
Definition CAT_PARAMETER := 6.
Definition CAT_SUPERSCRIPT := 7.
Definition CAT_SUBSCRIPT := 8.
Definition CAT_IGNORED := 9.
Definition CAT_SPACE := 10.
Definition CAT_LETTER := 11.
Definition CAT_OTHER := 12.
Definition CAT_ACTIVE := 13.
Definition CAT_COMMENT := 14.
Definition CAT_INVALID := 15.

(** [defaultCatcode]: INITEX's table with the few entries initex and latex.ltx set. *)
Definition default_cat (c : nat) : nat :=
  if (65 <=? c) && (c <=? 90) then CAT_LETTER
  else if (97 <=? c) && (c <=? 122) then CAT_LETTER
  else if c =? 92 then CAT_ESCAPE
  else if c =? 123 then CAT_BEGIN_GROUP
  else if c =? 125 then CAT_END_GROUP
  else if c =? 36 then CAT_MATH_SHIFT
  else if c =? 38 then CAT_ALIGNMENT
  else if c =? 13 then CAT_END_OF_LINE
  else if c =? 35 then CAT_PARAMETER
  else if c =? 94 then CAT_SUPERSCRIPT
  else if c =? 95 then CAT_SUBSCRIPT
  else if c =? 0 then CAT_IGNORED
  else if c =? 32 then CAT_SPACE
  else if c =? 9 then CAT_SPACE
  else if c =? 126 then CAT_ACTIVE
  else if c =? 12 then CAT_ACTIVE
  else if c =? 37 then CAT_COMMENT
  else if c =? 127 then CAT_INVALID
  else CAT_OTHER.

(** The scanner's table ([LineScanner.#cat], built by the state table from [s_catcodes]):
    LaTeX's defaults changed by the state's catcode list; other from 128 on ([#catOf]). *)
Fixpoint lookup_cat (l : list catcode) (c : nat) : option nat :=
  match l with
  | [] => None
  | x :: l' => if cc_char x =? c then Some (cc_cat x) else lookup_cat l' c
  end.

Definition cat_of (s : state) (c : nat) : nat :=
  if c <? 128 then
    match lookup_cat (s_catcodes s) c with Some k => k | None => default_cat c end
  else CAT_OTHER.

Definition is_text_cat (k : nat) : bool := (k =? CAT_LETTER) || (k =? CAT_OTHER).

(** [withCatcode] of [lexer/options.ts]: the list stays sorted by character and holds only
    the characters whose catcode differs from LaTeX's. *)
Fixpoint with_catcode (l : list catcode) (c k : nat) : list catcode :=
  let entry := {| cc_char := c; cc_cat := k |} in
  match l with
  | [] => if default_cat c =? k then [] else [entry]
  | x :: l' =>
      if cc_char x <? c then x :: with_catcode l' c k
      else if cc_char x =? c then (if default_cat c =? k then l' else entry :: l')
      else if default_cat c =? k then l else entry :: l
  end.

(** [EXPL_ON] of [lexer/options.ts]: [_] and [:] letters, space and tab ignored, [~] a space. *)
Definition EXPL_ON : list (nat * nat) :=
  [(95, CAT_LETTER); (58, CAT_LETTER); (32, CAT_IGNORED); (9, CAT_IGNORED); (126, CAT_SPACE)].

(** [EXPL_OFF]: the same characters, back to LaTeX's catcodes. *)
Definition EXPL_OFF : list (nat * nat) := map (fun '(c, _) => (c, default_cat c)) EXPL_ON.

(** ** Environments: [lexer/environments.ts] *)

Definition VERBATIM_ENVIRONMENTS : list ustring :=
  map u ["verbatim"; "verbatim*"; "Verbatim"; "Verbatim*"; "BVerbatim"; "BVerbatim*";
         "LVerbatim"; "LVerbatim*"; "SaveVerbatim"; "VerbatimOut"; "lstlisting"; "minted";
         "comment"; "filecontents"; "filecontents*"]%name.

(** Verbatim environments whose body starts right after [\begin{name}]. *)
Definition ARGUMENTLESS_VERBATIM : list ustring :=
  map u ["verbatim"; "verbatim*"; "comment"]%name.

Definition MATH_ENVIRONMENTS : list ustring :=
  map u ["equation"; "equation*"; "align"; "align*"; "alignat"; "alignat*"; "flalign";
         "flalign*"; "gather"; "gather*"; "multline"; "multline*"; "eqnarray"; "eqnarray*";
         "math"; "displaymath"]%name.

(** [MACROCODE_ENVIRONMENTS] of [lexer/_doctex.ts]. *)
Definition MACROCODE_ENVIRONMENTS : list ustring := map u ["macrocode"; "macrocode*"]%name.

(** ** Options: [LexerOptions] and [resolveOptions] of [lexer/options.ts] *)

Record options : Set := {
  o_atLetter : bool;
  o_explSyntax : bool;
  o_docTeX : bool;
  o_verbatimEnvs : list ustring; (* extra ones, besides the built-in *)
  o_mathEnvs : list ustring;
}.

(** [LexConfig.verbatimEnvs] (built-in and from the options) or defined by the document. *)
Definition is_verbatim_env (o : options) (s : state) (name : ustring) : bool :=
  memb name VERBATIM_ENVIRONMENTS || memb name (o_verbatimEnvs o) || memb name (s_verbatimEnvs s).

(** [LexConfig.mathEnvs]. *)
Definition is_math_env (o : options) (name : ustring) : bool :=
  memb name MATH_ENVIRONMENTS || memb name (o_mathEnvs o).

(** [INITIAL_STATE] of [lexer/state.ts]. *)
Definition INITIAL_STATE : state :=
  {| s_mode := Text; s_env := []; s_depth := 0; s_argBits := 0; s_afterArg := false;
     s_frames := []; s_catcodes := []; s_verbatimEnvs := []; s_defName := [];
     s_defDepth := 0; s_defStage := 0; s_bodyPend := 0; s_bodyDepth := 0;
     s_shortVerb := []; s_saved := []; s_verbOpts := false; s_macrocode := false |}.

(** [resolveOptions]'s [initial]: [@] a letter under [atLetter], expl3's catcodes under
    [explSyntax]. *)
Definition initial_catcodes (o : options) : list catcode :=
  let c0 := if o_atLetter o then with_catcode [] 64 CAT_LETTER else [] in
  if o_explSyntax o then fold_left (fun l '(c, k) => with_catcode l c k) EXPL_ON c0 else c0.

(** ** Tokens: [lexer/token_kind.ts] *)

Record token : Set := {
  t_kind : nat;   (* the code of [K] in lexer/token_kind.ts *)
  t_length : nat; (* UTF-16 code units, >= 1 *)
  t_math : bool;
}.

Definition K_CONTROL_WORD := 0.
Definition K_CONTROL_SYMBOL := 1.
Definition K_BEGIN_GROUP := 2.
Definition K_END_GROUP := 3.
Definition K_MATH_SHIFT := 4.
Definition K_ALIGNMENT := 5.
Definition K_PARAMETER := 6.
Definition K_SUPERSCRIPT := 7.
Definition K_SUBSCRIPT := 8.
Definition K_ACTIVE := 9.
Definition K_SPACE := 10.
Definition K_COMMENT := 11.
Definition K_TEXT := 12.
Definition K_VERBATIM := 13.
Definition K_IGNORED := 14.
Definition K_INVALID := 15.
Definition K_DOC_PREFIX := 16.

(** [CAT_KIND] of [lexer/_line_scanner.ts]: the kind of a one-character token of a catcode. *)
Definition cat_kind (k : nat) : nat :=
  match k with
  | 0 => K_CONTROL_SYMBOL | 1 => K_BEGIN_GROUP | 2 => K_END_GROUP | 3 => K_MATH_SHIFT
  | 4 => K_ALIGNMENT | 5 => K_SPACE | 6 => K_PARAMETER | 7 => K_SUPERSCRIPT
  | 8 => K_SUBSCRIPT | 9 => K_IGNORED | 10 => K_SPACE | 11 => K_TEXT | 12 => K_TEXT
  | 13 => K_ACTIVE | 14 => K_COMMENT | _ => K_INVALID
  end.

(** [isMathMode] of [lexer/mode.ts]. *)
Definition is_math_mode (m : mode) : bool :=
  match m with
  | InlineMath | DisplayMath | ParenMath | BracketMath | EnvMath => true
  | Text | Verbatim => false
  end.

(** ** One setter per field of the state record *)

Definition set_mode (v : mode) (s : state) : state :=
  {| s_mode := v; s_env := s_env s; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_env (v : ustring) (s : state) : state :=
  {| s_mode := s_mode s; s_env := v; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_depth (v : nat) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := v; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_argBits (v : nat) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := s_depth s; s_argBits := v;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_afterArg (v : bool) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := v; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_frames (v : list frame) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := v; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_catcodes (v : list catcode) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := v;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_verbatimEnvs (v : list ustring) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := v; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_defName (v : ustring) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := v; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_defDepth (v : nat) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := v;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_defStage (v : nat) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := v; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_bodyPend (v : nat) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := v; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_bodyDepth (v : nat) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := v;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_shortVerb (v : ustring) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := v; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_saved (v : ustring) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := v; s_verbOpts := s_verbOpts s;
     s_macrocode := s_macrocode s |}.
Definition set_verbOpts (v : bool) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := v;
     s_macrocode := s_macrocode s |}.
Definition set_macrocode (v : bool) (s : state) : state :=
  {| s_mode := s_mode s; s_env := s_env s; s_depth := s_depth s; s_argBits := s_argBits s;
     s_afterArg := s_afterArg s; s_frames := s_frames s; s_catcodes := s_catcodes s;
     s_verbatimEnvs := s_verbatimEnvs s; s_defName := s_defName s; s_defDepth := s_defDepth s;
     s_defStage := s_defStage s; s_bodyPend := s_bodyPend s; s_bodyDepth := s_bodyDepth s;
     s_shortVerb := s_shortVerb s; s_saved := s_saved s; s_verbOpts := s_verbOpts s;
     s_macrocode := v |}.
