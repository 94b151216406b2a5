"""The minutes text as sections (split at its level-2 headings), for two jobs:

- decisions and next steps come from what the facilitator entered in their form, always: they
  are written into their own sections of the text (replaced or inserted), whatever else was
  edited, so every export carries them;
- regenerated text is offered section by section: only the sections whose content differs from
  the facilitator's are shown, each with "accept this section".

Sections compare by content (the blocks the text reads back into), not by Markdown spelling, so
text saved from the formatted editor (``*`` instead of ``-``, other escapes) is not "changed".
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from facilitator.exports import markdown as md_export
from facilitator.summaries.blocks import BulletList, Heading, Paragraph
from facilitator.summaries.i18n import translator

_HEADING = re.compile(r"^ {0,3}##(?:[ \t]+(.*?))?[ \t]*(?:[ \t]#+[ \t]*)?$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Section:
    """One part of the text: the lines from a level-2 heading up to the next (the first section
    is what comes before any, the title and overview). ``key`` tells sections apart when two
    headings read the same."""

    key: str
    heading: str
    text: str

    @property
    def digest(self) -> str:
        """A short fingerprint of the section's text (to notice it changed meanwhile)."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    def same_content(self, other: Section) -> bool:
        """True when both read back into the same blocks."""
        return _blocks(self.text) == _blocks(other.text)


def _blocks(text: str) -> tuple[object, ...]:
    minutes = md_export.parse(text)
    return (*minutes.blocks, minutes.footer)


def _heading_text(raw: str | None) -> str:
    return " ".join(md_export.parse("## " + (raw or "")).blocks[0].text.split()) if raw else ""


def split(text: str) -> list[Section]:
    """The text's sections in order; joining their texts gives the text back."""
    chunks: list[tuple[str, list[str]]] = [("", [])]
    fence = ""
    for line in text.splitlines(keepends=True):
        bare = line.rstrip("\r\n")
        opened = _FENCE.match(bare)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
        elif opened:
            fence = opened.group(1)
        elif (match := _HEADING.match(bare)) is not None:
            chunks.append((_heading_text(match.group(1)), []))
        chunks[-1][1].append(line)
    seen: dict[str, int] = {}
    out: list[Section] = []
    for index, (heading, lines) in enumerate(chunks):
        if index == 0 and not lines:
            continue
        count = seen.get(heading, 0) + 1
        seen[heading] = count
        key = heading if count == 1 else f"{heading} ({count})"
        out.append(Section(key if index else "", heading, "".join(lines)))
    return out


def join(sections: Sequence[Section]) -> str:
    """The sections back into one text, one blank line between them."""
    parts = [s.text.rstrip("\n") for s in sections if s.text.strip()]
    return "\n\n".join(parts) + "\n" if parts else ""


def _with_text(section: Section, text: str) -> Section:
    return Section(section.key, section.heading, text)


# --- decisions and next steps -----------------------------------------------------------------


def item_sections(
    locale: str, decisions: Sequence[str], next_steps: Sequence[str]
) -> tuple[Section, Section]:
    """The two sections as the generated minutes write them, in the minutes' language."""
    _ = translator(locale)

    def section(title: str, items: Sequence[str], empty: str) -> Section:
        body = BulletList(tuple(items)) if items else Paragraph(empty)
        text = f"{md_export.render_block(Heading(2, title))}\n\n{md_export.render_block(body)}\n"
        return Section(title, title, text)

    return (
        section(_("Decisions"), decisions, _("No decisions were recorded.")),
        section(_("Next steps"), next_steps, _("No next steps were recorded.")),
    )


def with_items(text: str, locale: str, decisions: Sequence[str], next_steps: Sequence[str]) -> str:
    """``text`` with its Decisions and Next steps sections written from the given items: replaced
    where the text has them, else inserted where the generated minutes put them (before the
    automatic findings or the appendix, else at the end)."""
    if not text.strip():
        return text
    _ = translator(locale)
    wanted = item_sections(locale, decisions, next_steps)
    parts = split(text)
    for fresh in wanted:
        at = next((n for n, s in enumerate(parts) if s.key == fresh.key), None)
        if at is not None:
            parts[at] = _with_text(parts[at], fresh.text)
            continue
        before = (_("Automatic — check: across phases"), _("Appendix: all notes"))
        if fresh is wanted[0]:
            before = (wanted[1].key, *before)
        at = next((n for n, s in enumerate(parts) if s.key in before), len(parts))
        parts.insert(at, fresh)
    return join(parts)


def items_in(text: str, locale: str) -> tuple[list[str] | None, list[str] | None]:
    """The decisions and next steps written in the text's own sections (None: no such section),
    so edits made in the text reach the form too."""
    found: list[list[str] | None] = []
    by_key = {s.key: s for s in split(text)}
    for fresh in item_sections(locale, (), ()):
        section = by_key.get(fresh.key)
        if section is None:
            found.append(None)
            continue
        placeholder = md_export.parse(fresh.text).blocks[1]
        items: list[str] = []
        for block in md_export.parse(section.text).blocks[1:]:
            if isinstance(block, BulletList):
                lines = list(block.items)
            elif isinstance(block, Paragraph) and block != placeholder:
                lines = block.text.splitlines()  # a line written under the heading is an item
            else:
                continue
            items.extend(" ".join(line.split()) for line in lines if line.strip())
        found.append(items)
    return found[0], found[1]


# --- regenerated text, section by section -----------------------------------------------------


@dataclass(frozen=True)
class Offer:
    """A section of the regenerated text that differs from the facilitator's: ``mine`` is None
    for a section their text does not have."""

    new: Section
    mine: Section | None


def offers(mine: str, regenerated: str, baseline: str = "") -> list[Offer]:
    """The regenerated sections to offer, in order: those the new data changed (they differ from
    the ``baseline``, the text generated before) and that differ from the facilitator's text.
    A section only the facilitator edited is not offered: their edit stands."""
    have = {s.key: s for s in split(mine)}
    before = {s.key: s for s in split(baseline)}
    out = []
    for section in split(regenerated):
        old = before.get(section.key)
        if old is not None and old.same_content(section):
            continue
        current = have.get(section.key)
        if current is None or not current.same_content(section):
            out.append(Offer(section, current))
    return out


def accept(mine: str, regenerated: str, key: str, digest: str) -> str | None:
    """``mine`` with one regenerated section taken in (replacing the section with the same
    heading, or inserted after the section it follows in the new text); None when that section
    is not in the regenerated text any more or changed meanwhile (``digest``)."""
    new_parts = split(regenerated)
    wanted = next((s for s in new_parts if s.key == key), None)
    if wanted is None or wanted.digest != digest:
        return None
    parts = split(mine)
    at = next((n for n, s in enumerate(parts) if s.key == key), None)
    if at is not None:
        parts[at] = wanted
        return join(parts)
    keys = [s.key for s in parts]
    position = 0
    for earlier in new_parts[: new_parts.index(wanted)]:
        if earlier.key in keys:
            position = keys.index(earlier.key) + 1
    parts.insert(position, wanted)
    return join(parts)
