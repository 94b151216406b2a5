"""Small write functions: they add and flush, never commit (the caller's transaction does)."""
