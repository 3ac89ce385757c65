"""An inline ``aiprov: ignore[...]`` comment: the finding stays in every output, marked
dismissed with its reason, and no longer fails a check."""

from __future__ import annotations

import json

from reviewer.engine import review
from reviewer.markdown import render_markdown
from reviewer.model import failing
from reviewer.report import render_json
from reviewer.sarif import render_sarif
from reviewer.text import render
from tests.reviewer.helpers import target

CODE = ("import os\n"
        "def run(cmd):\n"
        "    os.system(cmd)  # aiprov: ignore[CWE-78] cmd is a constant from config.toml\n"
        "    return eval(cmd)\n")
REASON = "cmd is a constant from config.toml"


def test_dismissed_inline_is_listed_not_failing() -> None:
    fs = review([target(CODE)])
    assert sorted((f.cwe, f.dismissed) for f in fs) == [(78, REASON), (95, None)]
    assert [f.cwe for f in failing(fs, "info")] == [95]
    text = render(fs)
    assert f"dismissed inline: {REASON}" in text and "2 finding(s)" in text
    assert "1 dismissed inline" in text
    md = render_markdown(fs)
    assert f"**Dismissed inline:** {REASON}" in md and "(dismissed)" in md
    sarif = json.loads(render_sarif(fs))["runs"][0]["results"]
    sup = {r["ruleId"]: r.get("suppressions") for r in sarif}
    assert sorted(sup.values(), key=str) == [None, [{"kind": "inSource",
                                                     "justification": REASON}]]
    doc = json.loads(render_json(fs))
    assert sorted(str(f["dismissed"]) for f in doc["findings"]) == ["None", REASON]


def test_block_comment_and_several_names() -> None:
    code = ("import os\n"
            "def run(cmd):\n"
            "    /* aiprov: ignore[py.nothing, CWE-78] reviewed by sec team */\n"
            "    os.system(cmd)\n")
    # not a Python comment, but the line above is only a comment marker and a note
    fs = review([target(code.replace("/*", "#").replace(" */", ""))])
    assert [f.dismissed for f in fs] == ["reviewed by sec team"]
    js = ("const cp = require('child_process');\n"
          "function run(cmd) {\n"
          "  cp.exec(cmd); /* aiprov: ignore[CWE-78] vetted */\n"
          "}\n")
    got = [f for f in review([target(js, "run.js")]) if f.cwe == 78]
    assert got and all(f.dismissed == "vetted" for f in got)
