"""Stored, editable minutes: generated when a workshop ends, edited by the facilitator,
regenerated without ever throwing edits away, exported in every format."""
