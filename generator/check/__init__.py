"""Lint decks (text, spelling, accessibility) without building them."""
