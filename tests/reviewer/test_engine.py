# ruff: noqa: E501  (the case tables read best one code sample per line)
from __future__ import annotations

from dataclasses import replace

import pytest

from reviewer.engine import hunks, review
from reviewer.model import Origin, ReviewTarget
from reviewer.policy import DEFAULT_POLICY, Policy, Threshold
from reviewer.rules import all_rules, load_pack
from tests.reviewer.helpers import AI_ORIGIN, target

# (rule id, vulnerable code, safe look-alike); files are reviewed whole, as AI origin
PY_CASES = [
    ("py.cmd.shell-string",
     "import os\nfrom flask import request\ndef f():\n    os.system('ls ' + request.args['d'])\n",
     "import os\ndef f():\n    os.system('ls -l /srv')\n"),
    ("py.cmd.subprocess-shell",
     "import subprocess\ndef f(cmd):\n    subprocess.run(cmd, shell=True)\n",
     "import subprocess\ndef f(path):\n    subprocess.run(['ls', path], check=True)\n"),
    ("py.code.eval",
     "def f(expr):\n    return eval(expr)\n",
     "import ast\ndef f(expr):\n    return ast.literal_eval(expr)\n"),
    ("py.sql.built-query",
     "def f(cur, name):\n    cur.execute(\"SELECT * FROM u WHERE n = '%s'\" % name)\n",
     "def f(cur, name):\n    cur.execute('SELECT * FROM u WHERE n = %s', (name,))\n"),
    ("py.sql.built-query",
     "def f(cur, name):\n    q = f\"DELETE FROM u WHERE n = '{name}'\"\n    cur.execute(q)\n",
     "def f(cur, name):\n    q = 'DELETE FROM u WHERE n = ?'\n    cur.execute(q, (name,))\n"),
    ("py.deser.pickle",
     "import pickle\nfrom flask import request\ndef f():\n    return pickle.loads(request.data)\n",
     "import json\nfrom flask import request\ndef f():\n    return json.loads(request.data)\n"),
    ("py.deser.yaml-load",
     "import yaml\ndef f(s):\n    return yaml.load(s, Loader=yaml.Loader)\n",
     "import yaml\ndef f(s):\n    return yaml.safe_load(s)\n"),
    ("py.secret.hardcoded-password",
     "DB_PASSWORD = 'hunter2!x'\n",
     "import os\nDB_PASSWORD = os.environ['DB_PASSWORD']\nPASSWORD_FIELD = 'password'\n"),
    ("py.secret.key-literal",
     "openai_key = 'sk-proj-Hn0VpJ4aM2X7aAyT3mNr37tMMWgJj17zjrx'\n",
     "openai_key = os.environ['OPENAI_API_KEY']\n"),
    ("py.random.security-value",
     "import random\ndef make_token():\n    return random.getrandbits(128)\n",
     "import random\ndef roll_dice():\n    return random.randint(1, 6)\n"),
    ("py.crypto.weak-hash",
     "import hashlib\ndef verify_signature(data, sig):\n    return hashlib.md5(data).hexdigest() == sig\n",
     "import hashlib\ndef verify_signature(data, sig):\n    return hashlib.sha256(data).hexdigest() == sig\n"),
    ("py.crypto.password-fast-hash",
     "import hashlib\ndef store(password):\n    return hashlib.sha256(password.encode()).hexdigest()\n",
     "import hashlib, os\ndef store(password):\n    return hashlib.scrypt(password.encode(), salt=os.urandom(16), n=16384, r=8, p=1)\n"),
    ("py.crypto.weak-cipher",
     "from Crypto.Cipher import AES\ndef f(k):\n    return AES.new(k, AES.MODE_ECB)\n",
     "from Crypto.Cipher import AES\ndef f(k, n):\n    return AES.new(k, AES.MODE_GCM, nonce=n)\n"),
    ("py.crypto.static-iv",
     "from Crypto.Cipher import AES\ndef f(k):\n    iv = b'0' * 16\n    return AES.new(k, AES.MODE_CBC, iv)\n",
     "import os\nfrom Crypto.Cipher import AES\ndef f(k):\n    iv = os.urandom(16)\n    return AES.new(k, AES.MODE_CBC, iv)\n"),
    ("py.tls.verify-disabled",
     "import requests\nrequests.get('https://x', verify=False, timeout=5)\n",
     "import requests\nrequests.get('https://x', verify=True, timeout=5)\n"),
    ("py.xss.response-from-input",
     "from flask import request, make_response\ndef f():\n    return make_response('<p>' + request.args['n'])\n",
     "from flask import request, make_response\nfrom markupsafe import escape\ndef f():\n    return make_response('<p>' + escape(request.args['n']))\n"),
    ("py.path.traversal",
     "from flask import request\ndef f():\n    return open(request.args['name']).read()\n",
     "from flask import request\nfrom werkzeug.utils import secure_filename\ndef f():\n    return open(secure_filename(request.args['name'])).read()\n"),
    ("py.xxe.lxml-parser",
     "from lxml import etree\np = etree.XMLParser(resolve_entities=True)\n",
     "from lxml import etree\np = etree.XMLParser(resolve_entities=False, no_network=True)\n"),
    ("py.redirect.open",
     "from flask import request, redirect\ndef f():\n    return redirect(request.args['next'])\n",
     "from flask import request, redirect, url_for\ndef f():\n    return redirect(url_for('index'))\n"),
    ("py.ssrf.request-url",
     "import requests\nfrom flask import request\ndef f():\n    return requests.get(request.args['u'], timeout=5).text\n",
     "import requests\ndef f():\n    return requests.get('https://api.example.com/v1', timeout=5).text\n"),
    ("py.debug.enabled",
     "from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n",
     "import os\nfrom flask import Flask\napp = Flask(__name__)\napp.run(debug=os.environ.get('D') == '1')\n"),
    ("py.tmp.mktemp",
     "import tempfile\nname = tempfile.mktemp()\n",
     "import tempfile\nfd, name = tempfile.mkstemp()\n"),
    ("py.perm.world-writable",
     "import os\nos.chmod('/srv/app.sock', 0o777)\n",
     "import os\nos.chmod('/srv/app.sock', 0o600)\n"),
    ("py.net.requests-no-timeout",
     "import requests\nr = requests.post('https://api.example.com', json={})\n",
     "import requests\nr = requests.post('https://api.example.com', json={}, timeout=10)\n"),
]

JS_CASES = [
    ("js.cmd.exec",
     "const { exec } = require('child_process');\napp.get('/', (req, res) => exec('ls ' + req.query.d));\n",
     "const { execFile } = require('child_process');\napp.get('/', (req, res) => execFile('ls', [req.query.d]));\n"),
    ("js.code.eval", "function f(code) { return eval(code); }\n",
     "function f(code) { return JSON.parse(code); }\n"),
    ("js.sql.built-query",
     "async function f(db, id) { return db.query(`SELECT * FROM t WHERE id = ${id}`); }\n",
     "async function f(db, id) { return db.query('SELECT * FROM t WHERE id = $1', [id]); }\n"),
    ("js.xss.html-sink", "el.innerHTML = location.hash;\n", "el.textContent = location.hash;\n"),
    ("js.tls.verify-disabled", "const a = new https.Agent({ rejectUnauthorized: false });\n",
     "const a = new https.Agent({ ca: caPem });\n"),
    ("js.redirect.open", "app.get('/r', (req, res) => res.redirect(req.query.next));\n",
     "app.get('/r', (req, res) => res.redirect('/home'));\n"),
]


GO_HEAD = "package main\n\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tname := r.FormValue(\"n\")\n"
JAVA_HEAD = "class A {\n  void f(HttpServletRequest request) throws Exception {\n    String name = request.getParameter(\"n\");\n"
GO_JAVA_CASES = [
    ("go.cmd.shell", GO_HEAD + '\texec.Command("sh", "-c", "ls "+name).Run()\n}\n',
     GO_HEAD + '\texec.Command("ls", "-l", name).Run()\n}\n'),
    ("go.sql.built-query", GO_HEAD + '\tdb.Query(fmt.Sprintf("SELECT * FROM u WHERE n = \'%s\'", name))\n}\n',
     GO_HEAD + '\tdb.Query("SELECT * FROM u WHERE n = $1", name)\n}\n'),
    ("go.tls.insecure-skip-verify", GO_HEAD + "\tc := &tls.Config{InsecureSkipVerify: true}\n}\n",
     GO_HEAD + "\tc := &tls.Config{MinVersion: tls.VersionTLS12}\n}\n"),
    ("go.perm.world-writable", GO_HEAD + '\tos.WriteFile("x", b, 0666)\n}\n',
     GO_HEAD + '\tos.WriteFile("x", b, 0600)\n}\n'),
    ("java.cmd.exec", JAVA_HEAD + '    Runtime.getRuntime().exec("ls " + name);\n  }\n}\n',
     JAVA_HEAD + '    Runtime.getRuntime().exec(new String[]{"ls", "-l"});\n  }\n}\n'),
    ("java.sql.built-query", JAVA_HEAD + '    stmt.executeQuery("SELECT * FROM u WHERE n = \'" + name + "\'");\n  }\n}\n',
     JAVA_HEAD + '    conn.prepareStatement("SELECT * FROM u WHERE n = ?");\n  }\n}\n'),
    ("java.crypto.weak-cipher", JAVA_HEAD + '    Cipher.getInstance("AES");\n  }\n}\n',
     JAVA_HEAD + '    Cipher.getInstance("AES/GCM/NoPadding");\n  }\n}\n'),
    ("java.path.traversal", JAVA_HEAD + "    new File(name);\n  }\n}\n",
     JAVA_HEAD + '    new File("/etc/app.conf");\n  }\n}\n'),
]
EXT = {"js": "app.js", "go": "main.go", "java": "A.java"}
ALL_CASES = PY_CASES + JS_CASES + GO_JAVA_CASES


@pytest.mark.parametrize(("rule_id", "bad", "good"), ALL_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(ALL_CASES)])
def test_rule_flags_vulnerable_and_not_safe_lookalike(rule_id: str, bad: str, good: str) -> None:
    path = EXT.get(rule_id.split(".")[0], "app.py")
    assert rule_id in {f.rule_id for f in review([target(bad, path)])}
    assert rule_id not in {f.rule_id for f in review([target(good, path)])}


def test_typescript_and_tsx_use_the_javascript_pack() -> None:
    code = "function f(code: string): any { return eval(code); }\n"
    assert [f.rule_id for f in review([target(code, "a.ts")])] == ["js.code.eval"]
    tsx = "export const C = (p: {h: string}) => <div dangerouslySetInnerHTML={{__html: p.h}} />;\n"
    assert [f.rule_id for f in review([target(tsx, "c.tsx")])] == ["js.xss.html-sink"]


def test_only_findings_on_added_lines_but_context_drives_taint() -> None:
    code = ("import os\nfrom flask import request\n\ndef f():\n"
            "    cmd = request.args['c']\n"  # 5: context, not added
            "    os.system('echo hi')\n"  # 6
            "    os.system(cmd)\n")  # 7: added
    found = review([target(code, added={7})])
    assert [(f.rule_id, f.line, f.confidence) for f in found] == [("py.cmd.shell-string", 7, "high")]
    # the same sink outside the added lines is not reported
    assert review([target(code, added={5, 6})]) == []


def test_finding_explains_itself_and_carries_ai_origin() -> None:
    code = "import yaml\ndef load(s):\n    return yaml.load(s)\n"
    (f,) = review([target(code)])
    assert f.rule_id == "py.deser.yaml-load" and f.cwe == 502
    assert f.cwe_name == "Deserialization of Untrusted Data"
    assert f.quote == "    return yaml.load(s)"
    assert f.replacement == "    return yaml.safe_load(s)"
    assert "attacker" in f.why or "!!python" in f.why
    assert f.impact and f.fix and f.severity == "high" and f.confidence == "high"
    assert f.origin == AI_ORIGIN and f.origin.prompt_excerpt
    assert f.fingerprint.startswith("rf1:")


def test_insert_arg_replacement() -> None:
    (f,) = [x for x in review([target("import requests\nrequests.get(url)\n")])
            if x.rule_id == "py.net.requests-no-timeout"]
    assert f.replacement == "requests.get(url, timeout=10)"


def test_ai_origin_gets_the_stricter_threshold() -> None:
    # a parameter-fed eval is medium confidence; a global-fed one is low confidence
    code = "def f():\n    return eval(source_text)\n"
    assert [f.confidence for f in review([target(code, ai=True)])] == ["low"]
    assert review([target(code, ai=False)]) == []


def test_judgement_rules_run_for_ai_code_only_unless_policy_extends_them() -> None:
    code = ("from flask import Flask, request\napp = Flask(__name__)\n\n"
            "@app.route('/hello')\ndef hello():\n    name = request.args.get('name')\n"
            "    return {'greeting': name}\n")
    rid = "py.web.handler-without-validation"
    assert rid in {f.rule_id for f in review([target(code, ai=True)])}
    assert rid not in {f.rule_id for f in review([target(code, ai=False)])}
    low_human = Policy(human=Threshold("low", "low", False), extra_rules=(rid,))
    assert rid in {f.rule_id for f in review([target(code, ai=False)], low_human)}


def test_disabled_rules_by_glob() -> None:
    code = "import requests\nrequests.get('https://x', verify=False)\n"
    policy = replace(DEFAULT_POLICY, disabled_rules=("py.net.*",))
    assert {f.rule_id for f in review([target(code)], policy)} == {"py.tls.verify-disabled"}


def test_prefilter_skips_parsing_when_no_rule_can_match(monkeypatch: pytest.MonkeyPatch) -> None:
    import reviewer.engine as engine

    calls = []

    real = engine.Parser

    class CountingParser:
        def __init__(self, lang):  # type: ignore[no-untyped-def]
            self._p = real(lang)

        def parse(self, src):  # type: ignore[no-untyped-def]
            calls.append(1)
            return self._p.parse(src)

    monkeypatch.setattr(engine, "Parser", CountingParser)
    assert review([target("def add(a, b):\n    return a + b\n")]) == []
    assert calls == []
    review([target("def f(x):\n    return eval(x)\n")])
    assert calls == [1]


def test_fingerprint_survives_line_moves_and_reindent() -> None:
    a = "import os\ndef f(c):\n    os.system(c)\n"
    b = "import os\n\n\nclass K:\n    def f(self, c):\n        os.system(c)\n"
    fa = [f for f in review([target(a)]) if f.rule_id == "py.cmd.shell-string"][0]
    fb = [f for f in review([target(b)]) if f.rule_id == "py.cmd.shell-string"][0]
    assert fa.line != fb.line and fa.fingerprint == fb.fingerprint


def test_identical_lines_get_distinct_fingerprints() -> None:
    code = "import os\ndef f(c):\n    os.system(c)\n    os.system(c)\n"
    fps = [f.fingerprint for f in review([target(code)])]
    assert len(fps) == 2 and len(set(fps)) == 2


def test_hunks_split_runs_and_prefer_ai_origin() -> None:
    t = ReviewTarget("a.py", "a\nb\nc\nd\ne\n", frozenset({1, 2, 4}),
                     {2: AI_ORIGIN, 4: Origin(label="human")})
    hs = hunks(t)
    assert [(h.start, h.end, h.origin.label) for h in hs] == [(1, 2, "ai"), (4, 4, "human")]


def test_unsupported_language_and_unparseable_text_are_harmless() -> None:
    assert review([target("eval(x)\n", "notes.txt")]) == []
    assert review([target("def (((:\n  eval(x\n")]) == []  # no complete call: nothing
    # a broken line does not hide a complete call after it (tree-sitter recovers)
    [f] = review([target("def f(:\n  eval(x)\n")])
    assert (f.rule_id, f.line, f.quote) == ("py.code.eval", 2, "  eval(x)")


def test_every_pack_compiles_with_complete_explanations() -> None:
    for grammar in ("python", "javascript", "typescript", "tsx", "go", "java"):
        assert load_pack(grammar).rules
    rules = all_rules()
    assert len({r.id for r in rules}) == len(rules)
    for r in rules:
        assert r.why and r.impact and r.fix and r.title, r.id
        assert r.severity in ("critical", "high", "medium", "low", "info"), r.id
        assert r.needles, f"{r.id} has no pre-filter needles"
    cwes = {r.cwe for r in rules}
    for required in (78, 95, 89, 502, 798, 259, 338, 330, 327, 328, 79, 22, 295, 611, 601,
                     918, 215, 377, 732, 400):
        assert required in cwes, required
