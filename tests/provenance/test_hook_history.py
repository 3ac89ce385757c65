"""The repository's own code is evidence against AI origin, through a real git repository and
the installed hooks (issue 17): an AI function committed earlier is in the parent file when a
person later adds its sibling next to it, and the sibling stays human."""

from __future__ import annotations

from pathlib import Path

from provenance import notes
from tests.provenance.gitrepo import PARSE, Repo, record_suggestion

# the person's sibling of PARSE: copied within the file and adapted (a new name, another
# separator, one line changed)
SIBLING = (PARSE.replace("parse_key_value_pairs", "parse_header_pairs")
           .replace('separator="="', 'separator=":"')
           .replace("key=value", "key: value")
           .replace("pairs[key.strip()] = value.strip()",
                    "pairs[key.strip().lower()] = value.strip()"))


def _summary(repo: Repo) -> dict:
    note = notes.loads(repo.note())
    assert note is not None, "no aiprov note"
    return note["summary"]


def test_a_sibling_written_after_the_ai_function_was_committed_stays_human(
        repo: Repo, isolated_env: Path) -> None:
    record_suggestion(isolated_env, repo.path, PARSE)
    repo.write("config.py", "import os\n\n\n" + PARSE)
    repo.commit("Add the parser")
    assert _summary(repo)["ai"] == 10  # the suggestion, committed as suggested

    repo.write("config.py", "import os\n\n\n" + PARSE + "\n\n" + SIBLING)
    repo.commit("Parse headers too")
    summary = _summary(repo)
    assert summary["added"] >= 10 and summary["ai"] == 0, summary
    assert "AI-Lines" not in repo.message()


def test_a_later_hand_edit_of_committed_ai_code_is_human_where_a_new_file_would_be_ai(
        repo: Repo, isolated_env: Path) -> None:
    record_suggestion(isolated_env, repo.path, PARSE)
    repo.write("config.py", "import os\n\n\n" + PARSE)
    repo.commit("Add the parser")
    edited = PARSE.replace("pairs[key.strip()] = value.strip()",
                           "pairs[key.strip().lower()] = value.strip()")
    repo.write("config.py", "import os\n\n\n" + edited)
    repo.commit("Keys are case-insensitive")
    summary = _summary(repo)
    assert summary["added"] == 1 and summary["ai"] == 0, summary

    # the same text with no history (a new file) is the suggestion with one line touched:
    # it is the parent file that says the person edited code the repository already had
    repo.write("headers.py", "import os\n\n\n" + edited)
    repo.commit("Same text, new file")
    assert _summary(repo)["ai"] >= 9


def test_a_newer_suggestion_for_a_committed_function_is_ai_from_the_newer_exchange(
        repo: Repo, isolated_env: Path) -> None:
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC)
    record_suggestion(isolated_env, repo.path, PARSE, exchange_id="ex_old",
                      started_at=now - timedelta(hours=1))
    repo.write("config.py", "import os\n\n\n" + PARSE)
    repo.commit("Add the parser")
    newer = (PARSE.replace("line = raw_line.strip()", "line = raw_line.strip().rstrip(';')")
             .replace("pairs[key.strip()] = value.strip()",
                      "pairs[key.strip()] = value.strip().strip('\"')"))
    record_suggestion(isolated_env, repo.path, newer, exchange_id="ex_new", started_at=now)
    repo.write("config.py", "import os\n\n\n" + newer)
    repo.commit("Strip semicolons and quotes, as suggested")
    note = notes.loads(repo.note())
    assert note is not None
    assert note["summary"]["added"] == 2 and note["summary"]["ai"] == 2, note["summary"]
    ranges = [r for f in note["files"] for r in f["ranges"] if r["origin"] == "ai"]
    assert {r["exchange"] for r in ranges} == {"ex_new"}
