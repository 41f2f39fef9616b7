"""The site's new folder: made beside the old site, filled file by file, swapped in whole.

Files are written into a new sibling folder ``.NAME.XXXX.new``; only when every file is
there does the old site move aside (``.NAME.XXXX.old``), the new folder take its name, and
the old one get deleted. Between the two renames the site's path is missing for an
instant (POSIX has no portable atomic swap of two folders); a reader then sees no site,
never half of one.

Where the file system places the new files matters for a site of 16,000 files. ext4
without a journal skips the inodes freed in the last minutes, one look-up each, every time
it creates a file: a site written beside the one just deleted (the swap deletes it), in
the same block group, scanned past thousands of freed inodes for each new file, two
seconds of system time (perf: ``find_inode_bit``, ``recently_deleted``). So the new folder is marked the top of a hierarchy (the
``chattr +T`` hint: its subfolders are spread over the disk) and its big subfolders are
made under a random name, which picks where the spreading starts, then renamed. Elsewhere
the hint is refused or ignored, and nothing else changes. And a file whose bytes the
previous site has already is linked to that file (a hard link, as ``rsync --link-dest``
does), not written again: rebuilding an unchanged vocabulary then creates and frees no
inode at all, and the unchanged files keep their modification time.
"""

from __future__ import annotations

import os
import secrets
import shutil
import stat
import struct
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .split import read_all, write_all

__all__ = ["SiteFiles", "new_folder", "swap"]

# Linux's FS_IOC_GETFLAGS / FS_IOC_SETFLAGS (_IOR/_IOW('f', 1|2, long)) and FS_TOPDIR_FL
_LONG = struct.calcsize("l")
_GETFLAGS, _SETFLAGS = (2 << 30) | (_LONG << 16) | 0x6601, (1 << 30) | (_LONG << 16) | 0x6602
_TOPDIR = 0x00020000


def new_folder(out: Path) -> Path:
    """A new empty folder beside ``out`` (``rwxr-xr-x``), whose subfolders the file system may
    spread (see the module's docstring)."""
    new = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".new", dir=out.absolute().parent))
    os.chmod(new, 0o755)
    if sys.platform.startswith("linux"):
        _spread(str(new))
    return new


def _spread(folder: str) -> None:
    import fcntl  # Linux only

    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        # the kernel reads and writes an int here, whatever the request's size says
        (flags,) = struct.unpack("i", fcntl.ioctl(fd, _GETFLAGS, b"\0" * 4))
        fcntl.ioctl(fd, _SETFLAGS, struct.pack("i", flags | _TOPDIR))
    except OSError:
        pass  # not ext4, or not allowed: a hint only
    finally:
        os.close(fd)


class SiteFiles:
    """Writes files into the new site folder, and counts them; a file the ``previous`` site
    (its folder) has with the same bytes, mode and owner is linked from there instead."""

    def __init__(self, root: str, previous: str | None = None) -> None:
        self.root = root
        # (where there are no owners and modes to compare, every file is written)
        self.previous = previous if hasattr(os, "getuid") else None
        self.made = {root}
        self.files = self.bytes = self.terms = 0
        if self.previous is not None:
            self.uid = os.getuid()
            mask = os.umask(0o077)  # (read it: the mode a new file gets)
            os.umask(mask)
            self.mode = 0o666 & ~mask

    def folder(self, rel: str) -> None:
        """Make the subfolder ``rel`` of a site folder that does not have it (under a random
        name, then renamed: see the module's docstring). Made before a second process
        writes into it, never by both at once."""
        target = os.path.join(self.root, rel)
        parent = os.path.dirname(target)
        if parent not in self.made:
            os.makedirs(parent, exist_ok=True)
        scratch = os.path.join(parent, f".{secrets.token_hex(8)}")
        os.mkdir(scratch)
        os.rename(scratch, target)
        self.made.add(target)

    def put(self, rel: str, data: bytes) -> None:
        # 16,000 files in a few folders: each folder is made once, each file written with
        # plain system calls (pathlib's mkdir and write_bytes cost more than the writing)
        target = os.path.join(self.root, rel)
        folder = os.path.dirname(target)
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)
        if self.previous is None or not self._link(os.path.join(self.previous, rel), target, data):
            _write(target, data)
        self.files += 1
        self.bytes += len(data)
        self.terms += rel.startswith("terms/") and rel.endswith(".html")

    def put_all(self, files: Iterable[tuple[str, bytes]]) -> tuple[int, int, int]:
        """Write every file; the counts of this writer (what a second process sends back)."""
        for rel, data in files:
            self.put(rel, data)
        return self.files, self.bytes, self.terms

    def add(self, counts: tuple[int, int, int]) -> None:
        """Count the files a second process wrote."""
        self.files, self.bytes, self.terms = (a + b for a, b in zip((self.files, self.bytes, self.terms), counts))

    def _link(self, old: str, target: str, data: bytes) -> bool:
        """Link ``target`` to ``old`` if it holds ``data`` (and nothing else links to it)."""
        try:
            fd = os.open(old, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        except OSError:
            return False
        try:
            found = os.fstat(fd)
            if not (stat.S_ISREG(found.st_mode) and found.st_size == len(data) and found.st_nlink == 1
                    and stat.S_IMODE(found.st_mode) == self.mode and found.st_uid == self.uid
                    and read_all(fd) == data):  # (a file grown since reads longer)
                return False
        except OSError:
            return False
        finally:
            os.close(fd)
        try:
            os.link(old, target)
        except OSError:  # another file system, too many links, not allowed: write it
            return False
        return True


def _write(path: str, data: bytes) -> None:
    """``Path(path).write_bytes(data)`` for a new file, in fewer steps."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o666)
    try:
        write_all(fd, data)
    finally:
        os.close(fd)


def swap(new: Path, out: Path) -> None:
    """Put the folder ``new`` at ``out``; the previous folder there is deleted, or, if the
    second rename fails, put back."""
    if not out.exists():
        os.rename(new, out)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=new.parent))
    os.rename(out, old / "site")
    try:
        os.rename(new, out)
    except OSError:
        os.rename(old / "site", out)  # put the previous site back
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)
