"""Who is on a connection: fixed at connect, kept in the socket session, never from payloads."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.methods.base import FACILITATOR, PARTICIPANT, PROJECTOR


@dataclass(frozen=True)
class Seat:
    """The workshop, role and identity of one connection."""

    workshop_id: int
    role: str
    participant_id: int | None = None
    user_id: int | None = None
    locale: str = "fi"

    @property
    def actor(self) -> str:
        """The key under which this seat's operation ids are kept."""
        if self.role == PARTICIPANT:
            return f"p:{self.participant_id}"
        if self.role == FACILITATOR:
            return f"u:{self.user_id}"
        return PROJECTOR

    @property
    def key(self) -> tuple[int, str]:
        """The seat across its connections (budgets and connection counts are per seat)."""
        return (self.workshop_id, self.actor)

    @property
    def is_staff(self) -> bool:
        """Facilitators see everything, including hidden and unrevealed notes."""
        return self.role == FACILITATOR


def public_room(workshop_id: int) -> str:
    """Participants and projectors: the public projection of every event."""
    return f"w{workshop_id}:public"


def projector_room(workshop_id: int) -> str:
    """Big screens: the public projection, sent before the phones' room so the screen the whole
    room watches never waits behind hundreds of phones."""
    return f"w{workshop_id}:projector"


def room_for(seat: Seat) -> str:
    """The one room a connection joins."""
    if seat.is_staff:
        return staff_room(seat.workshop_id)
    if seat.role == PROJECTOR:
        return projector_room(seat.workshop_id)
    return public_room(seat.workshop_id)


def staff_room(workshop_id: int) -> str:
    """Facilitator consoles: the full projection of every event."""
    return f"w{workshop_id}:staff"
