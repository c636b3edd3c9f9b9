"""CLI sub-commands beyond ``build`` and ``schema``, one module per command family (CLI layer)."""
