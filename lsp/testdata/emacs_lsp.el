;;; emacs_lsp.el --- drive lsp-mode against the LaTeX Perfectionist server -*- lexical-binding: t -*-
;;
;; Loaded into `emacs --daemon' by lsp/emacs_test.ts, which then calls the lp-* functions
;; below through emacsclient --eval.  Between calls the daemon is idle, so lsp-mode's own idle
;; timers send the semantic token requests (full, then full/delta) as they would in a session.
;; The project root comes in the environment variable LP_ROOT.

;; No native compilation of lsp-mode in the background: the test must not wait for it.
(setq native-comp-deferred-compilation nil
      native-comp-jit-compilation nil)
(require 'package)
;; Debian's elpa-* packages live here; -Q skips the site start file that would add it.
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'json)
(require 'lsp-mode)
(require 'lsp-semantic-tokens)

(setq lsp-semantic-tokens-enable t
      lsp-semantic-tokens-allow-delta-requests t
      lsp-semantic-tokens-apply-modifiers t
      lsp-idle-delay 0.05
      lsp-enable-file-watchers nil
      lsp-enable-folding nil
      lsp-enable-links nil
      lsp-enable-symbol-highlighting nil
      lsp-headerline-breadcrumb-enable nil
      lsp-modeline-code-actions-enable nil
      lsp-modeline-diagnostics-enable nil
      lsp-lens-enable nil
      lsp-diagnostics-provider :none
      lsp-keep-workspace-alive nil
      lsp-restart 'ignore
      lsp-session-file (expand-file-name "lsp-session" temporary-file-directory)
      lsp-log-io nil)

;; A mode without keywords or syntactic fontification: every face comes from semantic tokens.
(define-derived-mode lp-tex-mode fundamental-mode "LP-TeX"
  (setq-local font-lock-defaults '(nil t)))

(add-to-list 'lsp-language-id-configuration '(lp-tex-mode . "latex"))

(lsp-register-client
 (make-lsp-client
  :new-connection (lsp-stdio-connection
                   (list "deno" "task" "--quiet" "--config"
                         (expand-file-name "deno.json" (getenv "LP_ROOT")) "lsp"))
  :activation-fn (lsp-activate-on "latex")
  :server-id 'latex-perfectionist))

(defvar lp-buffer nil "The buffer under test.")

(defun lp-open (file)
  "Visit FILE, connect it to the server and enable semantic tokens."
  (lsp-workspace-folders-add (file-name-directory file))
  (setq lp-buffer (find-file-noselect file))
  (with-current-buffer lp-buffer
    (lp-tex-mode)
    (font-lock-mode 1)
    (lsp))
  t)

(defun lp-state ()
  "The connection's state and whether the tokens are those of the current text."
  (with-current-buffer lp-buffer
    (let* ((ws (car (lsp-workspaces)))
           (response (plist-get lsp--semantic-tokens-cache :response)))
      (list :status (and ws (lsp--workspace-status ws))
            :version lsp--cur-version
            :tokens-version (plist-get lsp--semantic-tokens-cache :_documentVersion)
            :fresh (and response
                        (not (lsp-get response :_ranged))
                        (lsp-get response :resultId)
                        (eql lsp--cur-version
                             (plist-get lsp--semantic-tokens-cache :_documentVersion))
                        t)))))

(defun lp-type (position text)
  "Type TEXT at 1-based POSITION one character at a time, as keystrokes do."
  (with-current-buffer lp-buffer
    (goto-char position)
    (dolist (c (string-to-list text)) (insert c)))
  (lp-idle))

(defun lp-insert (position text)
  "Insert TEXT at POSITION at once, as a paste does."
  (with-current-buffer lp-buffer
    (goto-char position)
    (insert text))
  (lp-idle))

(defun lp-delete (from to)
  "Delete the text between FROM and TO."
  (with-current-buffer lp-buffer (delete-region from to))
  (lp-idle))

(defun lp-idle ()
  "Run what lsp-mode's on-change idle timer runs, in the buffer.
In a daemon that only serves emacsclient the timer fires outside the buffer (and lsp-mode's
debounce then does nothing), so the test calls the same function, `lsp--on-change-debounce',
itself; it runs `lsp-on-change-hook', whose semantic tokens handler sends full/delta."
  (with-current-buffer lp-buffer
    (when lsp--on-change-timer (cancel-timer lsp--on-change-timer))
    (lsp--on-change-debounce lp-buffer))
  t)

(defun lp-wait (seconds)
  "Read the server's output for up to SECONDS, then report `lp-state'."
  (accept-process-output nil seconds)
  (lp-state))

(defun lp-faces-of (face)
  "The face names in a face property value."
  (cond ((null face) nil)
        ((symbolp face) (list (symbol-name face)))
        ((consp face) (apply #'append (mapcar #'lp-faces-of face)))
        (t nil)))

(defun lp-dump (file)
  "Fontify the buffer and write its text, each character's faces and the face maps to FILE."
  (with-current-buffer lp-buffer
    (font-lock-ensure)
    (let ((faces '())
          (text (buffer-substring-no-properties (point-min) (point-max))))
      (dotimes (i (- (point-max) (point-min)))
        (push (vconcat (sort (lp-faces-of (get-text-property (+ (point-min) i) 'face))
                             #'string<))
              faces))
      (with-temp-file file
        (insert (json-encode
                 (list (cons 'text text)
                       (cons 'faces (vconcat (nreverse faces)))
                       (cons 'typeFaces
                             (mapcar (lambda (c) (cons (car c) (symbol-name (cdr c))))
                                     lsp-semantic-token-faces))
                       (cons 'modifierFaces
                             (mapcar (lambda (c) (cons (car c) (symbol-name (cdr c))))
                                     lsp-semantic-token-modifier-faces))))))))
  t)

(defun lp-quit ()
  "Disconnect and stop the daemon."
  (when (buffer-live-p lp-buffer)
    (with-current-buffer lp-buffer
      (set-buffer-modified-p nil)
      (ignore-errors (lsp-workspace-shutdown (car (lsp-workspaces))))))
  (run-at-time 0.2 nil #'kill-emacs 0)
  t)

;;; emacs_lsp.el ends here
