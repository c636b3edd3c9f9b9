"""Resolve a theme or a PowerPoint template into design tokens and geometry."""
