"""JavaScript guards are specific to the sink kind they protect (issue 19). A type check
(``typeof x !== 'string'``) contains no path and restricts no host: it guards only a NoSQL
query object, where a string cannot carry ``{"$ne": ""}``. A prefix check contains a path
only when the path is resolved (path.resolve, normalize, join, realpath) and compared with
its base, and a URL only when the prefix is a whole origin and '/'; it guards no command,
SQL or HTML. path.relative(BASE, p) refused when it climbs or is absolute contains p."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

HEAD = ("const express = require('express');\nconst http = require('http');\n"
        "const fs = require('fs');\nconst path = require('path');\n"
        "const { exec } = require('child_process');\nconst mysql = require('mysql');\n"
        "const db = mysql.createConnection({});\nconst BASE = path.resolve('/srv/files');\n"
        "const app = express();\napp.use(express.json());\n\n"
        "app.get('/x', (req, res) => {\n  const v = req.query.v;\n")
END = "});\n"

SINKS = {
    22: "  fs.readFile(FILE, (e, d) => res.send(d));\n",
    78: "  exec(`git checkout ${v}`, () => res.end());\n",
    89: "  db.query(`SELECT * FROM t WHERE name = '${v}'`, (e, r) => res.json(r));\n",
    79: "  res.send(`<p>${v}</p>`);\n",
    918: "  http.get(v, (r) => r.pipe(res));\n",
    601: "  res.redirect(v);\n",
}


def _app(check: str, cwe: int, file: str = "path.join(BASE, v)") -> str:
    return HEAD + check + SINKS[cwe].replace("FILE", file) + END


def _reported(code: str, cwe: int) -> bool:
    return cwe in findings_by_cwe(code, "app.js")


TYPE_CHECK = "  if (typeof v !== 'string') return res.status(400).end();\n"


@pytest.mark.parametrize("cwe", [22, 78, 918])
def test_a_type_check_guards_no_path_command_or_url(cwe: int) -> None:
    assert _reported(_app(TYPE_CHECK, cwe), cwe)
    # the comparison with a literal beside it still guards (an allow-list of one)
    assert not _reported(_app("  if (v !== 'main') return res.status(400).end();\n", cwe), cwe)


MONGO = ("const express = require('express');\nconst mongoose = require('mongoose');\n"
         "const User = mongoose.model('User', new mongoose.Schema({ name: String }));\n"
         "const app = express();\napp.use(express.json());\n\n"
         "app.post('/login', async (req, res) => {\n  const { name } = req.body;\nCHECK"
         "  const user = await User.findOne(QUERY);\n  res.json({ ok: !!user });\n});\n")


def test_a_type_check_guards_a_query_object_not_a_where() -> None:
    typed = "  if (typeof name !== 'string') return res.status(400).end();\n"
    query = MONGO.replace("QUERY", "{ name }")
    assert 943 in findings_by_cwe(query.replace("CHECK", ""), "app.js")
    assert 943 not in findings_by_cwe(query.replace("CHECK", typed), "app.js")
    # a string is still code in a $where
    where = MONGO.replace("QUERY", "{ $where: `this.name == '${name}'` }")
    assert 943 in findings_by_cwe(where.replace("CHECK", typed), "app.js")


PREFIX = "  if (!v.startsWith('v1.')) return res.status(400).end();\n"


@pytest.mark.parametrize("cwe", [78, 89, 79])
def test_a_prefix_check_guards_no_command_sql_or_html(cwe: int) -> None:
    assert _reported(_app(PREFIX, cwe), cwe)
    assert not _reported(_app("  if (!['v1', 'v2'].includes(v)) return res.end();\n", cwe), cwe)


@pytest.mark.parametrize("prefix, cwe, guards", [
    # a whole origin and '/' restricts the host; a scheme, or an origin without its '/'
    # (api.example.com.evil.net), does not
    ("'https://api.example.com/'", 918, True),
    ("'http'", 918, False),
    ("'https://api.example.com'", 918, False),
    ("'https://example.com/'", 601, True),
    # '//evil.example' starts with '/'
    ("'/'", 601, False),
])
def test_a_url_prefix_guards_only_with_a_whole_origin(prefix: str, cwe: int,
                                                       guards: bool) -> None:
    check = f"  if (!v.startsWith({prefix})) return res.status(400).end();\n"
    assert _reported(_app(check, cwe), cwe) is not guards


RESOLVED = "  const full = path.resolve(BASE, v);\n"


@pytest.mark.parametrize("check, file, guards", [
    # a prefix of the raw name: uploads/../../etc/passwd
    ("  if (!v.startsWith('uploads/')) return res.status(400).end();\n",
     "path.join(BASE, v)", False),
    # the resolved path under its base
    (RESOLVED + "  if (!full.startsWith(BASE + path.sep)) return res.status(400).end();\n",
     "full", True),
    ("  const full = path.normalize(path.join(BASE, v));\n"
     "  if (!full.startsWith(`${BASE}/`)) return res.status(400).end();\n", "full", True),
    ("  if (!path.resolve(BASE, v).startsWith(BASE + path.sep)) return res.end();\n",
     "path.join(BASE, v)", True),
    # path.relative: refused when it climbs or is absolute
    (RESOLVED + "  const rel = path.relative(BASE, full);\n"
     "  if (rel.startsWith('..') || path.isAbsolute(rel)) return res.status(403).end();\n",
     "full", True),
    (RESOLVED + "  const rel = path.relative(BASE, full);\n"
     "  if (path.isAbsolute(rel)) return res.status(403).end();\n", "full", False),
])
def test_a_path_prefix_guards_only_a_resolved_path(check: str, file: str, guards: bool) -> None:
    assert _reported(_app(check, 22, file), 22) is not guards


@pytest.mark.parametrize("check, file, guards", [
    # a resolved path in the function, but the prefix check is on the raw name
    (RESOLVED + "  if (!v.startsWith('docs/')) return res.status(400).end();\n", "full", False),
    (RESOLVED + "  if (!full.startsWith(BASE + path.sep)) return res.status(400).end();\n",
     "full", True),
])
def test_a_resolved_path_elsewhere_in_the_function_is_no_check_of_the_name(
        check: str, file: str, guards: bool) -> None:
    assert _reported(_app(check, 22, file), 22) is not guards


@pytest.mark.parametrize("check, guards", [
    # a local path: starts with '/', not with '//' (another host)
    ("  if (!v.startsWith('/') || v.startsWith('//')) return res.redirect('/');\n", True),
    ("  if (!v.startsWith('/')) return res.redirect('/');\n", False),
])
def test_a_local_redirect_must_refuse_another_host(check: str, guards: bool) -> None:
    assert _reported(_app(check, 601), 601) is not guards
