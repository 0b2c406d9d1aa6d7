"""Each hook, called where the core really calls it, keeps pluggy's semantics and contains failures.

For every hook a family of four plugins is registered: ``first`` (``tryfirst=True``), ``last``
(``trylast=True``), ``broken`` (raises) and ``wrap`` (``wrapper=True``). Each test checks that
pluggy's order holds (the wrapper around everything, ``first`` before ``last``), that both good
plugins' contributions arrive, and that the broken one is named in exactly one warning naming
plugin, hook and exception while the others still count. ``test_plugin_api`` requires a
``test_hook_<name>`` here for every hook in ``portfolio.hookspecs``.
"""

from __future__ import annotations

import json
import re
import types
from collections.abc import Callable, Iterator
from typing import Any

import click
import pytest

from portfolio import hookimpl
from portfolio.evidence import Evidence
from portfolio.findings import Finding
from portfolio.import_profile import ImportProfile
from portfolio.plugins import load_plugins
from portfolio.report.blocks import Paragraph
from portfolio.report.sections import SectionSpec, locale_folders
from portfolio.round_items import RoundItem
from portfolio.schema import full_metadata, version_locations
from tests.helpers import ok


def family(hook: str, argnames: str, contribute: Callable[..., Any], log: list[str]) -> list[tuple[str, Any]]:
    """The four plugins for ``hook``: each takes the arguments in ``argnames`` (comma-separated)
    and ``contribute(name, *args)`` makes the good ones' results."""
    params = [a.strip() for a in argnames.split(",") if a.strip()]
    signature = ", ".join(params)

    def implementation(name: str, **options: Any) -> Any:
        namespace: dict[str, Any] = {"log": log, "contribute": contribute, "name": name}
        if name == "broken":
            body = f"    log.append('broken')\n    raise RuntimeError('{hook} broke')\n"
        elif name == "wrap":
            body = (
                "    log.append('wrap-before')\n    result = yield\n    log.append('wrap-after')\n    return result\n"
            )
        else:
            body = f"    log.append(name)\n    return contribute(name, {signature})\n"
        exec(f"def {hook}({signature}):\n{body}", namespace)
        return hookimpl(**options)(namespace[hook])

    plugins = {
        "first": implementation("first", tryfirst=True),
        "last": implementation("last", trylast=True),
        "broken": implementation("broken"),
        "wrap": implementation("wrap", wrapper=True),
    }
    return [(name, types.SimpleNamespace(**{hook: function})) for name, function in plugins.items()]


def assert_pluggy_order(log: list[str]) -> None:
    calls = [entry for entry in log if entry in {"first", "last", "broken", "wrap-before", "wrap-after"}]
    assert calls[0] == "wrap-before" and calls[-1] == "wrap-after", calls
    assert calls.index("first") < calls.index("broken") < calls.index("last"), calls


def assert_named_once(stderr: str | list[str], hook: str) -> None:
    text = stderr if isinstance(stderr, str) else "\n".join(stderr)
    assert text.count(f"plugin 'broken' failed in {hook}: RuntimeError: {hook} broke") == 1, text


def host_with(plugins: list[tuple[str, Any]]) -> tuple[Any, list[str]]:
    warnings: list[str] = []
    return load_plugins(extra=plugins, entry_points=[], warn=warnings.append), warnings


# ---------------------------------------------------------------------------------------- hooks


def test_hook_portfolio_register_commands(migrated) -> None:
    log: list[str] = []

    def contribute(name: str, cli: click.Group) -> None:
        cli.add_command(click.Command(f"{name}-cmd", callback=lambda: click.echo(name), help=f"From {name}."))

    result = ok(migrated("--help", plugins=family("portfolio_register_commands", "cli", contribute, log)))
    assert "first-cmd" in result.stdout and "last-cmd" in result.stdout
    assert_pluggy_order(log)
    assert_named_once(result.stderr, "portfolio_register_commands")


def test_hook_portfolio_migrations(tmp_path) -> None:
    log: list[str] = []
    folders = {"first": tmp_path / "first", "last": tmp_path / "last"}
    host, warnings = host_with(family("portfolio_migrations", "", lambda name: str(folders[name]), log))
    locations = version_locations(host)
    assert locations[1:] == [str(folders["first"]), str(folders["last"])]  # the core's own come first
    assert_pluggy_order(log)
    assert_named_once(warnings, "portfolio_migrations")


def test_hook_portfolio_models() -> None:
    from portfolio.models import Program

    log: list[str] = []
    host, warnings = host_with(family("portfolio_models", "", lambda name: [Program], log))
    assert "program" in full_metadata(host).tables
    assert_pluggy_order(log)
    assert_named_once(warnings, "portfolio_models")


def test_hook_portfolio_demo(migrated) -> None:
    log: list[str] = []

    def contribute(name: str, session: Any) -> None:
        from portfolio.models import Program

        session.add(Program(code=name.upper(), name=f"Demo of {name}"))

    def broken_writes_first(plugins: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
        # The broken plugin writes a row before it raises: its savepoint must take the row back.
        def portfolio_demo(session: Any) -> None:
            from portfolio.models import Program

            log.append("broken")
            session.add(Program(code="BROKEN", name="Half-written"))
            session.flush()
            raise RuntimeError("portfolio_demo broke")

        return [
            (n, types.SimpleNamespace(portfolio_demo=hookimpl(portfolio_demo)) if n == "broken" else p)
            for n, p in plugins
        ]

    plugins = broken_writes_first(family("portfolio_demo", "session", contribute, log))
    result = ok(migrated("demo", plugins=plugins))
    loaded = result.stdout.split("(", 1)[1].split(")", 1)[0].split(", ")
    assert loaded[0] == "core" and {"first", "last"} <= set(loaded) and "broken" not in loaded
    ok(migrated("program", "show", "FIRST"))
    ok(migrated("program", "show", "LAST"))
    assert migrated("program", "show", "BROKEN").exit_code == 1
    assert_pluggy_order(log)
    assert_named_once(result.stderr, "portfolio_demo")


def test_hook_portfolio_checks(migrated) -> None:
    log: list[str] = []

    def contribute(name: str, period: Any) -> list[Finding]:
        return [Finding("info", f"{name}-check", f"{name} looked at {period}")]

    result = ok(
        migrated(
            "check",
            "--period",
            "2024-01",
            "--format",
            "json",
            plugins=family("portfolio_checks", "period", contribute, log),
        )
    )
    rows = {(row["plugin"], row["code"]) for row in json.loads(result.stdout)}
    assert {("first", "first-check"), ("last", "last-check")} <= rows
    assert_pluggy_order(log)
    assert_named_once(result.stderr, "portfolio_checks")


def test_hook_portfolio_round_items(migrated) -> None:
    log: list[str] = []

    def contribute(name: str, period: Any) -> list[RoundItem]:
        return [RoundItem(f"{name} figures", True, f"for {period}")]

    result = ok(
        migrated("round", "--period", "2024-01", plugins=family("portfolio_round_items", "period", contribute, log))
    )
    assert "first: first figures" in result.stdout and "last: last figures" in result.stdout
    assert_pluggy_order(log)
    assert_named_once(result.stderr, "portfolio_round_items")


def test_hook_portfolio_evidence(demo) -> None:
    log: list[str] = []
    seen_catalogs: dict[str, Any] = {}

    def contribute(name: str, ctx: Any) -> list[Evidence]:
        seen_catalogs[name] = ctx.t
        return [Evidence(f"{name}-rule", "IAM2", "scope", "green", f"{name} doubts IAM2's scope")]

    result = ok(
        demo(
            "check",
            "--period",
            "2024-01",
            "--format",
            "json",
            plugins=family("portfolio_evidence", "ctx", contribute, log),
        )
    )
    rows = {(row["plugin"], row["code"]) for row in json.loads(result.stdout)}
    assert {("first", "first-rule"), ("last", "last-rule")} <= rows
    assert seen_catalogs["first"] is not seen_catalogs["last"]  # each plugin gets a context of its own
    assert_pluggy_order(log)
    assert_named_once(result.stderr, "portfolio_evidence")


def test_hook_portfolio_report_sections(migrated) -> None:
    log: list[str] = []

    def contribute(name: str) -> list[SectionSpec]:
        titles = {"nb": f"Seksjon {name}", "en": f"Section {name}"}
        return [SectionSpec(name, titles, lambda ctx, n=name: [Paragraph.of(f"Text of {n}")], order=90)]

    plugins = family("portfolio_report_sections", "", contribute, log)
    result = ok(migrated("report", "build", "--period", "2024-01", "--format", "md", plugins=plugins))
    assert "Text of first" in result.stdout and "Text of last" in result.stdout
    assert_pluggy_order(log)
    assert_named_once(result.stderr, "portfolio_report_sections")


def test_hook_portfolio_locales(tmp_path) -> None:
    log: list[str] = []
    host, warnings = host_with(family("portfolio_locales", "", lambda name: str(tmp_path / name), log))
    folders = locale_folders(host)
    assert folders["first"] == tmp_path / "first" and folders["last"] == tmp_path / "last"
    assert_pluggy_order(log)
    assert_named_once(warnings, "portfolio_locales")


def test_hook_portfolio_import_profiles(migrated) -> None:
    log: list[str] = []

    def contribute(name: str) -> list[ImportProfile]:
        return [ImportProfile.from_table(f"{name}-export", {"for": "finance", "decimal": "comma"}, origin=name)]

    plugins = family("portfolio_import_profiles", "", contribute, log)
    result = ok(migrated("import", "profiles", "--format", "csv", plugins=plugins))
    assert "first-export,finance,first," in result.stdout and "last-export,finance,last," in result.stdout
    assert_pluggy_order(log)
    assert_named_once(result.stderr, "portfolio_import_profiles")


def test_hook_portfolio_dead_bands(migrated, core_only, tmp_path, monkeypatch) -> None:
    from portfolio.errors import PortfolioError

    log: list[str] = []
    plugins = family("portfolio_dead_bands", "", lambda name: {f"{name}.figure": "5%"}, log)
    config = tmp_path / "portfolio.toml"
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))
    config.write_text('[report.dead_bands]\n"first.figure" = 1\n"last.figure" = "2%"\n', encoding="utf-8")
    result = ok(migrated("info", plugins=plugins))
    assert_pluggy_order(log)
    assert_named_once(result.stderr, "portfolio_dead_bands")
    config.write_text('[report.dead_bands]\n"broken.figure" = 1\n', encoding="utf-8")
    with pytest.raises(PortfolioError, match=r"unknown key 'broken.figure'; allowed: first.figure, last.figure$"):
        migrated("info", plugins=plugins)


def test_hook_portfolio_import_kinds(migrated, core_only, tmp_path, monkeypatch) -> None:
    from portfolio.errors import PortfolioError

    log: list[str] = []
    plugins = family("portfolio_import_kinds", "", lambda name: [name, f"{name}.rows"], log)
    config = tmp_path / "portfolio.toml"
    monkeypatch.setenv("PORTFOLIO_CONFIG", str(config))
    config.write_text('[import.profiles.a]\nfor = "first"\n[import.profiles.b]\nfor = "last.rows"\n', "utf-8")
    result = ok(migrated("import", "profiles", "--format", "csv", plugins=plugins))
    assert "a,first,portfolio.toml," in result.stdout and "b,last.rows,portfolio.toml," in result.stdout
    assert_pluggy_order(log)
    assert_named_once(result.stderr, "portfolio_import_kinds")
    config.write_text('[import.profiles.a]\nfor = "broken"\n', encoding="utf-8")
    allowed = "allowed: first, first.rows, last, last.rows"
    with pytest.raises(PortfolioError, match=rf"'broken' is not an import; {re.escape(allowed)}$"):
        migrated("info", plugins=plugins)


def test_hook_portfolio_status_sheets(migrated, core_only, tmp_path) -> None:
    from openpyxl import load_workbook

    from portfolio.importers.status_sheets import SheetResult, StatusSheet

    log: list[str] = []
    stored: list[tuple[str, str, list[str]]] = []

    def contribute(name: str) -> list[StatusSheet]:
        def store(ctx: Any, sheet: Any) -> SheetResult:
            stored.append((name, str(ctx.period), [values["note"] for _, values in sheet.rows]))
            return SheetResult(len(sheet.rows), f"{name} kept {len(sheet.rows)}")

        return [
            StatusSheet(
                name,
                f"Sheet {name}",
                ("project", "note"),
                ("note",),
                rows=lambda ctx: [(code, f"{name} for {ctx.period}") for code in ctx.codes],
                store=store,
            )
        ]

    plugins = family("portfolio_status_sheets", "", contribute, log)
    ok(migrated("project", "add", "ALPHA", "Alfa"))
    ratings = ["--scope", "green", "--finance", "green", "--resources", "green", "--schedule", "green"]
    ok(
        migrated(
            "status", "set", "ALPHA", "--period", "2024-01", *ratings, "--dependencies", "green", "--benefits", "na"
        )
    )
    result = ok(migrated("status", "template", "--period", "2024-02", "-o", "feb.xlsx", plugins=plugins))
    assert (
        "with the sheet Sheet first (1 row)" in result.stdout and "with the sheet Sheet last (1 row)" in result.stdout
    )
    assert_pluggy_order(log)
    assert_named_once(result.stderr, "portfolio_status_sheets")
    book = load_workbook(tmp_path / "feb.xlsx")
    assert book.sheetnames[0] == "Statuses" and {"Sheet first", "Sheet last"} <= set(book.sheetnames)
    assert [c.value for c in book["Sheet first"]["6"]] == ["ALPHA", "first for 2024-02"]
    log.clear()
    result = ok(migrated("status", "import", "feb.xlsx", plugins=plugins))
    assert "feb.xlsx, sheet Sheet first: first kept 1 for 2024-02" in result.stdout
    assert sorted(stored) == [("first", "2024-02", ["first for 2024-02"]), ("last", "2024-02", ["last for 2024-02"])]
    assert_pluggy_order(log)
    assert_named_once(result.stderr, "portfolio_status_sheets")


def test_hook_portfolio_access() -> None:
    from portfolio.access import table_writers

    log: list[str] = []
    host, warnings = host_with(family("portfolio_access", "", lambda name: {f"{name}_table": "manager"}, log))
    assert table_writers(host) == {"first_table": "manager", "last_table": "manager"}  # what setup grants by
    assert_pluggy_order(log)
    assert_named_once(warnings, "portfolio_access")


def test_a_plugin_may_not_declare_an_unknown_role_or_a_core_table() -> None:
    from portfolio.access import table_writers
    from portfolio.errors import PortfolioError

    for declared, message in (
        ({"goal": "boss"}, "plugin odd says role 'boss' writes table goal; allowed: pmo, manager"),
        ({"status_report": "pmo"}, "plugin odd may not declare who writes the core's table status_report"),
    ):
        host, _warnings = host_with(
            [("odd", types.SimpleNamespace(portfolio_access=hookimpl(lambda declared=declared: declared)))]
        )
        with pytest.raises(PortfolioError, match=message.replace("(", r"\(")):
            table_writers(host)


# ----------------------------------------------------------------------- the host's own rules


def test_a_failing_wrapper_is_named_and_the_plain_results_are_kept() -> None:
    @hookimpl(wrapper=True)
    def portfolio_locales() -> Iterator[None]:
        yield
        raise ValueError("wrapper broke")

    @hookimpl
    def plain() -> str:
        return "/tmp/plain"

    host, warnings = host_with(
        [
            ("wrapping", types.SimpleNamespace(portfolio_locales=portfolio_locales)),
            ("plain", types.SimpleNamespace(portfolio_locales=plain)),
        ]
    )
    assert host.call("portfolio_locales") == [("plain", "/tmp/plain")]
    assert warnings == ["plugin 'wrapping' failed in portfolio_locales: ValueError: wrapper broke"]


def test_a_wrapper_may_change_the_results() -> None:
    @hookimpl(wrapper=True)
    def portfolio_locales() -> Iterator[None]:
        result = yield
        return [folder.upper() for folder in result]

    @hookimpl
    def plain() -> str:
        return "/tmp/plain"

    host, _ = host_with(
        [
            ("shout", types.SimpleNamespace(portfolio_locales=portfolio_locales)),
            ("plain", types.SimpleNamespace(portfolio_locales=plain)),
        ]
    )
    assert [value for _, value in host.call("portfolio_locales")] == ["/TMP/PLAIN"]


def test_strict_mode_turns_a_failure_into_an_error() -> None:
    from portfolio.plugin_host import PluginError

    @hookimpl
    def portfolio_locales() -> str:
        raise OSError("disk gone")

    host, warnings = host_with([("fragile", types.SimpleNamespace(portfolio_locales=portfolio_locales))])
    with (
        host.strict_mode(),
        pytest.raises(PluginError, match="plugin 'fragile' failed in portfolio_locales: OSError: disk gone"),
    ):
        host.call("portfolio_locales")
    assert warnings == []
    assert host.call("portfolio_locales") == []  # strictness ends with the block
    assert warnings == ["plugin 'fragile' failed in portfolio_locales: OSError: disk gone"]
