"""The walls of docs/architecture.md hold: each layer imports only its own and lower layers, no two
modules import each other (directly or round about), and plugins use only the public API.

Every import counts: at the top of a module, inside a function and under ``TYPE_CHECKING``. An
import hidden inside a function is still a dependency; hiding it only hides the cycle.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "portfolio"

# Lowest first. A module belongs to the layer of its longest matching prefix. Keep this table and
# the picture in docs/architecture.md the same.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "values",
        (
            "portfolio",
            "portfolio.errors",
            "portfolio.period",
            "portfolio.parsing",
            "portfolio.import_profile",
            "portfolio.ratings",
            "portfolio.choices",
            "portfolio.redact",
            "portfolio.safe_text",
            "portfolio.userdirs",
            "portfolio.acting_user",
            "portfolio.files",
            "portfolio.cache",
            "portfolio.risk_zones",
            "portfolio.dead_band",
            "portfolio.dated_rows",
            "portfolio.findings",
            "portfolio.round_items",
            "portfolio.entry_points",
        ),
    ),
    ("settings and plugin host", ("portfolio.config", "portfolio.plugin_host")),
    (
        "storage",
        (
            "portfolio.models",
            "portfolio.database",
            "portfolio.read_once",
            "portfolio.bulk",
            "portfolio.audit",
            "portfolio.schema",
            "portfolio.backup",
            "portfolio.stored_settings",
            "portfolio.access",
        ),
    ),
    ("application context", ("portfolio.context",)),
    ("services", ("portfolio.services", "portfolio.importers", "portfolio.evidence")),
    ("report", ("portfolio.report",)),
    ("renderers", ("portfolio.render",)),
    (
        "plugin contract and loading",
        ("portfolio.hookspecs", "portfolio.plugins", "portfolio.builtin", "portfolio.demo"),
    ),
    ("commands and public API", ("portfolio.cli", "portfolio.api", "portfolio.testing", "portfolio.__main__")),
]


def layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None
    for rank, (_name, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[1]):
                best = (rank, len(prefix))
    return best[0] if best else None


def core_modules() -> dict[str, Path]:
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if "migrations" in parts or "scaffold" in parts:
            continue
        name = ".".join(parts).removesuffix(".__init__")
        modules[name] = path
    return modules


def imported_modules(path: Path) -> set[str]:
    """Every module of the portfolio package that ``path`` imports, wherever the import stands."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "portfolio" or node.module.startswith("portfolio."):
                found |= {f"{node.module}.{alias.name}" for alias in node.names} | {node.module}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "portfolio"}
    return found


def dependency_graph() -> dict[str, set[str]]:
    modules = core_modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for target in imported_modules(path):
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                graph[name].add(target)
    return graph


def test_every_module_has_a_layer() -> None:
    assert [name for name in core_modules() if layer_of(name) is None] == []


def test_each_layer_imports_only_downward() -> None:
    upward = [
        f"{module} ({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"  # type: ignore[index]
        for module, targets in dependency_graph().items()
        for target in sorted(targets)
        if layer_of(target) > layer_of(module)  # type: ignore[operator]
    ]
    assert upward == []


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm: the groups of modules that reach each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in list(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycles() -> None:
    assert strongly_connected(dependency_graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_core_never_imports_its_own_public_api() -> None:
    """portfolio.api is a facade over the core for plugins; the core importing it would tie the
    promise to the internals the other way round."""
    users = [name for name, path in core_modules().items() if "portfolio.api" in imported_modules(path)]
    assert users == []


# ------------------------------------------------------------------------------ plugins


def plugin_sources() -> list[Path]:
    folders = [ROOT / "plugins", ROOT / "docs" / "examples", ROOT / "tests" / "support" / "notes_plugin"]
    return sorted(
        path
        for folder in folders
        for path in folder.rglob("*.py")
        if ".venv" not in path.parts and "build" not in path.parts
    )


def allowed_for(path: Path) -> set[str]:
    in_tests = "tests" in path.relative_to(ROOT).parts[1:] or path.name.startswith(("test_", "conftest"))
    return {"portfolio.api", "portfolio.testing"} if in_tests else {"portfolio.api"}


def _modules_imported(path: Path) -> set[str]:
    """The portfolio modules named in import statements (not the names imported from them)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == "portfolio":
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "portfolio"}
    return found


def test_plugins_import_only_the_public_api() -> None:
    offences = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in plugin_sources()
        for module in sorted(_modules_imported(path) - allowed_for(path))
    ]
    assert offences == []


@pytest.mark.parametrize("template", sorted((PACKAGE / "scaffold" / "template").rglob("*.tmpl")), ids=lambda p: p.name)
def test_the_scaffold_imports_only_the_public_api(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("from portfolio", "import portfolio")):
            module = stripped.split()[1]
            assert module in {"portfolio.api", "portfolio.testing"}, f"{template.name}: {stripped}"


def test_the_architecture_page_draws_these_layers() -> None:
    """docs/architecture.md's layer table names the layers of LAYERS, in order, with their modules."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = text.split("## The layers", 1)[1].split("## The walls", 1)[0]
    rows = [line.split("|")[1:3] for line in table.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert [name.strip() for name, _ in rows] == [name for name, _ in LAYERS]
    for (_, cell), (_, prefixes) in zip(rows, LAYERS, strict=True):
        for prefix in prefixes:
            short = prefix.removeprefix("portfolio.").replace(".", "/")
            assert f"`{short}" in cell, f"docs/architecture.md: {prefix} is missing from its layer's row"
