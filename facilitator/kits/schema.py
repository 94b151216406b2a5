"""The kit format (see session_kits/README.md). Pure pydantic: no Flask."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

LOCALES = ("fi", "sv", "en")

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,79}$")]


class LocalizedText(BaseModel):
    """Text in Finnish (required), Swedish and English (fall back to Finnish when missing)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fi: str
    sv: str = ""
    en: str = ""

    def get(self, locale: str) -> str:
        """The text in ``locale``, else Finnish."""
        return getattr(self, locale, "") or self.fi

    def missing(self) -> list[str]:
        """Locales that fall back to Finnish."""
        return [loc for loc in LOCALES if not getattr(self, loc)]


def _localize(value: Any) -> Any:
    return {"fi": value, "sv": value, "en": value} if isinstance(value, str) else value


class PhaseSpec(BaseModel):
    """One phase of a kit: a method, its question and its config."""

    model_config = ConfigDict(extra="forbid")

    id: Key
    method: str
    title: LocalizedText
    question: LocalizedText = LocalizedText(fi="")
    minutes: int | None = Field(default=None, ge=1, le=600)
    #: Each group of people works on its own wall (for methods that run per group).
    per_group: bool = False
    config: dict[str, Any] = Field(default_factory=dict)

    _loc_title = field_validator("title", "question", mode="before")(_localize)


class Kit(BaseModel):
    """A whole workshop: title, description and ordered phases."""

    model_config = ConfigDict(extra="forbid")

    id: Key
    version: int = 1
    title: LocalizedText
    description: LocalizedText = LocalizedText(fi="")
    phases: list[PhaseSpec] = Field(min_length=1, max_length=50)

    _loc = field_validator("title", "description", mode="before")(_localize)

    @field_validator("phases")
    @classmethod
    def _unique_phase_ids(cls, phases: list[PhaseSpec]) -> list[PhaseSpec]:
        seen: set[str] = set()
        for phase in phases:
            if phase.id in seen:
                raise ValueError(f"phase id {phase.id!r} appears twice")
            seen.add(phase.id)
        return phases
