"""Writing an output file so that nothing the user had is lost.

Every command writes its files through `replacing` (or `write_bytes`): the file is written under a
temporary name in the same folder and renamed over the final name only once it is complete, so a
kill or a full disk midway leaves the old file intact and no half-written file under the final name.
Before anything is computed, `check` refuses an output that is one of the command's inputs, and an
existing output unless the user asked to overwrite it; then the old file is kept as a backup
(`plan.xlsx` -> `plan.bak.xlsx`, or `plan.bak2.xlsx`, ... when that name is taken too).
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .i18n import DEFAULT_LANG, t


class OutputRefused(FileExistsError):
    """An output the command will not write; the message is ready to show in the user's language."""


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (a.exists() and b.exists() and os.path.samefile(a, b))
    except OSError:
        return False


def check(path: str | Path, inputs: Iterable[str | Path | None] = (), overwrite: bool = False,
          lang: str = DEFAULT_LANG, option: str = "--out") -> Path:
    """`path` as a Path, once it is safe to write there: it is none of `inputs` (an input is never
    replaced, not even with --overwrite) and it does not exist yet unless `overwrite`."""
    path = Path(path)
    for given in inputs:
        if given is not None and _same_file(path, Path(given)):
            raise OutputRefused(t("output.is_input", lang, path=str(path), option=option))
    if path.is_dir():
        raise OutputRefused(t("output.is_folder", lang, path=str(path)))
    if not path.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(path.parent))
    if path.exists() and not overwrite:
        raise OutputRefused(t("output.exists", lang, path=str(path)))
    return path


def backup_name(path: Path) -> Path:
    """The first free name `stem.bak.ext`, `stem.bak2.ext`, ... next to `path`."""
    n = 1
    while True:
        candidate = path.with_name(f"{path.stem}.bak{'' if n == 1 else n}{path.suffix}")
        if not candidate.exists():
            return candidate
        n += 1


@contextmanager
def replacing(path: str | Path, inputs: Iterable[str | Path | None] = (), overwrite: bool = False,
              lang: str = DEFAULT_LANG, option: str = "--out") -> Iterator[Path]:
    """A temporary path in `path`'s folder to write to (same extension, for writers that look at it);
    when the block ends without error it becomes `path` (an existing file is first kept as a backup),
    otherwise it is removed and `path` is untouched."""
    path = check(path, inputs, overwrite, lang, option)
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=f".part{path.suffix}", dir=path.parent)
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb+") as fh:  # on disk before the rename makes it the file
            os.fsync(fh.fileno())
        if path.exists():  # overwrite: the old file stays, under its backup name
            keep = backup_name(path)
            try:
                os.link(path, keep)
            except OSError:  # a file system without hard links
                shutil.copy2(path, keep)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_with(path: str | Path, write: Callable[[Path], object], **kwargs) -> Path:
    """`write(temporary path)` through `replacing`; returns the final path."""
    with replacing(path, **kwargs) as temporary:
        write(temporary)
    return Path(path)


def write_bytes(path: str | Path, data: bytes, **kwargs) -> Path:
    """`data` as the file `path`, through `replacing`."""
    return write_with(path, lambda p: p.write_bytes(data), **kwargs)
