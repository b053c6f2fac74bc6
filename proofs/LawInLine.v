(** * Inside a line: every state between two steps has its saved frames ordered

    [LawOrder.batch_reset_keeps_depth0] is about the states at line starts.  A reset can also
    come in the middle of a line ([\section], [\begin{document}], DocTeX's [macrocode]); it is
    run on the working state of the step that reads it.  Here: from a start state with its
    frames ordered, every working state between two steps of the line's scan
    ([ScanTrace.in_line]) has them ordered too ([in_line_ordered]): the line start, the
    pending catcode assignment before a step and every step keep the order ([LawOrder]'s
    lemmas).  So at every such state of batch lexing, under any options, for any document
    and line, a reset keeps exactly the level-0 frames ([in_line_reset_keeps_depth0]).  Inside
    a step, the reset is applied after operations that keep the order too (the step's
    [definition_name], [set_pt] and [emit], [LawOrder.o_definition_name] ...), as the proof of
    [LawOrder.o_step] goes through them. *)

From Coq Require Import List PeanoNat.
From LaTeXPerfectionist Require Import Codec LexBase LexArgs Lexer LawFacts Incremental ScanTrace
  LawOrder.
Import ListNotations.

(** Every working state between two steps of a line lexed from an ordered state is ordered. *)
Theorem in_line_ordered : forall o s line w,
  frames_ordered s -> in_line o s line w -> frames_ordered (w_s w).
Proof.
  intros o s line w Hs (w1 & pos & pos' & rest' & E & B). apply oinv_s.
  refine (between_inv _ oinv o (length line) _ _ _ _ _ _ _ B (o_line_start _ _ _ _ _ Hs E)).
  intros p x xs v v1 k Hv S _. exact (o_step _ _ _ _ _ _ _ S (o_before_step _ _ Hv)).
Qed.

(** The user-facing law: under any options, for any document, at every working state between
    two steps of any line of batch lexing, the saved frames are ordered by level (none above
    the depth), and a reset there ([close_saved 1], as [\section] or [\begin{document}] in the
    middle of a line runs it) keeps exactly the saved frames of level 0, in order. *)
Theorem in_line_reset_keeps_depth0 : forall (o : options) (d : list ustring) i w,
  batch_in_line o (initial_state o) d i w ->
  frames_ordered (w_s w)
  /\ decode_saved (s_saved (close_saved 1 (w_s w)))
     = filter (fun f => sf_level f =? 0) (decode_saved (s_saved (w_s w))).
Proof.
  intros o d i w [_ H].
  pose proof (proj1 (batch_frames_ordered o d) i) as Hs.
  pose proof (in_line_ordered _ _ _ _ Hs H) as Hw.
  split; [exact Hw | apply close_saved_level0, Hw].
Qed.
