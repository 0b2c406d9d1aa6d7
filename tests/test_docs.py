"""The documentation stays true: the generated CLI reference is current, the example CSV imports."""

from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path
from types import ModuleType

from tests.helpers import ok

DOCS = Path(__file__).resolve().parents[1] / "docs"
EXAMPLE_CSV = DOCS / "examples" / "statuses-2024-01.csv"
DIMENSIONS = ("scope", "finance", "resources", "schedule", "dependencies", "benefits")

# The reference report's portfolio: standalone projects, then each program with its projects.
STANDALONE = [
    ("RAF", "Regional applikasjonsforvaltning (RAF)"),
    ("HAF", "Helhetlig applikasjonsforvaltning"),
    ("SMB", "Sectra Message Broker"),
    ("TP2", "Tjenesteplattform 2.0"),
    ("DVH", "Plattform for Datavarehuset"),
    ("NYESYK", "Nye UNN og Hammerfest sykehus"),
    ("SIKTH", "Sikker IKT-Plattform for Kunstig Intelligens"),
    ("HTS", "Helhetlig Tjenestestyring i HN IKT"),
]
PROGRAMS = [
    (
        "HIS2",
        "1",
        "Helhetlig informasjonssikkerhet 2",
        [
            ("IAM2", "1.1", "IAM 2"),
            ("ITAM", "1.2", "IT Asset Management"),
            ("SRVS", "1.3", "Serversikring"),
            ("NAC", "1.4", "NAC/Sonemodell"),
            ("RSMA", "1.5", "RSMA"),
            ("EPP", "1.6", "EPP og ADP"),
        ],
    ),
    (
        "MODI",
        "2",
        "MoDI",
        [
            ("FAF", "2.1", "Framtidig arbeidsflate"),
            ("DPT", "2.2", "Digital plattform Telekom"),
            ("SMT", "2.3", "Sentral meldingstjener"),
            ("IFRONT", "2.4", "iFront"),
            ("NETT2", "2.5", "Nettverk 2.0"),
            ("M365", "2.6", "Innføring av Microsoft 365"),
        ],
    ),
]


def load_generator() -> ModuleType:
    """docs/ is not a package: load the generator script from its file."""
    spec = importlib.util.spec_from_file_location("generate_cli_reference", DOCS / "generate_cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def add_demo_portfolio(run) -> None:  # type: ignore[no-untyped-def]
    """Register the 2 programs and 20 projects the example files are written for."""
    for code, name in STANDALONE:
        ok(run("project", "add", code, name))
    for program, number, name, projects in PROGRAMS:
        ok(run("program", "add", program, name, "--number", number))
        for code, project_number, project_name in projects:
            ok(
                run(
                    "project",
                    "add",
                    code,
                    project_name,
                    "--program",
                    program,
                    "--number",
                    project_number,
                )
            )


def test_cli_reference_is_current() -> None:
    generator = load_generator()
    assert generator.check(), (
        "docs/cli-reference.md is stale; run: .venv/bin/python docs/generate_cli_reference.py\n"
        + "".join(generator.stale_diff())
    )


def test_the_user_guide_shows_the_examples_of_the_commands_help() -> None:
    """Its examples blocks are made from the same table as --help (regenerated with the reference)."""
    generator = load_generator()
    assert generator.guide_stale_diff() == [], (
        "docs/user-guide.md's examples are stale; run: .venv/bin/python docs/generate_cli_reference.py\n"
        + "".join(generator.guide_stale_diff())
    )


def test_every_command_section_of_the_user_guide_has_its_examples_block() -> None:
    """A section '#### portfolio risk close / reopen' holds the block of 'risk close, risk reopen'."""
    import re

    from portfolio.cli import build_cli

    examples = build_cli().examples
    text = (DOCS / "user-guide.md").read_text(encoding="utf-8").split("\n## Command reference\n", 1)[1]
    text = re.sub(r"^```.*?^```", "", text, flags=re.DOTALL | re.MULTILINE)  # no headings in code blocks
    sections = re.split(r"^#{3,4} portfolio ", text, flags=re.MULTILINE)[1:]
    assert len(sections) > 50
    for section in sections:
        heading, _, body = section.partition("\n")
        first, *others = heading.split(" / ")
        paths = [first, *(" ".join([*first.split()[:-1], other]) for other in others)]
        wanted = [path for path in paths if path in examples]
        blocks = re.findall(r"<!-- examples: ([^>]*?) -->", body)
        assert blocks == ([", ".join(wanted)] if wanted else []), heading


def test_cli_reference_covers_the_shipped_section_plugins() -> None:
    generator = load_generator()
    assert {"finance", "services", "hr", "deviations"} <= generator.shipped_plugins()
    text = (DOCS / "cli-reference.md").read_text(encoding="utf-8")
    for group in ("finance import", "service import", "hr import", "deviation import"):
        assert f"\n## portfolio {group}\n" in text, group


def test_example_statuses_import_cleanly(migrated) -> None:  # type: ignore[no-untyped-def]
    add_demo_portfolio(migrated)

    result = ok(migrated("status", "import", str(EXAMPLE_CSV), "--period", "2024-01"))
    assert "Imported 22 statuses for 2024-01" in result.output

    matrix = ok(migrated("status", "matrix", "--period", "2024-01", "--format", "csv"))
    rows = list(csv.DictReader(io.StringIO(matrix.stdout)))
    assert len(rows) == 22
    unrated = [(row["code"], key) for row in rows for key in DIMENSIONS if not row[key]]
    assert unrated == [], f"the example leaves cells unreported: {unrated}"


def test_the_docs_show_the_core_schema_at_its_newest_revision() -> None:
    """An example of `db upgrade` or `db current` names the core's newest migration, then each
    plugin's newest it lists; one left at an older revision (as 0008 once stayed after two more)
    tells the reader their database is behind."""
    import re

    root = Path(__file__).resolve().parents[1]
    versions = root / "portfolio" / "migrations" / "versions"
    newest = max(path.stem for path in versions.glob("0*.py"))
    plugin_newest: dict[str, str] = {}
    for path in sorted(root.glob("plugins/*/portfolio_*/migrations/*_[0-9]*.py")):
        plugin_newest[path.stem.rsplit("_", 1)[0]] = path.stem  # sorted: the last is the newest
    item = r"[^\s,]+"
    shown = re.compile(rf"^(?:revision|newest): +({item}(?:, {item})*)|^Upgraded \S+ to ({item}(?:, {item})*)", re.M)
    found = []
    for page in [DOCS.parent / "README.md", *DOCS.glob("**/*.md")]:
        for match in shown.finditer(page.read_text(encoding="utf-8")):
            names = [name.strip(".,") for name in (match.group(1) or match.group(2)).split(", ")]
            found.append((page.name, names))
    assert len(found) >= 4  # db upgrade and db current in the user guide, the configuration page
    assert [(page, names[0]) for page, names in found if names[0] != newest] == []
    stale = [
        (page, name) for page, names in found for name in names[1:] if plugin_newest.get(name.rsplit("_", 1)[0]) != name
    ]
    assert stale == [], f"newest plugin revisions: {sorted(plugin_newest.values())}"
    assert any(len(names) > 1 for _page, names in found)  # an example shows the plugins' revisions too
