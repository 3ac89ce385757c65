"""A call of a local helper holds what the helper returns of the arguments that call
passes (issue 19): normalizePath(BASE, name), which returns BASE when name is empty and
else a path it resolved and checked under BASE, holds no more than BASE; the same helper
without the check returns the caller's name joined to BASE."""

from __future__ import annotations

from tests.reviewer.helpers import findings_by_cwe

NORMALIZE = ("const express = require('express');\nconst fs = require('fs');\n"
             "const path = require('path');\nconst app = express();\napp.use(express.json());\n\n"
             "function normalizePath(basePath, userPath) {\n"
             "  if (!userPath) return basePath;\n"
             "  const fullPath = path.resolve(basePath, userPath.replace(/^\\/+/, ''));\n"
             "CHECK  return fullPath;\n}\n\n"
             "app.post('/search', (req, res) => {\n  const { dir } = req.body;\n"
             "  const where = normalizePath('/data', dir);\n"
             "  fs.readdir(where, (e, names) => res.json({ names }));\n});\n")


def test_a_helper_returning_its_base_or_a_checked_path_contains_the_name() -> None:
    # the helper returns the caller's base ('/data') when the name is empty, else a path
    # it checked: the call holds no more than its base argument
    check = "  if (!fullPath.startsWith(basePath)) throw new Error('Invalid path');\n"
    assert 22 not in findings_by_cwe(NORMALIZE.replace("CHECK", check), "app.js")
    assert 22 in findings_by_cwe(NORMALIZE.replace("CHECK", ""), "app.js")

