"""Rebuild on save and serve the HTML with live reload."""
