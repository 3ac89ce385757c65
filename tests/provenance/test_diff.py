from __future__ import annotations

from pathlib import Path

import pytest

from provenance import git
from provenance.diff import parse_diff, unquote_path
from provenance.model import AddedLine
from tests.provenance.gitrepo import make_repo

SYNTHETIC = """\
diff --git a/app.py b/app.py
index 83db48f..bf269f4 100644
--- a/app.py
+++ b/app.py
@@ -1,2 +1,3 @@
 import os
-x = 1
+x = 2
+-- not a header
@@ -10 +11,0 @@
--- old comment
diff --git a/new.txt b/new.txt
new file mode 100644
index 0000000..3b18e51
--- /dev/null
+++ b/new.txt
@@ -0,0 +1,2 @@
+hello
+++ plus
\\ No newline at end of file
diff --git a/gone.txt b/gone.txt
deleted file mode 100644
index 3b18e51..0000000
--- a/gone.txt
+++ /dev/null
@@ -1 +0,0 @@
-bye
diff --git a/old name.py b/new name.py
similarity index 90%
rename from old name.py
rename to new name.py
index 1..2 100644
--- a/old name.py
+++ b/new name.py
@@ -3 +3 @@
-a
+b
diff --git a/logo.png b/logo.png
index 1..2 100644
Binary files a/logo.png and b/logo.png differ
diff --git "a/t\\303\\251st\\tx.py" "b/t\\303\\251st\\tx.py"
new file mode 100644
--- /dev/null
+++ "b/t\\303\\251st\\tx.py"
@@ -0,0 +1 @@
+ok
diff --git a/mode.sh b/mode.sh
old mode 100644
new mode 100755
"""


def test_synthetic_diff_every_kind() -> None:
    files = {f.path: f for f in parse_diff(SYNTHETIC)}
    app = files["app.py"]
    assert app.status == "M"
    assert app.added == (AddedLine(2, "x = 2"), AddedLine(3, "-- not a header"))
    assert app.deleted == ("x = 1", "-- old comment")  # read by counts, not taken for ---
    new = files["new.txt"]
    assert new.status == "A" and [a.text for a in new.added] == ["hello", "++ plus"]
    gone = files["gone.txt"]
    assert gone.status == "D" and gone.deleted == ("bye",) and gone.added == ()
    ren = files["new name.py"]
    assert ren.status == "R" and ren.old_path == "old name.py"
    assert ren.added == (AddedLine(3, "b"),)
    assert files["logo.png"].binary
    assert files["tést\tx.py"].added == (AddedLine(1, "ok"),)
    assert files["mode.sh"].status == "M" and files["mode.sh"].added == ()


@pytest.mark.parametrize(("quoted", "plain"), [
    ('"a/caf\\303\\251.py"', "a/café.py"),
    ('"x\\"y"', 'x"y'),
    ('"back\\\\slash"', "back\\slash"),
    ("plain.py", "plain.py"),
])
def test_unquote(quoted: str, plain: str) -> None:
    assert unquote_path(quoted) == plain


def test_real_git_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, monkeypatch)
    repo.write("a.py", "one\ntwo\nthree\n")
    repo.write("moved.py", "\n".join(f"line {i} of a file worth renaming" for i in range(20)))
    repo.write("bin.dat", "x")
    (repo.path / "bin.dat").write_bytes(bytes(range(256)))
    repo.commit("base")
    repo.write("a.py", "one\nTWO\nthree\nfour")  # no newline at end
    repo.git("mv", "moved.py", "renamed.py")
    (repo.path / "bin.dat").write_bytes(bytes(range(255, -1, -1)))
    repo.write("sp ace/ü.py", "print('hi')\n")
    repo.git("add", "-A")
    files = {f.path: f for f in git.staged_diff(repo.path)}
    assert files["a.py"].added == (AddedLine(2, "TWO"), AddedLine(4, "four"))
    assert files["a.py"].deleted == ("two",)
    assert files["renamed.py"].status == "R" and files["renamed.py"].old_path == "moved.py"
    assert files["renamed.py"].added == ()
    assert files["bin.dat"].binary
    assert files["sp ace/ü.py"].status == "A"
    assert files["sp ace/ü.py"].added == (AddedLine(1, "print('hi')"),)


def test_root_commit_and_file_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path, monkeypatch)
    repo.write("x.py", "a\nb\n")
    sha = repo.commit("root")
    files = git.commit_diff(repo.path, sha)
    assert [(f.path, f.status, len(f.added)) for f in files] == [("x.py", "A", 2)]
    assert git.file_text(repo.path, sha, "x.py") == "a\nb\n"
    assert git.file_text(repo.path, sha, "missing.py") is None
    repo.write("x.py", "a\nb\nc\n")
    repo.git("add", "x.py")
    assert git.file_text(repo.path, None, "x.py") == "a\nb\nc\n"  # the index
    assert git.files_text(repo.path, sha, ["x.py", "nope"]) == {"x.py": "a\nb\n", "nope": None}
