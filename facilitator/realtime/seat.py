"""Who is on a connection: fixed at connect, kept in the socket session, never from payloads."""

from __future__ import annotations

from dataclasses import dataclass

#: The role of a seat: who is on a connection (not what a participant says of themselves,
#: which is their *stated* role).
PARTICIPANT = "participant"
FACILITATOR = "facilitator"
PROJECTOR = "projector"
ROLES = (PARTICIPANT, FACILITATOR, PROJECTOR)


@dataclass(frozen=True)
class Seat:
    """The workshop, role and identity of one connection."""

    workshop_id: int
    role: str
    participant_id: int | None = None
    user_id: int | None = None
    locale: str = "fi"
    #: The participant's group of people when the seat was (re)made: decides the connection's
    #: group room. Actions read the group from the database, so a move counts at once.
    group_id: int | None = None

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


def group_room(workshop_id: int, group_id: int) -> str:
    """The phones of one group of people."""
    return f"w{workshop_id}:g{group_id}"


def person_room(workshop_id: int, participant_id: int) -> str:
    """The phones of one participant (a person may have the room open on two devices)."""
    return f"w{workshop_id}:p{participant_id}"


def rooms_for(seat: Seat) -> list[str]:
    """The rooms a connection is in: its audiences, which follow its seat."""
    if seat.is_staff:
        return [staff_room(seat.workshop_id)]
    if seat.role == PROJECTOR:
        return [projector_room(seat.workshop_id)]
    rooms = [public_room(seat.workshop_id)]
    if seat.participant_id is not None:
        rooms.append(person_room(seat.workshop_id, seat.participant_id))
    if seat.group_id is not None:
        rooms.append(group_room(seat.workshop_id, seat.group_id))
    return rooms


def staff_room(workshop_id: int) -> str:
    """Facilitator consoles: the full projection of every event."""
    return f"w{workshop_id}:staff"
