"""Progress while a batch runs, and the closing summary.

On a terminal: a progress bar. Otherwise (cron, CI, a pipe): one plain log line per
file, so a log file shows what happened to each one.
"""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass, field
from typing import IO, Any

import click


@dataclass(slots=True)
class BatchSummary:
    processed: int = 0
    skipped: int = 0  # unchanged since the last run
    ok: int = 0
    needs_review: int = 0
    failed: int = 0
    disappeared: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # folders that could not be listed
    outside_links: list[str] = field(default_factory=list)  # symlinks out of SCAN_DIR, skipped
    pages: int = 0
    elapsed: float = 0.0
    interrupted: bool = False

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.elapsed if self.elapsed > 0 else 0.0

    def count(self, status: str) -> None:
        self.processed += 1
        if status == "ok":
            self.ok += 1
        elif status == "needs_review":
            self.needs_review += 1
        else:
            self.failed += 1

    def exit_code(self) -> int:
        from extractor.errors import ExitCode

        if self.interrupted:
            return ExitCode.INTERRUPTED
        if self.failed or self.unreadable:
            return ExitCode.FAILED
        if self.needs_review:
            return ExitCode.NEEDS_REVIEW
        return ExitCode.OK

    def lines(self) -> list[str]:
        rate = f"{self.pages_per_second:.2f} pages/s" if self.pages else "n/a"
        lines = [
            "interrupted: the files finished so far are kept" if self.interrupted else "done",
            f"  processed     {self.processed}",
            f"  skipped       {self.skipped} (unchanged)",
            f"  ok            {self.ok}",
            f"  needs review  {self.needs_review}",
            f"  failed        {self.failed}" + (" (see errors.csv)" if self.failed else ""),
            f"  disappeared   {len(self.disappeared)}"
            + (" (removed from the outputs and tables)" if self.disappeared else ""),
            f"  pages         {self.pages} ({rate})",
            f"  elapsed       {self.elapsed:.1f} s",
        ]
        if self.unreadable:
            lines.append(
                f"  unreadable    {len(self.unreadable)} folder(s) "
                "(their files' records are kept; fix the permissions or the path)"
            )
        if self.outside_links:
            lines.append(
                f"  not followed  {len(self.outside_links)} symlink(s) leading out of the "
                "scanned folder"
            )
        return [printable(line) for line in lines]


def printable(text: str) -> str:
    """One log line, whatever a file name holds: control characters (a newline, an escape
    sequence) are shown as \\xNN instead of starting a forged line or moving the cursor."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp")
        else ch
        for ch in text
    )


class Progress:
    """Reports to stderr; `quiet` silences everything but warnings."""

    def __init__(self, stream: IO[str] | None = None, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.total = 0
        self.done = 0
        self._bar: Any = None

    def note(self, message: str) -> None:
        if self._bar is not None:
            self.stream.write("\n")
        click.echo(printable(message), file=self.stream)

    def start(self, total: int, where: str) -> None:
        self.total, self.done = total, 0
        if not total:
            return
        if self.tty:
            self._bar = click.progressbar(
                length=total, label=f"processing {total} file(s) on {where}", file=self.stream,
                show_pos=True, show_eta=True,
            )  # fmt: skip
            self._bar.__enter__()
        else:
            click.echo(f"processing {total} file(s) on {where}", file=self.stream)

    def file_done(
        self, name: str, status: str, pages: int, seconds: float, error: str | None
    ) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.update(1)
            if status == "failed":
                self.stream.write("\n")
                click.echo(printable(f"failed: {error}"), file=self.stream)
            return
        width = len(str(self.total))
        line = f"[{self.done:>{width}}/{self.total}] {name}: {status}"
        line += f", {pages} page(s), {seconds:.1f} s"
        if error:
            line += f" ({error})"
        click.echo(printable(line), file=self.stream)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


class SilentProgress(Progress):
    def __init__(self) -> None:
        super().__init__(stream=sys.stderr, tty=False)

    def note(self, message: str) -> None:
        pass

    def start(self, total: int, where: str) -> None:
        pass

    def file_done(
        self, name: str, status: str, pages: int, seconds: float, error: str | None
    ) -> None:
        pass
