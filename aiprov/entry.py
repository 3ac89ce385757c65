"""The ``aiprov`` console script: agent hooks first, the CLI for everything else.

An agent runs ``aiprov guard AGENT`` after every file edit, and a safe write must pass in
well under 100 ms. Loading the CLI (typer, click, rich) alone costs more than that, so a
guard run goes straight to ``provenance.hookclient.guard_main``, which relays the hook
payload to the warm hook server (built-in modules only on this path) or runs the guard here
when none listens. ``--help`` and everything else load the CLI as usual (``aiprov.cli``),
whose ``guard`` command ends in the same function.
"""

from __future__ import annotations

import sys


def main() -> None:
    argv = sys.argv[1:]
    if argv[:1] == ["guard"] and not {"-h", "--help"} & set(argv):
        from provenance.hookclient import guard_main
        from provenance.hookproc import exit_now

        exit_now(guard_main(argv[1:]))
    from aiprov.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
