"""aiprov package."""
