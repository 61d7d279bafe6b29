"""Index generations on disk: a directory per build and a pointer file naming the live one.

An embedded engine cannot swap an index under its readers, so each entity lives in
``<root>/<entity>/``: numbered generation directories and a ``CURRENT`` file naming the live one.
A rebuild writes a new generation, then replaces ``CURRENT`` with ``os.replace`` (atomic on POSIX
and Windows): a reader sees either the old pointer or the new one, never half a pointer. The
previous generation is kept so that a process still reading it is not pulled from under; older
ones are removed. Nothing here knows the engine.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

POINTER = "CURRENT"
_PREFIX = "gen-"


@dataclass(frozen=True)
class Generation:
    """A live generation: its directory and the pointer file's change stamp when it was read."""

    path: Path
    stamp: int


def _key(name: str) -> int:
    """The creation time encoded in a generation directory name."""
    try:
        return int(name[len(_PREFIX):])
    except ValueError:
        return -1


class Generations:
    """The generations of one entity's index under ``directory``.

    Arguments:
        directory: ``<root>/<entity>``; created if missing.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def _stamp(self) -> int:
        try:
            return (self.directory / POINTER).stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    def current(self) -> Generation | None:
        """The live generation, or None before the first build."""
        stamp = self._stamp()
        try:
            name = (self.directory / POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        path = self.directory / name
        return Generation(path, stamp) if name.startswith(_PREFIX) and path.is_dir() else None

    def changed_since(self, generation: Generation | None) -> bool:
        """Whether the pointer moved since ``generation`` was read (another process rebuilt)."""
        return generation is None or self._stamp() != generation.stamp

    def create(self) -> Path:
        """A new, empty generation directory (not live until :meth:`switch`)."""
        while True:
            path = self.directory / f"{_PREFIX}{time.time_ns()}"
            try:
                path.mkdir()
                return path
            except FileExistsError:  # two builds in the same nanosecond: take the next one
                continue

    def switch(self, path: Path) -> Generation:
        """Make ``path`` the live generation atomically, then remove all but the previous one."""
        previous = self.current()
        temporary = self.directory / f"{POINTER}.{os.getpid()}.tmp"
        temporary.write_text(path.name, encoding="utf-8")
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, self.directory / POINTER)
        oldest_kept = min(path.name, previous.path.name) if previous else path.name
        for entry in self.directory.iterdir():
            # Names sort by creation time; newer ones may be another process's build in flight.
            if entry.is_dir() and entry.name.startswith(_PREFIX) and _key(entry.name) < _key(oldest_kept):
                shutil.rmtree(entry, ignore_errors=True)
        return Generation(path, self._stamp())

    @staticmethod
    def drop(path: Path) -> None:
        """Remove a generation that was never switched to (a failed rebuild)."""
        shutil.rmtree(path, ignore_errors=True)
