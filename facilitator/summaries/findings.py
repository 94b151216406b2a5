"""Automatic findings: how specific each word is to a phase, keywords, and suggested themes.

These are machine suggestions, always shown under a heading that says they are automatic and
to be checked. The analysis of a workshop is done once per minutes (``workshop_analysis``) and
shared by the method summaries (representative notes) and the automatic parts.

**Specificity.** A word that turns up in every phase of a workshop ("asiakas", "palvelu") says
little about one phase. For a term in a phase, with ``p`` the share of the phase's notes that
use it and ``q`` the (smoothed) share of the other phases' notes, ``specificity = r / (1 + r)``
with ``r = p / q``: about 0.5 for a word as common elsewhere, near 1 for a word of this phase
only. Very common field words (a small bundled background list per language, see
``stopwords.py``) and the words of the phase's own question weigh ``DAMPING`` times less.

**Keywords** are terms used in at least two notes, ranked by ``notes × weight``; the count shown
is always the number of notes containing the word.

**Suggested themes** group notes that share a distinctive term (lemmas and compound parts, and
as a weaker hint a concept of the small field thesaurus in ``lexicon.py``: "bussi" and "kyyti"
are both about getting about): the term that gathers the most weight among the notes not yet
grouped opens a group of every such note, then the next, until no term is shared by two
ungrouped notes; a note left alone joins the group it shares the most distinctive terms with.
Near-linear in the notes' terms (a bucket per term, a heap of scores updated lazily),
deterministic (ties by weight, size, time, term). The minutes show those of three notes or more;
the minutes page offers every one, and a facilitator can make it a named theme.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from facilitator.summaries.blocks import Block, BulletList, Heading, Notice, Paragraph
from facilitator.summaries.context import SummaryContext, contribution_key
from facilitator.summaries.lexicon import concepts
from facilitator.summaries.stopwords import background_words

#: Keywords shown per phase and across phases; a keyword needs at least this many notes.
KEYWORDS_PER_PHASE = 6
KEYWORDS_ACROSS = 6
MIN_NOTES = 2
#: Weight of background words and of the words of the phase's question.
DAMPING = 0.3
#: Suggested themes shown per phase in the minutes, and the notes one needs to be shown there
#: (every suggestion, pairs too, is offered on the minutes page); a term in more than this
#: share of a phase's notes does not open a theme (it is what the whole phase is about).
SUGGESTIONS_PER_PHASE = 4
SHOWN_MIN_NOTES = 3
MAX_SHARE = 0.3
#: A note left alone joins a suggested theme when it shares this much weight with it.
JOIN_WEIGHT = 0.45
#: Weight of a term used in a single note, for the coverage of representative notes.
SINGLE_TERM = 0.25
#: A field concept shared by notes (lexicon.py) weighs this share of its strongest word.
CONCEPT_WEIGHT = 0.8


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

    @property
    def key(self) -> frozenset[str] | str:
        """What makes two notes the same for counting: their terms (else their text)."""
        return self.terms if self.terms else " ".join(self.body.lower().split())


@dataclass(frozen=True)
class Keyword:
    """A term with the notes and writers that used it."""

    term: str
    label: str
    notes: int
    writers: int
    first: tuple[str, int]
    score: float = 0.0
    phases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """How terms read (a label each) and which compounds each part came from."""

    labels: dict[str, str]
    compounds: dict[str, frozenset[str]]
    surfaces: dict[str, frozenset[str]] = field(default_factory=dict)

    def label(self, term: str) -> str:
        """The display form of a term."""
        return self.labels.get(term, term)


@dataclass(frozen=True)
class Suggestion:
    """A suggested theme: a label of top words and its notes (oldest first)."""

    label: str
    words: tuple[str, ...]
    note_ids: tuple[int, ...]


@dataclass
class PhaseWeights:
    """How much each term of one phase counts."""

    notes: list[AnalysedNote]
    #: Distinct notes (duplicates by terms counted once) containing each term.
    distinct: dict[str, int]
    #: Specificity × damping of each term, in (0, 1).
    strength: dict[str, float]
    #: Term → field concept (lexicon.py) for suggested themes.
    concepts: Mapping[str, str] = field(default_factory=dict)

    def coverage(self, term: str) -> float:
        """A term's worth when a representative note says it: shared terms weigh more."""
        return (self.distinct.get(term, 1) - 1 + SINGLE_TERM) * self.strength.get(term, 0.0)


@dataclass
class WorkshopAnalysis:
    """Every phase's analysed notes and the workshop's vocabulary, computed once."""

    notes: dict[str, list[AnalysedNote]]
    vocabulary: Vocabulary
    damped: dict[str, frozenset[str]]
    concepts: Mapping[str, str] = field(default_factory=dict)
    _weights: dict[str, PhaseWeights] = field(default_factory=dict)

    def weights(self, phase_key: str) -> PhaseWeights:
        """The term weights of a phase (computed on first use)."""
        found = self._weights.get(phase_key)
        if found is None:
            found = self._weights[phase_key] = _phase_weights(self, phase_key)
        return found


def _distinct(notes: Iterable[AnalysedNote]) -> list[AnalysedNote]:
    """The first of every set of notes with the same terms (or the same text)."""
    seen: set[frozenset[str] | str] = set()
    out = []
    for note in notes:
        if note.key not in seen:
            seen.add(note.key)
            out.append(note)
    return out


def analyse(ctx: SummaryContext) -> tuple[dict[str, list[AnalysedNote]], Vocabulary]:
    """Notes per phase key with their terms, and the vocabulary of the whole workshop."""
    analysis = workshop_analysis(ctx)
    return analysis.notes, analysis.vocabulary


def workshop_analysis(ctx: SummaryContext) -> WorkshopAnalysis:
    """The analysis of the workshop's written notes, computed once per minutes."""
    cached = ctx.__dict__.get("_workshop_analysis")
    if isinstance(cached, WorkshopAnalysis):
        return cached
    per_phase: dict[str, list[AnalysedNote]] = {}
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    compounds: dict[str, set[str]] = defaultdict(set)
    analyser = ctx.analyser
    background = background_words(analyser.language)
    damped: dict[str, frozenset[str]] = {}
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
        key = str(phase["key"])
        per_phase[key] = notes
        question = analyser.term_set(ctx.localized(phase.get("question")))
        damped[key] = frozenset(question)
    labels: dict[str, str] = {}
    for term, counts in surfaces.items():
        if analyser.lemmatises:
            labels[term] = term
        else:  # a stem reads badly: show the commonest word it came from
            labels[term] = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    common = frozenset(
        term
        for term, counts in surfaces.items()
        if term in background or any(surface in background for surface in counts)
    )
    damped = {key: words | common for key, words in damped.items()}
    vocabulary = Vocabulary(
        labels,
        {term: frozenset(wholes) for term, wholes in compounds.items()},
        {term: frozenset(counts) for term, counts in surfaces.items()},
    )
    language = analyser.language

    def first_term(word: str) -> str:
        found = analyser.terms(word)
        return found[0][0] if found else ""

    known = concepts(language, f"{analyser.label}", first_term)
    analysis = WorkshopAnalysis(per_phase, vocabulary, damped, known)
    ctx.__dict__["_workshop_analysis"] = analysis
    return analysis


def _phase_weights(analysis: WorkshopAnalysis, phase_key: str) -> PhaseWeights:
    notes = analysis.notes.get(phase_key, [])
    here = _distinct(notes)
    rest = [n for key, other in analysis.notes.items() if key != phase_key for n in other]
    rest = _distinct(rest)
    distinct: Counter[str] = Counter(t for n in here for t in n.terms)
    elsewhere: Counter[str] = Counter(t for n in rest for t in n.terms)
    size, rest_size = max(1, len(here)), len(rest)
    damped = analysis.damped.get(phase_key, frozenset())
    strength = {}
    for term, count in distinct.items():
        p = count / size
        q = (elsewhere.get(term, 0) + 0.5) / (rest_size + 1)
        ratio = p / q
        value = ratio / (1 + ratio)
        strength[term] = value * (DAMPING if term in damped else 1.0)
    return PhaseWeights(notes, dict(distinct), strength, analysis.concepts)


def keywords(
    notes: list[AnalysedNote],
    vocabulary: Vocabulary,
    strength: Mapping[str, float] | None = None,
) -> list[Keyword]:
    """Terms used in at least two notes, most distinctive first (``notes × strength``; without
    ``strength`` by notes), then most writers, earliest, then by term.

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
    kept_set: set[str] = set()
    for term in sorted(common, key=lambda t: (-len(t), t)):
        wholes = vocabulary.compounds.get(term, frozenset())
        if any(w in kept_set and common[w] == common[term] for w in wholes):
            continue
        kept.append(term)
        kept_set.add(term)
    found = []
    for term in kept:
        where = used[term]
        weight = 1.0 if strength is None else strength.get(term, 0.0)
        found.append(
            Keyword(
                term=term,
                label=vocabulary.label(term),
                notes=len(where),
                writers=len({n.participant for n in where}),
                first=min(n.order for n in where),
                score=round(len(where) * weight, 9),
                phases=tuple(sorted({n.phase for n in where})),
            )
        )
    found.sort(key=lambda k: (-k.score, -k.notes, -k.writers, k.first, k.term))
    return found


def _label(
    members: list[AnalysedNote], weights: PhaseWeights, vocabulary: Vocabulary
) -> tuple[str, ...]:
    """The top words of a group: shared by most of its notes, most distinctive."""
    counts: Counter[str] = Counter(t for n in members for t in n.terms)
    ranked = sorted(
        (t for t, c in counts.items() if c >= 2 and not t.startswith("#")),
        key=lambda t: (-counts[t] * weights.strength.get(t, 0.0), -counts[t], t),
    )
    if not ranked:  # grouped by a field concept only: its most distinctive words
        ranked = sorted(
            (t for t in counts if not t.startswith("#")),
            key=lambda t: (-weights.strength.get(t, 0.0), t),
        )[:2]
    words: list[str] = []
    for term in ranked:
        # A part adds nothing beside its compound, nor a compound beside its own part.
        parts_of = vocabulary.compounds.get(term, frozenset())
        if any(w in parts_of or term in vocabulary.compounds.get(w, frozenset()) for w in words):
            continue
        words.append(term)
        if len(words) == 3:
            break
    return tuple(words)


def _with_concepts(
    notes: list[AnalysedNote], weights: PhaseWeights
) -> tuple[list[AnalysedNote], dict[str, float]]:
    """Notes with the field concepts of their terms added (``#`` + concept, see
    ``lexicon.py``), each weighing ``CONCEPT_WEIGHT`` of its strongest term."""
    strength = dict(weights.strength)
    if not weights.concepts:
        return notes, strength
    out = []
    for note in notes:
        keys: dict[str, float] = {}
        for term in note.terms:
            concept = weights.concepts.get(term)
            if concept:
                key = f"#{concept}"
                keys[key] = max(keys.get(key, 0.0), strength.get(term, 0.0) * CONCEPT_WEIGHT)
        for key, value in keys.items():
            strength[key] = max(strength.get(key, 0.0), value)
        out.append(replace(note, terms=note.terms | frozenset(keys)) if keys else note)
    return out, strength


def suggest(
    notes: list[AnalysedNote], weights: PhaseWeights, vocabulary: Vocabulary
) -> list[Suggestion]:
    """Suggested themes among ``notes``: biggest first, then oldest.

    A greedy choice with lazy updates: every candidate term has a score (its ungrouped notes ×
    its strength, plus a quarter of the strength of the other terms those notes share), kept
    in a heap; when a group is formed only the terms of its notes are scored again. So the work
    grows with the notes' terms, not with the square of the notes.
    """
    if len(notes) < 2:
        return []
    notes, strength = _with_concepts(notes, weights)
    by_id = {n.id: n for n in notes}
    members: dict[str, set[int]] = defaultdict(set)
    for note in notes:
        for term in note.terms:
            members[term].add(note.id)
    limit = max(2, int(len(_distinct(notes)) * MAX_SHARE))
    candidates = {t for t, ids in members.items() if 2 <= len(ids) <= limit}
    free = {n.id for n in notes}

    def score(term: str) -> tuple[Any, ...] | None:
        left = [by_id[i] for i in members[term] if i in free]
        if len({n.key for n in left}) < 2:
            return None
        shared: Counter[str] = Counter(t for n in left for t in n.terms if t != term)
        cohesion = sum(strength.get(t, 0.0) for t, c in shared.items() if c >= 2)
        value = round(len(left) * strength.get(term, 0.0) + 0.25 * cohesion, 9)
        return (-value, -len(left), min(n.order for n in left), term)

    heap = [key for key in (score(t) for t in sorted(candidates)) if key is not None]
    heapq.heapify(heap)
    current = {key[3]: key for key in heap}
    groups: list[list[AnalysedNote]] = []
    while heap:
        key = heapq.heappop(heap)
        term = key[3]
        if current.get(term) != key:
            continue  # stale: the term was scored again since
        left = [by_id[i] for i in members[term] if i in free]
        groups.append(left)
        free.difference_update(n.id for n in left)
        del current[term]
        touched = {t for n in left for t in n.terms if t in current}
        for other in sorted(touched):
            fresh = score(other)
            if fresh is None:
                del current[other]
            else:
                current[other] = fresh
                heapq.heappush(heap, fresh)
    # Notes left alone join the group they share the most distinctive weight with.
    groups_with: dict[str, set[int]] = defaultdict(set)
    for index, group in enumerate(groups):
        for note in group:
            for term in note.terms:
                groups_with[term].add(index)
    joined: list[list[AnalysedNote]] = [list(g) for g in groups]
    for note in notes:
        if note.id not in free:
            continue
        totals: dict[int, float] = defaultdict(float)
        for term in note.terms:
            for index in groups_with.get(term, ()):
                totals[index] += strength.get(term, 0.0)
        if totals:
            index = max(totals, key=lambda i: (round(totals[i], 9), -i))
            if totals[index] >= JOIN_WEIGHT:
                joined[index].append(note)
    suggestions = []
    for group in joined:
        group.sort(key=lambda n: (n.order, n.id))
        words = _label(group, weights, vocabulary)
        suggestions.append(
            Suggestion(
                label=", ".join(vocabulary.label(w) for w in words),
                words=words,
                note_ids=tuple(n.id for n in group),
            )
        )
    suggestions.sort(key=lambda s: (-len(s.note_ids), s.note_ids[0]))
    return suggestions


def _in_themes(ctx: SummaryContext, phase: dict[str, Any]) -> set[int]:
    """Notes the facilitator already put in a named theme (in the workshop or the minutes)."""
    grouped = {
        int(c["id"])
        for c in ctx.written(phase)
        if c.get("parent") is not None and int(c["parent"]) in ctx.by_id
    }
    for theme in ctx.named_themes(phase):
        grouped.update(theme.note_ids)
    return grouped


def phase_suggestions(ctx: SummaryContext, phase: dict[str, Any]) -> list[Suggestion]:
    """Suggested themes for the notes of a phase that are in no named theme yet."""
    analysis = workshop_analysis(ctx)
    key = str(phase.get("key"))
    weights = analysis.weights(key)
    grouped = _in_themes(ctx, phase)
    free = [n for n in analysis.notes.get(key, []) if n.id not in grouped]
    return suggest(free, weights, analysis.vocabulary)


def suggested_themes(ctx: SummaryContext) -> dict[str, list[Suggestion]]:
    """Suggested themes of every phase with written notes, by phase key."""
    out = {}
    for phase in ctx.phases:
        if workshop_analysis(ctx).notes.get(str(phase.get("key"))):
            out[str(phase.get("key"))] = phase_suggestions(ctx, phase)
    return out


def appendix_numbers(ctx: SummaryContext, phase: dict[str, Any]) -> dict[int, int]:
    """Each written note's number in the appendix table of its phase (written order)."""
    ordered = sorted(ctx.written(phase), key=contribution_key)
    return {int(item["id"]): index for index, item in enumerate(ordered, start=1)}


def phase_findings(ctx: SummaryContext, phase: dict[str, Any]) -> list[Block]:
    """The 'automatic — check' part of one phase: keywords and suggested themes."""
    _ = ctx._
    analysis = workshop_analysis(ctx)
    key = str(phase.get("key"))
    notes = analysis.notes.get(key, [])
    if not notes:
        return []
    weights = analysis.weights(key)
    blocks: list[Block] = [Heading(3, _("Automatic — check"))]
    top = keywords(notes, analysis.vocabulary, weights.strength)[:KEYWORDS_PER_PHASE]
    if top:
        blocks.append(
            Notice(
                _("Keywords (notes): %(list)s")
                % {"list": ", ".join(f"{k.label} ({ctx.number(k.notes)})" for k in top)},
                "automatic",
            )
        )
    else:
        blocks.append(Notice(_("No word was used in two or more notes."), "automatic"))
    found = [s for s in phase_suggestions(ctx, phase) if len(s.note_ids) >= SHOWN_MIN_NOTES]
    found = found[:SUGGESTIONS_PER_PHASE]
    if found:
        numbers = appendix_numbers(ctx, phase)
        blocks.append(Paragraph(_("Suggested themes (notes by their number in the appendix):")))
        blocks.append(
            BulletList(
                tuple(
                    f"{s.label} ("
                    + ", ".join(ctx.number(n) for n in sorted(numbers[i] for i in s.note_ids))
                    + ")"
                    for s in found
                )
            )
        )
    return blocks


def summarize_findings(ctx: SummaryContext) -> list[Block]:
    """The workshop-wide automatic part: keywords that recur in two or more phases."""
    _ = ctx._
    analysis = workshop_analysis(ctx)
    everything = [n for notes in analysis.notes.values() for n in notes]
    if not everything:
        return []
    positions = {str(p["key"]): str(n) for n, p in enumerate(ctx.phases, start=1)}
    across = [k for k in keywords(everything, analysis.vocabulary) if len(k.phases) >= 2]
    if not across:
        return []
    across.sort(key=lambda k: (-len(k.phases), -k.notes, -k.writers, k.first, k.term))
    items = ", ".join(
        f"{k.label} ({', '.join(sorted((positions[p] for p in k.phases), key=int))})"
        for k in across[:KEYWORDS_ACROSS]
    )
    return [
        Heading(2, _("Automatic — check: across phases")),
        Paragraph(_("Words in two or more phases (phase numbers): %(list)s") % {"list": items}),
    ]
