"""Writing an output file safely: never over an existing file by accident, never half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from portfolio.errors import PortfolioError


def write_output(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write ``content`` to ``path`` through a temporary file renamed into place.

    Text is written as UTF-8 with ``\\n`` line ends; bytes (a PDF, a workbook) as they are.

    The folder must exist; an existing file is replaced only with ``force``; a reader never
    sees a half-written report. A path with '..', a target that is a symbolic link, and a
    relative folder that is a link leading out of the working folder are refused: a report
    lands where the user named it, never through a link somewhere else.
    """
    check_output(path, force=force)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if isinstance(content, bytes):
            with os.fdopen(descriptor, "wb") as binary:
                binary.write(content)
        else:
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a report is not
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise PortfolioError(f"cannot write {path}: {exc.strerror or exc}") from None


def check_output(path: Path, *, force: bool = False) -> None:
    """Refuse ``path`` before any work is done: the checks ``write_output`` makes again when writing."""
    if ".." in path.parts:
        raise PortfolioError(f"cannot write {path}: '..' is not allowed in an output path; name the folder directly")
    if path.is_symlink():
        raise PortfolioError(
            f"cannot write {path}: it is a symbolic link (to {os.readlink(path)}); refusing to follow it"
        )
    folder = path.parent
    if not path.is_absolute() and folder.is_dir() and not _inside(folder.resolve(), Path.cwd().resolve()):
        raise PortfolioError(f"cannot write {path}: folder {folder} is a link that leads outside {Path.cwd()}")
    if not folder.is_dir():
        raise PortfolioError(f"cannot write {path}: folder {folder} does not exist")
    if path.is_dir():
        raise PortfolioError(f"cannot write {path}: it is a folder")
    if (path.exists() or path.is_symlink()) and not force:
        raise PortfolioError(f"{path} exists; use --force to replace it")


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
