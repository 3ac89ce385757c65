"""A path's containment check guards a path sink only where it precedes the sink and acts on
the value the sink uses (issue 19): a resolved path (realpath, abspath, .resolve()) refused
unless it stays under its base, before the sink, or a local helper that refuses it before
returning it. The same words elsewhere in the function (the check after the sink, on another
variable, in a branch the sink is not in, a result nobody acts on) guard nothing."""

from __future__ import annotations

import pytest

from tests.reviewer.helpers import findings_by_cwe

HEAD = ("import os\nimport logging\nfrom pathlib import Path\n"
        "from flask import Flask, request, abort, send_file\n"
        "app = Flask(__name__)\nBASE = '/srv/files'\nROOT = Path('/srv/files')\n\n")
VIEW = "@app.get('/f')\ndef view():\n    name = request.args['name']\n"
RESOLVE = "    full = os.path.realpath(os.path.join(BASE, name))\n"
CHECK = "    if not full.startswith(BASE + os.sep):\n        abort(400)\n"
PRESOLVE = "    p = (ROOT / name).resolve()\n"
PCHECK = "    if not p.is_relative_to(ROOT):\n        abort(404)\n"
HELPER = ("def page_path(slug):\n    p = os.path.realpath(os.path.join(BASE, slug))\n"
          "    if not p.startswith(BASE + os.sep):\n{act}"
          "    return p\n\n")

UNGUARDED = [
    # the check after the sink
    HEAD + VIEW + RESOLVE + "    data = open(full).read()\n" + CHECK + "    return data\n",
    HEAD + VIEW + PRESOLVE + "    data = p.read_text()\n" + PCHECK + "    return data\n",
    HEAD + VIEW + RESOLVE + "    there = os.path.exists(full)\n" + CHECK + "    return str(there)\n",
    # the check on another variable than the one the sink opens
    HEAD + VIEW + RESOLVE + CHECK
    + "    other = request.args['other']\n    return open(os.path.join(BASE, other)).read()\n",
    HEAD + VIEW + PRESOLVE + PCHECK + "    return (ROOT / request.args['other']).read_text()\n",
    # the check in a branch the sink is not in
    HEAD + VIEW + RESOLVE + "    if request.args.get('strict'):\n"
    + CHECK.replace("\n    ", "\n        ").replace("    if", "        if", 1)
    + "    return send_file(full)\n",
    # the check's result is not acted on
    HEAD + VIEW + RESOLVE + "    ok = full.startswith(BASE + os.sep)\n"
    + "    logging.info('inside: %s', ok)\n    return open(full).read()\n",
    HEAD + VIEW + PRESOLVE + "    logging.info('inside: %s', p.is_relative_to(ROOT))\n"
    + "    return p.read_text()\n",
    # the sink where an accepting check failed
    HEAD + VIEW + RESOLVE + "    if full.startswith(BASE + os.sep):\n        return 'ok'\n"
    + "    return send_file(full)\n",
    # a local helper whose check does not refuse the path it returns
    HEAD + HELPER.format(act="        logging.warning('outside %s', p)\n")
    + VIEW + "    return open(page_path(name)).read()\n",
]

GUARDED = [
    HEAD + VIEW + RESOLVE + CHECK + "    return open(full).read()\n",
    HEAD + VIEW + PRESOLVE + PCHECK + "    return p.read_text()\n",
    HEAD + VIEW + RESOLVE + CHECK + "    return str(os.path.exists(full))\n",
    HEAD + VIEW + RESOLVE + "    if full.startswith(BASE + os.sep):\n"
    "        return send_file(full)\n    abort(404)\n",
    HEAD + VIEW + RESOLVE + "    if os.path.commonpath([BASE, full]) != BASE:\n        abort(403)\n"
    + "    return send_file(full)\n",
    HEAD + VIEW + "    full = os.path.join(BASE, name)\n"
    + "    if not os.path.realpath(full).startswith(BASE + os.sep):\n        abort(400)\n"
    + "    return open(full).read()\n",
    # a local helper that refuses the path before it returns it
    HEAD + HELPER.format(act="        abort(404)\n")
    + VIEW + "    return open(page_path(name)).read()\n",
    HEAD + HELPER.format(act="        raise ValueError(slug)\n")
    + VIEW + "    return str(os.path.getsize(page_path(name)))\n",
]


@pytest.mark.parametrize("code", UNGUARDED)
def test_a_containment_check_that_does_not_guard_the_sink_leaves_it_reported(code: str) -> None:
    assert 22 in findings_by_cwe(code)


@pytest.mark.parametrize("code", GUARDED)
def test_a_containment_check_before_the_sink_on_its_value_guards_it(code: str) -> None:
    assert 22 not in findings_by_cwe(code)


# a plain file name: refused when it holds '..' (or starts with '.') and a separator
PLAIN = "    if '..' in name or '/' in name:\n        abort(400)\n"


@pytest.mark.parametrize("code", [
    HEAD + VIEW + "    data = open(os.path.join(BASE, name)).read()\n" + PLAIN + "    return data\n",
    HEAD + VIEW + "    other = request.args['other']\n" + PLAIN.replace("name", "other")
    + "    return open(os.path.join(BASE, name)).read()\n",
    HEAD + VIEW + "    if '..' in name or '/' in name:\n        logging.warning('odd name')\n"
    + "    return str(os.path.exists(os.path.join(BASE, name)))\n",
])
def test_a_plain_name_check_that_does_not_guard_the_sink_leaves_it_reported(code: str) -> None:
    assert 22 in findings_by_cwe(code)


@pytest.mark.parametrize("code", [
    HEAD + VIEW + PLAIN + "    return open(os.path.join(BASE, name)).read()\n",
    HEAD + VIEW + "    if name.startswith('.') or os.sep in name:\n        return 'bad', 400\n"
    + "    return str(os.path.exists(os.path.join(BASE, name)))\n",
])
def test_a_plain_name_check_before_the_sink_guards_it(code: str) -> None:
    assert 22 not in findings_by_cwe(code)


# the rest of the check's own condition runs only where the check held (or short-circuits)
SHORT = PRESOLVE + "    if {cond}:\n        abort(404)\n    return send_file(p)\n"


@pytest.mark.parametrize("cond, reported", [
    ("not p.is_relative_to(ROOT) or not p.is_file()", False),
    # the probe before the check: it runs on any path
    ("not p.is_file() or not p.is_relative_to(ROOT)", True),
    # 'and': the probe runs where the check failed
    ("not p.is_relative_to(ROOT) and not p.is_file()", True),
])
def test_a_probe_after_the_check_in_its_condition(cond: str, reported: bool) -> None:
    assert (22 in findings_by_cwe(HEAD + VIEW + SHORT.format(cond=cond))) is reported


# a resolved copy checked: the path it was made of is contained as well
COPY = ("    path = os.path.join(BASE, name)\n    real = os.path.realpath(path)\n"
        "    if not real.startswith(BASE + os.sep):\n        abort(400)\n")


def test_a_resolved_copys_check_guards_the_path_it_was_made_of() -> None:
    assert 22 not in findings_by_cwe(HEAD + VIEW + COPY + "    return send_file(path)\n")
    # the twin: the sink before the check
    assert 22 in findings_by_cwe(HEAD + VIEW + "    path = os.path.join(BASE, name)\n"
                                 "    data = open(path).read()\n" + COPY.split("\n", 1)[1]
                                 + "    return data\n")
