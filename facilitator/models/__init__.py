"""Typed SQLAlchemy 2 models. Schema changes go through Alembic migrations."""

from facilitator.models.contribution import Contribution
from facilitator.models.minutes import WorkshopMinutes
from facilitator.models.operation import Operation
from facilitator.models.participant import Participant
from facilitator.models.user import User
from facilitator.models.workshop import Phase, Workshop

__all__ = [
    "Contribution",
    "Operation",
    "Participant",
    "Phase",
    "User",
    "Workshop",
    "WorkshopMinutes",
]
