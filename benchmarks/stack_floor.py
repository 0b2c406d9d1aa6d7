"""What every read command pays before it reads a row: the stack's start, and no work.

    python -m benchmarks.stack_floor DB_URL

Reads the settings, loads the plugins, opens a read session on an up-to-date database (the same
``AppContext.reading`` the commands use, with its check that every migration is applied) and
asks it one ``SELECT 1``. That is Python, click (`portfolio.cli`), pluggy, SQLAlchemy, SQLModel, pydantic, the
core's and the plugins' tables, and a connection. The benchmark shows it beside the raw readers
of the demo and of 1,000 projects (no target): a read command cannot be faster than this while
it reads through the ORM, so a target below it cannot be met by its rows.
"""

from __future__ import annotations

import sys


def main() -> None:
    # as the `portfolio` command starts and ends (portfolio.cli.main and run): the cycle
    # collector's threshold raised, and an exit without unloading every module, which would cost
    # the floor 100-200 ms the command does not pay
    from portfolio.cli import collect_garbage_less_often, exit_at_once

    collect_garbage_less_often()
    from sqlalchemy import text

    from portfolio.config import load_settings
    from portfolio.context import AppContext
    from portfolio.plugins import load_plugins

    url = sys.argv[1]
    app = AppContext(load_settings(), load_plugins(), url if "://" in url else f"sqlite:///{url}", "benchmark")
    with app.reading() as session:
        session.execute(text("SELECT 1")).scalar_one()
    app.dispose()
    exit_at_once(0)


if __name__ == "__main__":
    main()
