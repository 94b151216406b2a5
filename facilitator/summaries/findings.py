"""Automatic findings: keywords per phase and across phases, and possibly related notes.

These are machine suggestions, always shown under a notice that says so. Everything is linear in
the number of notes: related notes are found through shared terms (a bucket per term, very
common terms skipped), never by comparing every note with every other.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from facilitator.summaries.blocks import Block, BulletList, Heading, Notice, Paragraph, Table
from facilitator.summaries.context import SummaryContext, contribution_key

#: Keywords shown per phase; a keyword needs at least this many notes.
KEYWORDS_PER_PHASE = 10
MIN_NOTES = 2
#: Keywords shown across phases.
KEYWORDS_ACROSS = 15
#: Related-note suggestions per phase and the similarity they need.
RELATED_PER_PHASE = 5
MIN_SHARED = 2
MIN_JACCARD = 0.25
#: A term in more notes than this share of a phase's notes (kept between BUCKET_MIN and
#: BUCKET_LIMIT) is too common to relate notes.
BUCKET_LIMIT = 40
BUCKET_MIN = 10
BUCKET_SHARE = 0.2


@dataclass(frozen=True)
class AnalysedNote:
    """One visible written contribution and its terms."""

    id: int
    phase: str
    participant: int | None
    order: tuple[str, int]
    body: str
    group: int | None
    terms: frozenset[str]


@dataclass(frozen=True)
class Keyword:
    """A term with the notes and writers that used it."""

    term: str
    label: str
    notes: int
    writers: int
    first: tuple[str, int]
    phases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """How terms read (a label each) and which compounds each part came from."""

    labels: dict[str, str]
    compounds: dict[str, frozenset[str]]

    def label(self, term: str) -> str:
        """The display form of a term."""
        return self.labels.get(term, term)


def analyse(ctx: SummaryContext) -> tuple[dict[str, list[AnalysedNote]], Vocabulary]:
    """Notes per phase key with their terms, and the vocabulary of the whole workshop."""
    per_phase: dict[str, list[AnalysedNote]] = {}
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    compounds: dict[str, set[str]] = defaultdict(set)
    analyser = ctx.analyser
    for phase in ctx.phases:
        notes = []
        for item in ctx.written(phase):
            pairs = analyser.terms(str(item["body"]))
            for term, surface, whole in pairs:
                surfaces[term][surface] += 1
                if whole:
                    compounds[term].add(whole)
            notes.append(
                AnalysedNote(
                    id=int(item["id"]),
                    phase=str(phase["key"]),
                    participant=item.get("participant"),
                    order=contribution_key(item),
                    body=str(item["body"]).strip(),
                    group=ctx.belongs_to(item),
                    terms=frozenset(term for term, _surface, _whole in pairs),
                )
            )
        per_phase[str(phase["key"])] = notes
    labels: dict[str, str] = {}
    for term, counts in surfaces.items():
        if analyser.lemmatises:
            labels[term] = term
        else:  # a stem reads badly: show the commonest word it came from
            labels[term] = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    frozen = {term: frozenset(wholes) for term, wholes in compounds.items()}
    return per_phase, Vocabulary(labels, frozen)


def keywords(notes: list[AnalysedNote], vocabulary: Vocabulary) -> list[Keyword]:
    """Terms used in at least two notes: most notes, most writers, earliest, then by term.

    A compound part that only ever appears inside one longer keyword (``aika`` and ``varaus``
    only in ``ajanvaraus``) adds nothing and is left out.
    """
    used: dict[str, list[AnalysedNote]] = defaultdict(list)
    for note in notes:
        for term in note.terms:
            used[term].append(note)
    common = {
        t: frozenset(n.id for n in where) for t, where in used.items() if len(where) >= MIN_NOTES
    }
    kept: list[str] = []
    for term in sorted(common, key=lambda t: (-len(t), t)):
        wholes = vocabulary.compounds.get(term, frozenset())
        if any(longer in wholes and common[longer] == common[term] for longer in kept):
            continue
        kept.append(term)
    found = []
    for term in kept:
        where = used[term]
        found.append(
            Keyword(
                term=term,
                label=vocabulary.label(term),
                notes=len(where),
                writers=len({n.participant for n in where}),
                first=min(n.order for n in where),
                phases=tuple(sorted({n.phase for n in where})),
            )
        )
    found.sort(key=lambda k: (-k.notes, -k.writers, k.first, k.term))
    return found


def related(
    notes: list[AnalysedNote], vocabulary: Vocabulary
) -> list[tuple[AnalysedNote, AnalysedNote, list[str], float]]:
    """Pairs of notes that share terms, not already in the same theme, most similar first."""
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, note in enumerate(notes):
        for term in note.terms:
            buckets[term].append(index)
    limit = min(BUCKET_LIMIT, max(BUCKET_MIN, int(len(notes) * BUCKET_SHARE)))
    shared: Counter[tuple[int, int]] = Counter()
    for members in buckets.values():
        if len(members) < 2 or len(members) > limit:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                shared[(a, b)] += 1
    pairs = []
    for (a, b), count in shared.items():
        first, second = notes[a], notes[b]
        if first.group is not None and first.group == second.group:
            continue  # the facilitator already put them together
        union = len(first.terms | second.terms)
        score = count / union if union else 0.0
        if (count >= MIN_SHARED and score >= MIN_JACCARD) or score >= 0.5:
            both = first.terms & second.terms
            # Name whole words only: a part is implied by its compound when both are shared.
            common = sorted(t for t in both if not (vocabulary.compounds.get(t, set()) & both))
            pairs.append((first, second, common, score))
    pairs.sort(key=lambda p: (-p[3], -len(p[2]), p[0].id, p[1].id))
    return pairs


def summarize_findings(ctx: SummaryContext) -> list[Block]:
    """The 'automatic — check' section."""
    _ = ctx._
    per_phase, vocabulary = analyse(ctx)
    blocks: list[Block] = [
        Heading(2, _("Automatic findings (check before use)")),
        Notice(
            _(
                "Automatic — check: this section was computed from the words of the notes by "
                "%(analyser)s. Keywords and related notes are suggestions, not conclusions."
            )
            % {"analyser": ctx.analyser.label},
            "automatic",
        ),
    ]
    titles = {}
    any_notes = False
    for position, phase in enumerate(ctx.phases, start=1):
        notes = per_phase.get(str(phase["key"]), [])
        titles[str(phase["key"])] = str(position)
        if not notes:
            continue
        any_notes = True
        title = ctx.localized(phase.get("title")) or str(phase["key"])
        blocks.append(Heading(3, _("%(number)s. %(title)s") % {"number": position, "title": title}))
        top = keywords(notes, vocabulary)[:KEYWORDS_PER_PHASE]
        if top:
            blocks.append(
                Paragraph(
                    _("Keywords (notes): %(list)s")
                    % {"list": ", ".join(f"{k.label} ({ctx.number(k.notes)})" for k in top)}
                )
            )
        else:
            blocks.append(Paragraph(_("No word was used in two or more notes.")))
        pairs = related(notes, vocabulary)[:RELATED_PER_PHASE]
        if pairs:
            blocks.append(Paragraph(_("Possibly related notes:")))
            blocks.append(
                BulletList(
                    tuple(
                        _("“%(a)s” — “%(b)s” (shared words: %(words)s)")
                        % {
                            "a": a.body,
                            "b": b.body,
                            "words": ", ".join(vocabulary.label(t) for t in common),
                        }
                        for a, b, common, _score in pairs
                    )
                )
            )
    if not any_notes:
        blocks.append(Paragraph(_("There were no written notes to analyse.")))
        return blocks
    everything = [n for notes in per_phase.values() for n in notes]
    across = [k for k in keywords(everything, vocabulary) if len(k.phases) >= 2]
    across.sort(key=lambda k: (-len(k.phases), -k.notes, -k.writers, k.first, k.term))
    blocks.append(Heading(3, _("Keywords in two or more phases")))
    if across:
        blocks.append(
            Table(
                (_("Keyword"), _("Phases"), _("Notes")),
                tuple(
                    (
                        k.label,
                        ", ".join(sorted((titles[p] for p in k.phases), key=int)),
                        ctx.number(k.notes),
                    )
                    for k in across[:KEYWORDS_ACROSS]
                ),
            )
        )
    else:
        blocks.append(Paragraph(_("No keyword was used in two or more phases.")))
    return blocks
