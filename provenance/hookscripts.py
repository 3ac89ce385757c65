"""The shell text of aiprov's git hooks (what ``provenance.hookinstall`` writes).

Each script runs the hook(s) it chains first, then aiprov, and never lets aiprov's own
failure block git: the user's hooks keep their say (their exit status is the script's), and
aiprov prints at most one warning line. Where a hook can finish without starting Python
(post-commit with a pending note, post-merge/post-checkout with no newly fetched notes) the
script does it in shell.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence

from provenance.git import NOTES_REF

HOOK_MARKER = "# aiprov-managed hook"
NOTES_MERGED = "notes-merged"  # $GIT_DIR/aiprov/<this>: the fetched notes already merged
TRACKING_PREFIX = "refs/notes/aiprov-remote/"  # + <remote>/aiprov, see provenance.notesync

# post-commit without starting Python: prepare-commit-msg left the note, complete but for
# the commit id, in $GIT_DIR/aiprov (provenance.hook.write_pending documents the files).
# When it was made for exactly this commit (same tree, same parent; a merge has two parents
# and never matches), write it with the commit id spliced in and start the store save
# detached (inline with AIPROV_HOOK_SYNC=1), then empty the files so that they are used once.
# The save goes through the hook client: in a fork of the warm hook server it skips the
# ~0.9 s of CPU that SQLAlchemy's imports and the review's rule packs cost a new process.
# Anything else returns 1 and the Python hook does the full work as before: no or stale
# pending note (re-attribute), an earlier background error to report, a failed note write.
POST_COMMIT_SH = f"""aiprov_fast_post_commit() {{
  aiprov_rev=$(git rev-parse --absolute-git-dir HEAD 'HEAD^{{tree}}' 'HEAD^@' 2>/dev/null) ||
    return 1
  aiprov_ifs=$IFS
  IFS='
'
  set -f
  set -- $aiprov_rev
  set +f
  IFS=$aiprov_ifs
  [ $# -eq 3 ] || [ $# -eq 4 ] || return 1
  aiprov_pd="$1/aiprov" aiprov_sha=$2 aiprov_want="$3 ${{4:--}}"
  [ -s "$aiprov_pd/pending.note" ] || return 1
  {{ read -r aiprov_have; IFS= read -r aiprov_repo; IFS= read -r aiprov_home
    IFS= read -r aiprov_head; }} <"$aiprov_pd/pending" 2>/dev/null || return 1
  [ "$aiprov_have" = "$aiprov_want" ] && [ -d "$aiprov_home" ] || return 1
  [ ! -e "$aiprov_home/hook-last-error" ] || return 1
  {{ printf '%s%s' "$aiprov_head" "$aiprov_sha"; cat "$aiprov_pd/pending.note"; }} |
    git notes --ref={NOTES_REF} add -f -F - "$aiprov_sha" 2>/dev/null || return 1
  : >"$aiprov_pd/pending"
  : >"$aiprov_pd/pending.note"
  if [ "$AIPROV_HOOK_SYNC" = 1 ]; then
    </dev/null "$aiprov_python" -m provenance.hookclient save "$aiprov_repo" "$aiprov_sha"
    return 0
  fi
  aiprov_detach=
  command -v setsid >/dev/null 2>&1 && aiprov_detach=setsid
  </dev/null >>"$aiprov_home/hook.log" 2>&1 \\
    $aiprov_detach "$aiprov_python" -m provenance.hookclient save "$aiprov_repo" "$aiprov_sha" &
  return 0
}}
"""



# post-merge / post-checkout without starting Python: the notes fetched from remotes
# (refs/notes/aiprov-remote/*, see provenance.notesync) are merged into refs/notes/aiprov
# only when they moved since the last merge, which $GIT_DIR/aiprov/notes-merged records.
NOTES_CHANGED_SH = f"""aiprov_notes_changed() {{
  aiprov_gd=$(git rev-parse --absolute-git-dir 2>/dev/null) || return 1
  aiprov_now=$(git for-each-ref --format='%(objectname)' '{TRACKING_PREFIX}' 2>/dev/null) ||
    return 1
  [ -n "$aiprov_now" ] || return 1
  [ "$aiprov_now" != "$(cat "$aiprov_gd/aiprov/{NOTES_MERGED}" 2>/dev/null)" ]
}}
"""


def hook_script(name: str, python: str, chain: Sequence[str], global_: bool) -> str:
    if name in ("post-rewrite", "pre-push"):  # git's list arrives on stdin: give it to all
        capture = 'aiprov_input=$(cat)\n'
        run_prev = 'printf "%s\\n" "$aiprov_input" | AIPROV_HOOK_OUTER=1 "$aiprov_prev" "$@"'
        run_ours = 'printf "%s\\n" "$aiprov_input" | "$aiprov_python" -m provenance.hook'
    else:
        capture = ""
        run_prev = 'AIPROV_HOOK_OUTER=1 "$aiprov_prev" "$@"'
        run_ours = '</dev/null "$aiprov_python" -m provenance.hook'
    functions = ""
    if name == "post-commit":
        functions = POST_COMMIT_SH
        run_ours = "aiprov_fast_post_commit || " + run_ours
    if name == "prepare-commit-msg":  # the warm hook server when one runs, see hookclient
        run_ours = '</dev/null "$aiprov_python" -m provenance.hookclient'
    if name == "pre-push":  # push the notes alongside (never blocks the push), notesync
        run_ours = 'printf "%s\\n" "$aiprov_input" | "$aiprov_python" -m provenance.notesync'
    if name in ("post-merge", "post-checkout"):  # merge fetched notes, notesync
        functions = NOTES_CHANGED_SH
        run_ours = ('! aiprov_notes_changed || '
                    '</dev/null "$aiprov_python" -m provenance.notesync')

    may_block = name == "pre-commit"
    on_fail = "aiprov_status=$?" if may_block else "true"
    if may_block:  # the review gate: blocks only when the repository's policy says so;
        # without a policy file no Python process is started at all. git runs hooks in the
        # top level of the work tree (githooks(5)), so the path is relative: no git call
        run_ours = ('[ ! -f .aiprov/policy.toml ] || '
                    '</dev/null "$aiprov_python" -m reviewer.gate')
    chain_sh = " ".join(chain)
    local = ""
    if global_:  # core.hooksPath hides the repository's own hooks: run them too
        local = (
            'aiprov_local="$(git rev-parse --git-common-dir 2>/dev/null)/hooks/' + name + '"\n'
            'case "$aiprov_local" in /*) ;; *) aiprov_local="$PWD/$aiprov_local" ;; esac\n'
        )
        chain_sh += ' "$aiprov_local"'
    kind = "global" if global_ else "repository"
    return f"""#!/bin/sh
{HOOK_MARKER} ({kind}): `aiprov hooks uninstall` removes it.
# Runs the hook(s) it chains first, then aiprov. aiprov never blocks a commit on its own
# failure: it prints one warning line and the commit goes ahead with its message intact.
# (pre-commit runs the review gate, which blocks only when .aiprov/policy.toml says block.)
aiprov_python={shlex.quote(python)}
{functions}{capture}{local}aiprov_status=0
aiprov_self="$0"
case $aiprov_self in */*) aiprov_dir=${{aiprov_self%/*}} ;; *) aiprov_dir=. ;; esac
for aiprov_prev in {chain_sh}; do
  [ -n "$aiprov_prev" ] || continue
  [ "$aiprov_prev" -ef "$aiprov_self" ] && continue
  if [ -f "$aiprov_prev" ] && [ -x "$aiprov_prev" ]; then
    {run_prev} || aiprov_status=$?
  fi
done
if [ "$aiprov_status" -eq 0 ] && [ -z "$AIPROV_HOOK_OUTER" ] && [ -z "$AIPROV_NO_HOOK" ]; then
  if [ -x "$aiprov_python" ]; then
    {run_ours if may_block else run_ours + " " + name} "$@" || {on_fail}
  else
    echo "aiprov: {name} hook skipped: $aiprov_python not found (run: aiprov hooks install)" >&2
  fi
fi
exit $aiprov_status
"""
