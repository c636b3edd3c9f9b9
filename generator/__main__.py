"""``python -m generator`` runs the ``deck`` command."""

from .cli import main

if __name__ == "__main__":
    main()
