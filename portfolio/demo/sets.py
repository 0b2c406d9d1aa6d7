"""Loading the demo data sets of the core and the plugins, each on its own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.context import AppContext


def load_demo_sets(session: Session, app: AppContext) -> list[str]:
    """Call every plugin's ``portfolio_demo`` (the core's first) in a savepoint of its
    own: a plugin that fails leaves none of its rows and is named in a warning, the others load.
    Returns the names of the plugins whose data was loaded, in the order they were loaded (the
    core first, then the installed ones), as ``portfolio plugins`` lists them."""
    from portfolio.database import savepoint_per_plugin

    loaded: list[str] = []
    savepoint = savepoint_per_plugin(session)

    @contextmanager
    def isolate(plugin: str) -> Iterator[None]:
        with savepoint(plugin):
            yield
            session.flush()  # a plugin's bad row fails inside its own savepoint
        loaded.append(plugin)

    app.host.call("portfolio_demo", session=session, app=app, isolate=isolate)
    return [name for name in app.host.names() if name in loaded]
