"""``python -m portfolio`` runs the same CLI as the ``portfolio`` command."""

from portfolio.cli import run

if __name__ == "__main__":
    run()
