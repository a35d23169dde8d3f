"""Grades out of the gradebook: the per-student sums and the Canvas and Moodle CSV layouts, exactly."""

from __future__ import annotations

import csv

import pytest

from instructor import grading
from instructor.grading import CellGrade, Student
from instructor.nbgrader_api import put_venv_first_on_path

A1, A2 = "a1_numpy_basics", "a2_logistic_regression"

# ann hands in both assignments, ben only the first; cy is in the gradebook with nothing handed in.
ROWS = [
    CellGrade("ann", A1, "test_sigmoid", 1.5, 2), CellGrade("ann", A1, "test_softmax", 1, 1),
    CellGrade("ann", A2, "test_propagate", 0, 4),
    CellGrade("ben", A1, "test_sigmoid", 2, 2), CellGrade("ben", A1, "test_softmax", 0, 1),
]
STUDENTS = [Student("ann", "Ann", "Lee", "ann@example.org", "1017"), Student("cy", first_name="Cy")]


def _read(path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def test_assignment_maxima_add_each_cell_once():
    assert grading.assignment_maxima(ROWS) == {A1: 3.0, A2: 4.0}


def test_student_scores_leave_out_what_was_not_handed_in():
    assert grading.student_scores(ROWS) == {"ann": {A1: 2.5, A2: 0.0}, "ben": {A1: 2.0}}


def test_the_roster_joins_the_gradebook_and_the_graded_rows():
    assert grading.roster(ROWS, STUDENTS) == [STUDENTS[0], Student("ben"), STUDENTS[1]]


def test_canvas_layout(tmp_path):
    paths = grading.export_lms_csvs(ROWS, STUDENTS, tmp_path / "canvas.csv", tmp_path / "moodle.csv")
    assert paths == [tmp_path / "canvas.csv", tmp_path / "moodle.csv"]
    assert _read(paths[0]) == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", A1, A2, "Final Points"],
        ["Points Possible", "", "", "", "", "3", "4", "7"],
        ["Lee, Ann", "1017", "", "ann", "", "2.5", "0", "2.5"],
        ["ben", "", "", "ben", "", "2", "", "2"],
        ["Cy", "", "", "cy", "", "", "", "0"],
    ]
    # The name holds a comma: it must be quoted, or Canvas would read one column too many.
    assert paths[0].read_text(encoding="utf-8").splitlines()[2] == '"Lee, Ann",1017,,ann,,2.5,0,2.5'


def test_moodle_layout(tmp_path):
    path = grading.write_table(grading.moodle_table(ROWS, STUDENTS), tmp_path / "moodle.csv")
    assert _read(path) == [
        ["username", A1, f"{A1} (max)", A2, f"{A2} (max)", "total", "total (max)"],
        ["ann", "2.5", "3", "0", "4", "2.5", "7"],
        ["ben", "2", "3", "", "4", "2", "7"],
        ["cy", "", "3", "", "4", "0", "7"],
    ]


def test_every_student_has_one_row_and_no_row_is_anything_else():
    canvas = grading.canvas_table(ROWS, STUDENTS)
    moodle = grading.moodle_table(ROWS, STUDENTS)
    assert [r[3] for r in canvas[2:]] == ["ann", "ben", "cy"]
    assert [r[0] for r in moodle[1:]] == ["ann", "ben", "cy"]
    assert all(len(r) == len(canvas[0]) for r in canvas)
    assert all(len(r) == len(moodle[0]) for r in moodle)


@pytest.mark.parametrize("first, last, expected", [("Ann", "Lee", "Lee, Ann"), ("", "Lee", "Lee"),
                                                    ("Ann", "", "Ann"), ("", "", "s1")])
def test_sortable_name_falls_back_to_what_is_known(first, last, expected):
    assert Student("s1", first, last).sortable_name == expected


class _Api:
    """What gradebook_students needs of nbgrader's API: a gradebook to open."""

    def __init__(self, gradebook):
        self.gradebook = gradebook


def test_gradebook_students_are_read_with_their_lms_ids(tmp_path):
    put_venv_first_on_path()  # nbgrader asks the `alembic` command for the gradebook's schema
    from nbgrader.api import Gradebook

    gb = Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}")
    gb.add_student("ben")
    gb.add_student("ann", first_name="Ann", last_name="Lee", email="ann@example.org", lms_user_id="1017")
    assert grading.gradebook_students(_Api(gb)) == [STUDENTS[0], Student("ben")]
