"""Loading the demo data sets of the core and the plugins, each on its own."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlmodel import Session

    from portfolio.context import AppContext


def load_demo_sets(session: Session, app: AppContext, *, skip: Collection[str] = ()) -> list[str]:
    """Call every plugin's ``portfolio_demo`` (but those named in ``skip``) in a savepoint of its
    own: a plugin that fails leaves none of its rows and is named in a warning, the others load.
    Returns the names of the plugins whose data was loaded."""
    loaded = []
    for plugin_name, impl in app.host.implementations("portfolio_demo"):
        if plugin_name in skip:
            continue
        savepoint = session.begin_nested()
        try:
            impl.function(**{k: v for k, v in {"session": session, "app": app}.items() if k in impl.argnames})
            session.flush()
        except Exception as exc:  # one plugin's broken demo must not stop the others
            savepoint.rollback()
            app.host.report(f"plugin '{plugin_name}' failed in portfolio_demo: {type(exc).__name__}: {exc}")
            continue
        savepoint.commit()
        loaded.append(plugin_name)
    return loaded
