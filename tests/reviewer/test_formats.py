from __future__ import annotations

import json

import pytest

from reviewer.engine import review
from reviewer.markdown import render_markdown
from reviewer.model import Finding
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


TAINTED = ("from flask import Flask, request\nimport os\napp = Flask(__name__)\n\n"
           "@app.get('/run')\ndef run():\n    d = request.args['d']\n    cmd = 'ls ' + d\n"
           "    os.system(cmd)\n    return 'ok'\n")
PATH = "line 7 request.args['d'] -> line 7 d -> line 8 cmd -> line 9 os.system(cmd)"


def _traced():  # type: ignore[no-untyped-def]
    found = [f for f in review([target(TAINTED, "src/run.py")]) if f.cwe == 78]
    assert found and found[0].trace_text == PATH
    return found


def test_source_to_sink_path_in_every_format() -> None:
    found = _traced()
    assert f"path: {PATH}" in render(found)
    doc = json.loads(render_json(found))
    entry = doc["findings"][0]
    assert entry["trace_text"] == PATH
    assert [s["line"] for s in entry["trace"]] == [7, 7, 8, 9]
    result = to_sarif(found)["runs"][0]["results"][0]
    steps = result["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [s["location"]["physicalLocation"]["region"]["startLine"] for s in steps] == \
        [7, 7, 8, 9]
    assert steps[-1]["location"]["message"]["text"] == "os.system(cmd)"
    assert "**Path:** line 7 request.args" in render_markdown(found)


def test_findings_without_data_flow_carry_no_path() -> None:
    code = "import hashlib\ndef sign(token):\n    return hashlib.md5(token).hexdigest()\n"
    found = review([target(code)])
    assert found and all(f.trace == () for f in found)
    assert all("codeFlows" not in r for r in to_sarif(found)["runs"][0]["results"])


def _finding(severity: str, *, ai: bool = False, dismissed: str | None = None,
             hint: bool = False, line: int = 1) -> Finding:
    from tests.reviewer.helpers import AI_ORIGIN, HUMAN_ORIGIN

    return Finding(rule_id="py.x", cwe=78, cwe_name="OS command injection", title="t",
                   severity=severity, confidence="high", path="a.py", line=line, end_line=line,
                   column=1, quote="x", why="w", impact="i", fix="f",
                   origin=AI_ORIGIN if ai else HUMAN_ORIGIN, dismissed=dismissed,
                   judgement=hint)


@pytest.mark.parametrize(("findings", "text", "markdown"), [
    ([_finding("high", ai=True), _finding("low"), _finding("high", line=2),
      _finding("critical", ai=True, dismissed="test fixture")],
     "4 finding(s): 1 critical, 2 high, 1 low; 2 in AI-origin code (ai policy), 2 human "
     "(human policy); 1 dismissed inline",
     "**4 finding(s)** (1 critical, 2 high, 1 low); **2** in AI-origin code (ai policy). "
     "**1** dismissed inline (listed, never failing)."),
    ([_finding("medium"), _finding("info", ai=True), _finding("high", ai=True, hint=True)],
     "2 finding(s): 1 medium, 1 info; 1 in AI-origin code (ai policy), 1 human (human "
     "policy); 1 hint(s) apart",
     "**2 finding(s)** (1 medium, 1 info); **1** in AI-origin code (ai policy). **1 hint(s)** "
     "that need a person's judgement, counted apart (they never fail a check)."),
    # a level outside the five is counted, never named
    ([_finding("severe")], "1 finding(s); 0 in AI-origin code (ai policy), 1 human (human "
     "policy)", "**1 finding(s)**; **0** in AI-origin code (ai policy)."),
    ([_finding("low", hint=True)], "0 finding(s); 0 in AI-origin code (ai policy), 0 human "
     "(human policy); 1 hint(s) apart",
     "**0 finding(s)**; **0** in AI-origin code (ai policy). **1 hint(s)** that need a "
     "person's judgement, counted apart (they never fail a check)."),
])
def test_the_summary_lines_count_alike(findings, text, markdown) -> None:
    """The terminal's last line and the comment's summary, byte for byte (one count)."""
    assert render(findings).splitlines()[-1] == text
    assert render_markdown(findings).split("\n")[2] == markdown
    doc = json.loads(render_json(findings))["summary"]
    real = [f for f in findings if not f.judgement]
    assert doc == {"findings": len(real), "hints": len(findings) - len(real),
                   "ai_origin": sum(1 for f in real if f.origin.is_ai)}
