"""Typed SQLAlchemy 2 models. Schema changes go through Alembic migrations."""

from facilitator.models.contribution import Contribution
from facilitator.models.group import Group, Grouping, GroupMember
from facilitator.models.minutes import WorkshopMinutes
from facilitator.models.operation import Operation
from facilitator.models.participant import Participant
from facilitator.models.series import Artefact, ArtefactVersion, Series, SeriesFacilitator
from facilitator.models.user import User
from facilitator.models.workshop import Phase, Workshop

__all__ = [
    "Artefact",
    "ArtefactVersion",
    "Contribution",
    "Group",
    "GroupMember",
    "Grouping",
    "Operation",
    "Participant",
    "Phase",
    "Series",
    "SeriesFacilitator",
    "User",
    "Workshop",
    "WorkshopMinutes",
]
