"""Read queries over the store, on SQLite (one machine) and PostgreSQL (the org server).

One module per job; import the one you need (``from store.queries import reports``):

    window    --since, now, and how a window is counted (rollup days + raw part days)
    reports   org figures per group: report() -- new report queries go here
    trend     the daily trend of a window: daily_trend()
    lookup    where a line came from, a commit's lines, one exchange, recent exchanges
    search    snippets by text

Writes, and the rollup they keep, live in ``store.rollup`` and the writer modules.
"""
