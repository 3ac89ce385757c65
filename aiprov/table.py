"""Every table the CLI prints, drawn one way (rich).

Cells are plain text, never rich markup (a prompt may contain ``[bold]``). Every column but
the ``flex`` one (ids, tool names, models, numbers) is never cut or wrapped: when the terminal is
narrow, only the ``flex`` column (a prompt, a line of code) gives up width and is shortened
with an ellipsis. Piped output is not a terminal: it gets every cell whole (no width limit)
unless ``COLUMNS`` says otherwise, so scripts and ``grep`` see full values.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

UNLIMITED = 10_000


@dataclass(frozen=True, slots=True)
class Col:
    header: str
    right: bool = False  # numbers
    flex: bool = False  # the one column that is shortened when space runs out


MIN_FLEX = 12  # the flex column keeps at least this much, even on a tiny terminal


def _table(cols: Sequence[Col], rows: list[Sequence[Any]], header: bool,
           width: int | None, gap: int = 1) -> tuple[Any, int]:
    """The rich table and the console width it needs: ``keep`` columns get their widest
    cell exactly; the flex column gets what is left of ``width`` (None: unlimited)."""
    from rich.table import Table
    from rich.text import Text

    cells = [["-" if v is None else str(v) for v in row] for row in rows]
    widest = [max([len(c.header) if header else 0, *(len(r[i]) for r in cells)])
              for i, c in enumerate(cols)]
    keep_total = (sum(w for w, c in zip(widest, cols, strict=True) if not c.flex)
                  + gap * (len(cols) - 1))
    flex_width = None
    if width is not None and any(c.flex for c in cols):
        flex_width = max(MIN_FLEX, width - keep_total)
    table = Table(box=None, show_edge=False, pad_edge=False, show_header=header,
                  header_style="bold", padding=(0, gap, 0, 0), expand=False)
    for c, w in zip(cols, widest, strict=True):
        table.add_column(Text(c.header), justify="right" if c.right else "left",
                         no_wrap=True, overflow="ellipsis" if c.flex else "fold",
                         width=min(w, flex_width) if c.flex and flex_width else w)
    for r in cells:
        table.add_row(*(Text(v) for v in r))
    total = keep_total + (min(widest[[c.flex for c in cols].index(True)], flex_width or UNLIMITED)
                          if any(c.flex for c in cols) else 0)
    return table, total + 1


def _width(is_terminal: bool) -> int | None:
    if os.environ.get("COLUMNS", "").isdigit():
        return int(os.environ["COLUMNS"])
    if not is_terminal:
        return None
    import shutil

    return shutil.get_terminal_size().columns


def print_table(cols: Sequence[Col], rows: Iterable[Sequence[Any]], *, header: bool = True,
                err: bool = False) -> None:
    import typer

    typer.echo(render_table(cols, rows, header=header,
                            width=_width(_is_terminal(err))), err=err)


def _is_terminal(err: bool) -> bool:
    import sys

    stream = sys.stderr if err else sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _lines(console: Any, table: Any) -> list[str]:
    with console.capture() as cap:
        console.print(table, crop=False, soft_wrap=False)
    return [line.rstrip() for line in cap.get().splitlines()]


def render_table(cols: Sequence[Col], rows: Iterable[Sequence[Any]], *, header: bool = True,
                 width: int | None = None, gap: int = 1) -> str:
    """The table as text; ``width`` None keeps every cell whole (files, pipes, pages)."""
    from rich.console import Console

    table, need = _table(cols, list(rows), header, width, gap)
    console = Console(file=io.StringIO(), width=need, highlight=False, markup=False,
                      emoji=False, color_system=None)
    return "\n".join(_lines(console, table))
