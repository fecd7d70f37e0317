"""Find the supported input files under a folder (or among given paths).

Nothing here opens a file: only regular files are ever handed on to be read (a FIFO
or a device named ``*.pdf`` would block its reader for ever), symlinks that lead out
of the scanned folder are not followed, and a folder that cannot be listed is
reported, so that its files are not taken for deleted ones.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extractor.export.documents import valid_text
from extractor.ingest.sniff import SUFFIXES

SUPPORTED_SUFFIXES = frozenset(SUFFIXES)


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path  # absolute
    # Display name: POSIX path relative to the scanned folder, or the file name; always
    # valid UTF-8 (bytes that are not are shown as \xNN, see display_name).
    name: str
    size: int
    mtime_ns: int
    raw_name: bytes = b""  # the same name's bytes as on disk
    problem: str | None = None  # why it cannot be read (not a regular file); None to read it


@dataclass(slots=True)
class Walk:
    """What a walk found: the input files, and what it could not look into or refused."""

    files: list[InputFile] = field(default_factory=list)
    # Folders (display name relative to the scanned folder, "" for the folder itself)
    # that could not be listed, with what went wrong ("cannot be read (Permission denied)").
    unreadable: dict[str, str] = field(default_factory=dict)
    outside_links: list[str] = field(default_factory=list)  # symlinks leaving the folder


def display_name(name: str) -> str:
    """A file name as valid UTF-8: bytes that are not UTF-8 (os.fsdecode keeps them as
    lone surrogates) are written as \\xNN, so the name stays unambiguous."""
    return valid_text(name)


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


_KINDS = [
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
]


def _kind(mode: int) -> str:
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def _input(path: Path, name: str) -> InputFile:
    """The file at `path` (symlinks followed; the caller decided they may be), never opened."""
    raw = os.fsencode(name)
    shown = display_name(name)
    try:
        st = path.stat()
    except OSError as exc:
        return InputFile(path, shown, 0, 0, raw, f"cannot be read ({exc.strerror or exc})")
    if not stat.S_ISREG(st.st_mode):
        problem = f"is {_kind(st.st_mode)}, not a regular file; it is not read"
        return InputFile(path, shown, 0, 0, raw, problem)
    return InputFile(path, shown, st.st_size, st.st_mtime_ns, raw)


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop
        return False


def walk(scan_dir: Path, exclude: Iterable[Path] = ()) -> Walk:
    """Supported files under scan_dir, recursively, sorted by display name.

    Hidden files and folders (name starting with "."), the folders in `exclude`
    (typically OUT_DIR when it lies inside scan_dir) and symlinked folders are skipped;
    a symlinked file is taken only if it points inside scan_dir.
    """
    result = Walk()
    root = scan_dir.resolve()
    excluded = {p.resolve() for p in exclude}

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or root)
        relative = where.relative_to(root).as_posix() if where.is_relative_to(root) else ""
        reason = f"cannot be read ({error.strerror or error})"
        result.unreadable[display_name("" if relative == "." else relative)] = reason

    if not root.is_dir():
        result.unreadable[""] = "does not exist" if not root.exists() else "is not a folder"
        return result
    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        current = Path(dirpath)
        kept = []
        for d in sorted(dirnames):
            path = current / d
            if d.startswith(".") or path in excluded:
                continue
            if path.is_symlink():
                if not _inside(path, root):
                    result.outside_links.append(display_name(path.relative_to(root).as_posix()))
                continue
            kept.append(d)
        dirnames[:] = kept
        for filename in filenames:
            path = current / filename
            if filename.startswith(".") or not is_supported(path):
                continue
            name = path.relative_to(root).as_posix()
            if path.is_symlink() and not _inside(path, root):
                result.outside_links.append(display_name(name))
                continue
            result.files.append(_input(path, name))
    result.files.sort(key=lambda f: f.name)
    result.outside_links.sort()
    return result


def walk_folder(scan_dir: Path, exclude: Iterable[Path] = ()) -> list[InputFile]:
    """The input files of `walk`."""
    return walk(scan_dir, exclude).files


def collect_paths(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> Walk:
    """Inputs for `extract`: files as given (named by file name), folders walked (named
    relative to the folder). Duplicates are dropped, order is kept."""
    seen: set[Path] = set()
    result = Walk()
    for given in paths:
        if given.is_dir():
            found = walk(given, exclude)
            result.unreadable.update(found.unreadable)
            result.outside_links.extend(found.outside_links)
            items = found.files
        else:
            items = [_input(given.resolve(), given.name)]
        for item in items:
            if item.path not in seen:
                seen.add(item.path)
                result.files.append(item)
    return result
