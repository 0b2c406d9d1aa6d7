"""Writing an output file safely: never over an existing file by accident, never half-written.

The one helper for every file a command writes where the user names it (``-o``, ``db backup``,
``status template``): the same rules everywhere, checked before any work is done and again
when the file is put in place.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from portfolio.errors import PortfolioError


def write_output(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write ``content`` to ``path`` through a temporary file renamed into place.

    Text is written as UTF-8 with ``\\n`` line ends; bytes (a PDF, a workbook) as they are.
    The rules are those of :func:`check_output`; a reader never sees a half-written file.
    """
    with output_file(path, force=force) as temporary:
        if isinstance(content, bytes):
            temporary.write_bytes(content)
        else:
            with temporary.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)


def write_output_chunks(path: Path, chunks: Iterable[str], *, force: bool = False) -> None:
    """Write text ``chunks`` to ``path`` as they come, by the rules of :func:`write_output`.

    For a list streamed from the database: only one chunk is held at a time, and the file
    appears whole or not at all (a failure while the chunks are made leaves ``path`` as it was).
    """
    with output_file(path, force=force) as temporary, temporary.open("w", encoding="utf-8", newline="\n") as handle:
        for chunk in chunks:
            handle.write(chunk)


@contextmanager
def output_file(path: Path, *, force: bool = False) -> Iterator[Path]:
    """A temporary file beside ``path`` to write to, renamed onto ``path`` when the block ends.

    For writers that need a file name of their own (a SQLite backup). When the block raises,
    the temporary file is removed and ``path`` is left as it was. An operating system error
    (a folder that cannot be written, a full disk) becomes one line naming ``path``.
    """
    check_output(path, force=force)
    try:
        descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise PortfolioError(f"cannot write {path}: {exc.strerror or exc}") from None
    os.close(descriptor)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; a report is not
        check_output(path, force=force)  # again: nothing may have taken its place meanwhile
        os.replace(temporary, path)
    except OSError as exc:
        raise PortfolioError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        temporary.unlink(missing_ok=True)


def check_output(path: Path, *, force: bool = False) -> None:
    """Refuse ``path`` before any work is done: the checks ``output_file`` makes again when writing.

    The folder must exist; an existing file is replaced only with ``force``, and only when it is
    a regular file (never a device such as /dev/full, a pipe or a socket). A path with '..', a
    target that is a symbolic link, and a relative folder that is a link leading out of the
    working folder are refused: a file lands where the user named it, never through a link.
    """
    if ".." in path.parts:
        raise PortfolioError(f"cannot write {path}: '..' is not allowed in an output path; name the folder directly")
    try:
        _check_place(path, force=force)
    except OSError as exc:  # a name too long, a folder that cannot be looked into
        raise PortfolioError(f"cannot write {path}: {exc.strerror or exc}") from None


def _check_place(path: Path, *, force: bool) -> None:
    if path.is_symlink():
        raise PortfolioError(
            f"cannot write {path}: it is a symbolic link (to {os.readlink(path)}); refusing to follow it"
        )
    folder = path.parent
    if not path.is_absolute() and folder.is_dir() and not _inside(folder.resolve(), Path.cwd().resolve()):
        raise PortfolioError(f"cannot write {path}: folder {folder} is a link that leads outside {Path.cwd()}")
    if not folder.is_dir():
        raise PortfolioError(f"cannot write {path}: folder {folder} does not exist")
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        raise PortfolioError(f"cannot write {path}: it is a folder")
    if not stat.S_ISREG(mode):
        raise PortfolioError(
            f"cannot write {path}: it is not a regular file (a device, pipe or socket); refusing to replace it"
        )
    if not force:
        raise PortfolioError(f"{path} exists; use --force to replace it")


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
