"""Session kits: declarative YAML workshops validated at start-up."""

from facilitator.kits.loader import KitError, load_kit_file, load_kits
from facilitator.kits.schema import Kit, LocalizedText, PhaseSpec

__all__ = ["Kit", "KitError", "LocalizedText", "PhaseSpec", "load_kit_file", "load_kits"]
