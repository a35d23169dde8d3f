"""A file changed by hand in a folder that a command rewrites is kept in a timestamped backup, and
the command says where; a file the command wrote itself is replaced without a backup."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from instructor import course, hand_edits
from tests.conftest import ROOT

A1 = "a1_numpy_basics"


def _rewrite(root: Path, under: str, backups: Path, contents: dict[str, bytes], fail: bool = False):
    """Stand in for nbgrader's forced release: remove root/under, write `contents` there."""
    with hand_edits.rewriting(root, under, backups, f"writing {under}"):
        folder = root / under
        for path in sorted(folder.rglob("*"), reverse=True) if folder.exists() else []:
            path.unlink() if path.is_file() else path.rmdir()
        if fail:
            raise RuntimeError("the command failed after removing the folder")
        for name, data in contents.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)


def _backed_up(backups: Path) -> dict[str, bytes]:
    """Path relative to the date folder -> content, for every file under `backups`."""
    if not backups.exists():
        return {}
    return {"/".join(p.relative_to(backups).parts[1:]): p.read_bytes() for p in backups.rglob("*") if p.is_file()}


def test_a_file_the_command_wrote_is_replaced_without_a_backup(tmp_path):
    root, backups = tmp_path / "release", tmp_path / "backups"
    _rewrite(root, "a", backups, {"a/a.ipynb": b"first"})
    _rewrite(root, "a", backups, {"a/a.ipynb": b"second"})
    assert (root / "a" / "a.ipynb").read_bytes() == b"second"
    assert not backups.exists()
    assert hand_edits.read_record(root) == {"a/a.ipynb": hand_edits.digest(b"second")}


def test_a_file_changed_by_hand_is_backed_up_and_named(tmp_path, capsys):
    root, backups = tmp_path / "release", tmp_path / "backups"
    _rewrite(root, "a", backups, {"a/a.ipynb": b"released", "a/data.csv": b"1,2"})
    (root / "a" / "a.ipynb").write_bytes(b"fixed by hand")
    (root / "a" / "notes.txt").write_bytes(b"added by hand")
    _rewrite(root, "a", backups, {"a/a.ipynb": b"released again", "a/data.csv": b"1,2"})
    assert _backed_up(backups) == {"a/a.ipynb": b"fixed by hand", "a/notes.txt": b"added by hand"}
    message = capsys.readouterr().err
    assert "writing a replaced or removed files changed by hand" in message, message
    assert "a/a.ipynb" in message and "a/notes.txt" in message and str(backups) in message
    assert "data.csv" not in message


def test_a_file_the_command_writes_back_unchanged_needs_no_backup(tmp_path):
    """A release folder from before the record existed: identical output loses nothing."""
    root, backups = tmp_path / "release", tmp_path / "backups"
    (root / "a").mkdir(parents=True)
    (root / "a" / "a.ipynb").write_bytes(b"same")
    (root / "a" / "old.txt").write_bytes(b"not written again")
    _rewrite(root, "a", backups, {"a/a.ipynb": b"same"})
    assert _backed_up(backups) == {"a/old.txt": b"not written again"}


def test_an_edit_is_kept_even_when_the_command_fails(tmp_path):
    root, backups = tmp_path / "release", tmp_path / "backups"
    _rewrite(root, "a", backups, {"a/a.ipynb": b"released"})
    (root / "a" / "a.ipynb").write_bytes(b"fixed by hand")
    with pytest.raises(RuntimeError):
        _rewrite(root, "a", backups, {}, fail=True)
    assert _backed_up(backups) == {"a/a.ipynb": b"fixed by hand"}


def test_only_the_rewritten_folder_is_looked_at_and_recorded(tmp_path):
    root, backups = tmp_path / "release", tmp_path / "backups"
    _rewrite(root, "a", backups, {"a/a.ipynb": b"a"})
    _rewrite(root, "b", backups, {"b/b.ipynb": b"b"})
    (root / "a" / "a.ipynb").write_bytes(b"a by hand")
    _rewrite(root, "b", backups, {"b/b.ipynb": b"b again"})
    assert not backups.exists()
    assert set(hand_edits.read_record(root)) == {"a/a.ipynb", "b/b.ipynb"}


def test_two_backups_in_the_same_second_do_not_overwrite_each_other(tmp_path):
    backups = tmp_path / "backups"
    first = hand_edits.keep({"a/a.ipynb": b"one"}, backups)
    second = hand_edits.keep({"a/a.ipynb": b"two"}, backups)
    assert (first / "a" / "a.ipynb").read_bytes() == b"one"
    assert (second / "a" / "a.ipynb").read_bytes() == b"two"


def test_keep_release_edits_backs_up_what_changed_since_the_release(tmp_path):
    root, backups = tmp_path / "release", tmp_path / "backups"
    _rewrite(root, "a", backups, {"a/a.ipynb": b"released", "a/b.png": b"png"})
    assert hand_edits.keep_release_edits(root, backups) is None
    (root / "a" / "a.ipynb").write_bytes(b"fixed by hand")
    folder = hand_edits.keep_release_edits(root, backups)
    assert folder is not None and _backed_up(backups) == {"a/a.ipynb": b"fixed by hand"}


def test_make_release_keeps_a_release_notebook_edited_by_hand(released_course):
    """The real release (nbgrader's forced generate_assignment) with a notebook fixed by hand."""
    notebook = released_course / "release" / A1 / f"{A1}.ipynb"
    nb = course.read(notebook)
    nb.cells[0].source += "\n\nA note the instructor added by hand."
    nbformat.write(nb, notebook)
    edited = notebook.read_bytes()
    env = {**os.environ, "COURSE_ROOT": str(released_course)}
    result = subprocess.run([sys.executable, "-m", "instructor", "release"], env=env, cwd=released_course,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "added by hand" not in notebook.read_text()
    backups = released_course / "release-backups"
    assert _backed_up(backups) == {f"{A1}/{A1}.ipynb": edited}
    assert f"releasing {A1} replaced or removed files changed by hand" in result.stderr, result.stderr
    assert "a2_logistic_regression" not in result.stderr

    again = subprocess.run([sys.executable, "-m", "instructor", "release"], env=env, cwd=released_course,
                           capture_output=True, text=True)
    assert again.returncode == 0 and "changed by hand" not in again.stderr, again.stderr
    assert len(list(backups.iterdir())) == 1


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_clean_keeps_what_was_changed_by_hand_in_release(tmp_path):
    """With the venv, only the files changed by hand are kept; without one, the whole release."""
    for with_venv in (True, False):
        root = tmp_path / ("with-venv" if with_venv else "without-venv")
        root.mkdir()
        shutil.copy(ROOT / "Makefile", root / "Makefile")
        release = root / "release"
        _rewrite(release, A1, tmp_path / "unused", {f"{A1}/{A1}.ipynb": b"released", f"{A1}/b.png": b"png"})
        (release / A1 / f"{A1}.ipynb").write_bytes(b"fixed by hand")
        (root / "work").mkdir()
        (root / "work" / "answers.ipynb").write_bytes(b"the student's")
        if with_venv:
            (root / ".venv").symlink_to(Path(sys.executable).parents[1])  # the venv running the tests
        result = subprocess.run(["make", "clean"], cwd=root, capture_output=True, text=True,
                                env={**os.environ, "COURSE_ROOT": str(root)})
        assert result.returncode == 0, result.stderr
        assert not release.exists()
        expected = {f"{A1}/{A1}.ipynb": b"fixed by hand"} if with_venv else {
            f"{A1}/{A1}.ipynb": b"fixed by hand", f"{A1}/b.png": b"png"}
        assert {k: v for k, v in _backed_up(root / "release-backups").items() if k != hand_edits.RECORD} == expected
        assert (root / "work" / "answers.ipynb").read_bytes() == b"the student's"
        assert "kept work/" in result.stdout
