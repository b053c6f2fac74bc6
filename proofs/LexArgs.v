(** * The line lexer in Coq, part 2: the argument parsers and the packed state fields

    Pure functions of a line's text (always given as the suffix of the line from the
    position the TypeScript function receives, so results are offsets from there), the
    catcode table and the state's packed strings.  One section per TypeScript module. *)

From Coq Require Import List PeanoNat.
From LaTeXPerfectionist Require Import Codec LexBase.
Import ListNotations.
Open Scope bool_scope.
Open Scope list_scope.

(** ** [lexer/_tex_args.ts] *)
Section TexArgs.

(** [hatChar]: TeX's [^^] notation at the start of [r] (whose first unit has catcode 7):
    the character meant and the source length (3 or 4). *)
Definition is_lower_hex (c : nat) : bool := ((48 <=? c) && (c <=? 57)) || ((97 <=? c) && (c <=? 102)).

Definition hex_value (c : nat) : nat := if c <=? 57 then c - 48 else c - 87.

Definition hat_char (r : list nat) : option (nat * nat) :=
  match r with
  | c :: c2 :: c3 :: r' =>
      if negb (c2 =? c) then None
      else if 128 <=? c3 then None
      else
        let three := Some (if c3 <? 64 then c3 + 64 else c3 - 64, 3) in
        match r' with
        | c4 :: _ =>
            if is_lower_hex c3 && is_lower_hex c4 then Some (hex_value c3 * 16 + hex_value c4, 4)
            else three
        | [] => three
        end
  | _ => None
  end.

(** [skipSpaces]: how many units of catcode 10 come first. *)
Definition skip_spaces (s : state) (r : list nat) : nat :=
  span (fun c => cat_of s c =? CAT_SPACE) r.

(** [simpleGroupEnd]: the offset of the [}] of a [{name}] at the start of [r] with no nested
    braces, escapes or comments, and a non-empty name. *)
Fixpoint sge_loop (s : state) (i : nat) (l : list nat) : option nat :=
  match l with
  | [] => None
  | d :: l' =>
      let k := cat_of s d in
      if (k =? CAT_END_GROUP) || (k =? CAT_BEGIN_GROUP) || (k =? CAT_ESCAPE) || (k =? CAT_COMMENT)
      then (if (k =? CAT_END_GROUP) && negb (i =? 1) then Some i else None)
      else sge_loop s (S i) l'
  end.

Definition simple_group_end (s : state) (r : list nat) : option nat :=
  match r with
  | c :: r' => if cat_of s c =? CAT_BEGIN_GROUP then sge_loop s 1 r' else None
  | [] => None
  end.

(** [balancedEnd]: the offset of the [}] matching the literal [{] that starts [r], counting
    literal braces.  (Every caller has a [{] there, so the depth never falls below 0.) *)
Fixpoint bal_loop (depth i : nat) (l : list nat) : option nat :=
  match l with
  | [] => None
  | c :: l' =>
      if c =? 123 then bal_loop (S depth) (S i) l'
      else if c =? 125 then (if depth =? 1 then Some i else bal_loop (depth - 1) (S i) l')
      else bal_loop depth (S i) l'
  end.

Definition balanced_end (r : list nat) : option nat :=
  match r with
  | c :: r' => if c =? 123 then bal_loop 1 1 r' else None
  | [] => None
  end.

(** [BracketEnds.end]: the offset of the []] closing the [[] that starts [r]: the first []]
    where no more [{] than [}] are open since the [[] (braces protect).  The TypeScript code
    scans 256 units and then builds an index of the line; both give this same answer.  The
    brace depth may go below zero: [opens] and [closes] count separately. *)
Fixpoint bracket_loop (opens closes i : nat) (l : list nat) : option nat :=
  match l with
  | [] => None
  | c :: l' =>
      if c =? 123 then bracket_loop (S opens) closes (S i) l'
      else if c =? 125 then bracket_loop opens (S closes) (S i) l'
      else if (c =? 93) && (opens <=? closes) then Some i
      else bracket_loop opens closes (S i) l'
  end.

Definition bracket_end (r : list nat) : option nat :=
  match r with
  | c :: r' => if c =? 91 then bracket_loop 0 0 1 r' else None
  | [] => None
  end.

(** [readNumber]: the digits of [base] that start [l]: their value and count, [None] when
    there is none.  TypeScript fails on values above 0x10FFFF; here values saturate at 255
    instead: every caller rejects a character from 128 on and a catcode above 15, so both
    give "no literal assignment". *)
Definition digit_value (base c : nat) : option nat :=
  let d := if (48 <=? c) && (c <=? 57) then Some (c - 48)
           else if (base =? 16) && (65 <=? c) && (c <=? 70) then Some (c - 55)
           else None in
  match d with
  | Some v => if v <? base then Some v else None
  | None => None
  end.

Fixpoint read_digits (base v n : nat) (l : list nat) : nat * nat :=
  match l with
  | c :: l' =>
      match digit_value base c with
      | Some d => read_digits base (Nat.min 255 (v * base + d)) (S n) l'
      | None => (v, n)
      end
  | [] => (v, n)
  end.

Definition read_number (base : nat) (l : list nat) : option (nat * nat) :=
  let '(v, n) := read_digits base 0 0 l in
  if n =? 0 then None else Some (v, n).

(** [catcodeAssignment]: a literal assignment after [\catcode]: the character, its new
    catcode, and the offset where the assignment ends (it takes effect there). *)
Definition catcode_assignment (s : state) (r : list nat) : option (nat * nat * nat) :=
  let q := skip_spaces s r in
  match unit_at q r with
  | None => None
  | Some c =>
      let char_part : option (nat * nat) :=
        if c =? 96 then
          let q1 := S q in
          let q1 := match unit_at q1 r with
                    | Some d => if cat_of s d =? CAT_ESCAPE then S q1 else q1
                    | None => q1
                    end in
          match unit_at q1 r with
          | None => None
          | Some d =>
              match (if cat_of s d =? CAT_SUPERSCRIPT then hat_char (skipn q1 r) else None) with
              | Some (h, hl) => Some (h, q1 + hl)
              | None => Some (d, S q1)
              end
          end
        else
          let base := if c =? 39 then 8 else if c =? 34 then 16 else 10 in
          let start := if base =? 10 then q else S q in
          match read_number base (skipn start r) with
          | Some (v, n) => Some (v, start + n)
          | None => None
          end in
      match char_part with
      | None => None
      | Some (char, after) =>
          let q2 := after + skip_spaces s (skipn after r) in
          let q3 := if is_unit q2 r 61 then S q2 + skip_spaces s (skipn (S q2) r) else q2 in
          let value :=
            if prefixb (u "\active") (skipn q3 r)
               && negb (match unit_at (q3 + 7) r with
                        | Some d => cat_of s d =? CAT_LETTER
                        | None => false
                        end)
            then Some (CAT_ACTIVE, q3 + 7)
            else match read_number 10 (skipn q3 r) with
                 | Some (v, n) => Some (v, q3 + n)
                 | None => None
                 end in
          match value with
          | Some (v, e) => if (15 <? v) || (128 <=? char) then None else Some (char, v, e)
          | None => None
          end
      end
  end.

(** Spaces, then a [*] and spaces: where [definedName] and [newEnvironmentName] start. *)
Definition after_star (s : state) (r : list nat) : nat :=
  let q := skip_spaces s r in
  if is_unit q r 42 then S q + skip_spaces s (skipn (S q) r) else q.

(** The name in a [{name}] at offset [q] whose [}] is at offset [q + close]. *)
Definition slice_name (r : list nat) (q close : nat) : ustring := take (close - 1) (skipn (S q) r).

(** [definedName]: the [{name}] after spaces, a [*] and an [[option]]: what
    [\DefineVerbatimEnvironment] and kin define; [[]] when none. *)
Definition defined_name (s : state) (r : list nat) : ustring :=
  let q := after_star s r in
  let q := match bracket_end (skipn q r) with
           | Some b => S (q + b) + skip_spaces s (skipn (S (q + b)) r)
           | None => q
           end in
  match simple_group_end s (skipn q r) with
  | Some close => slice_name r q close
  | None => []
  end.

(** [mintedName]: [\newminted]'s [[name]], or [{language}] plus [code]. *)
Definition minted_name (s : state) (r : list nat) : ustring :=
  let q := skip_spaces s r in
  match bracket_end (skipn q r) with
  | Some b => if 1 <? b then slice_name r q b else []
  | None =>
      match simple_group_end s (skipn q r) with
      | Some close => slice_name r q close ++ u "code"
      | None => []
      end
  end.

(** [newEnvironmentName]: the name and the offset of its [}]. *)
Definition new_environment_name (s : state) (r : list nat) : option (ustring * nat) :=
  let q := after_star s r in
  match simple_group_end s (skipn q r) with
  | Some close => Some (slice_name r q close, q + close)
  | None => None
  end.

End TexArgs.

(** ** [lexer/_short_verb.ts] *)
Section ShortVerb.

Definition MAX_SHORT_VERB := 8.

(** [SHORT_VERB_COMMANDS]: (make, bare). *)
Definition SHORT_VERB_COMMANDS : list (ustring * (bool * bool)) :=
  [(u "MakeShortVerb", (true, false)); (u "DefineShortVerb", (true, false));
   (u "DeleteShortVerb", (false, false)); (u "UndefineShortVerb", (false, false));
   (u "lstMakeShortInline", (true, true)); (u "lstDeleteShortInline", (false, true))].

(** [shortVerbArgument]: the character of [{\|}], [\|], or (bare) [|], after an optional [*]
    and [[options]]; and the offset of the argument's end. *)
Definition short_verb_argument (s : state) (r : list nat) (bare : bool) : option (nat * nat) :=
  let q := if is_unit 0 r 42 then 1 else 0 in
  let q := match bracket_end (skipn q r) with Some b => S (q + b) | None => q end in
  let q := if bare then q + skip_spaces s (skipn q r) else q in
  match unit_at q r with
  | None => None
  | Some c0 =>
      let '(braced, q, c) := if c0 =? 123 then (true, S q, unit_at (S q) r) else (false, q, Some c0) in
      match c with
      | None => None
      | Some c =>
          let esc := if c =? 92 then Some (S q, unit_at (S q) r)
                     else if bare then Some (q, Some c) else None in
          match esc with
          | None | Some (_, None) => None
          | Some (q, Some c) =>
              let q := S q in
              let close := if braced then (if is_unit q r 125 then Some (S q) else None) else Some q in
              match close with
              | None => None
              | Some q =>
                  if (128 <=? c) || (cat_of s c =? CAT_LETTER) || (c =? 123) || (c =? 125)
                     || (c <=? 32)
                  then None else Some (c, q)
              end
          end
      end
  end.

(** [shortVerbOldCat]: the catcode the character had before it was made short verbatim. *)
Fixpoint short_verb_old_cat (sv : ustring) (c : nat) : option nat :=
  match sv with
  | a :: b :: r => if a =? c then Some b else short_verb_old_cat r c
  | _ => None
  end.

Fixpoint insert_pair (sv : ustring) (c old : nat) : ustring :=
  match sv with
  | a :: b :: r => if a <? c then a :: b :: insert_pair r c old else c :: old :: sv
  | _ => [c; old]
  end.

(** [withShortVerb]. *)
Definition with_short_verb (sv : ustring) (c old : nat) : ustring :=
  match short_verb_old_cat sv c with
  | Some _ => sv
  | None => if 2 * MAX_SHORT_VERB <=? length sv then sv else insert_pair sv c old
  end.

(** [withoutShortVerb]. *)
Fixpoint without_short_verb (sv : ustring) (c : nat) : ustring :=
  match sv with
  | a :: b :: r => if a =? c then r else a :: b :: without_short_verb r c
  | _ => sv
  end.

End ShortVerb.

(** ** [lexer/_group_catcodes.ts]: the saved catcode frames packed in [s_saved] *)
Section GroupCatcodes.

Definition FRAME_BRACE := 0.
Definition FRAME_SEMI := 1.
Definition FRAME_EXPL := 2.
Definition MAX_SAVED_FRAMES := 16.

(** [SavedFrame]. *)
Record sframe : Set := { sf_kind : nat; sf_level : nat; sf_pairs : list (nat * nat) }.

(** The [n] (character, old catcode) pairs that start [l], and the rest. *)
Fixpoint take_pairs (n : nat) (l : list nat) : list (nat * nat) * list nat :=
  match l with
  | a :: b :: l' =>
      if n =? 0 then ([], l) else let '(ps, r) := take_pairs (n - 1) l' in ((a, b) :: ps, r)
  | _ => ([], l)
  end.

(** [decodeSaved] (on the well-formed strings the lexer writes). *)
Fixpoint decode_saved_fuel (fuel : nat) (l : list nat) : list sframe :=
  match fuel, l with
  | S f, k :: lv :: n :: r =>
      let '(ps, rest) := take_pairs n r in
      {| sf_kind := k; sf_level := lv; sf_pairs := ps |} :: decode_saved_fuel f rest
  | _, _ => []
  end.

Definition decode_saved (l : list nat) : list sframe := decode_saved_fuel (length l) l.

(** [encodeSaved]. *)
Definition encode_saved (fs : list sframe) : list nat :=
  flat_map (fun f => sf_kind f :: sf_level f :: length (sf_pairs f)
                       :: flat_map (fun '(a, b) => [a; b]) (sf_pairs f)) fs.

Definition has_char (ps : list (nat * nat)) (c : nat) : bool :=
  existsb (fun '(a, _) => a =? c) ps.

(** [addPair]. *)
Definition add_pair (f : sframe) (c old : nat) : sframe :=
  if has_char (sf_pairs f) c then f
  else {| sf_kind := sf_kind f; sf_level := sf_level f; sf_pairs := sf_pairs f ++ [(c, old)] |}.

(** The index of the first frame of [kind] among the first [lim] of [l]. *)
Fixpoint find_kind (kind lim i : nat) (l : list sframe) : option nat :=
  match l with
  | [] => None
  | f :: l' =>
      if lim =? 0 then None
      else if sf_kind f =? kind then Some i else find_kind kind (lim - 1) (S i) l'
  end.

Fixpoint modify_nth (i : nat) (g : sframe -> sframe) (l : list sframe) : list sframe :=
  match l with
  | [] => []
  | f :: l' => if i =? 0 then g f :: l' else f :: modify_nth (i - 1) g l'
  end.

Fixpoint remove_nth {A : Type} (i : nat) (l : list A) : list A :=
  match l with
  | [] => []
  | x :: l' => if i =? 0 then l' else x :: remove_nth (i - 1) l'
  end.

(** How many frames at the end have a level of at least [level]. *)
Definition trailing_at_least (level : nat) (fs : list sframe) : nat :=
  (fix go (l : list sframe) : nat :=
     match l with
     | f :: l' => if level <=? sf_level f then S (go l') else 0
     | [] => 0
     end) (rev fs).

(** [saveChange]: records a change's old catcode in the innermost [\begingroup] frame of
    the current level, else its brace frame, else a new brace frame; [None] when nothing
    records it (at level 0, or with [MAX_SAVED_FRAMES] frames). *)
Definition save_change (fs : list sframe) (depth c old : nat) : option (list sframe) :=
  let rf := rev fs in
  let lim := trailing_at_least depth fs in
  let target := match find_kind FRAME_SEMI lim 0 rf with
                | Some i => Some i
                | None => find_kind FRAME_BRACE lim 0 rf
                end in
  match target with
  | Some i => Some (rev (modify_nth i (fun f => add_pair f c old) rf))
  | None =>
      if (0 <? depth) && (length fs <? MAX_SAVED_FRAMES)
      then Some (fs ++ [{| sf_kind := FRAME_BRACE; sf_level := depth; sf_pairs := [(c, old)] |}])
      else None
  end.

(** [popFrom]: the frames kept, and the pairs to restore (innermost frame first; [\ExplSyntaxOn]
    frames restore nothing). *)
Definition pop_from (fs : list sframe) (from : nat) : list sframe * list (nat * nat) :=
  (firstn from fs,
   flat_map (fun f => if sf_kind f =? FRAME_EXPL then [] else sf_pairs f) (rev (skipn from fs))).

(** [firstAtLevel]. *)
Definition first_at_level (fs : list sframe) (level : nat) : nat :=
  length fs - trailing_at_least level fs.

(** [topOfKind]: the index of the last frame of [kind]. *)
Definition top_of_kind (fs : list sframe) (kind : nat) : option nat :=
  match find_kind kind (length fs) 0 (rev fs) with
  | Some i => Some (length fs - 1 - i)
  | None => None
  end.

(** [topLevel]: the level of the last frame, [None] for [""]. *)
Definition top_level (fs : list sframe) : option nat :=
  match rev fs with
  | f :: _ => Some (sf_level f)
  | [] => None
  end.

End GroupCatcodes.

(** ** [lexer/_definitions.ts]: a pending definition's body groups, packed in [s_bodyPend]

    Bit 0: a name comes first; bits 1-2: groups to skip; bits 3-4: body groups.  The fields
    are read with comparisons only (the value is at most 31). *)
Section Definitions.

Definition DEF := 8.
Definition NEWCOMMAND := 9.
Definition DOCUMENT_COMMAND := 11.
Definition ENVIRONMENT := 18.
Definition DOCUMENT_ENVIRONMENT := 20.

Definition DEFINITIONS : list (ustring * nat) :=
  map (fun '(n, v) => (u n, v))
    [("def", DEF); ("gdef", DEF); ("edef", DEF); ("xdef", DEF);
     ("newcommand", NEWCOMMAND); ("renewcommand", NEWCOMMAND);
     ("providecommand", NEWCOMMAND); ("DeclareRobustCommand", NEWCOMMAND);
     ("NewDocumentCommand", DOCUMENT_COMMAND); ("RenewDocumentCommand", DOCUMENT_COMMAND);
     ("ProvideDocumentCommand", DOCUMENT_COMMAND); ("DeclareDocumentCommand", DOCUMENT_COMMAND);
     ("NewExpandableDocumentCommand", DOCUMENT_COMMAND);
     ("RenewExpandableDocumentCommand", DOCUMENT_COMMAND);
     ("ProvideExpandableDocumentCommand", DOCUMENT_COMMAND);
     ("DeclareExpandableDocumentCommand", DOCUMENT_COMMAND);
     ("newenvironment", ENVIRONMENT); ("renewenvironment", ENVIRONMENT);
     ("NewDocumentEnvironment", DOCUMENT_ENVIRONMENT);
     ("RenewDocumentEnvironment", DOCUMENT_ENVIRONMENT);
     ("ProvideDocumentEnvironment", DOCUMENT_ENVIRONMENT);
     ("DeclareDocumentEnvironment", DOCUMENT_ENVIRONMENT)]%name.

Fixpoint assoc {A : Type} (name : ustring) (l : list (ustring * A)) : option A :=
  match l with
  | [] => None
  | (n, v) :: l' => if ueqb name n then Some v else assoc name l'
  end.

(** Bits 3-4 and 1-2 of a packed value. *)
Definition pend_bodies (p : nat) : nat :=
  if 24 <=? p then 3 else if 16 <=? p then 2 else if 8 <=? p then 1 else 0.

Definition pend_low (p : nat) : nat := p - 8 * pend_bodies p.

Definition pend_skip (p : nat) : nat :=
  let r := pend_low p in if 6 <=? r then 3 else if 4 <=? r then 2 else if 2 <=? r then 1 else 0.

(** [wantsName]. *)
Definition wants_name (p : nat) : bool := pend_low p - 2 * pend_skip p =? 1.

(** [afterName]. *)
Definition after_name (p : nat) : nat := if wants_name p then p - 1 else p.

(** [isBody]. *)
Definition is_body (p : nat) : bool := pend_low p =? 0.

(** [afterGroup]. *)
Definition after_group (p : nat) : nat :=
  if wants_name p then p - 1 else if negb (pend_skip p =? 0) then p - 2 else p - 8.

End Definitions.

(** ** [lexer/_verbatim_options.ts] *)
Section VerbatimOptions.

(** [continuedOptionsEnd]: the offset of the [\]] closing options that began on an earlier
    line, braces protecting (an unmatched [}] counts for nothing). *)
Fixpoint cont_loop (depth i : nat) (l : list nat) : option nat :=
  match l with
  | [] => None
  | c :: l' =>
      if c =? 123 then cont_loop (S depth) (S i) l'
      else if c =? 125 then cont_loop (depth - 1) (S i) l'
      else if (c =? 93) && (depth =? 0) then Some i
      else cont_loop depth (S i) l'
  end.

Definition continued_options_end (t : list nat) : option nat := cont_loop 0 0 t.

End VerbatimOptions.

(** ** [lexer/_doctex.ts] *)
Section DocTeX.

Inductive doc_line := DocCode | DocDoc | DocGuard | DocMacrocodeEnd.

(** [docLine]: a guard line starts [%<]; in code, [%] and blanks before [\end{macrocode}]
    end the code; elsewhere a [%] starts a documentation line. *)
Definition doc_line_of (t : list nat) (macrocode : bool) : doc_line :=
  match t with
  | 37 :: r =>
      if is_unit 0 r 60 then DocGuard
      else if negb macrocode then DocDoc
      else
        let r' := skipn (span (fun c => (c =? 32) || (c =? 9)) r) r in
        if prefixb (u "\end{macrocode}") r' || prefixb (u "\end{macrocode*}") r'
        then DocMacrocodeEnd else DocCode
  | _ => DocCode
  end.

End DocTeX.
