"""The stored minutes of a workshop: generated text, the facilitator's edited text, and what was
entered by hand (decisions, next steps). Regenerating never overwrites edits: a new generated
text waits in ``proposed`` beside the edited one until the facilitator chooses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.extensions import db
from facilitator.models.types import JSONDict, UTCDateTime, utcnow


class WorkshopMinutes(db.Model):  # type: ignore[name-defined,misc]
    """One workshop's minutes (muistio) as Markdown, in one language."""

    __tablename__ = "minutes"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshops.id", ondelete="CASCADE"), unique=True
    )
    locale: Mapped[str] = mapped_column(String(5), default="fi")
    # The text as last generated: the baseline that tells whether ``body`` was edited.
    generated: Mapped[str] = mapped_column(Text, default="")
    # The text the facilitator sees, edits and exports.
    body: Mapped[str] = mapped_column(Text, default="")
    # A newer generated text shown beside edited minutes, until accepted or dismissed.
    proposed: Mapped[str | None] = mapped_column(Text, default=None)
    # The language of ``proposed`` (the facilitator may regenerate in another language).
    proposed_locale: Mapped[str | None] = mapped_column(String(5), default=None)
    # The SVGs of the figures in the texts above, by key (the text says ``figure:<key>``).
    figures: Mapped[dict[str, Any]] = mapped_column(JSONDict, default=dict)
    decisions: Mapped[list[Any]] = mapped_column(JSONDict, default=list)
    next_steps: Mapped[list[Any]] = mapped_column(JSONDict, default=list)
    # Themes named from the automatic suggestions: [{"phase", "name", "notes": [ids]}].
    themes: Mapped[list[Any]] = mapped_column(JSONDict, default=list, server_default="[]")
    shared: Mapped[bool] = mapped_column(default=False)
    generated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    @property
    def edited(self) -> bool:
        """True when the facilitator changed the text after it was generated."""
        return self.body != self.generated
