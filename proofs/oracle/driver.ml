(* The driver of the extracted lexer (proofs/README.md, "Extraction and the oracle").

   Document mode:  driver [--at-letter] [--expl] [--doctex] [--verbatim-env NAME]...
                          [--math-env NAME]... [FILE...]
     reads each FILE (or stdin) as UTF-8, converts it to UTF-16 code units, splits it into
     lines at \n, \r\n and \r (as lexer/lines.ts does), chains lex_line from initial_state and
     prints one JSON line per line: {"line":N,"state":[...],"tokens":[[kind,length,math],...]},
     where state is Codec.encode of the line's start state; then {"final":[...]}.

   Batch mode:  driver --batch
     reads one JSON request per stdin line and answers each with one JSON line:
       {"options":O,"text":"..."}  -> {"states":[[...],...],"tokens":[[k,l,m,k,l,m,...],...],
                                       "final":[...]}   (the whole text, as in document mode)
       {"options":O,"state":[...],"line":"..."}
                                   -> {"tokens":[k,l,m,...],"end":[...]}   (one line from the
                                       state Codec.decode gives; {"error":...} if it gives none)
       {"options":O,"items":[{"state":[...],"line":"..."},...]}
                                   -> {"results":[R,...]}, each R the answer to one item
     Every answer ends with "cpu_s": the processor seconds it took (reading, lexing, printing).
     where O is {"at_letter":b,"expl_syntax":b,"doctex":b,"verbatim_envs":[..],"math_envs":[..]}
     (every field optional).  JSON strings are read as UTF-16 code units: a \uXXXX escape is
     one code unit, so lone surrogates arrive as they are.

   Everything the lexer computes comes from the extracted module; this file only converts
   text, splits lines and prints. *)

module L = Lexer_extracted

(* ---- UTF-8 to UTF-16 code units, as the WHATWG decoder (TextDecoder) does it ---- *)

(* Appends the code units of [s] to [out] (reversed); invalid sequences become U+FFFD with
   the WHATWG rules (a maximal subpart is one replacement); a leading BOM is dropped, as
   TextDecoder and Deno.readTextFile drop it. *)
let utf16_of_utf8 (s : string) : int array =
  let out = ref [] in
  let emit cp =
    if cp >= 0x10000 then begin
      let v = cp - 0x10000 in
      out := (0xDC00 lor (v land 0x3FF)) :: (0xD800 lor (v lsr 10)) :: !out
    end else out := cp :: !out
  in
  let n = String.length s in
  let need = ref 0 and seen = ref 0 and cp = ref 0 in
  let lower = ref 0x80 and upper = ref 0xBF in
  let i = ref (if n >= 3 && String.sub s 0 3 = "\xEF\xBB\xBF" then 3 else 0) in
  while !i < n do
    let b = Char.code s.[!i] in
    if !need = 0 then begin
      if b <= 0x7F then emit b
      else if b >= 0xC2 && b <= 0xDF then (need := 1; cp := b land 0x1F)
      else if b >= 0xE0 && b <= 0xEF then begin
        if b = 0xE0 then lower := 0xA0;
        if b = 0xED then upper := 0x9F;
        need := 2; cp := b land 0xF
      end else if b >= 0xF0 && b <= 0xF4 then begin
        if b = 0xF0 then lower := 0x90;
        if b = 0xF4 then upper := 0x8F;
        need := 3; cp := b land 0x7
      end else emit 0xFFFD;
      incr i
    end else if b < !lower || b > !upper then begin
      (* The byte is not consumed: it starts over after the replacement. *)
      need := 0; seen := 0; cp := 0; lower := 0x80; upper := 0xBF;
      emit 0xFFFD
    end else begin
      lower := 0x80; upper := 0xBF;
      cp := (!cp lsl 6) lor (b land 0x3F);
      incr seen;
      if !seen = !need then (emit !cp; need := 0; seen := 0; cp := 0);
      incr i
    end
  done;
  if !need <> 0 then emit 0xFFFD;
  Array.of_list (List.rev !out)

(* ---- Lines, as splitLines in lexer/lines.ts ---- *)

let sub_list (a : int array) (from : int) (upto : int) : int list =
  let rec go k acc = if k < from then acc else go (k - 1) (a.(k) :: acc) in
  go (upto - 1) []

let split_lines (a : int array) : int list list =
  let n = Array.length a in
  let rec go start k acc =
    if k >= n then List.rev (sub_list a start n :: acc)
    else if a.(k) = 0x0A then go (k + 1) (k + 1) (sub_list a start k :: acc)
    else if a.(k) = 0x0D then begin
      let next = if k + 1 < n && a.(k + 1) = 0x0A then k + 2 else k + 1 in
      go next next (sub_list a start k :: acc)
    end else go start (k + 1) acc
  in
  go 0 0 []

(* ---- Output ---- *)

let add_ints (b : Buffer.t) (l : int list) : unit =
  Buffer.add_char b '[';
  List.iteri (fun i x -> if i > 0 then Buffer.add_char b ','; Buffer.add_string b (string_of_int x)) l;
  Buffer.add_char b ']'

let flat_tokens (ts : L.token list) : int list =
  List.concat_map (fun (t : L.token) -> [t.L.t_kind; t.L.t_length; (if t.L.t_math then 1 else 0)]) ts

let add_token_triples (b : Buffer.t) (ts : L.token list) : unit =
  Buffer.add_char b '[';
  List.iteri (fun i (t : L.token) ->
      if i > 0 then Buffer.add_char b ',';
      add_ints b [t.L.t_kind; t.L.t_length; (if t.L.t_math then 1 else 0)]) ts;
  Buffer.add_char b ']'

(* Lexes every line from the initial state: the start states, the tokens, the final state. *)
let lex_text (o : L.options) (lines : int list list) : (L.state * L.token list) list * L.state =
  let rec go s lines acc =
    match lines with
    | [] -> (List.rev acc, s)
    | line :: rest ->
      let (ts, s') = L.lex_line o s line in
      go s' rest ((s, ts) :: acc)
  in
  go (L.initial_state o) lines []

(* ---- A small JSON reader (requests only: objects, arrays, strings, numbers, literals) ---- *)

type json =
  | Null
  | Bool of bool
  | Num of int
  | Str of int list  (* UTF-16 code units *)
  | Arr of json list
  | Obj of (string * json) list

exception Bad_json of string

let parse_json (s : string) : json =
  let n = String.length s in
  let pos = ref 0 in
  let peek () = if !pos < n then s.[!pos] else '\000' in
  let fail what = raise (Bad_json (Printf.sprintf "%s at byte %d" what !pos)) in
  let rec ws () = if !pos < n && (match s.[!pos] with ' ' | '\t' | '\n' | '\r' -> true | _ -> false) then (incr pos; ws ()) in
  let expect c = if peek () = c then incr pos else fail (Printf.sprintf "expected '%c'" c) in
  let hex4 () =
    if !pos + 4 > n then fail "short \\u escape";
    let v = int_of_string_opt ("0x" ^ String.sub s !pos 4) in
    pos := !pos + 4;
    match v with Some v -> v | None -> fail "bad \\u escape"
  in
  let string_units () =
    expect '"';
    let units = ref [] in
    let raw = Buffer.create 16 in
    let flush () =
      if Buffer.length raw > 0 then begin
        Array.iter (fun u -> units := u :: !units) (utf16_of_utf8 (Buffer.contents raw));
        Buffer.clear raw
      end
    in
    let rec loop () =
      if !pos >= n then fail "unterminated string";
      let c = s.[!pos] in
      incr pos;
      if c = '"' then ()
      else if c = '\\' then begin
        flush ();
        let e = peek () in
        incr pos;
        (match e with
         | '"' -> units := 0x22 :: !units | '\\' -> units := 0x5C :: !units
         | '/' -> units := 0x2F :: !units | 'b' -> units := 0x08 :: !units
         | 'f' -> units := 0x0C :: !units | 'n' -> units := 0x0A :: !units
         | 'r' -> units := 0x0D :: !units | 't' -> units := 0x09 :: !units
         | 'u' -> units := hex4 () :: !units
         | _ -> fail "bad escape");
        loop ()
      end else (Buffer.add_char raw c; loop ())
    in
    loop ();
    flush ();
    List.rev !units
  in
  let rec value () =
    ws ();
    match peek () with
    | '{' ->
      incr pos; ws ();
      if peek () = '}' then (incr pos; Obj [])
      else begin
        let rec fields acc =
          ws ();
          let key = String.concat "" (List.map (fun u -> String.make 1 (Char.chr (u land 0xFF))) (string_units ())) in
          ws (); expect ':';
          let v = value () in
          ws ();
          if peek () = ',' then (incr pos; fields ((key, v) :: acc))
          else (expect '}'; Obj (List.rev ((key, v) :: acc)))
        in
        fields []
      end
    | '[' ->
      incr pos; ws ();
      if peek () = ']' then (incr pos; Arr [])
      else begin
        let rec items acc =
          let v = value () in
          ws ();
          if peek () = ',' then (incr pos; items (v :: acc))
          else (expect ']'; Arr (List.rev (v :: acc)))
        in
        items []
      end
    | '"' -> Str (string_units ())
    | 't' -> if !pos + 4 <= n && String.sub s !pos 4 = "true" then (pos := !pos + 4; Bool true) else fail "bad literal"
    | 'f' -> if !pos + 5 <= n && String.sub s !pos 5 = "false" then (pos := !pos + 5; Bool false) else fail "bad literal"
    | 'n' -> if !pos + 4 <= n && String.sub s !pos 4 = "null" then (pos := !pos + 4; Null) else fail "bad literal"
    | '-' | '0' .. '9' ->
      let start = !pos in
      incr pos;
      while !pos < n && (match s.[!pos] with '0' .. '9' -> true | _ -> false) do incr pos done;
      (match int_of_string_opt (String.sub s start (!pos - start)) with
       | Some v -> Num v
       | None -> fail "bad number")
    | _ -> fail "unexpected character"
  in
  let v = value () in
  ws ();
  if !pos <> n then fail "trailing characters";
  v

let field (o : (string * json) list) (k : string) : json =
  match List.assoc_opt k o with Some v -> v | None -> Null

let to_bool what = function Bool b -> b | Null -> false | _ -> raise (Bad_json (what ^ ": expected a boolean"))

let to_names what = function
  | Null -> []
  | Arr l -> List.map (function Str u -> u | _ -> raise (Bad_json (what ^ ": expected strings"))) l
  | _ -> raise (Bad_json (what ^ ": expected an array"))

(* A natural number; negative numbers are refused (a Coq nat cannot be one). *)
let to_nats what = function
  | Arr l -> List.map (function Num v when v >= 0 -> v | _ -> raise (Bad_json (what ^ ": expected natural numbers"))) l
  | _ -> raise (Bad_json (what ^ ": expected an array"))

let options_of_json (j : json) : L.options =
  let o = match j with Obj o -> o | Null -> [] | _ -> raise (Bad_json "options: expected an object") in
  { L.o_atLetter = to_bool "at_letter" (field o "at_letter");
    L.o_explSyntax = to_bool "expl_syntax" (field o "expl_syntax");
    L.o_docTeX = to_bool "doctex" (field o "doctex");
    L.o_verbatimEnvs = to_names "verbatim_envs" (field o "verbatim_envs");
    L.o_mathEnvs = to_names "math_envs" (field o "math_envs") }

let answer_line (b : Buffer.t) (o : L.options) (state : json) (line : int list) : unit =
  match L.decode (to_nats "state" state) with
  | None -> Buffer.add_string b "{\"error\":\"the state does not decode\"}"
  | Some s ->
    let (ts, s') = L.lex_line o s line in
    Buffer.add_string b "{\"tokens\":";
    add_ints b (flat_tokens ts);
    Buffer.add_string b ",\"end\":";
    add_ints b (L.encode s');
    Buffer.add_char b '}'

let answer (b : Buffer.t) (request : string) : unit =
  match parse_json request with
  | Obj r when field r "items" <> Null ->
    let o = options_of_json (field r "options") in
    let items = match field r "items" with Arr l -> l | _ -> raise (Bad_json "items: expected an array") in
    Buffer.add_string b "{\"results\":[";
    List.iteri (fun i item ->
        if i > 0 then Buffer.add_char b ',';
        match item with
        | Obj it ->
          (match field it "line" with
           | Str line -> answer_line b o (field it "state") line
           | _ -> raise (Bad_json "items: each needs a \"line\" string"))
        | _ -> raise (Bad_json "items: expected objects")) items;
    Buffer.add_string b "]}"
  | Obj r ->
    let o = options_of_json (field r "options") in
    (match field r "text", field r "line" with
     | Str text, Null ->
       let (lines, final) = lex_text o (split_lines (Array.of_list text)) in
       Buffer.add_string b "{\"states\":[";
       List.iteri (fun i (s, _) -> if i > 0 then Buffer.add_char b ','; add_ints b (L.encode s)) lines;
       Buffer.add_string b "],\"tokens\":[";
       List.iteri (fun i (_, ts) -> if i > 0 then Buffer.add_char b ','; add_ints b (flat_tokens ts)) lines;
       Buffer.add_string b "],\"final\":";
       add_ints b (L.encode final);
       Buffer.add_char b '}'
     | Null, Str line -> answer_line b o (field r "state") line
     | _ -> raise (Bad_json "expected a \"text\" or a \"state\" and a \"line\""))
  | _ -> raise (Bad_json "expected an object")

let batch () =
  let b = Buffer.create 65536 in
  (try
     while true do
       let request = input_line stdin in
       Buffer.clear b;
       let t0 = Sys.time () in
       (try answer b request with
        | Bad_json m ->
          Buffer.clear b;
          Buffer.add_string b "{\"error\":\"bad request: ";
          String.iter (fun c -> if c = '"' || c = '\\' then Buffer.add_char b '\\'; Buffer.add_char b c) m;
          Buffer.add_string b "\"}");
       (* The processor time of this answer, as a last field: the oracle's speed figure. *)
       if Buffer.length b > 0 && Buffer.nth b (Buffer.length b - 1) = '}' then begin
         Buffer.truncate b (Buffer.length b - 1);
         Buffer.add_string b (Printf.sprintf ",\"cpu_s\":%.6f}" (Sys.time () -. t0))
       end;
       Buffer.add_char b '\n';
       Buffer.output_buffer stdout b;
       flush stdout
     done
   with End_of_file -> ())

(* ---- Document mode ---- *)

let read_all (ic : in_channel) : string =
  let b = Buffer.create 65536 in
  let chunk = Bytes.create 65536 in
  let rec go () =
    let k = input ic chunk 0 65536 in
    if k > 0 then (Buffer.add_subbytes b chunk 0 k; go ())
  in
  go ();
  Buffer.contents b

let print_document (o : L.options) (name : string option) (text : string) : unit =
  let b = Buffer.create 65536 in
  (match name with
   | Some f ->
     Buffer.add_string b "{\"file\":\"";
     String.iter (fun c -> if c = '"' || c = '\\' then Buffer.add_char b '\\'; Buffer.add_char b c) f;
     Buffer.add_string b "\"}\n"
   | None -> ());
  let (lines, final) = lex_text o (split_lines (utf16_of_utf8 text)) in
  List.iteri (fun i (s, ts) ->
      Buffer.add_string b (Printf.sprintf "{\"line\":%d,\"state\":" i);
      add_ints b (L.encode s);
      Buffer.add_string b ",\"tokens\":";
      add_token_triples b ts;
      Buffer.add_string b "}\n";
      if Buffer.length b > 1 lsl 20 then (Buffer.output_buffer stdout b; Buffer.clear b)) lines;
  Buffer.add_string b "{\"final\":";
  add_ints b (L.encode final);
  Buffer.add_string b "}\n";
  Buffer.output_buffer stdout b

let usage = "Usage: driver [--at-letter] [--expl] [--doctex] [--verbatim-env NAME]... \
             [--math-env NAME]... [FILE...]\n       driver --batch"

let () =
  let at_letter = ref false and expl = ref false and doctex = ref false in
  let verbatim = ref [] and math = ref [] and files = ref [] and batch_mode = ref false in
  let units name = Array.to_list (utf16_of_utf8 name) in
  let rec args = function
    | [] -> ()
    | "--at-letter" :: rest -> at_letter := true; args rest
    | "--expl" :: rest -> expl := true; args rest
    | "--doctex" :: rest -> doctex := true; args rest
    | "--batch" :: rest -> batch_mode := true; args rest
    | "--verbatim-env" :: name :: rest -> verbatim := units name :: !verbatim; args rest
    | "--math-env" :: name :: rest -> math := units name :: !math; args rest
    | ("-h" | "--help") :: _ -> print_endline usage; exit 0
    | a :: _ when String.length a > 1 && a.[0] = '-' ->
      prerr_endline ("driver: error: unknown option or missing value: " ^ a); exit 2
    | f :: rest -> files := f :: !files; args rest
  in
  args (List.tl (Array.to_list Sys.argv));
  if !batch_mode then batch ()
  else begin
    let o = { L.o_atLetter = !at_letter; L.o_explSyntax = !expl; L.o_docTeX = !doctex;
              L.o_verbatimEnvs = List.rev !verbatim; L.o_mathEnvs = List.rev !math } in
    match List.rev !files with
    | [] -> print_document o None (read_all stdin)
    | fs ->
      List.iter (fun f ->
          let ic = try open_in_bin f with Sys_error m -> prerr_endline ("driver: error: " ^ m); exit 2 in
          let text = read_all ic in
          close_in ic;
          print_document o (if List.length fs > 1 then Some f else None) text) fs
  end
