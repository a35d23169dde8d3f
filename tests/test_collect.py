"""Collecting a zip of student notebooks: both layouts, every bad file named, nothing lost."""

from __future__ import annotations

import zipfile

import nbformat
import pytest

from instructor import collect

A1 = "a1_numpy_basics"


def _notebook_bytes(text: str = "x = 1") -> bytes:
    return nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(text)])).encode()


def _zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


@pytest.fixture
def places(tmp_path):
    return tmp_path / "submitted", tmp_path / "backups"


def test_both_layouts_are_filed_under_submitted(tmp_path, places):
    archive = _zip(tmp_path / "class.zip", {
        f"{A1}_alice_attempt_2026-11-20-10-00-00_{A1}.ipynb": _notebook_bytes("a = 1"),
        f"downloads/bob/{A1}.ipynb": _notebook_bytes("b = 1"),
        f"carol/{A1}/{A1}.ipynb": _notebook_bytes("c = 1"),
    })
    filed, skipped = collect.collect_zip(archive, *places)
    assert skipped == []
    assert sorted((f.student, f.assignment, f.note) for f in filed) == [
        ("alice", A1, "new"), ("bob", A1, "new"), ("carol", A1, "new")]
    submitted = places[0]
    assert "a = 1" in (submitted / "alice" / A1 / f"{A1}.ipynb").read_text()
    assert (submitted / "alice" / A1 / "timestamp.txt").read_text().strip() == "2026-11-20-10-00-00"
    assert "c = 1" in (submitted / "carol" / A1 / f"{A1}.ipynb").read_text()


def test_bad_files_are_named_with_the_reason_and_the_rest_is_filed(tmp_path, places):
    archive = _zip(tmp_path / "class.zip", {
        f"dan/{A1}.ipynb": b"{ this is not json",
        f"erin/{A1}.ipynb": b'{"just": "json"}',
        "frank/a9_unknown.ipynb": _notebook_bytes(),
        "notes.ipynb": _notebook_bytes(),
        f"gina/{A1}.ipynb": _notebook_bytes(),
        "gina/readme.txt": b"ignored: not a notebook file",
    })
    filed, skipped = collect.collect_zip(archive, *places)
    reasons = {s.name: s.reason for s in skipped}
    assert reasons[f"dan/{A1}.ipynb"].startswith("it is not valid JSON")
    assert reasons[f"erin/{A1}.ipynb"].startswith("it is JSON but not a Jupyter notebook")
    assert "follows neither" in reasons["frank/a9_unknown.ipynb"]
    assert "follows neither" in reasons["notes.ipynb"]
    assert [f.student for f in filed] == ["gina"]


def test_an_unknown_assignment_in_zip_collect_naming_is_named(tmp_path, places):
    archive = _zip(tmp_path / "class.zip", {"x_hal_attempt_2026-01-01_quiz9.ipynb": _notebook_bytes()})
    filed, skipped = collect.collect_zip(archive, *places)
    assert filed == [] and "belongs to no known assignment ('quiz9'" in skipped[0].reason


def test_a_new_version_never_loses_the_one_already_collected(tmp_path, places):
    submitted, backups = places
    first = _zip(tmp_path / "first.zip", {f"ian/{A1}.ipynb": _notebook_bytes("first")})
    second = _zip(tmp_path / "second.zip", {f"ian/{A1}.ipynb": _notebook_bytes("second")})
    collect.collect_zip(first, *places)
    again, _ = collect.collect_zip(first, *places)
    assert again[0].note == "unchanged"
    replaced, _ = collect.collect_zip(second, *places)
    assert replaced[0].note.startswith("replaced; the earlier one is kept in")
    assert "second" in (submitted / "ian" / A1 / f"{A1}.ipynb").read_text()
    kept = list(backups.rglob(f"{A1}.ipynb"))
    assert len(kept) == 1 and "first" in kept[0].read_text()


def test_a_file_that_is_not_a_zip_is_a_clear_error(tmp_path, places):
    not_zip = tmp_path / "class.zip"
    not_zip.write_text("hello")
    with pytest.raises(collect.CollectError, match="is not a zip archive"):
        collect.collect_zip(not_zip, *places)
    with pytest.raises(collect.CollectError, match="does not exist"):
        collect.collect_zip(tmp_path / "missing.zip", *places)


def test_paths_inside_the_archive_cannot_escape_submitted(tmp_path, places):
    submitted, _ = places
    archive = _zip(tmp_path / "class.zip", {
        f"../../evil/{A1}.ipynb": _notebook_bytes(),
        f"../{A1}.ipynb": _notebook_bytes(),
    })
    filed, skipped = collect.collect_zip(archive, *places)
    assert [(f.student, f.assignment) for f in filed] == [("evil", A1)]
    assert (submitted / "evil" / A1 / f"{A1}.ipynb").is_file()
    assert "cannot be used as a student id" in skipped[0].reason
    assert not (tmp_path.parent / "evil").exists() and not (tmp_path / "evil").exists()
