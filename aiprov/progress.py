"""Progress for long commands, drawn by rich on stderr (stdout stays the command's output).

On a terminal: a live bar (known total) or a spinner with the elapsed time; elsewhere
(CI logs, pipes) nothing live, just one line per finished step, so logs stay readable.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer


def _progress(total: bool, stderr: bool = True) -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=stderr)
    columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
    if total:
        columns += [BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    columns.append(TimeElapsedColumn())
    return Progress(*columns, console=console, transient=True,
                    disable=not console.is_terminal)


@contextmanager
def step(description: str) -> Iterator[None]:
    """A spinner while the block runs, then ``description: done in N s`` on stderr."""
    started = time.monotonic()
    with _progress(total=False) as p:
        p.add_task(description, total=None)
        yield
    typer.echo(f"aiprov: {description}: done in {time.monotonic() - started:.1f} s", err=True)


class Bar:
    """A bar over ``total`` units; ``advance(n)``; a closing line with the count and time."""

    def __init__(self, description: str, total: int, unit: str) -> None:
        self.description, self.total, self.unit = description, total, unit
        self.done = 0
        self._started = time.monotonic()
        self._p = _progress(total=True)
        self._task = None

    def __enter__(self) -> Bar:
        self._p.__enter__()
        self._task = self._p.add_task(self.description, total=self.total or None)
        return self

    def advance(self, n: int) -> None:
        self.done += n
        self._p.update(self._task, completed=min(self.done, self.total))

    def __exit__(self, *exc: object) -> None:
        self._p.__exit__(*exc)
        typer.echo(f"aiprov: {self.description}: {self.done:,} of {self.total:,} {self.unit} "
                   f"in {time.monotonic() - self._started:.1f} s", err=True)


@contextmanager
def narrated(first: str) -> Iterator[tuple[Any, Any]]:
    """For a command whose output is its story (the demo): ``(out, stage)``. ``out(text)``
    prints a line on stdout; ``stage(name)`` names what runs now. On a terminal a spinner
    under the output shows the stage and the elapsed time; elsewhere plain lines."""
    p = _progress(total=False, stderr=False)
    if p.disable:
        yield typer.echo, lambda name: None
        return
    with p:
        task = p.add_task(first, total=None)

        def out(text: str) -> None:
            p.console.print(text, markup=False, highlight=False, emoji=False, soft_wrap=True)

        def stage(name: str) -> None:
            p.update(task, description=name)

        yield out, stage
