"""Export formats, one small module each."""
