"""Merging co-edited text: plain Python, no Flask.

A client edits a text it saw at some revision. When someone else saved meanwhile, the client's
own change (from the text it started from to its new text) is applied to the current text as a
patch (diff-match-patch, the algorithm behind differential synchronisation). When the patch
applies cleanly, both people's words are kept; when it does not, the caller refuses the edit
with the current text, so the person can add their words to it — never a silent lost update.
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch


def merge(base: str, current: str, mine: str) -> str | None:
    """``current`` with the change from ``base`` to ``mine`` applied, or None on a conflict."""
    if base == current or current == mine:
        return mine
    if base == mine:
        return current
    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.3  # a patch must match its context closely
    dmp.Patch_DeleteThreshold = 0.3
    patches = dmp.patch_make(base, mine)
    merged, applied = dmp.patch_apply(patches, current)
    if not all(applied):
        return None
    return str(merged)
