"""File type from the first bytes of the file (magic numbers), never from its name alone.

A file whose name claims a different supported type than its content (a ``.pdf`` that
is really a PNG) is refused with a sentence saying what it really is, because a
mislabelled file usually means something went wrong upstream (a scanner profile, a
rename script) that a person should look at.
"""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from extractor.errors import InputError

PDF = "pdf"
TIFF = "tiff"
PNG = "png"
JPEG = "jpeg"

_NAMES = {PDF: "a PDF", TIFF: "a TIFF image", PNG: "a PNG image", JPEG: "a JPEG image"}
# The one list of supported file name suffixes (and what each claims to be).
SUFFIXES = {
    ".pdf": PDF,
    ".tif": TIFF,
    ".tiff": TIFF,
    ".png": PNG,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".jpe": JPEG,
}


def _type_from_head(head: bytes) -> str | None:
    # PDF readers accept up to 1 KiB of junk before the header; so do we.
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):
        return TIFF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    return None


def _describe(head: bytes) -> str:
    shown = head[:8]
    if shown and all(32 <= b < 127 for b in shown):
        return repr(shown.decode("ascii"))
    return " ".join(f"{b:02x}" for b in shown) or "nothing"


def sniff(path: Path) -> str:
    """Return "pdf", "tiff", "png" or "jpeg"; raise InputError for anything else."""
    try:
        with os.fdopen(open_regular(Path(path)), "rb") as handle:
            head = handle.read(1024)
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except FileNotFoundError:
        raise InputError(path, "does not exist") from None
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not head:
        raise InputError(path, "is empty (0 bytes)")
    kind = _type_from_head(head)
    if kind is None:
        raise InputError(
            path,
            f"is not a PDF or image (it starts with {_describe(head)}); "
            "supported are PDF, TIFF, PNG and JPEG",
        )
    claimed = SUFFIXES.get(Path(path).suffix.lower())
    if claimed is not None and claimed != kind:
        raise InputError(
            path,
            f"is named {Path(path).suffix} but is really {_NAMES[kind]}; "
            "rename it to match its content",
        )
    return kind


def open_regular(path: Path) -> int:
    """A read-only descriptor of `path`, which must be a regular file: opened without
    blocking (opening a FIFO for reading would wait for a writer for ever) and checked
    before a byte is read (reading /dev/zero never ends). Raises OSError otherwise."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "is a folder", str(path))
        raise OSError(22, "not a regular file", str(path))
    os.set_blocking(fd, True)
    return fd


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with os.fdopen(open_regular(Path(path)), "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
