"""Import profiles in use: finding the one an import names, and reading a file's columns with it.

One implementation for every section's import. A plugin's import command takes ``--profile
NAME`` and ``--strict-columns`` (``profile_options``); the file may name its profile in a header
line (``# profile: ledger``). ``resolve_profile`` finds it among the configured profiles
(``[import.profiles.NAME]``) and those the plugins ship (``portfolio_import_profiles``), and
``map_columns`` maps the export's header to the import's columns: renamed by the profile,
ignored when the profile lists them, and extra columns ignored with a notice (refused with
``--strict-columns``). Values are read with the profile's conventions (``profile.number``,
``profile.date``), which are ``portfolio.parsing``'s rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from portfolio.errors import PortfolioError
from portfolio.import_profile import ImportProfile, column_key
from portfolio.importers.csvfile import CsvTable, open_csv_lists, read_csv

if TYPE_CHECKING:
    from portfolio.config import Settings
    from portfolio.context import AppContext
    from portfolio.plugin_host import PluginHost

# '# profile: ledger' in a file's header lines, as status templates name their month
_NAMED = re.compile(r"^#\s*profile\s*:\s*(?P<name>\S+)\s*$", re.IGNORECASE)
NATIVE = ImportProfile("native", description="the import's own columns and the strict rules", origin="portfolio")


def shipped_profiles(host: PluginHost) -> dict[str, ImportProfile]:
    """The profiles the plugins ship, by name; a name shipped twice keeps the first plugin's."""
    found: dict[str, ImportProfile] = {}
    for contribution in host.call("portfolio_import_profiles", expect=ImportProfile):
        items = contribution.value if isinstance(contribution.value, list) else [contribution.value]
        for profile in items:
            if profile.name in found:
                host.warn(
                    f"plugin '{contribution.plugin}' ships import profile '{profile.name}', "
                    f"which '{found[profile.name].origin}' ships too; the first is used"
                )
                continue
            found[profile.name] = profile
    return found


def all_profiles(settings: Settings, host: PluginHost) -> dict[str, ImportProfile]:
    """Every profile by name: the shipped ones, each replaced by a configured one of its name."""
    return {**shipped_profiles(host), **settings.import_profiles}


def named_in(comments: Iterable[tuple[int, str]]) -> tuple[str, int] | None:
    """The profile a file names in its header lines ('# profile: NAME'), with the line."""
    for line, text in comments:
        match = _NAMED.match(text.strip())
        if match:
            return match["name"], line
    return None


def resolve_profile(
    app: AppContext,
    *,
    target: str,
    option: str | None,
    source: str = "",
    comments: Iterable[tuple[int, str]] = (),
) -> ImportProfile | None:
    """The profile an import uses: ``--profile``, else the file's '# profile:' line, else None.

    Refused, in one line: a name no profile has (the known ones listed), a profile made for
    another import, and a file whose header names another profile than ``--profile``.
    """
    in_file = named_in(comments)
    name = option
    if in_file is not None:
        if option is not None and in_file[0] != option:
            raise PortfolioError(
                f"{source}: line {in_file[1]} names profile '{in_file[0]}', but --profile says '{option}'"
            )
        name = in_file[0]
    if name is None:
        return None
    profiles = all_profiles(app.settings, app.host)
    profile = profiles.get(name)
    where = f"{source}: line {in_file[1]}: " if in_file is not None and option is None else ""
    if profile is None:
        fitting = sorted(n for n, p in profiles.items() if p.target in (None, target))
        allowed = ", ".join(fitting) or "none"
        raise PortfolioError(
            f"{where}no import profile '{name}'; profiles for {target}: {allowed} ('portfolio import profiles')"
        )
    if profile.target is not None and profile.target != target:
        raise PortfolioError(f"{where}profile '{name}' is for {profile.target} imports, not {target}")
    return profile


@dataclass(frozen=True)
class ColumnMap:
    """An export's header mapped to the import's columns.

    ``columns``: the import's column -> the file's column as written; ``ignored``: the file's
    columns this import does not read and the profile does not list (named by ``notice``).
    """

    source: str
    columns: Mapping[str, str]
    ignored: tuple[str, ...] = ()

    def __getitem__(self, name: str) -> str:
        return self.columns[name]

    def __contains__(self, name: object) -> bool:
        return name in self.columns

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.columns.get(name, default)

    @property
    def notice(self) -> str | None:
        """One line naming the ignored columns, or None."""
        if not self.ignored:
            return None
        noun = "column" if len(self.ignored) == 1 else "columns"
        return (
            f"{self.source}: ignored {noun} this import does not read: {', '.join(self.ignored)} "
            "(--strict-columns refuses them)"
        )


def map_columns(
    source: str,
    header: Sequence[str],
    profile: ImportProfile | None,
    known: Sequence[str],
    *,
    required: Sequence[str] = (),
    aliases: Mapping[str, str] | None = None,
    strict: bool = False,
) -> ColumnMap:
    """Map ``header`` to the import's ``known`` columns through ``profile`` (None: as written).

    A column is the profile's rename of it, else its alias, else itself when the import knows
    it; names match ignoring case, spacing, '_' and '-'. A column the profile lists under
    ``ignore`` is dropped; any other unknown column is ignored with ``notice`` when there is a
    profile, and refused when there is none, with ``strict`` or the profile's strict_columns.
    Two columns for one, or a required column missing, are refused naming the file and column.
    """
    wanted = {column_key(name): name for name in known}
    renames = dict(profile.columns) if profile is not None else {}
    aliases = aliases or {}
    found: dict[str, str] = {}
    ignored: list[str] = []
    unknown: list[str] = []
    for name in header:
        key = column_key(name)
        if profile is not None and key in profile.ignore:
            continue
        target = renames.get(key) or aliases.get(key) or key
        canonical = wanted.get(target)
        if canonical is None:
            if key in renames and profile is not None:
                raise PortfolioError(
                    f"{source}: profile '{profile.name}' maps column '{name}' to '{target}', which this "
                    f"import does not read; it reads {', '.join(known)}"
                )
            unknown.append(name)
            continue
        if canonical in found:
            raise PortfolioError(f"{source}: columns '{found[canonical]}' and '{name}' both give {canonical}")
        found[canonical] = name
    if unknown and (profile is None or strict or profile.strict_columns):
        hint = "" if profile is None else f" (profile '{profile.name}'; list it under ignore to drop it)"
        raise PortfolioError(f"{source}: unknown column '{unknown[0]}'; allowed: {', '.join(known)}{hint}")
    ignored = unknown
    missing = [name for name in required if name not in found]
    if missing:
        renamed = (
            f"; profile '{profile.name}' renames {', '.join(f'{k} -> {v}' for k, v in renames.items())}"
            if profile is not None and renames
            else ""
        )
        raise PortfolioError(f"{source}: missing column '{missing[0]}'; required: {', '.join(required)}{renamed}")
    return ColumnMap(source, found, tuple(ignored))


@dataclass(frozen=True)
class ProfiledCsv:
    """A CSV export read through its profile: rows keyed by the import's own column names.

    ``profile`` is the one in force (``NATIVE`` when none was named), ``columns`` the header's
    map (``columns["opened"]`` is the file's own name, for messages), and ``rows`` yields
    ``(line, {import column: text})`` as the file is read, without the ignored columns.
    """

    source: str
    profile: ImportProfile
    columns: ColumnMap
    rows: Iterator[tuple[int, dict[str, str]]]

    def where(self, line: int, column: str) -> str:
        """'line 5, column Opprettet': the place of a value, with the file's own column name."""
        return f"line {line}, column {self.columns.get(column, column)}"


def open_profiled_csv(
    app: AppContext,
    path: Path,
    *,
    target: str,
    known: Sequence[str],
    required: Sequence[str] = (),
    profile: str | None = None,
    strict_columns: bool = False,
    aliases: Mapping[str, str] | None = None,
) -> ProfiledCsv:
    """Open a CSV export, find its profile (``profile`` or its '# profile:' line) and map its
    columns; the rows are read as they are asked for, so memory does not grow with the file."""
    stream, lists = open_csv_lists(path, comment="#", header_comments=True)
    chosen = resolve_profile(app, target=target, option=profile, source=stream.source, comments=stream.comments)
    columns = map_columns(
        stream.source, stream.header, chosen, known, required=required, aliases=aliases, strict=strict_columns
    )
    return ProfiledCsv(stream.source, chosen or NATIVE, columns, _keyed(stream.header, lists, columns))


def _keyed(
    header: Sequence[str], lists: Iterator[tuple[int, list[str]]], columns: ColumnMap
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row as a dict of the import's columns alone, made from the cells by position."""
    positions = {name: header.index(written) for name, written in columns.columns.items()}
    names, indexes = list(positions), list(positions.values())
    for line, cells in lists:
        yield line, dict(zip(names, [cells[i] for i in indexes], strict=True))


def profile_rows(profiles: Mapping[str, ImportProfile], configured: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows of ``portfolio import profiles``: each profile with what it is for and does."""
    rows = []
    for name in sorted(profiles):
        profile = profiles[name]
        renames = ", ".join(f"{k} -> {v}" for k, v in profile.columns.items())
        rows.append(
            {
                "name": name,
                "for": profile.target or "any",
                "origin": "portfolio.toml" if name in configured else profile.origin,
                "columns": renames,
                "ignore": ", ".join(sorted(profile.ignore)),
                "conventions": profile.describe_conventions(),
                "description": profile.description,
            }
        )
    return rows


def keyed_table(table: CsvTable, columns: ColumnMap) -> CsvTable:
    """``table`` with its header and rows renamed to the import's columns, ignored ones dropped:
    for an importer that reads a ``CsvTable`` by its own column names."""
    pairs = list(columns.columns.items())
    rows = [(line, {name: values[header] for name, header in pairs}) for line, values in table.rows]
    return CsvTable(table.source, [name for name, _header in pairs], rows, table.comments)


def read_profiled_csv(
    app: AppContext,
    path: Path,
    *,
    target: str,
    known: Sequence[str],
    required: Sequence[str] = (),
    profile: str | None = None,
    strict_columns: bool = False,
    notices: list[str] | None = None,
) -> CsvTable:
    """The whole file as ``read_csv`` reads it, through its profile when one is named
    (``--profile`` or '# profile:'): then keyed by the import's columns, extra columns ignored
    with a notice appended to ``notices``. Without a profile the table is returned as read."""
    table = read_csv(path, comment="#", header_comments=True)
    chosen = resolve_profile(app, target=target, option=profile, source=table.source, comments=table.comments)
    if chosen is None:
        return table
    columns = map_columns(table.source, table.header, chosen, known, required=required, strict=strict_columns)
    if columns.notice and notices is not None:
        notices.append(columns.notice)
    return keyed_table(table, columns)
