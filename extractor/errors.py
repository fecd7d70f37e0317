"""Exception types and the exit codes the command line maps them to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # every document ok
    NEEDS_REVIEW = 1  # records written, at least one needs review
    FAILED = 2  # at least one document failed (others may be fine)
    USAGE = 3  # bad command line or unusable output folder
    MISSING_DEPENDENCY = 4  # Tesseract or its German data not installed
    CRASH = 5  # an unexpected error in the tool itself (a bug): details in the crash log
    LOCKED = 6  # another run is writing the same output folder
    INTERRUPTED = 130


class ExtractorError(Exception):
    """Base for errors a person can act on; str(e) is that sentence."""


class InputError(ExtractorError):
    """The input file cannot be read as a supported document."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class PageTooLargeError(InputError):
    pass


class MissingDependencyError(ExtractorError):
    """An external program or its data is not installed."""


class FileTimeoutError(ExtractorError):
    pass


class ManifestError(ExtractorError):
    """The batch manifest cannot be opened or written (disk full, no permission)."""


class OutputLockedError(ExtractorError):
    """Another run holds the output folder's lock."""


class OutputFolderError(ExtractorError):
    """The output folder cannot be used for this command."""
