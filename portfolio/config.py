"""Settings from portfolio.toml, the environment and the command line, resolved once per run."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio.errors import PortfolioError
from portfolio.risk_zones import RiskMatrix

if TYPE_CHECKING:  # read from a config file only when it has them: every command, --help too, loads settings
    from portfolio.dead_band import DeadBand
    from portfolio.import_profile import ImportProfile
    from portfolio.plugin_host import PluginHost

CONFIG_ENV = "PORTFOLIO_CONFIG"
DB_ENV = "PORTFOLIO_DB"
CONFIG_NAME = "portfolio.toml"
LANGUAGES = ("nb", "en")


@dataclass(frozen=True)
class Dimension:
    """One status dimension: a stable key for files and the command line, and its labels."""

    key: str
    nb: str
    en: str

    def label(self, lang: str) -> str:
        return self.nb if lang == "nb" else self.en


DEFAULT_DIMENSIONS: tuple[Dimension, ...] = (
    Dimension("scope", "Avgrensning og innhold", "Scope"),
    Dimension("finance", "Økonomi", "Finance"),
    Dimension("resources", "Ressurser", "Resources"),
    Dimension("schedule", "Fremdrift", "Schedule"),
    Dimension("dependencies", "Eksterne avhengigheter", "External dependencies"),
    Dimension("benefits", "Gevinstarbeid", "Benefits realisation"),
)


class StoredSettings:
    """The database's stored plugin settings, read on first use and kept for the rest of the run."""

    def __init__(self, load: Callable[[], dict[str, dict[str, Any]]]):
        self._load = load
        self._tables: dict[str, dict[str, Any]] | None = None

    def tables(self) -> dict[str, dict[str, Any]]:
        """Every stored table by its scope (one query the first time, none after)."""
        if self._tables is None:
            self._tables = self._load()
        return self._tables

    def get(self, scope: str) -> dict[str, Any] | None:
        return self.tables().get(scope)

    def remember(self, scope: str, value: dict[str, Any] | None) -> None:
        """What this run just stored (None: removed), so that later reads in the run see it."""
        tables = dict(self.tables())
        if value is None:
            tables.pop(scope, None)
        else:
            tables[scope] = value
        self._tables = tables


@dataclass(frozen=True)
class Settings:
    """Everything portfolio.toml configures, with the defaults a fresh install uses."""

    database: str | None = None
    lang: str = "nb"
    dimensions: tuple[Dimension, ...] = DEFAULT_DIMENSIONS
    risk_matrix: RiskMatrix = field(default_factory=RiskMatrix)
    user: str | None = None
    report_sections: tuple[str, ...] = ()
    # A status whose ratings and comments are the same this many months running is flagged.
    unchanged_months: int = 3
    # Dimensions shown month by month in the report's portfolio section; None: finance if configured.
    status_grid: tuple[str, ...] | None = None
    status_grid_months: int = 6
    dead_bands: dict[str, DeadBand] = field(default_factory=dict)  # KPI key -> its band, [report.dead_bands]
    plugins: dict[str, dict[str, Any]] = field(default_factory=dict)
    # [import.profiles.NAME]: the export formats configured here (plugins ship more)
    import_profiles: dict[str, ImportProfile] = field(default_factory=dict)
    source: Path | None = None
    # Plugin settings stored in the database, read on first use (the run's AppContext sets it).
    stored: StoredSettings | None = field(default=None, compare=False, repr=False)

    def plugin_settings(self, name: str) -> dict[str, Any]:
        """A plugin's settings: the ``[plugins.NAME]`` table of portfolio.toml when there is one,
        else the table stored in the database under NAME, else an empty one (the plugin's defaults).
        """
        if name in self.plugins:
            return dict(self.plugins[name])
        stored = self.stored.get(name) if self.stored is not None else None
        return dict(stored) if stored is not None else {}

    def plugin_settings_source(self, name: str) -> str:
        """Where ``plugin_settings(name)`` comes from: "portfolio.toml", "database" or "defaults"."""
        if name in self.plugins:
            return "portfolio.toml"
        if self.stored is not None and self.stored.get(name) is not None:
            return "database"
        return "defaults"

    def dimension_keys(self) -> list[str]:
        return [d.key for d in self.dimensions]

    def grid_dimensions(self) -> tuple[str, ...]:
        """The dimensions of the report's status grid: [report] status_grid, else finance when there is one."""
        if self.status_grid is not None:
            return self.status_grid
        return ("finance",) if "finance" in self.dimension_keys() else ()


def find_config_file(cwd: Path | None = None) -> Path | None:
    """PORTFOLIO_CONFIG, else ./portfolio.toml, else the per-user config folder's file."""
    explicit = os.environ.get(CONFIG_ENV)
    if explicit:
        path = Path(explicit).expanduser()
        if not path.is_file():
            raise PortfolioError(f"{CONFIG_ENV} names '{explicit}', which is not a file")
        return path.absolute()  # messages and 'portfolio info' name it in full, wherever it was given
    local = (cwd or Path.cwd()) / CONFIG_NAME
    if local.is_file():
        return local
    user = user_config_folder() / CONFIG_NAME
    return user if user.is_file() else None


def user_config_folder() -> Path:
    from portfolio.userdirs import user_folder

    return user_folder("config")


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file if there is one; every bad key is reported by name."""
    if path is None:
        path = find_config_file()
    if path is None:
        return Settings()
    import tomllib  # only when there is a file to read

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PortfolioError(f"cannot read config file {path}: {exc}") from None
    return _settings_from(data, path)


def _settings_from(data: dict, path: Path) -> Settings:
    known = {"database", "lang", "dimensions", "risk", "user", "report", "checks", "plugins", "import"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise PortfolioError(f"{path}: unknown setting '{unknown[0]}'; allowed: {', '.join(sorted(known))}")
    database = data.get("database")
    if database is not None and "://" not in str(database):
        database = str((path.parent / Path(str(database)).expanduser()).resolve())
    lang = data.get("lang", "nb")
    if lang not in LANGUAGES:
        raise PortfolioError(f"{path}: lang '{lang}' is not one of {', '.join(LANGUAGES)}")
    dimensions = DEFAULT_DIMENSIONS
    if "dimensions" in data:
        dimensions = _dimensions_from(data["dimensions"], path)
    matrix = RiskMatrix()
    risk = _table(data, "risk", {"matrix"}, path)
    if "matrix" in risk:
        try:
            matrix = RiskMatrix(tuple(str(row) for row in risk["matrix"]))
        except (TypeError, ValueError) as exc:
            raise PortfolioError(f"{path}: risk.matrix: {exc}") from None
    report = _table(data, "report", {"sections", "dead_bands", "status_grid", "status_grid_months"}, path)
    sections = report.get("sections", [])
    if not isinstance(sections, list) or not all(isinstance(k, str) for k in sections):
        raise PortfolioError(f"{path}: report.sections must be a list of section keys")
    dead_bands = _dead_bands_from(report.get("dead_bands", {}), path)
    keys = [d.key for d in dimensions]
    grid = report.get("status_grid")
    if grid is not None and (not isinstance(grid, list) or not all(isinstance(k, str) and k in keys for k in grid)):
        raise PortfolioError(f"{path}: report.status_grid must be a list of dimension keys: {', '.join(keys)}")
    grid_months = _whole_number(report, "report.status_grid_months", 6, 2, 24, path)
    checks = _table(data, "checks", {"unchanged_months"}, path)
    unchanged_months = _whole_number(checks, "checks.unchanged_months", 3, 2, 24, path)
    plugins = data.get("plugins", {})
    if not isinstance(plugins, dict) or not all(isinstance(v, dict) for v in plugins.values()):
        raise PortfolioError(f"{path}: plugins must hold one table per plugin, e.g. [plugins.finance]")
    imports = _table(data, "import", {"profiles"}, path)
    from portfolio.import_profile import profiles_from_table

    try:
        import_profiles = profiles_from_table(imports.get("profiles", {}))
    except ValueError as exc:
        raise PortfolioError(f"{path}: {exc}") from None
    for key in ("user", "database"):
        if key in data and not isinstance(data[key], str):
            raise PortfolioError(f"{path}: {key} must be text in quotes, not {data[key]!r}")
    return Settings(
        database=database,
        report_sections=tuple(sections),
        unchanged_months=unchanged_months,
        status_grid=tuple(grid) if grid is not None else None,
        status_grid_months=grid_months,
        dead_bands=dead_bands,
        plugins=plugins,
        import_profiles=import_profiles,
        lang=lang,
        dimensions=dimensions,
        risk_matrix=matrix,
        user=data.get("user"),
        source=path,
    )


def check_plugin_names(settings: Settings, host: PluginHost, absent: Callable[[], Collection[str]] = set) -> None:
    """Refuse a ``[report.dead_bands]`` key or an import profile's ``for`` that no loaded plugin
    declares (``portfolio_dead_bands``, ``portfolio_import_kinds``), naming the file and what is
    allowed: a misspelt one would otherwise leave its band, or its profile, silently unused.

    Called once the plugins are loaded; each hook is called only when the file has such a name.
    A name whose first part is a plugin installed but not loaded now (``absent()``: switched off
    with PORTFOLIO_DISABLE_PLUGINS, or failing to load) is let be: that plugin is not here to say.
    """
    if settings.dead_bands:
        keys = _declared(host, "portfolio_dead_bands", dict)
        unknown = _undeclared(settings.dead_bands, keys, absent)
        if unknown:
            raise PortfolioError(
                f"{settings.source}: report.dead_bands: unknown key '{unknown}'; allowed: {_allowed(keys)}"
            )
    targets = {profile.target: name for name, profile in settings.import_profiles.items() if profile.target}
    if targets:
        kinds = _declared(host, "portfolio_import_kinds", str)
        unknown = _undeclared(targets, kinds, absent)
        if unknown:
            raise PortfolioError(
                f"{settings.source}: import.profiles.{targets[unknown]}.for: '{unknown}' is not an import; "
                f"allowed: {_allowed(kinds)}"
            )


def _declared(host: PluginHost, hook: str, expect: type) -> set[str]:
    """Every name the loaded plugins return from ``hook``: a mapping's keys, or a list's items."""
    names: set[str] = set()
    for contribution in host.call(hook, expect=expect):
        value = contribution.value
        names.update(str(name) for name in (value if isinstance(value, dict | list | tuple) else [value]))
    return names


def _undeclared(names: Iterable[str], declared: set[str], absent: Callable[[], Collection[str]]) -> str | None:
    """The first of ``names`` that is not declared and not of an absent plugin, or None."""
    unknown = sorted(set(names) - declared)
    if not unknown:
        return None
    away = absent()
    return next((name for name in unknown if name.split(".", 1)[0] not in away), None)


def _allowed(declared: set[str]) -> str:
    return ", ".join(sorted(declared)) or "none (no loaded plugin declares any)"


def _whole_number(table: dict, name: str, default: int, low: int, high: int, path: Path) -> int:
    value = table.get(name.rsplit(".", 1)[-1], default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise PortfolioError(f"{path}: {name} must be a whole number from {low} to {high}, not {value!r}")
    return value


def _table(data: dict, name: str, allowed: set[str], path: Path) -> dict:
    """A [name] table of the config file, refusing keys nobody reads (most likely typos)."""
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise PortfolioError(f"{path}: {name} must be a table, [{name}]")
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise PortfolioError(f"{path}: unknown setting '{name}.{unknown[0]}'; allowed: {', '.join(sorted(allowed))}")
    return table


def _dead_bands_from(table: object, path: Path) -> dict[str, DeadBand]:
    """``[report.dead_bands]``: KPI key -> a number in the figure's unit, or "N%" of the month before."""
    if not isinstance(table, dict):
        raise PortfolioError(f"{path}: report.dead_bands must be a table, [report.dead_bands]")
    from portfolio.dead_band import parse_dead_band

    try:
        return {str(key): parse_dead_band(value, f"report.dead_bands.{key}") for key, value in table.items()}
    except ValueError as exc:
        raise PortfolioError(f"{path}: {exc}") from None


def _dimensions_from(items: object, path: Path) -> tuple[Dimension, ...]:
    if not isinstance(items, list) or not items:
        raise PortfolioError(f"{path}: dimensions must be a non-empty list of tables")
    result = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not {"key", "nb", "en"} <= set(item):
            raise PortfolioError(f"{path}: dimension {number} needs key, nb and en")
        unknown = sorted(set(item) - {"key", "nb", "en"})
        if unknown:  # a misspelling, or a field that would be silently ignored
            raise PortfolioError(f"{path}: dimension {number}: unknown key '{unknown[0]}'; allowed: key, nb, en")
        key = str(item["key"])
        if not key.isidentifier() or key != key.lower():
            raise PortfolioError(f"{path}: dimension key '{key}' must be lower-case letters")
        result.append(Dimension(key, str(item["nb"]), str(item["en"])))
    keys = [d.key for d in result]
    if len(set(keys)) != len(keys):
        raise PortfolioError(f"{path}: dimension keys repeat: {', '.join(keys)}")
    return tuple(result)


def default_database_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("portfolio")) / "portfolio.db"


def resolve_database(option: str | None, settings: Settings) -> str:
    """The database URL: --db, then PORTFOLIO_DB, then the config file, then the per-user file."""
    value = option or os.environ.get(DB_ENV) or settings.database
    if not value:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{path}"
    return database_url(value)


_LIBPQ_KEYWORD = r"^\s*(?:host|hostaddr|port|dbname|user|password|sslmode|service)\s*="


def database_url(value: str) -> str:
    """A file path becomes a SQLite URL; anything with '://' is taken as a SQLAlchemy URL.

    A libpq connection string ('host=db dbname=x password=...') is refused, not taken for a
    file of that name: the message names it without its password.
    """
    if "://" in value:
        return value
    if re.match(_LIBPQ_KEYWORD, value, flags=re.I):
        from portfolio.errors import DatabaseError
        from portfolio.redact import safe_url

        raise DatabaseError(
            f"'{safe_url(value)}' is a libpq connection string, not a database URL or file path; "
            "write it as a URL: postgresql+psycopg://user:password@host:5432/dbname"
        )
    return f"sqlite:///{Path(value).expanduser().resolve()}"
