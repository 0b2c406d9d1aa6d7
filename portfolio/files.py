"""Writing an output file safely: never over an existing file by accident, never half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from portfolio.errors import PortfolioError


def write_output(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file renamed into place.

    The folder must exist; an existing file is replaced only with ``force``; a reader never
    sees a half-written report.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise PortfolioError(f"cannot write {path}: folder {folder} does not exist")
    if path.is_dir():
        raise PortfolioError(f"cannot write {path}: it is a folder")
    if (path.exists() or path.is_symlink()) and not force:
        raise PortfolioError(f"{path} exists; use --force to replace it")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a report is not
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise PortfolioError(f"cannot write {path}: {exc.strerror or exc}") from None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
