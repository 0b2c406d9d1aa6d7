"""``portfolio plugins new NAME``: a working plugin skeleton that passes its own tests.

The skeleton is the template folder beside this file with its placeholders filled in; the
example plugin in docs/examples/portfolio-benefits is exactly this output for "benefits", and
a test keeps the two the same.
"""

from __future__ import annotations

import re
from pathlib import Path

from portfolio.errors import PortfolioError

TEMPLATE = Path(__file__).resolve().parent / "template"
NAME = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
SUFFIX = ".tmpl"


def placeholders(name: str) -> dict[str, str]:
    return {
        "__PACKAGE__": f"portfolio_{name}",
        "__DIST__": f"portfolio-{name.replace('_', '-')}",
        "__TITLE__": name.replace("_", " ").capitalize(),
        "__NAME__": name,
    }


def render_plugin(name: str) -> dict[str, str]:
    """Relative path -> file content of the skeleton for ``name``."""
    values = placeholders(name)
    files = {}
    for source in sorted(TEMPLATE.rglob(f"*{SUFFIX}")):
        relative = str(source.relative_to(TEMPLATE))[: -len(SUFFIX)]
        text = source.read_text(encoding="utf-8")
        for token, value in values.items():
            relative = relative.replace(token, value)
            text = text.replace(token, value)
        files[relative] = text
    return files


def create_plugin(name: str, folder: Path, taken: set[str] = frozenset()) -> Path:  # type: ignore[assignment]
    """Write the skeleton to ``folder/portfolio-NAME`` and return that path."""
    if not NAME.match(name):
        raise PortfolioError(
            f"'{name}' is not a plugin name; use 2-31 lower-case letters, digits or _, starting with a letter"
        )
    if name in taken:
        raise PortfolioError(f"'{name}' is already a portfolio command; choose another name")
    if not folder.is_dir():
        raise PortfolioError(f"cannot create the plugin in {folder}: the folder does not exist")
    target = folder / placeholders(name)["__DIST__"]
    if target.exists():
        raise PortfolioError(f"{target} exists; choose another name or folder")
    for relative, text in render_plugin(name).items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target
