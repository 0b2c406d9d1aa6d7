"""``python -m portfolio`` runs the same CLI as the ``portfolio`` command."""

from portfolio.cli import main

if __name__ == "__main__":
    main()
