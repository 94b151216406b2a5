"""Representative notes: a few notes that together cover what was said.

The most agreed note (+1s, votes) comes first; each next note is the one that adds most of what
the chosen ones do not say yet (a maximal-marginal-relevance style choice on the terms from the
text analyser: lemmas and compound parts). A term's worth is its coverage weight
(``PhaseWeights.coverage``: terms many notes share weigh more, words of every phase and of the
question less); a note's gain is the worth of its terms not yet covered, raised by its
agreement. A note that only repeats chosen words gains nothing and is never chosen over one
that says something new. Notes with the same terms count once (the most agreed, then the
oldest, stands for them), so a duplicate changes nothing. Ties: agreement, then time, then id.

How many: about one note in three, at least three, at most ten (never more than there are
different notes); the rest are in the appendix. Never "the first N written".
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence

from facilitator.summaries.findings import AnalysedNote, PhaseWeights

MIN_QUOTED = 3
MAX_QUOTED = 10
SHARE = 3


def quota(distinct: int) -> int:
    """How many notes to quote out of ``distinct`` different ones."""
    if distinct <= 0:
        return 0
    return min(distinct, max(MIN_QUOTED, min(MAX_QUOTED, int(distinct / SHARE + 0.5))))


def _standing(notes: Iterable[AnalysedNote], agreement: Mapping[int, int]) -> list[AnalysedNote]:
    """One note per set of notes with the same terms: the most agreed, then the oldest."""
    best: dict[object, AnalysedNote] = {}
    for note in sorted(notes, key=lambda n: (-agreement.get(n.id, 0), n.order, n.id)):
        best.setdefault(note.key, note)
    return sorted(best.values(), key=lambda n: (n.order, n.id))


def choose(
    notes: Iterable[AnalysedNote],
    weights: PhaseWeights,
    agreement: Mapping[int, int],
    *,
    count: int | None = None,
    first: Sequence[int] = (),
) -> list[AnalysedNote]:
    """Representative notes in the order chosen.

    ``count`` overrides the quota; ``first`` are ids chosen before anything else (one note of
    each named theme, say), in that order.
    """
    candidates = _standing(notes, agreement)
    wanted = quota(len(candidates)) if count is None else min(count, len(candidates))
    by_id = {n.id: n for n in candidates}
    chosen: list[AnalysedNote] = []
    covered: set[str] = set()

    def take(note: AnalysedNote) -> None:
        chosen.append(note)
        covered.update(note.terms)

    for nid in first:
        if nid in by_id and by_id[nid] not in chosen:
            take(by_id[nid])
    top = max((agreement.get(n.id, 0) for n in candidates), default=0)

    def gain(note: AnalysedNote) -> float:
        return sum(weights.coverage(t) for t in note.terms - covered)

    if not chosen and top > 0 and wanted > 0:
        take(
            min(
                candidates,
                key=lambda n: (-agreement.get(n.id, 0), -round(gain(n), 9), n.order, n.id),
            )
        )

    def key(note: AnalysedNote) -> tuple[float, int, tuple[str, int], int]:
        plus = agreement.get(note.id, 0)
        return (-round(gain(note) * (1 + plus / max(1, top)), 9), -plus, note.order, note.id)

    # Lazy greedy: a note's gain only shrinks as more is covered, so a stale key in the heap is
    # a bound; the top is taken when its fresh key still comes first (same result as scoring
    # every note every round, in far less time).
    heap = [(key(n), n.id) for n in candidates if n not in chosen]
    heapq.heapify(heap)
    while len(chosen) < wanted and heap:
        _stale, nid = heapq.heappop(heap)
        fresh = key(by_id[nid])
        if heap and fresh > heap[0][0]:
            heapq.heappush(heap, (fresh, nid))
            continue
        if fresh[0] >= 0:
            break  # nothing left adds anything new
        take(by_id[nid])
    if len(chosen) < min(MIN_QUOTED, len(candidates), wanted):
        # Notes without content words (all stop words, emoji): the most agreed, oldest first.
        rest = sorted(
            (n for n in candidates if n not in chosen and not n.terms),
            key=lambda n: (-agreement.get(n.id, 0), n.order, n.id),
        )
        chosen.extend(rest[: min(MIN_QUOTED, wanted) - len(chosen)])
    return chosen
