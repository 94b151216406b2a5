"""What every part of the minutes reads: the export, indexed once, with locale helpers.

A :class:`SummaryContext` is the ``workshop`` argument of ``Method.summarize(phase, workshop)``;
``phase`` is that phase's dict from the export. Contributions are indexed in id order whatever
order the export lists them in, so every iteration here is deterministic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from functools import cached_property
from typing import Any

from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent

from facilitator.summaries.i18n import N_, plural_translator, translator
from facilitator.summaries.text_analysis import Analyser

#: People below this many in a stated-role group are folded into "other" (nobody exposed).
MIN_GROUP = 3
OTHER = "other"
NOT_STATED = ""
SCRIBE = "scribe"

#: Stated-role labels (the same English msgids as facilitator/roles.py).
ROLE_LABELS = {
    "client": N_("Client or developer client"),
    "expert": N_("Expert by experience"),
    "professional": N_("Professional"),
    "ngo": N_("NGO or parish"),
    OTHER: N_("Other"),
    NOT_STATED: N_("Not stated"),
}
#: Table and text order of the role groups.
ROLE_ORDER = ("client", "expert", "professional", "ngo", OTHER, NOT_STATED)


def parse_time(value: str | None) -> datetime | None:
    """An ISO time from the export (naive values are UTC), or None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def contribution_key(item: dict[str, Any]) -> tuple[str, int]:
    """Oldest first: creation time, then id."""
    return (str(item.get("created_at") or ""), int(item.get("id") or 0))


@dataclass(frozen=True)
class NamedTheme:
    """A theme the facilitator named on the minutes page from a suggestion (stated as the
    group's own): its phase, its name and its notes."""

    phase: str
    name: str
    note_ids: tuple[int, ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NamedTheme:
        """From the stored form ``{"phase", "name", "notes"}``."""
        return cls(
            str(data.get("phase") or ""),
            " ".join(str(data.get("name") or "").split()),
            tuple(int(n) for n in data.get("notes") or []),
        )


@dataclass
class SummaryContext:
    """The exported workshop, indexed for the summaries, with the locale's text helpers."""

    export: dict[str, Any]
    locale: str
    analyser: Analyser
    tz: tzinfo = UTC
    #: The methods by id (a dict or the registry): their declared kinds say what counts as
    #: written text, a vote or a rating. None: the installed methods.
    methods: Any = None
    #: Themes named on the minutes page (see :meth:`named_themes`).
    themes: tuple[NamedTheme, ...] = field(default=())

    def __post_init__(self) -> None:
        #: gettext and ngettext for this locale; call them with literal English strings.
        self._: Callable[[str], str] = translator(self.locale)
        self.ngettext: Callable[[str, str, int], str] = plural_translator(self.locale)

    # -- the data -------------------------------------------------------------------------

    @cached_property
    def workshop(self) -> dict[str, Any]:
        """The workshop's own fields (title, place, times, facilitators…)."""
        return dict(self.export.get("workshop") or {})

    @cached_property
    def phases(self) -> list[dict[str, Any]]:
        """Phases in position order."""
        phases = list(self.export.get("phases") or [])
        return sorted(phases, key=lambda p: (int(p.get("position") or 0), str(p.get("key"))))

    @cached_property
    def participants(self) -> dict[int, dict[str, Any]]:
        """Participants by number."""
        people = sorted(self.export.get("participants") or [], key=lambda p: int(p["number"]))
        return {int(p["number"]): p for p in people}

    @cached_property
    def contributions(self) -> list[dict[str, Any]]:
        """Every contribution that was not deleted, by id."""
        items = [c for c in self.export.get("contributions") or [] if not c.get("deleted")]
        return sorted(items, key=lambda c: int(c["id"]))

    @cached_property
    def by_phase(self) -> dict[str, list[dict[str, Any]]]:
        """Non-deleted contributions per phase key, by id."""
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for item in self.contributions:
            grouped[str(item.get("phase"))].append(item)
        return dict(grouped)

    @cached_property
    def by_id(self) -> dict[int, dict[str, Any]]:
        """Non-deleted contributions by id."""
        return {int(c["id"]): c for c in self.contributions}

    def items(
        self, phase: dict[str, Any], kinds: Iterable[str] | None = None, *, hidden: bool = False
    ) -> list[dict[str, Any]]:
        """A phase's contributions of some kinds: visible ones, or with hidden=True the hidden."""
        wanted = None if kinds is None else set(kinds)
        return [
            c
            for c in self.by_phase.get(str(phase.get("key")), [])
            if (wanted is None or c.get("kind") in wanted) and bool(c.get("hidden")) == hidden
        ]

    @cached_property
    def method_of_phase(self) -> dict[str, str]:
        """Method id by phase key."""
        return {str(p.get("key")): str(p.get("method")) for p in self.phases}

    def kind(self, item: dict[str, Any]) -> Any:
        """The declared Kind of an exported contribution, or None for an unknown method/kind."""
        methods = self.methods
        if methods is None:
            from facilitator.methods.registry import default_registry

            methods = self.methods = default_registry()
        method_id = self.method_of_phase.get(str(item.get("phase")), "")
        try:
            method = methods.get(method_id)
        except KeyError:
            return None
        kinds = getattr(method, "kinds", None) or {}
        return kinds.get(str(item.get("kind"))) if hasattr(kinds, "get") else None

    def meaning(self, item: dict[str, Any]) -> str | None:
        """What an item means ("text", "reaction", "vote", "rating", "link", "structure"), or
        None when its method or kind is not known here."""
        kind = self.kind(item)
        return None if kind is None else str(kind.meaning)

    def belongs_to(self, item: dict[str, Any]) -> int | None:
        """The structure item (a theme, an option…) an item was put under, or None."""
        parent = item.get("parent")
        target = self.by_id.get(int(parent)) if parent is not None else None
        if target is None or self.meaning(target) not in ("structure", None):
            return None
        return int(parent)  # type: ignore[arg-type]

    def is_written(self, item: dict[str, Any]) -> bool:
        """A text a participant wrote (not a theme label, a frozen item, a rating or a link)."""
        if item.get("participant") is None or not (item.get("body") or "").strip():
            return False
        meaning = self.meaning(item)
        return meaning is None or meaning == "text"

    def written(self, phase: dict[str, Any]) -> list[dict[str, Any]]:
        """Visible texts participants wrote in a phase, by id."""
        return [c for c in self.items(phase) if self.is_written(c)]

    def named_themes(self, phase: dict[str, Any]) -> list[NamedTheme]:
        """Themes named on the minutes page for a phase, holding only its visible written
        notes (a note in two themes stays in the first); empty ones are left out."""
        visible = {int(c["id"]) for c in self.written(phase)}
        taken: set[int] = set()
        out = []
        for theme in self.themes:
            if theme.phase != str(phase.get("key")) or not theme.name:
                continue
            ids = tuple(n for n in theme.note_ids if n in visible and n not in taken)
            if ids:
                taken.update(ids)
                out.append(NamedTheme(theme.phase, theme.name, ids))
        return out

    def take_named_themes(self, phase: dict[str, Any]) -> list[NamedTheme]:
        """The named themes of a phase, marked as shown by the method's own summary (the
        core shows the ones no method took)."""
        self.__dict__.setdefault("_taken_themes", set()).add(str(phase.get("key")))
        return self.named_themes(phase)

    def themes_taken(self, phase: dict[str, Any]) -> bool:
        """True when the phase's method summary showed its named themes itself."""
        return str(phase.get("key")) in self.__dict__.get("_taken_themes", set())

    def hidden_written(self, phase: dict[str, Any]) -> list[dict[str, Any]]:
        """Texts in a phase that the facilitator hid."""
        return [c for c in self.items(phase, hidden=True) if c.get("body")]

    # -- roles ----------------------------------------------------------------------------

    @staticmethod
    def stated_role(participant: dict[str, Any] | None) -> str:
        """A participant's stated role key ('' when none or not a known role)."""
        role = str((participant or {}).get("role") or "")
        if role == "unsaid":
            return NOT_STATED
        return role if role in ROLE_LABELS else (OTHER if role else NOT_STATED)

    @cached_property
    def people(self) -> list[dict[str, Any]]:
        """Participants who are people on a seat (not the facilitator's scribe stand-ins)."""
        return [p for p in self.participants.values() if p.get("kind") != SCRIBE]

    @cached_property
    def raw_group_sizes(self) -> dict[str, int]:
        """People per stated role before folding."""
        sizes: dict[str, int] = defaultdict(int)
        for person in self.people:
            sizes[self.stated_role(person)] += 1
        return dict(sizes)

    @cached_property
    def folded_roles(self) -> frozenset[str]:
        """Stated roles with fewer than three people (scribe seats not counted): 'other'."""
        return frozenset(
            role
            for role in ROLE_LABELS
            if role not in (OTHER, NOT_STATED) and self.raw_group_sizes.get(role, 0) < MIN_GROUP
        )

    def role_group(self, role: str) -> str:
        """The group a stated role is reported under."""
        return OTHER if role in self.folded_roles else role

    def group_of(self, number: int | None) -> str:
        """The reported role group of a participant number (scribe seats by their role)."""
        if number is None:
            return NOT_STATED
        return self.role_group(self.stated_role(self.participants.get(int(number))))

    @cached_property
    def group_sizes(self) -> dict[str, int]:
        """People per reported role group (after folding)."""
        sizes: dict[str, int] = defaultdict(int)
        for role, size in self.raw_group_sizes.items():
            sizes[self.role_group(role)] += size
        return dict(sizes)

    def role_label(self, group: str) -> str:
        """A role group's label in this locale."""
        return self._(ROLE_LABELS.get(group, ROLE_LABELS[OTHER]))

    def attribution(self, item: dict[str, Any]) -> str:
        """A quote's attribution: the author's reported role group, or '' when not stated (or
        when the item's kind is anonymous, like the answers of a feedback form)."""
        kind = self.kind(item)
        if kind is not None and getattr(kind, "anonymous", False):
            return ""
        group = self.group_of(item.get("participant"))
        if group == NOT_STATED or self.group_sizes.get(group, 0) < MIN_GROUP:
            return ""
        return self.role_label(group)

    def ordered_groups(self, groups: Iterable[str]) -> list[str]:
        """Role groups in the report order."""
        wanted = set(groups)
        return [g for g in ROLE_ORDER if g in wanted]

    # -- formatting -----------------------------------------------------------------------

    def number(self, value: int | float) -> str:
        """A number in the locale's style."""
        cache: dict[int | float, str] = self.__dict__.setdefault("_numbers", {})
        found = cache.get(value)
        if found is None:
            found = cache[value] = str(format_decimal(value, locale=self.locale))
        return found

    def percent(self, part: int, whole: int) -> str:
        """A whole-number percentage, or '–' when there is no whole."""
        if whole <= 0:
            return "–"
        return str(format_percent(part / whole, locale=self.locale))

    def local(self, value: str | None) -> datetime | None:
        """An export time in the minutes' time zone."""
        parsed = parse_time(value)
        return parsed.astimezone(self.tz) if parsed else None

    def date(self, value: datetime) -> str:
        """A long date, e.g. '23. marraskuuta 2026'."""
        return str(format_date(value, "long", locale=self.locale))

    def time(self, value: datetime) -> str:
        """A short time, e.g. '13.05'."""
        return str(format_time(value, "short", locale=self.locale))

    def duration(self, minutes: int) -> str:
        """'2 h 15 min' style duration."""
        _ = self._
        hours, rest = divmod(max(0, minutes), 60)
        if hours and rest:
            return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}
        if hours:
            return _("%(hours)d h") % {"hours": hours}
        return _("%(minutes)d min") % {"minutes": rest}

    def localized(self, value: Any) -> str:
        """Kit text in the minutes' language (else the workshop's, Finnish, English, Swedish)."""
        if isinstance(value, dict):
            order = [self.locale, str(self.workshop.get("locale") or ""), "fi", "en", "sv"]
            for key in [*order, *sorted(value)]:
                if value.get(key):
                    return str(value[key]).strip()
            return ""
        return str(value or "").strip()
