"""The class report, on known data: verdicts written into autograded notebooks as the judge writes
them (cell metadata), grade rows as the gradebook gives them, and each section's numbers."""

from __future__ import annotations

import re
from dataclasses import asdict

import matplotlib.pyplot as plt
import nbformat
import pytest

from graders.judging import (CRASHED_STATUS, NOT_ATTEMPTED, PASSED, RAISED, TIMED_OUT_STATUS, WRONG,
                             CaseVerdict, Verdict)
from instructor import report
from instructor.grading import CellGrade
from instructor.pipeline.judge_checks import METADATA_KEY

A1, A2 = "a1_numpy_basics", "a2_logistic_regression"
AXIS = {"axis": "sum along axis=1."}
SQUARE = {"square": "square it."}


def _verdict(function: str, status: str, hints: dict[str, str] | None = None, message: str = "") -> Verdict:
    """A verdict as graders.judging.judge returns it: a failing case for every status but passed."""
    hints = hints or {}
    failure = None if status == PASSED else CaseVerdict("x = [1, 2]", False, status, ("it differs",), tuple(hints))
    return Verdict(function, status, 1, 0, failure, message, hints)


def _autograded_notebook(root, student, assignment, verdicts: dict[str, Verdict | None]):
    """An autograded notebook with one test cell per function, its verdict in the cell's metadata
    (as instructor.pipeline.judge_checks stores it); None leaves a cell without a verdict."""
    cells = [nbformat.v4.new_code_cell("def softmax(x):\n    return x", metadata={"nbgrader": {
        "grade": False, "solution": True, "grade_id": "softmax", "locked": False, "schema_version": 3}})]
    for function, verdict in verdicts.items():
        cell = nbformat.v4.new_code_cell(f'check("{function}", {function})')
        cell.metadata["nbgrader"] = {"grade": True, "solution": False, "grade_id": f"test_{function}",
                                     "points": 1, "locked": True, "schema_version": 3}
        if verdict is not None:
            cell.metadata[METADATA_KEY] = {"verdict": asdict(verdict)}
        cells.append(cell)
    path = root / student / assignment / f"{assignment}.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)


@pytest.fixture
def a1_class(tmp_path):
    """Four students of A1 (softmax 2 points, L2 and sigmoid 1 each): their notebooks and grades."""
    decoy = "softmax failed\n  - Hint: a hint written only in the message text"
    _autograded_notebook(tmp_path, "ann", A1, {"softmax": _verdict("softmax", WRONG, AXIS),
                                               "L2": _verdict("L2", PASSED),
                                               "sigmoid": _verdict("sigmoid", CRASHED_STATUS)})
    _autograded_notebook(tmp_path, "ben", A1, {"softmax": _verdict("softmax", WRONG, message=decoy),
                                               "L2": _verdict("L2", RAISED, SQUARE),
                                               "sigmoid": _verdict("sigmoid", TIMED_OUT_STATUS)})
    _autograded_notebook(tmp_path, "cy", A1, {"softmax": _verdict("softmax", WRONG, AXIS),
                                              "L2": _verdict("L2", NOT_ATTEMPTED),
                                              "sigmoid": _verdict("sigmoid", PASSED)})
    _autograded_notebook(tmp_path, "dee", A1, {"softmax": None, "L2": None, "sigmoid": None})
    points = {"test_softmax": 2, "test_L2": 1, "test_sigmoid": 1}
    earned = {"ann": {"test_L2": 1}, "ben": {}, "cy": {"test_sigmoid": 1}, "dee": dict(points)}
    rows = [CellGrade(student, A1, cell, own.get(cell, 0), top)
            for student, own in earned.items() for cell, top in points.items()]
    return tmp_path, rows


def test_a_verdict_comes_back_from_the_notebook_as_it_was_written(tmp_path):
    written = _verdict("softmax", WRONG, {**AXIS, **SQUARE}, "softmax(x) failed")
    _autograded_notebook(tmp_path, "ann", A1, {"softmax": written})
    [result] = report.results(tmp_path, A1)
    assert (result.student, result.assignment, result.verdict) == ("ann", A1, written)
    assert result.hints == ("axis", "square")


def test_a_test_cell_without_a_verdict_says_so(a1_class):
    root, _ = a1_class
    dee = [r for r in report.results(root, A1) if r.student == "dee"]
    assert [(r.function, r.status) for r in dee] == [("softmax", report.NO_VERDICT), ("L2", report.NO_VERDICT),
                                                     ("sigmoid", report.NO_VERDICT)]


def test_a_malformed_verdict_is_no_verdict():
    cell = nbformat.v4.new_code_cell("", metadata={METADATA_KEY: {"verdict": {"status": WRONG}}})
    assert report.read_verdict(cell) is None


def test_crashes_and_time_outs_are_counted_per_function(a1_class):
    found = report.results(a1_class[0], A1)
    assert report.students_with_status(found, CRASHED_STATUS) == {"sigmoid": 1}
    assert report.students_with_status(found, TIMED_OUT_STATUS) == {"sigmoid": 1}


def test_hints_come_from_the_verdicts_ids_once_per_student_never_from_the_text(a1_class):
    counts = report.hints_met(report.results(a1_class[0], A1))
    assert counts == {("softmax", "sum along axis=1."): 2, ("L2", "square it."): 1}


def test_failures_that_matched_no_hint_count_only_wrong_or_raising_answers(a1_class):
    # softmax: wrong for ann (hint), ben (no hint), cy (hint); L2: raised for ben (hint), and cy's
    # "not attempted", like the crash and the time-out, is no failure a hint could explain.
    assert report.unexplained_failures(report.results(a1_class[0], A1)) == {"softmax": (3, 1), "L2": (1, 0)}


def test_failures_by_student_keep_the_status_and_the_notebook_order(a1_class):
    failed = report.failures_by_student(report.results(a1_class[0], A1))
    assert failed["ann"] == {A1: {WRONG: ["softmax"], CRASHED_STATUS: ["sigmoid"]}}
    assert failed["ben"] == {A1: {WRONG: ["softmax"], RAISED: ["L2"], TIMED_OUT_STATUS: ["sigmoid"]}}
    assert "cy" in failed and set(failed["cy"][A1]) == {WRONG, NOT_ATTEMPTED}


def test_report_shows_every_section_from_the_verdicts(a1_class):
    root, rows = a1_class
    page = report.build_report(rows, root)
    assert page.startswith("<!DOCTYPE html>")
    assert len(re.findall(r'src="data:image/png;base64,', page)) == 2
    assert "http" not in page.replace("http-equiv", "")
    assert "4 student(s); mean score 1.5 of 4." in page
    # crashes and time-outs
    assert "<tr><td>sigmoid</td><td>1</td><td>1</td></tr>" in page
    # hints met
    assert "<tr><td>2</td><td>softmax</td><td>sum along axis=1.</td></tr>" in page
    assert "<tr><td>1</td><td>L2</td><td>square it.</td></tr>" in page
    assert "written only in the message text" not in page
    # failures that matched no hint
    assert "<tr><td>softmax</td><td>3</td><td>1</td></tr>" in page
    assert "<tr><td>L2</td><td>1</td><td>0</td></tr>" in page
    # one row per student
    assert "<th>a1_numpy_basics<br>(of 4)</th><th>total<br>(of 4)</th>" in page
    assert "<tr><td>ann</td><td>1</td><td>1</td><td>a1_numpy_basics: wrong: softmax; crashed: sigmoid</td></tr>" in page
    assert ("<tr><td>ben</td><td>0</td><td>0</td>"
            "<td>a1_numpy_basics: wrong: softmax; raised: L2; timed out: sigmoid</td></tr>") in page
    assert ("<tr><td>dee</td><td>4</td><td>4</td>"
            "<td>a1_numpy_basics: no verdict recorded: softmax, L2, sigmoid</td></tr>") in page


def test_student_table_spans_assignments_and_says_what_was_not_handed_in(tmp_path):
    rows = [CellGrade("ann", A1, "test_softmax", 1, 2), CellGrade("ann", A2, "test_propagate", 0.5, 3),
            CellGrade("ben", A1, "test_softmax", 2, 2)]
    found = [report.Result("ann", A1, _verdict("softmax", WRONG)),
             report.Result("ann", A2, _verdict("propagate", TIMED_OUT_STATUS)),
             report.Result("ben", A1, _verdict("softmax", PASSED))]
    section = report.student_section(rows, found)
    assert ("<tr><td>ann</td><td>1</td><td>0.5</td><td>1.5</td>"
            "<td>a1_numpy_basics: wrong: softmax<br>a2_logistic_regression: timed out: propagate</td></tr>") in section
    assert "<tr><td>ben</td><td>2</td><td>not handed in</td><td>2</td><td>-</td></tr>" in section
    assert "<th>total<br>(of 5)</th>" in section


def test_the_sections_say_so_when_there_is_nothing_to_show():
    found = [report.Result("ann", A1, _verdict("softmax", PASSED))]
    assert "No function crashed or ran out of time." in report.crash_section(found)
    assert "No hints were shown" in report.hint_section(found)
    assert "No answer was wrong or raised an error." in report.unexplained_section(found)


def test_the_histogram_counts_whole_students_with_a_bar_per_whole_score():
    fig = report.distribution_figure(A1, [1.0, 3.0, 3.0], 4)
    try:
        fig.canvas.draw()
        ax = fig.axes[0]
        ticks = ax.get_yticks()
        assert len(ticks) >= 2
        assert all(float(t).is_integer() for t in ticks), ticks
        bars = {(p.get_x() + p.get_width() / 2, p.get_height()) for p in ax.patches}
        assert bars == {(0, 0), (1, 1), (2, 0), (3, 2), (4, 0)}
    finally:
        plt.close(fig)


def test_an_empty_gradebook_says_what_to_do(tmp_path):
    assert "run the autograder first" in report.build_report([], tmp_path)


def test_full_marks_share_per_graded_cell():
    rows = [CellGrade("ann", A1, "test_softmax", 0, 2), CellGrade("ben", A1, "test_softmax", 2, 2),
            CellGrade("cy", A1, "test_softmax", 2, 2), CellGrade("ann", A1, "test_L1", 1, 1)]
    shares = report.full_marks_share(rows)
    assert shares == {"test_softmax": 200 / 3, "test_L1": 100.0}
