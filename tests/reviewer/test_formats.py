from __future__ import annotations

import json

from reviewer.engine import review
from reviewer.markdown import render_markdown
from reviewer.report import render_json
from reviewer.sarif import to_sarif
from reviewer.text import render
from tests.reviewer.helpers import target

CODE = ("import os, requests\nfrom flask import request\n\ndef f():\n"
        "    os.system('x ' + request.args['a'])\n"
        "    return requests.get('https://example.com', verify=False, timeout=3).text\n")


def _findings():  # type: ignore[no-untyped-def]
    return review([target(CODE, "src/app.py")]) + review([target(CODE, "src/other.py", ai=False)])


def test_sarif_has_what_github_code_scanning_reads() -> None:
    doc = to_sarif(_findings())
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    run = doc["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert set(rules) == {"py.cmd.shell-string", "py.tls.verify-disabled"}
    cmd = rules["py.cmd.shell-string"]
    assert "external/cwe/cwe-78" in cmd["properties"]["tags"]
    assert float(cmd["properties"]["security-severity"]) >= 7.0
    assert cmd["properties"]["precision"] in ("high", "medium", "low")
    assert cmd["help"]["text"]
    results = run["results"]
    assert len(results) == 4
    for res in results:
        assert run["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].startswith("src/")
        assert loc["region"]["startLine"] >= 1
        assert res["partialFingerprints"]["aiprovFinding/v1"].startswith("rf1:")
        assert res["level"] in ("error", "warning", "note")
    ai = [r for r in results if r["properties"]["origin"] == "ai"]
    assert ai and all(r["properties"]["aiModel"] == "claude-sonnet-4-5" for r in ai)
    # same code in two files: distinct fingerprints
    fps = [r["partialFingerprints"]["aiprovFinding/v1"] for r in results]
    assert len(set(fps)) == len(fps)
    json.dumps(doc)


def test_markdown_quotes_code_safely() -> None:
    code = ("import os\ndef f(c):\n    os.system(c)  # ``` </details> [click](http://evil) |\n")
    md = render_markdown(review([target(code)]))
    assert "````python" in md  # fence longer than the backtick run in the code
    assert "[click](http://evil)" in md.split("````python", 1)[1]  # only inside the fence
    assert "| 🟧 high |" in md and "CWE-78" in md
    assert "Origin:" in md and "ex_42" in md and "Prompt excerpt" in md


def test_text_is_short_and_worst_first() -> None:
    out = render(_findings())
    first = out.splitlines()[0]
    assert first.startswith("HIGH src/") and "CWE-78" in first
    assert out.strip().endswith("2 in AI-origin code (ai policy), 2 human (human policy)")
    assert render([]) == "aiprov review: no findings\n"


def test_json_has_explanations_and_origin() -> None:
    data = json.loads(render_json(_findings()))
    assert data["version"] == 1
    f = data["findings"][0]
    for key in ("rule_id", "cwe_id", "cwe_name", "severity", "confidence", "quote", "why",
                "impact", "fix", "origin", "fingerprint", "line"):
        assert key in f
    human = [x for x in data["findings"] if x["path"] == "src/other.py"]
    assert human and all(x["origin"] == {"label": "human"} for x in human)
