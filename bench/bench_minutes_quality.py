"""Minutes quality on the evaluation set (tests/summaries/evaluation/workshops.yaml).

For each text analyser (Voikko, simplemma, Snowball) and each workshop of the set, the minutes
are built in Finnish and measured:

* **theme recall in the body**: a human theme counts as caught when one of its stems starts a
  word of the body's text for its phase (the phase's section and its automatic part; never the
  appendix). Also given for the notes' own words alone: the same text without anything
  automatic (keywords, suggested themes), i.e. the notes the body quotes or lists.
* **body length**: characters of the text a reader reads before the appendix (headings,
  paragraphs, list items, table cells, quotes and their attributions; no Markdown syntax, no
  footer) divided by the characters of the notes themselves (target ≤ 1.0).
* **the same number of notes chosen otherwise**: recall when the body quoted as many notes as
  it does, but the first ones written, or the most agreed (+1s) then the oldest (the rule before
  this work), to show what the choice for coverage adds.
* **ARI**: the adjusted Rand index of the suggested themes against the human grouping, per
  phase, averaged (a note in no suggestion counts as a group of its own).

Run from the repository root:

    python -m bench.bench_minutes_quality [--analysers voikko,simplemma,snowball] [--json FILE]

Results are written by hand into docs/benchmarks.md ("Minutes quality").
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from math import comb
from typing import Any

from facilitator.summaries import BulletList, Facts, Heading, Quote, Table, build_minutes
from facilitator.summaries.context import SummaryContext
from facilitator.summaries.text_analysis import get_analyser
from tests.summaries.evaluation import Workshop, export_of, load

_WORD = re.compile(r"\w+")


def ari(truth: list[str], found: list[str]) -> float:
    """Adjusted Rand index of two labelings of the same items (1.0 = same grouping)."""
    n = len(truth)
    if n < 2:
        return 1.0
    pairs = Counter(zip(truth, found, strict=True))
    index = sum(comb(c, 2) for c in pairs.values())
    rows = sum(comb(c, 2) for c in Counter(truth).values())
    cols = sum(comb(c, 2) for c in Counter(found).values())
    expected = rows * cols / comb(n, 2)
    top = (rows + cols) / 2
    if top == expected:
        return 1.0 if index == expected else 0.0
    return (index - expected) / (top - expected)


def suggested_groups(export: dict[str, Any], analyser: str) -> dict[str, list[list[int]]]:
    """Suggested themes per phase key as lists of note ids (whatever version of the code)."""
    from facilitator.summaries import findings

    ctx = SummaryContext(export=export, locale="fi", analyser=get_analyser("fi", analyser))
    if hasattr(findings, "suggested_themes"):
        return {
            key: [list(s.note_ids) for s in found]
            for key, found in findings.suggested_themes(ctx).items()
        }
    # Before: "possibly related notes" pairs, read as groups (connected pairs join).
    per_phase, vocabulary = findings.analyse(ctx)
    out: dict[str, list[list[int]]] = {}
    for key, notes in per_phase.items():
        parent: dict[int, int] = {}

        def root(x: int, parent: dict[int, int] = parent) -> int:
            while parent.setdefault(x, x) != x:
                x = parent[x]
            return x

        for a, b, _common, _score in findings.related(notes, vocabulary)[
            : findings.RELATED_PER_PHASE
        ]:
            parent[root(a.id)] = root(b.id)
        groups: dict[int, list[int]] = defaultdict(list)
        for nid in parent:
            groups[root(nid)].append(nid)
        out[key] = [sorted(g) for g in groups.values() if len(g) >= 2]
    return out


def visible_text(block: Any) -> str:
    """The words of a block as a reader sees them (no markup)."""
    if isinstance(block, Table):
        cells = [block.caption, *block.columns, *(c for row in block.rows for c in row)]
        return "\n".join(c for c in cells if c)
    if isinstance(block, BulletList):
        return "\n".join(block.items)
    if isinstance(block, Facts):
        return "\n".join(f"{label}: {value}" for label, value in block.pairs)
    if isinstance(block, Quote):
        return f"{block.text}\n— {block.attribution}" if block.attribution else block.text
    return str(block.text)


def _sections(blocks: list[Any], titles: list[str]) -> dict[str, list[tuple[bool, Any]]]:
    """Blocks per phase title, each marked automatic or not: every run from a heading with that
    text to the next heading of the same or a higher level (the phase section and, where it is
    apart, its automatic part). Automatic: under a heading that says so, or an automatic
    notice."""
    out: dict[str, list[tuple[bool, Any]]] = {t: [] for t in titles}
    current: tuple[str, int] | None = None
    automatic_from: int | None = None
    for block in blocks:
        if isinstance(block, Heading):
            if automatic_from is not None and block.level <= automatic_from:
                automatic_from = None
            if block.text.startswith("Automaatti"):
                automatic_from = block.level
            if block.text in out:
                current = (block.text, block.level)
                continue
            if current is not None and block.level <= current[1]:
                current = None
        if current is not None:
            machine = automatic_from is not None or getattr(block, "kind", "") == "automatic"
            out[current[0]].append((machine, block))
    return out


def _caught(text: str, stems: tuple[str, ...]) -> bool:
    words = [w.lower() for w in _WORD.findall(text)]
    return any(w.startswith(s.lower()) for s in stems for w in words)


def measure(workshop: Workshop, analyser: str) -> dict[str, Any]:
    """The figures of one workshop with one analyser."""
    export, theme_of = export_of(workshop)
    minutes = build_minutes(export, "fi", analyser=analyser)
    blocks = list(minutes.blocks)
    appendix = next(
        i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.text.startswith("Liite")
    )
    body = blocks[:appendix]
    body_chars = len("\n".join(visible_text(b) for b in body))
    notes_chars = sum(len(n.text) for p in workshop.phases for n in p.notes)
    titles = [f"{i}. Kysymys {i}" for i in range(1, len(workshop.phases) + 1)]
    sections = _sections(body, titles)
    suggestions = suggested_groups(export, analyser)
    caught = quoted = total = first_caught = agreed_caught = 0
    aris = []
    for title, phase in zip(titles, workshop.phases, strict=True):
        part = sections[title]
        text = "\n".join(visible_text(b) for _machine, b in part)
        quotes = "\n".join(visible_text(b) for machine, b in part if not machine)
        count = sum(1 for machine, b in part if isinstance(b, Quote) and not machine)
        first = "\n".join(n.text for n in phase.notes[:count])
        ranked = sorted(enumerate(phase.notes), key=lambda pair: (-pair[1].plus, pair[0]))
        agreed = "\n".join(n.text for _i, n in ranked[:count])
        for theme in phase.themes:
            total += 1
            caught += _caught(text, theme.stems)
            quoted += _caught(quotes, theme.stems)
            first_caught += _caught(first, theme.stems)
            agreed_caught += _caught(agreed, theme.stems)
        ids = [nid for nid, _ in sorted(theme_of.items()) if nid in _phase_ids(export, phase.key)]
        label = {nid: f"single-{nid}" for nid in ids}
        for n, group in enumerate(suggestions.get(phase.key, [])):
            for nid in group:
                label[nid] = f"group-{n}"
        aris.append(ari([theme_of[i] for i in ids], [label[i] for i in ids]))
    return {
        "workshop": workshop.id,
        "held_out": workshop.held_out,
        "themes": total,
        "caught": caught,
        "caught_in_quotes": quoted,
        "caught_first_written": first_caught,
        "caught_most_agreed": agreed_caught,
        "body_chars": body_chars,
        "notes_chars": notes_chars,
        "ari": sum(aris) / len(aris),
        "ari_per_phase": aris,
    }


def _phase_ids(export: dict[str, Any], key: str) -> set[int]:
    return {int(c["id"]) for c in export["contributions"] if c["phase"] == key}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Measure, print a Markdown table and return the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--analysers", default="voikko,simplemma,snowball")
    parser.add_argument("--json", default="")
    args = parser.parse_args(argv)
    workshops = load()
    rows = []
    for analyser in args.analysers.split(","):
        label = get_analyser("fi", analyser).label
        results = [measure(w, analyser) for w in workshops]
        for subset, chosen in (
            ("all", results),
            ("development", [r for r in results if not r["held_out"]]),
            ("held out", [r for r in results if r["held_out"]]),
        ):
            themes = sum(r["themes"] for r in chosen)
            phases = sum(len(r["ari_per_phase"]) for r in chosen)
            rows.append(
                {
                    "analyser": label,
                    "set": subset,
                    "recall": sum(r["caught"] for r in chosen) / themes,
                    "recall_quotes": sum(r["caught_in_quotes"] for r in chosen) / themes,
                    "recall_first": sum(r["caught_first_written"] for r in chosen) / themes,
                    "recall_agreed": sum(r["caught_most_agreed"] for r in chosen) / themes,
                    "body_ratio": sum(r["body_chars"] for r in chosen)
                    / sum(r["notes_chars"] for r in chosen),
                    "max_body_ratio": max(r["body_chars"] / r["notes_chars"] for r in chosen),
                    "ari": sum(sum(r["ari_per_phase"]) for r in chosen) / phases,
                }
            )
        for r in results:
            print(
                f"  {label:28} {r['workshop']:10} recall {r['caught']}/{r['themes']} "
                f"(quotes {r['caught_in_quotes']}) body {r['body_chars']}/{r['notes_chars']} "
                f"ARI {' '.join(f'{a:.2f}' for a in r['ari_per_phase'])}"
            )
    print()
    print("| analyser | notes | theme recall (body) | recall (notes' own words) | same count: "
          "first written / most agreed | body ÷ notes (all / largest) | ARI |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['analyser']} | {row['set']} | {row['recall']:.0%} | "
            f"{row['recall_quotes']:.0%} | {row['recall_first']:.0%} / {row['recall_agreed']:.0%} "
            f"| {row['body_ratio']:.2f} / {row['max_body_ratio']:.2f} | {row['ari']:.2f} |"
        )
    report = {"rows": rows}
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(report, out, indent=2)
    return report


if __name__ == "__main__":
    main()
