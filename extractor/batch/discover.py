"""Find the supported input files under a folder (or among given paths)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from extractor.ingest.sniff import SUFFIXES

SUPPORTED_SUFFIXES = frozenset(SUFFIXES)


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path  # absolute
    name: str  # display name: POSIX path relative to the scanned folder, or the file name
    size: int
    mtime_ns: int


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _stat_input(path: Path, name: str) -> InputFile | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return InputFile(path=path, name=name, size=st.st_size, mtime_ns=st.st_mtime_ns)


def walk_folder(scan_dir: Path, exclude: Iterable[Path] = ()) -> list[InputFile]:
    """Supported files under scan_dir, recursively, sorted by display name.

    Hidden files and folders (name starting with ".") and the folders in `exclude`
    (typically OUT_DIR when it lies inside scan_dir) are skipped.
    """
    root = scan_dir.resolve()
    excluded = {p.resolve() for p in exclude}
    found: list[InputFile] = []
    for dirpath, dirnames, filenames in os.walk(root):
        current = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and (current / d).resolve() not in excluded
        )
        for filename in filenames:
            path = current / filename
            if filename.startswith(".") or not is_supported(path) or not path.is_file():
                continue
            item = _stat_input(path, path.relative_to(root).as_posix())
            if item is not None:
                found.append(item)
    found.sort(key=lambda f: f.name)
    return found


def collect_paths(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> list[InputFile]:
    """Inputs for `extract`: files as given (named by file name), folders walked (named
    relative to the folder). Duplicates are dropped, order is kept."""
    seen: set[Path] = set()
    result: list[InputFile] = []
    for given in paths:
        if given.is_dir():
            items = walk_folder(given, exclude)
        else:
            item = _stat_input(given.resolve(), given.name)
            items = [item] if item is not None else []
        for item in items:
            if item.path not in seen:
                seen.add(item.path)
                result.append(item)
    return result
