"""Automatic minutes: a pure function from a workshop export to summary blocks."""
