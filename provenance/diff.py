"""The one unified-diff parser: ``git diff`` text in, ``FileDiff`` values out.

Pure: no git here (``provenance.git`` runs git and hands the text over). It understands what
``git diff`` prints with the options ``provenance.git`` passes (``a/``/``b/`` prefixes,
rename detection, any ``-U`` context including ``-U0``): new, deleted and renamed files,
mode-only changes, ``Binary files ... differ`` and ``GIT binary patch`` markers,
``\\ No newline at end of file`` markers and C-quoted paths (``"a/tab\\there"``).

Hunk bodies are read by the counts in their ``@@`` header, never by the first character
alone, so a deleted line that reads ``-- x`` or an added ``++ y`` cannot be taken for a file
header.
"""

from __future__ import annotations

import re

from provenance.model import AddedLine, FileDiff

_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}
DEV_NULL = "/dev/null"


def unquote_path(s: str) -> str:
    """Undo git's C-style path quoting (``"dir/\\303\\251t\\303\\251.txt"`` -> ``dir/été.txt``).

    Unquoted input is returned unchanged. Octal escapes are bytes of UTF-8 text.
    """
    if len(s) < 2 or not (s.startswith('"') and s.endswith('"')):
        return s
    body, out, i = s[1:-1], bytearray(), 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out += ch.encode("utf-8")
            i += 1
            continue
        nxt = body[i + 1 : i + 2]
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
        elif nxt.isdigit():
            out.append(int(body[i + 1 : i + 4], 8) & 0xFF)
            i += 4
        else:  # unknown escape: keep it literally
            out += ("\\" + nxt).encode("utf-8")
            i += 2
    return out.decode("utf-8", errors="replace")


def _strip_prefix(path: str) -> str | None:
    path = unquote_path(path.rstrip("\t").split("\t")[0] if not path.startswith('"') else path)
    if path == DEV_NULL:
        return None
    if path.startswith(("a/", "b/")):
        return path[2:]
    return path


def _split_git_line(rest: str) -> tuple[str | None, str | None]:
    """Paths from ``diff --git a/X b/Y`` (used only when no ---/+++ lines follow)."""
    if rest.startswith('"'):
        end = _quoted_end(rest)
        a, b = rest[: end + 1], rest[end + 2 :]
        return _strip_prefix(a), _strip_prefix(b)
    if rest.endswith('"'):
        start = rest.rfind(' "')
        return _strip_prefix(rest[:start]), _strip_prefix(rest[start + 1 :])
    # unquoted and unrenamed: "a/P b/P" -- both halves are the same path
    if rest.startswith("a/") and len(rest) % 2 == 1:
        half = (len(rest) - 1) // 2
        a, b = rest[:half], rest[half + 1 :]
        if a[2:] == b[2:]:
            return a[2:], b[2:]
    parts = rest.split(" b/", 1)
    if len(parts) == 2:
        return _strip_prefix(parts[0]), parts[1]
    return None, None


def _quoted_end(s: str) -> int:
    i = 1
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        if s[i] == '"':
            return i
        i += 1
    return len(s) - 1


class _File:
    __slots__ = ("old", "new", "status", "binary", "added", "deleted")

    def __init__(self, old: str | None, new: str | None) -> None:
        self.old, self.new = old, new
        self.status = "M"
        self.binary = False
        self.added: list[AddedLine] = []
        self.deleted: list[str] = []

    def value(self) -> FileDiff:
        status = self.status
        if status == "M" and self.old and self.new and self.old != self.new:
            status = "R"
        path = self.new if status != "D" else self.old
        return FileDiff(
            path=path or self.old or "",
            old_path=self.old if status == "R" else None,
            added=tuple(self.added),
            deleted=tuple(self.deleted),
            status=status,
            binary=self.binary,
        )


def parse_diff(text: str) -> list[FileDiff]:
    """Every file in a ``git diff`` output, in order."""
    files: list[FileDiff] = []
    cur: _File | None = None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        if line.startswith("diff --git "):
            if cur is not None:
                files.append(cur.value())
            cur = _File(*_split_git_line(line[len("diff --git ") :]))
            i += 1
            continue
        if cur is None:
            i += 1
            continue
        if line.startswith("@@"):
            m = _HUNK.match(line)
            if m is None:
                i += 1
                continue
            old_left = int(m.group(2)) if m.group(2) is not None else 1
            new_left = int(m.group(4)) if m.group(4) is not None else 1
            newno = int(m.group(3))
            i += 1
            while i < n and (old_left > 0 or new_left > 0):
                body = lines[i]
                tag, content = body[:1], body[1:]
                if tag == "+":
                    cur.added.append(AddedLine(newno, content))
                    newno += 1
                    new_left -= 1
                elif tag == "-":
                    cur.deleted.append(content)
                    old_left -= 1
                elif tag == " " or body == "":  # context (some tools drop the space)
                    newno += 1
                    new_left -= 1
                    old_left -= 1
                elif tag == "\\":
                    pass  # "\ No newline at end of file"
                else:
                    break  # malformed hunk: stop reading it
                i += 1
            while i < n and lines[i].startswith("\\"):
                i += 1
            continue
        if line.startswith("new file mode"):
            cur.status = "A"
        elif line.startswith("deleted file mode"):
            cur.status = "D"
        elif line.startswith("rename from "):
            cur.old = unquote_path(line[len("rename from ") :])
            cur.status = "R"
        elif line.startswith("rename to "):
            cur.new = unquote_path(line[len("rename to ") :])
            cur.status = "R"
        elif line.startswith("copy from "):
            cur.old = unquote_path(line[len("copy from ") :])
            cur.status = "A"  # a copy adds every line of the new file
        elif line.startswith("copy to "):
            cur.new = unquote_path(line[len("copy to ") :])
        elif line.startswith("--- "):
            cur.old = _strip_prefix(line[4:])
            if cur.old is None:
                cur.status = "A"
        elif line.startswith("+++ "):
            cur.new = _strip_prefix(line[4:])
            if cur.new is None:
                cur.status = "D"
        elif line.startswith("Binary files ") or line.startswith("GIT binary patch"):
            cur.binary = True
            if line.startswith("Binary files "):
                if " and /dev/null differ" in line:
                    cur.status = "D"
                elif line.startswith("Binary files /dev/null and "):
                    cur.status = "A"
        i += 1
    if cur is not None:
        files.append(cur.value())
    return files
