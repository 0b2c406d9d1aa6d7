"""What one run of the CLI works with: settings, plugins, the database and the acting user."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from portfolio.acting_user import USER_ENV, check_user
from portfolio.config import Settings, resolve_database

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

    from portfolio.plugin_host import PluginHost


@dataclass
class AppContext:
    """One run's settings, plugins, database and acting user."""

    settings: Settings
    host: PluginHost
    db_option: str | None = None
    user_option: str | None = None
    _engine: Engine | None = field(default=None, repr=False)
    _schema_checked: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        # Plugins see the settings stored in the database where portfolio.toml has none
        # (Settings.plugin_settings); they are read once, when a plugin first asks.
        if self.settings.stored is None:
            from portfolio.config import StoredSettings

            self.settings = replace(self.settings, stored=StoredSettings(self._read_stored))

    def _read_stored(self) -> dict[str, dict]:
        from portfolio.stored_settings import read_stored

        return read_stored(self.engine)

    @property
    def url(self) -> str:
        return resolve_database(self.db_option, self.settings)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from portfolio.database import make_engine

            self._engine = make_engine(self.url)
        return self._engine

    @property
    def user(self) -> str:
        """Who is acting: --as, then PORTFOLIO_USER, then the config file, then the OS user."""
        if self.user_option:
            return check_user(self.user_option, "--as")
        if os.environ.get(USER_ENV):
            return check_user(os.environ[USER_ENV], USER_ENV)
        if self.settings.user:
            return check_user(self.settings.user, "user in portfolio.toml")
        return check_user(_os_user(), "the user name of the operating system")

    def check_schema(self) -> None:
        if not self._schema_checked:
            from portfolio.schema import ensure_current

            ensure_current(self.engine, self.host)
            self._schema_checked = True

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session on an up-to-date database, for commands that only read."""
        from portfolio.database import read_session

        self.check_schema()
        with read_session(self.engine) as session:
            yield session

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """One all-or-nothing transaction on an up-to-date database."""
        from portfolio.database import write_session

        self.check_schema()
        with write_session(self.engine, self.user) as session:
            yield session

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def _os_user() -> str:
    import getpass  # here: it loads termios, which no command needs until it records a change

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
