"""Who may change what on PostgreSQL: group roles, grants and row-level security, set up by the tool.

``setup`` (run by the schema owner) makes three group roles and grants them every core and plugin
table: ``<prefix>_pmo`` writes everything (closes and reopens months, imports section data),
``<prefix>_manager`` reads everything and writes statuses, ratings, risks, assessments, measures
and texts, ``<prefix>_reader`` reads. Row-level security on those tables lets a manager's write
through only for a project or program whose ``manager_login`` is the session's login; the
database itself refuses any other, whatever client sends it, with SQLSTATE 42501 and a message
that names who manages the subject. A trigger refuses deletes alike. The audit trail's ``login``
column is filled by the server (DEFAULT session_user) and a client may not write it; a client may
only stamp the time of its own rows of the running transaction (``audit.stamp_commit``).

Running ``setup`` again changes nothing, except to grant tables that a migration added since.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, text

from portfolio.errors import PortfolioError

if TYPE_CHECKING:
    from portfolio.plugin_host import PluginHost

ROLES = ("pmo", "manager", "reader")
DEFAULT_PREFIX = "portfolio"
PREFIX_PATTERN = re.compile(r"[a-z_][a-z0-9_]{0,40}")
PREFIX_FUNCTION = "portfolio_access_roles"
# The prefix of the database a restored copy came from (``backup.restore`` records it): a copy does
# not take the original's roles, nor the default ones, without being told (``setup``).
ORIGIN_FUNCTION = "portfolio_access_origin"
CHECK_FUNCTION = "portfolio_may_write"
DELETE_FUNCTION = "portfolio_check_delete"
NEEDS_POSTGRES = (
    "access control needs PostgreSQL: on {backend} the database file's permissions are the only boundary (docs/team.md)"
)

# The tables a manager writes, for what they manage: table -> (what it holds, the policy's arguments
# to the check: project id, program id, the id of the parent row that names the subject).
MANAGED: dict[str, tuple[str, str]] = {
    "status_report": ("status", "project_id, program_id, NULL"),
    "status_rating": ("status", "NULL, NULL, report_id"),
    "risk": ("risks", "project_id, NULL, NULL"),
    "risk_assessment": ("risks", "NULL, NULL, risk_id"),
    "measure": ("measures", "NULL, NULL, risk_id"),
    "narrative": ("texts", "NULL, program_id, NULL"),
}
# Columns no one but the project office changes in a managed row: what ties the row to its subject.
KEY_COLUMNS: dict[str, frozenset[str]] = {
    "status_report": frozenset({"id", "period", "project_id", "program_id"}),
    "status_rating": frozenset({"report_id", "dimension"}),
    "risk": frozenset({"id", "project_id"}),
    "risk_assessment": frozenset({"risk_id", "period"}),
    "measure": frozenset({"id", "risk_id"}),
    "narrative": frozenset({"id", "period", "scope", "program_id"}),
}
AUDIT_TABLE = "audit_log"
# audit.entry_time's placeholders lie in years 1 to 9; no committed row is dated before this.
PLACEHOLDERS_BEFORE = "0100-01-01"
# Tables only migrations (the schema owner) write.
OWNER_ONLY = frozenset({"alembic_version", "schema_revision"})
WRITERS = ("pmo", "manager")
# The hint of the check's refusals: how the CLI knows the message is already the user's sentence.
REFUSAL_HINT = "'portfolio access list' shows who manages what"  # what portfolio_access may say of a plugin's table


@dataclass(frozen=True)
class Member:
    """A login and the portfolio role it has, with what it manages."""

    login: str
    role: str
    manages: tuple[str, ...]


def require_postgres(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        raise AccessNeedsPostgres(NEEDS_POSTGRES.format(backend=_backend_name(engine.dialect.name)))


class AccessNeedsPostgres(PortfolioError):
    """The access commands on a database without roles: a usage error (exit 2)."""

    exit_code = 2


def _backend_name(dialect: str) -> str:
    return {"sqlite": "SQLite"}.get(dialect, dialect)


def role_names(prefix: str) -> dict[str, str]:
    return {role: f"{prefix}_{role}" for role in ROLES}


def check_prefix(prefix: str) -> str:
    if not PREFIX_PATTERN.fullmatch(prefix):
        raise PortfolioError(
            f"role prefix '{prefix}' is not allowed; use lower-case letters, digits and _ (at most 41), "
            "starting with a letter or _"
        )
    return prefix


def stored_prefix(connection: Connection) -> str | None:
    """The prefix ``setup`` recorded in this schema, or None when access was never set up."""
    return _recorded(connection, PREFIX_FUNCTION)


def origin_prefix(connection: Connection) -> str | None:
    """The prefix of the database this one was restored from, when that one had access set up."""
    return _recorded(connection, ORIGIN_FUNCTION)


def backup_prefix(connection: Connection) -> str | None:
    """The prefix a backup of this database records: its own, else the one it was restored from."""
    if connection.dialect.name != "postgresql":
        return None
    return stored_prefix(connection) or origin_prefix(connection)


def record_origin(connection: Connection, prefix: str) -> None:
    """Remember in a restored copy which roles the original had (so ``setup`` asks, see there)."""
    check_prefix(prefix)
    _ddl(
        connection,
        f"CREATE OR REPLACE FUNCTION {ORIGIN_FUNCTION}() RETURNS text LANGUAGE sql IMMUTABLE "
        f"AS $$ SELECT {_literal(prefix)}::text $$",
    )


def _recorded(connection: Connection, function: str) -> str | None:
    found = connection.execute(
        text(
            "SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE p.proname = :name AND n.nspname = current_schema()"
        ),
        {"name": function},
    ).first()
    if found is None:
        return None
    return str(connection.execute(text(f"SELECT {function}()")).scalar_one())


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


# ------------------------------------------------------------------------------------------ setup


@dataclass(frozen=True)
class SetupResult:
    prefix: str
    changes: int  # catalog entries (roles, grants, policies, functions, triggers) added or removed
    tables: int


def setup(engine: Engine, host: PluginHost | None, prefix: str | None = None) -> SetupResult:
    """Create the group roles, grants, policies and triggers; idempotent.

    Without ``prefix`` it takes the one recorded by an earlier setup, else the default; but a
    restored copy that has none of its own yet must be given one: roles belong to the whole server,
    and falling back silently would let a test copy share the roles of production (or of whatever
    database uses the default ones)."""
    require_postgres(engine)
    with engine.begin() as connection:
        recorded = stored_prefix(connection)
        if prefix is not None:
            check_prefix(prefix)
            if recorded is not None and recorded != prefix:
                raise PortfolioError(
                    f"access on this database is set up with the roles {recorded}_pmo, {recorded}_manager and "
                    f"{recorded}_reader; run 'portfolio access setup' without --prefix, or --prefix {recorded}"
                )
        elif recorded is None:
            origin = origin_prefix(connection)
            if origin is not None:  # a copy: neither the original's roles nor the default ones unasked
                raise PortfolioError(
                    f"this database was restored from a backup of one whose roles are {origin}_pmo, "
                    f"{origin}_manager and {origin}_reader; give it roles of its own with "
                    f"'portfolio access setup --prefix NAME', or share the original's with --prefix {origin}"
                )
        prefix = prefix or recorded or DEFAULT_PREFIX
        _check_owner(connection)
        before = snapshot(connection, prefix)
        roles = role_names(prefix)
        _create_roles(connection, roles)
        writers = table_writers(host)
        tables = _schema_tables(connection)
        schema = _quote(connection, str(connection.execute(text("SELECT current_schema()")).scalar_one()))
        everyone = ", ".join(_quote(connection, name) for name in roles.values())
        connection.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {everyone}"))
        # Nobody but the owner makes objects in the schema (PostgreSQL before 15 let everyone
        # create in public): a login's own function or table could otherwise stand in for ours.
        connection.execute(text(f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC"))
        _functions(connection, prefix, roles, schema)
        sequences = _owned_sequences(connection)
        for table in tables:
            _grant_table(connection, table, roles, writers.get(table, "pmo"), sequences.get(table, []))
        for table in sorted(set(MANAGED) & set(tables)):
            _secure_managed(connection, table)
        if AUDIT_TABLE in tables:
            _secure_audit(connection)
        after = snapshot(connection, prefix)
    return SetupResult(prefix, len(before ^ after), len(tables))


def table_writers(host: PluginHost | None) -> dict[str, str]:
    """Which role writes each table beyond the core's own: the plugins' ``portfolio_access``."""
    writers: dict[str, str] = {}
    if host is None:
        return writers
    for plugin, declared in host.call("portfolio_access", expect=dict):
        for table, role in declared.items():
            if role not in WRITERS:
                raise PortfolioError(
                    f"plugin {plugin} says role '{role}' writes table {table}; allowed: {', '.join(WRITERS)}"
                )
            if table in MANAGED or table in (AUDIT_TABLE, *OWNER_ONLY):
                raise PortfolioError(f"plugin {plugin} may not declare who writes the core's table {table}")
            writers[str(table)] = role
    return writers


def _check_owner(connection: Connection) -> None:
    row = connection.execute(
        text(
            "SELECT pg_has_role(current_user, c.relowner, 'USAGE'), current_user, "
            "(SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = 'project' AND n.nspname = current_schema()"
        )
    ).first()
    if row is None:
        raise PortfolioError("the database has no portfolio tables yet; run 'portfolio db upgrade' first")
    owner, user, may_create = row
    if not owner:
        raise PortfolioError(
            f"{user} does not own the portfolio's tables; run 'portfolio access setup' as the schema owner "
            "(who runs 'portfolio db upgrade')"
        )
    if not may_create:
        raise PortfolioError(f"{user} may not create roles; give it CREATEROLE, or run setup as a superuser")


def _create_roles(connection: Connection, roles: dict[str, str]) -> None:
    existing = {
        row[0]
        for row in connection.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname = ANY(:names)"), {"names": list(roles.values())}
        )
    }
    for name in roles.values():
        if name not in existing:
            connection.execute(text(f"CREATE ROLE {_quote(connection, name)} NOLOGIN"))


def _schema_tables(connection: Connection) -> list[str]:
    return [
        row[0]
        for row in connection.execute(
            text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
        )
    ]


def _owned_sequences(connection: Connection) -> dict[str, list[str]]:
    """Each table's sequences (its serial and identity columns')."""
    rows = connection.execute(
        text(
            "SELECT t.relname, s.relname FROM pg_class s "
            "JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
            "JOIN pg_class t ON t.oid = d.refobjid "
            "JOIN pg_namespace n ON n.oid = s.relnamespace "
            "WHERE s.relkind = 'S' AND n.nspname = current_schema()"
        )
    )
    found: dict[str, list[str]] = {}
    for table, sequence in rows:
        found.setdefault(table, []).append(sequence)
    return found


def _columns(connection: Connection, table: str) -> list[str]:
    return [
        row[0]
        for row in connection.execute(
            text(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() AND table_name = :t ORDER BY ordinal_position"
            ),
            {"t": table},
        )
    ]


def _grant_table(connection: Connection, table: str, roles: dict[str, str], writer: str, sequences: list[str]) -> None:
    """The table's grants to the three roles, exactly: what was granted before is revoked first
    (in the same transaction, so nobody sees the gap)."""
    q = _quote(connection, table)
    pmo, manager, reader = (_quote(connection, roles[r]) for r in ROLES)
    connection.execute(text(f"REVOKE ALL ON {q} FROM {pmo}, {manager}, {reader}"))
    for sequence in sequences:
        quoted = _quote(connection, sequence)
        connection.execute(text(f"REVOKE ALL ON SEQUENCE {quoted} FROM {pmo}, {manager}, {reader}"))
    connection.execute(text(f"GRANT SELECT ON {q} TO {pmo}, {manager}, {reader}"))
    writers: list[str] = []
    if table == AUDIT_TABLE:
        columns = ", ".join(_quote(connection, c) for c in _columns(connection, table) if c not in ("id", "login"))
        connection.execute(text(f"GRANT INSERT ({columns}) ON {q} TO {pmo}, {manager}"))
        connection.execute(text(f'GRANT UPDATE ("at") ON {q} TO {pmo}, {manager}'))
        writers = [pmo, manager]
    elif table in MANAGED:
        keys = KEY_COLUMNS[table]
        changeable = ", ".join(_quote(connection, c) for c in _columns(connection, table) if c not in keys)
        connection.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {q} TO {pmo}"))
        connection.execute(text(f"GRANT INSERT, DELETE ON {q} TO {manager}"))
        connection.execute(text(f"GRANT UPDATE ({changeable}) ON {q} TO {manager}"))
        writers = [pmo, manager]
    elif table not in OWNER_ONLY:
        writers = [pmo, manager] if writer == "manager" else [pmo]
        connection.execute(text(f"GRANT INSERT, UPDATE, DELETE ON {q} TO {', '.join(writers)}"))
    for sequence in sequences if writers else ():
        quoted = _quote(connection, sequence)
        connection.execute(text(f"GRANT USAGE, SELECT ON SEQUENCE {quoted} TO {', '.join(writers)}"))


def _functions(connection: Connection, prefix: str, roles: dict[str, str], schema: str) -> None:
    """The check the policies and the delete trigger call, and the record of the role prefix.

    ``search_path`` is fixed to the schema they are made in, so the tables they read are the
    portfolio's whatever the caller's search path. The check returns true or raises SQLSTATE 42501
    with the sentence the user sees; raising (rather than returning false) puts the subject and
    who manages it in the refusal, for psql users as for the CLI.
    """
    pmo = _literal(roles["pmo"])
    hint = _literal(REFUSAL_HINT)
    _ddl(
        connection,
        f"CREATE OR REPLACE FUNCTION {PREFIX_FUNCTION}() RETURNS text LANGUAGE sql IMMUTABLE "
        f"AS $$ SELECT {_literal(prefix)}::text $$",
    )
    _ddl(
        connection,
        f"""CREATE OR REPLACE FUNCTION {CHECK_FUNCTION}(tbl text, project integer, program integer, parent integer)
RETURNS boolean LANGUAGE plpgsql STABLE SET search_path = {schema} AS $body$
DECLARE
    subject text;
    manager text;
    what text := CASE WHEN tbl IN ('status_report', 'status_rating') THEN 'status'
                      WHEN tbl IN ('risk', 'risk_assessment') THEN 'risks'
                      WHEN tbl = 'measure' THEN 'measures' ELSE 'texts' END;
BEGIN
    IF pg_has_role(session_user, {pmo}, 'MEMBER') THEN
        RETURN true;
    END IF;
    IF tbl = 'status_rating' THEN
        SELECT r.project_id, r.program_id INTO project, program FROM status_report r WHERE r.id = parent;
        IF NOT FOUND THEN RETURN true; END IF;  -- no such report: the foreign key refuses the row
    ELSIF tbl IN ('risk_assessment', 'measure') THEN
        SELECT r.project_id INTO project FROM risk r WHERE r.id = parent;
        IF NOT FOUND THEN RETURN true; END IF;
    END IF;
    IF project IS NOT NULL THEN
        SELECT p.code, p.manager_login INTO subject, manager FROM project p WHERE p.id = project;
    ELSIF program IS NOT NULL THEN
        SELECT p.code, p.manager_login INTO subject, manager FROM program p WHERE p.id = program;
    ELSE
        RAISE EXCEPTION USING ERRCODE = '42501', HINT = {hint},
            MESSAGE = format('%s may not change the portfolio''s %s: only the project office may', session_user, what);
    END IF;
    IF NOT FOUND OR manager = session_user THEN
        RETURN true;
    END IF;
    RAISE EXCEPTION USING ERRCODE = '42501', HINT = {hint},
        MESSAGE = format('%s may not change %s''s %s: %s; ask the project office', session_user, subject, what,
                         CASE WHEN manager IS NULL THEN subject || ' has no manager login'
                              ELSE subject || ' is managed by ' || manager END);
END
$body$""",
    )
    _ddl(
        connection,
        f"""CREATE OR REPLACE FUNCTION {DELETE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql
SET search_path = {schema} AS $body$
DECLARE
    old_row jsonb := to_jsonb(OLD);
BEGIN
    -- the table's owner (migrations, restores) and the cascades the database runs as it pass
    IF pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE') THEN
        RETURN OLD;
    END IF;
    PERFORM {CHECK_FUNCTION}(TG_TABLE_NAME, (old_row ->> 'project_id')::integer, (old_row ->> 'program_id')::integer,
                             coalesce(old_row ->> 'report_id', old_row ->> 'risk_id')::integer);
    RETURN OLD;
END
$body$""",
    )


def _ddl(connection: Connection, statement: str) -> None:
    """A statement without parameters (its colons are SQL's, not bind parameters)."""
    connection.execute(text(statement.replace(":", "\\:")))


def _secure_managed(connection: Connection, table: str) -> None:
    """Row-level security on a table a manager writes: every login reads every row; an insert or
    an update is checked against the subject's manager; a delete by the trigger (a policy could
    only hide the row, and a delete that silently removes nothing is no refusal)."""
    q = _quote(connection, table)
    _what, arguments = MANAGED[table]
    check = f"{CHECK_FUNCTION}('{table}', {arguments})"
    connection.execute(text(f"ALTER TABLE {q} ENABLE ROW LEVEL SECURITY"))
    _policy(connection, table, "portfolio_read", "FOR SELECT USING (true)")
    _policy(connection, table, "portfolio_insert", f"FOR INSERT WITH CHECK ({check})")
    _policy(connection, table, "portfolio_update", f"FOR UPDATE USING (true) WITH CHECK ({check})")
    _policy(connection, table, "portfolio_delete", "FOR DELETE USING (true)")
    trigger = f"{table}_portfolio_delete"
    exists = connection.execute(
        text("SELECT 1 FROM pg_trigger WHERE tgname = :name AND tgrelid = CAST(:table AS regclass)"),
        {"name": trigger, "table": q},
    ).first()
    if exists is None:
        connection.execute(
            text(f"CREATE TRIGGER {trigger} BEFORE DELETE ON {q} FOR EACH ROW EXECUTE FUNCTION {DELETE_FUNCTION}()")
        )


def _secure_audit(connection: Connection) -> None:
    """The trail: everyone reads it; a row's login is the server's (the column default, which
    no client may write: see the grants); a client stamps only its own rows still carrying the
    placeholder time of a running transaction (``audit.entry_time``), never a committed row."""
    q = _quote(connection, AUDIT_TABLE)
    connection.execute(text(f"ALTER TABLE {q} ENABLE ROW LEVEL SECURITY"))
    _policy(connection, AUDIT_TABLE, "portfolio_read", "FOR SELECT USING (true)")
    _policy(connection, AUDIT_TABLE, "portfolio_insert", "FOR INSERT WITH CHECK (login = session_user)")
    _policy(
        connection,
        AUDIT_TABLE,
        "portfolio_stamp",
        f"FOR UPDATE USING (login = session_user AND at < '{PLACEHOLDERS_BEFORE}') WITH CHECK (login = session_user)",
    )


def _policy(connection: Connection, table: str, name: str, body: str) -> None:
    exists = connection.execute(
        text("SELECT 1 FROM pg_policies WHERE schemaname = current_schema() AND tablename = :t AND policyname = :p"),
        {"t": table, "p": name},
    ).first()
    if exists is None:
        _ddl(connection, f"CREATE POLICY {name} ON {_quote(connection, table)} {body}")


# ------------------------------------------------------------------------- what is in the catalog


def snapshot(connection: Connection, prefix: str) -> frozenset[tuple[Any, ...]]:
    """Everything ``setup`` makes, as comparable rows: the roles, their grants on the schema,
    tables, columns and sequences, the policies, row-level security, functions and triggers."""
    names = list(role_names(prefix).values())
    queries = {
        "role": "SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = ANY(:names)",
        "grant": (
            "SELECT c.relname, a.privilege_type, g.rolname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a "
            "JOIN pg_roles g ON g.oid = a.grantee WHERE n.nspname = current_schema() AND g.rolname = ANY(:names)"
        ),
        "column": (
            "SELECT c.relname, t.attname, a.privilege_type, g.rolname FROM pg_attribute t "
            "JOIN pg_class c ON c.oid = t.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace, "
            "aclexplode(t.attacl) a JOIN pg_roles g ON g.oid = a.grantee "
            "WHERE n.nspname = current_schema() AND g.rolname = ANY(:names)"
        ),
        "schema": (
            "SELECT n.nspname, a.privilege_type, g.rolname FROM pg_namespace n, aclexplode(n.nspacl) a "
            "JOIN pg_roles g ON g.oid = a.grantee WHERE n.nspname = current_schema() AND g.rolname = ANY(:names)"
        ),
        "policy": (
            "SELECT tablename, policyname, cmd, qual, with_check FROM pg_policies WHERE schemaname = current_schema()"
        ),
        "rls": (
            "SELECT c.relname, c.relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
        ),
        "function": (
            "SELECT p.proname, p.prosrc, p.proconfig::text FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema()"
        ),
        "trigger": (
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT t.tgisinternal"
        ),
    }
    rows: set[tuple[Any, ...]] = set()
    for kind, query in queries.items():
        for row in connection.execute(text(query), {"names": names}):
            rows.add((kind, *row))
    return frozenset(rows)


# ------------------------------------------------------------------------- logins and their roles


@contextmanager
def _configured(engine: Engine) -> Iterator[tuple[Connection, dict[str, str]]]:
    require_postgres(engine)
    with engine.begin() as connection:
        prefix = stored_prefix(connection)
        if prefix is None:
            raise PortfolioError(
                "access is not set up on this database; run 'portfolio access setup' as the schema owner"
            )
        yield connection, role_names(prefix)


def grant(engine: Engine, login: str, role: str) -> str | None:
    """Give ``login`` one portfolio role (taking any other it had); returns the role it had before."""
    with _configured(engine) as (connection, roles):
        _check_login(connection, login, roles)
        had = _memberships(connection, login, roles)
        target = roles[role]
        for name in had:
            if name != target:
                connection.execute(text(f"REVOKE {_quote(connection, name)} FROM {_quote(connection, login)}"))
        if target not in had:
            connection.execute(text(f"GRANT {_quote(connection, target)} TO {_quote(connection, login)}"))
        short = {name: key for key, name in roles.items()}
        return short[had[0]] if had else None


def revoke(engine: Engine, login: str) -> list[str]:
    """Take every portfolio role from ``login``; returns the roles it had."""
    with _configured(engine) as (connection, roles):
        _check_login(connection, login, roles)
        had = _memberships(connection, login, roles)
        for name in had:
            connection.execute(text(f"REVOKE {_quote(connection, name)} FROM {_quote(connection, login)}"))
        short = {name: key for key, name in roles.items()}
        return [short[name] for name in had]


def members(engine: Engine) -> tuple[dict[str, str], list[Member]]:
    """The group roles and every login in one of them, with the codes it manages."""
    with _configured(engine) as (connection, roles):
        short = {name: key for key, name in roles.items()}
        rows = connection.execute(
            text(
                "SELECT m.rolname, g.rolname FROM pg_auth_members am JOIN pg_roles m ON m.oid = am.member "
                "JOIN pg_roles g ON g.oid = am.roleid WHERE g.rolname = ANY(:names) ORDER BY m.rolname, g.rolname"
            ),
            {"names": list(roles.values())},
        ).all()
        managed: dict[str, list[str]] = {}
        for table in ("program", "project"):
            for code, login in connection.execute(
                text(f"SELECT code, manager_login FROM {table} WHERE manager_login IS NOT NULL ORDER BY code")
            ):
                managed.setdefault(login, []).append(code)
        return roles, [Member(login, short[group], tuple(sorted(managed.get(login, ())))) for login, group in rows]


def _check_login(connection: Connection, login: str, roles: dict[str, str]) -> None:
    row = connection.execute(text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :name"), {"name": login}).first()
    if login in roles.values():
        raise PortfolioError(f"'{login}' is one of the portfolio's group roles, not a person's login")
    if row is None:
        raise PortfolioError(
            f"there is no login '{login}' on the server; create it first (CREATE ROLE {login} LOGIN PASSWORD '...')"
        )
    if not row[0]:
        raise PortfolioError(f"'{login}' is a role that cannot log in; grant the portfolio's roles to logins")


def _memberships(connection: Connection, login: str, roles: dict[str, str]) -> list[str]:
    return [
        row[0]
        for row in connection.execute(
            text(
                "SELECT g.rolname FROM pg_auth_members am JOIN pg_roles m ON m.oid = am.member "
                "JOIN pg_roles g ON g.oid = am.roleid WHERE m.rolname = :login AND g.rolname = ANY(:names) "
                "ORDER BY g.rolname"
            ),
            {"login": login, "names": list(roles.values())},
        )
    ]


def roles_exist(engine: Engine) -> bool:
    """Whether ``access setup`` has run on this database (for the hint after an upgrade)."""
    if engine.dialect.name != "postgresql":
        return False
    with engine.connect() as connection:
        return stored_prefix(connection) is not None
