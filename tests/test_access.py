"""Who may change what, enforced by PostgreSQL (``portfolio access``), and an audit trail that
names the real login.

The PostgreSQL tests run against a real server with real login roles: each test makes a schema,
login roles and group roles of its own (unique names, so parallel runs never meet) and drops them
all in ``finally``. The logins connect without a password (CI's server trusts local connections).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from portfolio.testing import POSTGRES_ENV, postgres_schema_url, table_rows
from tests.helpers import fails, ok
from tests.support import notes_plugin

NOTES = [("notes", notes_plugin)]
PEOPLE = ("kari", "ola", "board", "office")
COPIES = ("copy", "shared")  # the schemas and role prefixes of restored copies: <schema>_copy, <prefix>_copy
ROLES = ("pmo", "manager", "reader")
WRITTEN = ("status_report", "status_rating", "risk", "risk_assessment", "measure", "narrative", "audit_log")


def invoke(url: str, *args: str, user: str | None = None, plugins: Any = ()) -> Result:
    from portfolio.cli import build_cli

    cli = build_cli(extra_plugins=list(plugins))
    options = ["--db", url, *(["--as", user] if user else [])]
    return CliRunner().invoke(cli, [*options, *args], catch_exceptions=True)


@dataclass
class Office:
    """A portfolio on PostgreSQL with access set up: the owner, and one login per person."""

    base: str
    schema: str
    prefix: str
    logins: dict[str, str]  # kari -> kari_<tag>

    @property
    def owner(self) -> str:
        return postgres_schema_url(self.base, self.schema)

    def url(self, person: str) -> str:
        login = make_url(self.base).set(username=self.logins[person])
        return postgres_schema_url(login.render_as_string(hide_password=False), self.schema)

    def copy(self, name: str, person: str | None = None) -> str:
        """The URL of the restored copy ``name`` (one of COPIES): its schema, as the owner or ``person``."""
        base = self.base if person is None else make_url(self.base).set(username=self.logins[person])
        rendered = base if isinstance(base, str) else base.render_as_string(hide_password=False)
        return postgres_schema_url(rendered, f"{self.schema}_{name}")

    def run(self, person: str | None, *args: str, user: str | None = None, plugins: Any = ()) -> Result:
        return invoke(self.owner if person is None else self.url(person), *args, user=user, plugins=plugins)

    def sql(self, person: str | None, statement: str, **params: Any) -> list[Any]:
        """Run one statement over ``person``'s own login (None: the owner), committed."""
        engine = create_engine(self.owner if person is None else self.url(person))
        try:
            with engine.begin() as connection:
                result = connection.execute(text(statement), params)
                return list(result) if result.returns_rows else [result.rowcount]
        finally:
            engine.dispose()

    def rows(self, tables: tuple[str, ...] = WRITTEN) -> dict[str, list[tuple[Any, ...]]]:
        return table_rows(self.owner, tables)


def _admin_statements(base: str, statements: list[str]) -> None:
    engine = create_engine(base)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


@pytest.fixture
def server() -> Iterator[tuple[str, str, str, dict[str, str]]]:
    """A schema, a group role prefix and login roles of this test's own; all dropped after it."""
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set")
    tag = uuid.uuid4().hex[:10]
    schema, prefix = f"t_{tag}", f"t{tag}"
    logins = {person: f"{person}_{tag}" for person in PEOPLE}
    # the test's own group roles, and those of the copies a test restores (COPIES)
    groups = [f"{name}_{role}" for name in (prefix, *(f"{prefix}_{c}" for c in COPIES)) for role in ROLES]
    _admin_statements(base, [f'CREATE SCHEMA "{schema}"', *(f'CREATE ROLE "{name}" LOGIN' for name in logins.values())])
    try:
        yield base, schema, prefix, logins
    finally:
        existing = [name for name in [*logins.values(), *groups]]
        _admin_statements(
            base,
            [
                *(f'DROP SCHEMA IF EXISTS "{name}" CASCADE' for name in (schema, *(f"{schema}_{c}" for c in COPIES))),
                *(
                    f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN "
                    f"EXECUTE 'DROP OWNED BY \"{name}\"'; EXECUTE 'DROP ROLE \"{name}\"'; END IF; END $$"
                    for name in existing
                ),
            ],
        )


@pytest.fixture
def office(server: tuple[str, str, str, dict[str, str]]) -> Office:
    """Projects A (managed by kari) and B (ola), program PRG (ola), statuses for 2024-01, a risk
    of B with a measure; kari and ola are managers, board reads, office is the project office."""
    base, schema, prefix, logins = server
    office = Office(base, schema, prefix, logins)
    ok(office.run(None, "db", "upgrade"))
    ok(office.run(None, "access", "setup", "--prefix", prefix))
    for person, role in (("kari", "manager"), ("ola", "manager"), ("board", "reader"), ("office", "pmo")):
        ok(office.run(None, "access", "grant", logins[person], "--role", role))
    ok(office.run(None, "program", "add", "PRG", "Programmet", "--owner-login", logins["ola"]))
    ok(office.run(None, "project", "add", "A", "Prosjekt A", "--manager-login", logins["kari"]))
    ok(office.run(None, "project", "add", "B", "Prosjekt B", "--program", "PRG"))
    ok(office.run(None, "project", "edit", "B", "--manager-login", logins["ola"]))
    for code in ("A", "B", "PRG"):
        ok(office.run(None, "status", "set", code, "--period", "2024-01", "--scope", "green"))
    ok(office.run(None, "risk", "add", "B", "Leverandøren svikter", "-p", "3", "-c", "4", "--period", "2024-01"))
    ok(office.run(None, "measure", "add", "1", "Ny leverandør"))
    return office


def refused(result: Result) -> str:
    """The one line of a refused write (exit 1, no traceback)."""
    fails(result)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# ----------------------------------------------------------------------------- managers


def test_a_manager_changes_their_own_projects_status_and_not_anothers(office, monkeypatch):
    kari, ola = office.logins["kari"], office.logins["ola"]
    ok(office.run("kari", "status", "set", "A", "--period", "2024-01", "--scope", "red", "--comment", "Forsinket"))
    assert "Forsinket" in ok(office.run("kari", "status", "show", "A", "--period", "2024-01")).stdout

    retried: list[int] = []  # a refusal is final: never run again as a lost race would be
    monkeypatch.setattr("portfolio.cli.root._again", lambda ctx, attempt: retried.append(attempt))
    before = office.rows()
    line = refused(office.run("kari", "status", "set", "B", "--period", "2024-01", "--scope", "red"))
    assert line == f"Error: {kari} may not change B's status: B is managed by {ola}; ask the project office"
    line = refused(office.run("kari", "status", "set", "PRG", "--period", "2024-01", "--scope", "red"))
    assert line == f"Error: {kari} may not change PRG's status: PRG is managed by {ola}; ask the project office"
    assert office.rows() == before and retried == []

    # a client that bypasses the CLI gets the same refusal from the database
    for statement in (
        "UPDATE status_report SET comment = 'x' WHERE project_id = (SELECT id FROM project WHERE code = 'B')",
        "DELETE FROM status_rating WHERE report_id IN (SELECT id FROM status_report WHERE program_id IS NOT NULL)",
        "INSERT INTO status_report (period, project_id, version) SELECT '2024-02', id, 1 FROM project WHERE code = 'B'",
    ):
        with pytest.raises(DBAPIError) as caught:
            office.sql("kari", statement)
        assert getattr(caught.value.orig, "sqlstate", None) == "42501"
        assert f"{kari} may not change " in str(caught.value.orig) and f"managed by {ola}" in str(caught.value.orig)
    # nor can a manager take another's row over by moving it to a project of theirs
    with pytest.raises(DBAPIError, match="permission denied"):
        office.sql("kari", "UPDATE status_report SET project_id = (SELECT id FROM project WHERE code = 'A')")
    assert office.rows() == before
    # ola, who manages B and PRG, may
    ok(office.run("ola", "status", "set", "B", "--period", "2024-01", "--scope", "yellow"))
    assert office.sql("ola", "UPDATE status_report SET comment = 'ok' WHERE program_id IS NOT NULL") == [1]


def test_a_manager_writes_risks_measures_and_texts_only_of_what_they_manage(office):
    kari, ola = office.logins["kari"], office.logins["ola"]
    ok(office.run("kari", "risk", "add", "A", "Nøkkelperson slutter", "-p", "2", "-c", "3", "--period", "2024-01"))
    ok(office.run("kari", "measure", "add", "2", "Dokumenter rutinene"))
    before = office.rows()
    for args, what in (
        (("risk", "add", "B", "Ny risiko", "-p", "2", "-c", "2", "--period", "2024-01"), "risks"),
        (("risk", "assess", "1", "-p", "5", "-c", "5", "--period", "2024-01"), "risks"),
        (("risk", "edit", "1", "--owner", "Kari"), "risks"),
        (("measure", "add", "1", "Mitt tiltak"), "measures"),
        (("narrative", "set", "--period", "2024-01", "--program", "PRG", "--text", "Min tekst"), "texts"),
    ):
        line = refused(office.run("kari", *args))
        owner = "PRG" if what == "texts" else "B"
        assert (
            line
            == f"Error: {kari} may not change {owner}'s {what}: {owner} is managed by {ola}; ask the project office"
        )
    line = refused(office.run("kari", "narrative", "set", "--period", "2024-01", "--text", "Innledning"))
    assert line == f"Error: {kari} may not change the portfolio's texts: only the project office may"
    assert office.rows() == before
    with pytest.raises(DBAPIError, match="managed by"):
        office.sql("kari", "DELETE FROM measure WHERE risk_id = 1")
    with pytest.raises(DBAPIError, match="managed by"):
        office.sql("kari", "UPDATE risk_assessment SET probability = 1 WHERE risk_id = 1")
    assert office.rows() == before


def test_a_project_without_a_manager_login_is_the_offices(office):
    kari = office.logins["kari"]
    ok(office.run(None, "project", "add", "C", "Prosjekt C"))
    line = refused(office.run("kari", "status", "set", "C", "--period", "2024-01", "--scope", "red"))
    assert line == f"Error: {kari} may not change C's status: C has no manager login; ask the project office"
    ok(office.run("office", "status", "set", "C", "--period", "2024-01", "--scope", "red"))


# ------------------------------------------------------------------------------ readers


def test_a_readers_write_of_every_kind_is_refused(office):
    board = office.logins["board"]
    before = office.rows((*WRITTEN, "project", "program", "reporting_period", "report_archive", "stored_setting"))
    writes = [
        ("status", "set", "A", "--period", "2024-01", "--scope", "red"),
        ("risk", "add", "A", "Risiko", "-p", "2", "-c", "2", "--period", "2024-01"),
        ("risk", "assess", "1", "-p", "1", "-c", "1", "--period", "2024-01"),
        ("measure", "add", "1", "Tiltak"),
        ("narrative", "set", "--period", "2024-01", "--text", "Tekst"),
        ("assessment", "set", "--period", "2024-01", "--text", "Vurdering"),
        ("project", "add", "D", "Prosjekt D"),
        ("project", "edit", "A", "--name", "Nytt navn"),
        ("program", "edit", "PRG", "--owner", "Noen"),
        ("period", "close", "2024-01"),
    ]
    for args in writes:
        line = refused(office.run("board", *args))
        assert line.startswith(f"Error: {board} may not "), (args, line)
        assert "ask the project office" in line
    assert (
        office.rows((*WRITTEN, "project", "program", "reporting_period", "report_archive", "stored_setting")) == before
    )
    # and over SQL, every table of the core and the plugins refuses every kind of write
    tables = [row[0] for row in office.sql(None, "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
    assert len(tables) > 20
    for table in tables:
        for statement in (
            f'INSERT INTO "{table}" SELECT * FROM "{table}" WHERE false',
            f'DELETE FROM "{table}" WHERE false',
            f'TRUNCATE "{table}"',
        ):
            with pytest.raises(DBAPIError, match="permission denied"):
                office.sql("board", statement)
    # reading is allowed: lists and the board report
    assert "A" in ok(office.run("board", "project", "list")).stdout
    ok(office.run("board", "report", "build", "--period", "2024-01", "--format", "md", "-o", "board.md"))


# ---------------------------------------------------------------------- closing months


def test_the_office_closes_a_month_and_a_manager_cannot_reopen_it(office):
    kari, board = office.logins["kari"], office.logins["board"]
    ok(office.run("office", "period", "close", "2024-01"))
    line = refused(office.run("kari", "period", "open", "2024-01", "--reason", "Feil tall"))
    assert line == f"Error: {kari} may not close or reopen months; ask the project office (nothing was written)"
    line = refused(office.run("board", "period", "open", "2024-01", "--reason", "Feil tall"))
    assert line.startswith(f"Error: {board} may not close or reopen months")
    assert office.sql(None, "SELECT closed FROM reporting_period WHERE period = '2024-01'") == [(True,)]
    refused(office.run("kari", "period", "close", "2024-02"))
    ok(office.run("office", "period", "open", "2024-01", "--reason", "Feil tall"))


def test_section_imports_and_plugin_tables_are_the_offices(office):
    kari = office.logins["kari"]
    ok(office.run(None, "db", "upgrade", plugins=NOTES))
    ok(office.run(None, "access", "setup", plugins=NOTES))
    line = refused(office.run("kari", "notes", "add", "A", "Notat", plugins=NOTES))
    assert line == f"Error: {kari} may not change test_note; ask the project office (nothing was written)"
    ok(office.run("office", "notes", "add", "A", "Notat", plugins=NOTES))


def test_a_section_import_is_the_offices(office):
    pytest.importorskip("portfolio_finance")
    kari, board = office.logins["kari"], office.logins["board"]
    figures = ("finance", "set", "--period", "2024-01", "--line", "grants", "--actual", "1200", "--unit", "kr")
    line = refused(office.run("kari", *figures))
    assert line.startswith(f"Error: {kari} may not change finance_") and line.endswith("(nothing was written)")
    assert refused(office.run("board", *figures)).startswith(f"Error: {board} may not change finance_")
    ok(office.run("office", *figures))


# ------------------------------------------------------------------------------ the trail


def test_the_audit_names_the_real_login_even_when_as_claims_another(office):
    kari, ola = office.logins["kari"], office.logins["ola"]
    ok(office.run("kari", "status", "set", "A", "--period", "2024-01", "--scope", "red", user=ola))
    entries = json.loads(ok(office.run("board", "history", "A", "--format", "json")).stdout)
    mine = [entry for entry in entries if entry["user"] == ola]
    assert mine and all(entry["login"] == kari for entry in mine)
    assert all(entry["at"] > "2000" for entry in entries)  # every row was stamped with its commit time
    table = ok(office.run("board", "history", "A")).stdout
    assert f"{kari} as {ola}" in table
    # no client can write another login, nor change a committed row
    with pytest.raises(DBAPIError, match="permission denied"):
        office.sql(
            "kari",
            'INSERT INTO audit_log (at, "user", action, table_name, row_key, field, login) '
            "VALUES (now(), 'x', 'insert', 'project', '1', 'name', :login)",
            login=ola,
        )
    with pytest.raises(DBAPIError, match="permission denied"):
        office.sql("kari", "UPDATE audit_log SET \"user\" = 'someone', login = 'someone'")
    assert office.sql("kari", "UPDATE audit_log SET at = now()") == [0]
    with pytest.raises(DBAPIError, match="permission denied"):
        office.sql("office", "DELETE FROM audit_log")


# ------------------------------------------------------------------------------- set up


def test_access_setup_twice_changes_nothing(office):
    from portfolio.access import snapshot

    def catalog() -> frozenset[tuple[Any, ...]]:
        engine = create_engine(office.owner)
        try:
            with engine.connect() as connection:
                return snapshot(connection, office.prefix)
        finally:
            engine.dispose()

    first = catalog()
    assert ("role", f"{office.prefix}_pmo", False) in first
    assert ("policy", "status_report", "portfolio_update", "UPDATE") in {row[:4] for row in first}
    result = ok(office.run(None, "access", "setup"))
    assert result.stdout == (
        f"Access is already set up: roles {office.prefix}_pmo, {office.prefix}_manager, {office.prefix}_reader; "
        f"{len(office.sql(None, 'SELECT tablename FROM pg_tables WHERE schemaname = current_schema()'))} tables; "
        "nothing changed.\n"
    )
    assert catalog() == first
    # another prefix would make a second set of roles on the same tables: refused
    assert "set up with the roles" in fails(office.run(None, "access", "setup", "--prefix", "other")).stderr


def test_after_a_plugins_migration_access_setup_grants_its_tables(office):
    result = ok(office.run(None, "db", "upgrade", plugins=NOTES))
    assert "Run 'portfolio access setup' to grant the office's roles the new tables." in result.stdout
    ok(office.run(None, "notes", "add", "A", "Først", plugins=NOTES))
    with pytest.raises(DBAPIError, match="permission denied"):
        office.sql("board", "SELECT * FROM test_note")
    assert "1 changes" not in ok(office.run(None, "access", "setup", plugins=NOTES)).stdout
    assert len(office.sql("board", "SELECT * FROM test_note")) == 1
    ok(office.run("office", "notes", "add", "A", "Andre", plugins=NOTES))  # the sequence is granted too
    refused(office.run("kari", "notes", "add", "A", "Tredje", plugins=NOTES))


def test_a_plugin_may_let_managers_write_its_table(office):
    from portfolio import hookimpl

    class Declares:
        @staticmethod
        @hookimpl
        def portfolio_access() -> dict[str, str]:
            return {"test_note": "manager"}

    plugins = [*NOTES, ("declares", Declares)]
    ok(office.run(None, "db", "upgrade", plugins=plugins))
    ok(office.run(None, "access", "setup", plugins=plugins))
    ok(office.run("kari", "notes", "add", "A", "Notat", plugins=plugins))
    refused(office.run("board", "notes", "add", "A", "Notat", plugins=plugins))


def test_the_schema_goes_down_and_up_again_with_access_set_up(office):
    kari, ola = office.logins["kari"], office.logins["ola"]
    ok(office.run(None, "db", "downgrade", "0008_one_narrative", "--yes"))
    result = ok(office.run(None, "db", "upgrade"))
    assert "Run 'portfolio access setup'" in result.stdout
    assert "nothing changed" not in ok(office.run(None, "access", "setup")).stdout
    ok(office.run(None, "project", "edit", "A", "--manager-login", kari))
    ok(office.run("kari", "status", "set", "A", "--period", "2024-01", "--scope", "red", user=ola))
    assert office.sql(None, 'SELECT DISTINCT login FROM audit_log WHERE "user" = :u', u=ola) == [(kari,)]


# ------------------------------------------------------------------------ backups and copies


def test_a_restored_copy_gets_roles_of_its_own_only_when_told(office, tmp_path):
    """A JSON backup names the roles' prefix; a copy restored from it refuses to fall back on the
    default roles (or take the original's) unasked, since roles belong to the whole server."""
    backup = tmp_path / "portfolio.json"
    ok(office.run(None, "db", "backup", str(backup), "--format", "json"))
    assert json.loads(backup.read_text())["access_prefix"] == office.prefix
    copy, own = office.copy("copy"), f"{office.prefix}_copy"
    _admin_statements(office.base, [f'CREATE SCHEMA "{office.schema}_copy"'])
    ok(invoke(copy, "db", "restore", str(backup)))

    assert refused(invoke(copy, "access", "setup")) == (
        f"Error: this database was restored from a backup of one whose roles are {office.prefix}_pmo, "
        f"{office.prefix}_manager and {office.prefix}_reader; give it roles of its own with "
        f"'portfolio access setup --prefix NAME', or share the original's with --prefix {office.prefix}"
    )
    granted = "SELECT count(*) FROM pg_namespace, aclexplode(nspacl) WHERE nspname = :s AND grantee <> nspowner"
    assert office.sql(None, granted, s=f"{office.schema}_copy") == [(0,)], "the refused setup granted nothing"
    assert "access is not set up on this database" in refused(invoke(copy, "access", "list"))

    result = ok(invoke(copy, "access", "setup", "--prefix", own))
    assert result.stdout.startswith(f"Access set up: roles {own}_pmo, {own}_manager, {own}_reader; ")
    assert ok(invoke(copy, "access", "setup")).stdout.startswith(f"Access is already set up: roles {own}_pmo,")
    assert ok(invoke(copy, "access", "list")).stdout == "(none)\n"
    # the original's logins have no way into the copy; the original's grants are untouched
    assert "this login has no role in the portfolio" in refused(invoke(office.copy("copy", "kari"), "project", "list"))
    ok(office.run("kari", "project", "list"))
    # a backup of the copy names the copy's own roles
    again = tmp_path / "copy.json"
    ok(invoke(copy, "db", "backup", str(again), "--format", "json"))
    assert json.loads(again.read_text())["access_prefix"] == own


def test_a_restored_copy_shares_the_originals_roles_only_when_named(office, tmp_path):
    """Restoring production into a new database on its own server: --prefix names the original's
    roles, and its logins work there as before."""
    backup = tmp_path / "portfolio.json"
    ok(office.run(None, "db", "backup", str(backup), "--format", "json"))
    _admin_statements(office.base, [f'CREATE SCHEMA "{office.schema}_shared"'])
    shared = office.copy("shared")
    ok(invoke(shared, "db", "restore", str(backup)))
    result = ok(invoke(shared, "access", "setup", "--prefix", office.prefix))
    assert result.stdout.startswith(f"Access set up: roles {office.prefix}_pmo,")
    ok(invoke(office.copy("shared", "kari"), "status", "set", "A", "--period", "2024-01", "--scope", "red"))
    assert "is managed by" in refused(
        invoke(office.copy("shared", "kari"), "status", "set", "B", "--period", "2024-01", "--scope", "red")
    )


def test_a_copy_of_a_database_with_the_default_roles_is_asked_too(office, tmp_path):
    """The default prefix is no exception: a copy of a database using portfolio_pmo... must not
    take them silently either. A prefix in a dump that is no prefix is refused before any write."""
    backup = tmp_path / "portfolio.json"
    ok(office.run(None, "db", "backup", str(backup), "--format", "json"))
    data = json.loads(backup.read_text())
    _admin_statements(office.base, [f'CREATE SCHEMA "{office.schema}_copy"'])
    copy = office.copy("copy")

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**data, "access_prefix": "x'; DROP TABLE project; --"}))
    line = refused(invoke(copy, "db", "restore", str(bad)))
    assert line.startswith("Error: the dump's access_prefix \"x'; DROP TABLE project; --\" is not a role prefix:")
    assert office.sql(None, "SELECT count(*) FROM pg_tables WHERE schemaname = :s", s=f"{office.schema}_copy") == [(0,)]

    default = tmp_path / "default.json"
    default.write_text(json.dumps({**data, "access_prefix": "portfolio"}))
    ok(invoke(copy, "db", "restore", str(default)))
    line = refused(invoke(copy, "access", "setup"))
    assert "whose roles are portfolio_pmo, portfolio_manager and portfolio_reader" in line
    # a SQLite copy has no roles to mix up: the prefix is not needed there
    ok(invoke(f"sqlite:///{tmp_path / 'copy.db'}", "db", "restore", str(backup)))


# ------------------------------------------------------------------------ logins and roles


def test_grant_revoke_and_list(office):
    kari, ola, board = office.logins["kari"], office.logins["ola"], office.logins["board"]
    listed = json.loads(ok(office.run(None, "access", "list", "--format", "json")).stdout)
    assert {(row["login"], row["role"], row["manages"]) for row in listed} == {
        (kari, "manager", "A"),
        (ola, "manager", "B PRG"),
        (board, "reader", None),
        (office.logins["office"], "pmo", None),
    }
    assert ok(office.run(None, "access", "grant", board, "--role", "pmo")).stdout == (
        f"{board} now has the role pmo instead of reader.\n"
    )
    assert ok(office.run(None, "access", "grant", board, "--role", "pmo")).stdout == (
        f"{board} already has the role pmo; nothing changed.\n"
    )
    assert ok(office.run(None, "access", "revoke", board)).stdout == f"{board} no longer has the role pmo.\n"
    assert (
        ok(office.run(None, "access", "revoke", board)).stdout == f"{board} has no portfolio role; nothing changed.\n"
    )
    line = refused(office.run("board", "project", "list"))  # no role: not even reading
    assert line.endswith("this login has no role in the portfolio; ask the project office ('portfolio access grant')")
    assert "there is no login 'nobody_x'" in refused(office.run(None, "access", "grant", "nobody_x", "--role", "pmo"))
    assert "one of the portfolio's group roles" in refused(
        office.run(None, "access", "grant", f"{office.prefix}_pmo", "--role", "reader")
    )
    # a manager cannot hand out rights
    refused(office.run("kari", "access", "grant", kari, "--role", "pmo"))


def test_a_login_can_be_unlinked_and_must_be_a_login(office):
    kari = office.logins["kari"]
    ok(office.run(None, "project", "edit", "A", "--manager-login", ""))
    assert "has no manager login" in refused(
        office.run("kari", "status", "set", "A", "--period", "2024-01", "--scope", "red")
    )
    line = refused(office.run(None, "project", "edit", "A", "--manager-login", "x" * 64))
    assert "is not a database login; at most 63 characters" in line
    assert kari not in ok(office.run(None, "project", "show", "A")).stdout


# --------------------------------------------------------------------------------- SQLite


@pytest.mark.parametrize(
    "args",
    [
        ("access", "setup"),
        ("access", "grant", "kari", "--role", "manager"),
        ("access", "revoke", "kari"),
        ("access", "list"),
    ],
)
def test_access_needs_postgresql(tmp_path, args):
    url = f"sqlite:///{tmp_path / 'portfolio.db'}"
    ok(invoke(url, "db", "upgrade"))
    result = fails(invoke(url, *args), 2)
    assert result.stderr == (
        "Error: access control needs PostgreSQL: on SQLite the database file's permissions are the only boundary "
        "(docs/team.md)\n"
    )


def test_on_sqlite_everything_else_works_and_the_login_is_the_os_user(tmp_path):
    import getpass

    url = f"sqlite:///{tmp_path / 'portfolio.db'}"
    ok(invoke(url, "db", "upgrade"))
    ok(invoke(url, "project", "add", "A", "Prosjekt A", "--manager-login", "kari"))
    assert "kari" in ok(invoke(url, "project", "show", "A")).stdout
    ok(invoke(url, "status", "set", "A", "--period", "2024-01", "--scope", "red", user="Kari Nordmann"))
    entries = json.loads(ok(invoke(url, "history", "A", "--format", "json")).stdout)
    status = [entry for entry in entries if entry["period"] == "2024-01"]
    assert status and {(entry["user"], entry["login"]) for entry in status} == {("Kari Nordmann", getpass.getuser())}
    assert f"{getpass.getuser()} as Kari Nordmann" in ok(invoke(url, "history", "A")).stdout
