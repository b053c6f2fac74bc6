(* Run by `deno task verify` after the build; not part of _CoqProject.  Each key theorem must
   print "Closed under the global context": it depends on no axiom, admitted lemma or
   parameter.  (The section variables of Incremental.v, the line lexer and its state type,
   are universally quantified hypotheses of its theorems once the section is closed.)  The
   idtac line before each command marks whose output follows. *)
From LaTeXPerfectionist Require Codec Incremental.

Goal True. idtac "@@theorem LaTeXPerfectionist.Incremental.incremental_correctness". Abort.
Print Assumptions LaTeXPerfectionist.Incremental.incremental_correctness.

Goal True. idtac "@@theorem LaTeXPerfectionist.Incremental.checkpoint_equivalence". Abort.
Print Assumptions LaTeXPerfectionist.Incremental.checkpoint_equivalence.

Goal True. idtac "@@theorem LaTeXPerfectionist.Codec.codec_roundtrip". Abort.
Print Assumptions LaTeXPerfectionist.Codec.codec_roundtrip.

From LaTeXPerfectionist Require LawIncremental LawLossless LawDamage LawBody.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawIncremental.real_incremental_correctness". Abort.
Print Assumptions LaTeXPerfectionist.LawIncremental.real_incremental_correctness.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawIncremental.real_checkpoint_equivalence". Abort.
Print Assumptions LaTeXPerfectionist.LawIncremental.real_checkpoint_equivalence.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawLossless.lossless". Abort.
Print Assumptions LaTeXPerfectionist.LawLossless.lossless.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawIncremental.initial_state_wf". Abort.
Print Assumptions LaTeXPerfectionist.LawIncremental.initial_state_wf.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawDamage.paragraph_reset_closes". Abort.
Print Assumptions LaTeXPerfectionist.LawDamage.paragraph_reset_closes.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawDamage.paragraph_reset_keeps". Abort.
Print Assumptions LaTeXPerfectionist.LawDamage.paragraph_reset_keeps.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawDamage.blank_line_resets". Abort.
Print Assumptions LaTeXPerfectionist.LawDamage.blank_line_resets.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawDamage.blank_line_closes". Abort.
Print Assumptions LaTeXPerfectionist.LawDamage.blank_line_closes.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawDamage.section_resets". Abort.
Print Assumptions LaTeXPerfectionist.LawDamage.section_resets.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawBody.body_catcodes_inert". Abort.
Print Assumptions LaTeXPerfectionist.LawBody.body_catcodes_inert.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawBody.body_short_verb_inert". Abort.
Print Assumptions LaTeXPerfectionist.LawBody.body_short_verb_inert.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawBody.close_group_restores". Abort.
Print Assumptions LaTeXPerfectionist.LawBody.close_group_restores.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawDamage.document_resets". Abort.
Print Assumptions LaTeXPerfectionist.LawDamage.document_resets.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawDamage.doc_blank_line_resets". Abort.
Print Assumptions LaTeXPerfectionist.LawDamage.doc_blank_line_resets.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawDamage.reset_converges". Abort.
Print Assumptions LaTeXPerfectionist.LawDamage.reset_converges.

From LaTeXPerfectionist Require LawWf.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawWf.reach_ok_wf". Abort.
Print Assumptions LaTeXPerfectionist.LawWf.reach_ok_wf.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawWf.initial_reach_ok". Abort.
Print Assumptions LaTeXPerfectionist.LawWf.initial_reach_ok.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawWf.lex_line_reach_ok". Abort.
Print Assumptions LaTeXPerfectionist.LawWf.lex_line_reach_ok.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawWf.batch_states_wf". Abort.
Print Assumptions LaTeXPerfectionist.LawWf.batch_states_wf.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawWf.batch_states_roundtrip". Abort.
Print Assumptions LaTeXPerfectionist.LawWf.batch_states_roundtrip.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawWf.close_saved_keeps_depth0". Abort.
Print Assumptions LaTeXPerfectionist.LawWf.close_saved_keeps_depth0.

From LaTeXPerfectionist Require LawBodyEscape.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawBodyEscape.body_group_restores". Abort.
Print Assumptions LaTeXPerfectionist.LawBodyEscape.body_group_restores.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawBodyEscape.body_line_restores". Abort.
Print Assumptions LaTeXPerfectionist.LawBodyEscape.body_line_restores.

From LaTeXPerfectionist Require LawOrder.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawOrder.initial_frames_ordered". Abort.
Print Assumptions LaTeXPerfectionist.LawOrder.initial_frames_ordered.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawOrder.lex_line_frames_ordered". Abort.
Print Assumptions LaTeXPerfectionist.LawOrder.lex_line_frames_ordered.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawOrder.batch_frames_ordered". Abort.
Print Assumptions LaTeXPerfectionist.LawOrder.batch_frames_ordered.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawOrder.close_saved_level0". Abort.
Print Assumptions LaTeXPerfectionist.LawOrder.close_saved_level0.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawOrder.batch_reset_keeps_depth0". Abort.
Print Assumptions LaTeXPerfectionist.LawOrder.batch_reset_keeps_depth0.

From LaTeXPerfectionist Require LawInLine.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawInLine.in_line_ordered". Abort.
Print Assumptions LaTeXPerfectionist.LawInLine.in_line_ordered.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawInLine.in_line_reset_keeps_depth0". Abort.
Print Assumptions LaTeXPerfectionist.LawInLine.in_line_reset_keeps_depth0.

From LaTeXPerfectionist Require LawReset.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawReset.reset_closes_groups". Abort.
Print Assumptions LaTeXPerfectionist.LawReset.reset_closes_groups.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawReset.batch_reset_closes_groups". Abort.
Print Assumptions LaTeXPerfectionist.LawReset.batch_reset_closes_groups.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawReset.in_line_reset_closes_groups". Abort.
Print Assumptions LaTeXPerfectionist.LawReset.in_line_reset_closes_groups.

From LaTeXPerfectionist Require LawBodyScan.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawBodyScan.body_scan". Abort.
Print Assumptions LaTeXPerfectionist.LawBodyScan.body_scan.

Goal True. idtac "@@theorem LaTeXPerfectionist.LawBodyScan.batch_body_scan". Abort.
Print Assumptions LaTeXPerfectionist.LawBodyScan.batch_body_scan.
