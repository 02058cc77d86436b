"""The first-time setup wizard: one page class per step."""
