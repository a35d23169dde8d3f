"""The grader-side steps of the autograde pipeline, each on its own (instructor.pipeline), and
`nbgrader validate` running through them."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path

import nbformat

from graders.running import Outcome, run_cases
from instructor import course, samples
from instructor.exercises import graded_functions
from instructor.pipeline.clean_outputs import CleanOutputs
from instructor.pipeline.judge_checks import METADATA_KEY, JudgeChecks
from instructor.pipeline.restore_cells import RestoreCells
from worker.launch import package_folder
from tests.conftest import needs_sandbox, reference_namespace

A1 = "a1_numpy_basics"


def _release(root: Path):
    return course.read(root / "release" / A1 / f"{A1}.ipynb")


def _resources(root: Path) -> dict:
    return {"nbgrader": {"db_url": f"sqlite:///{root / 'gradebook.db'}", "assignment": A1, "notebook": A1,
                         "student": "someone"}}


def _graded(nb) -> dict[str, nbformat.NotebookNode]:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if "nbgrader" in c.metadata}


# ----------------------------------------------------------------------------------------------
# RestoreCells


def test_restore_puts_back_deleted_and_edited_test_cells_after_the_student_code(released_course):
    release = _release(released_course)
    nb = samples.fill(release, samples.reference_answers(A1))
    nb.cells = [c for c in nb.cells if course.nbgrader_meta(c).get("grade_id") != "test_sigmoid"]
    edited = next(c for c in nb.cells if course.nbgrader_meta(c).get("grade_id") == "test_L1")
    edited.source, edited.metadata["nbgrader"]["locked"] = "print('passed')", False
    edited.metadata["nbgrader"]["points"] = 50
    for cell in nb.cells:
        if course.nbgrader_meta(cell).get("grade_id") == "sigmoid":
            del cell.metadata["nbgrader"]  # the solution's metadata stripped: still the student's code
    nb, _ = RestoreCells().preprocess(nb, _resources(released_course))
    graded = _graded(nb)
    expected = _graded(release)
    for grade_id, cell in expected.items():
        if course.is_test_cell(cell):
            assert graded[grade_id].source == cell.source and graded[grade_id].metadata["nbgrader"]["points"] == \
                cell.metadata["nbgrader"]["points"]
    order = [c.source for c in nb.cells]
    defines = next(i for i, s in enumerate(order) if s.startswith("def sigmoid("))
    assert nb.cells[defines + 1].metadata["nbgrader"]["grade_id"] == "test_sigmoid"


def test_restore_keeps_duplicates_and_unknown_grade_cells_as_plain_cells(released_course):
    nb = samples.fill(_release(released_course), samples.reference_answers(A1))
    solution = next(c for c in nb.cells if course.nbgrader_meta(c).get("grade_id") == "softmax")
    twin = copy.deepcopy(solution)
    twin.source = "print('my own notes')"
    test = next(c for c in nb.cells if course.is_test_cell(c))
    bonus = copy.deepcopy(test)
    bonus.metadata["nbgrader"].update(grade_id="bonus", points=100)
    nb.cells += [twin, copy.deepcopy(test), bonus]
    count = len(nb.cells)
    nb, _ = RestoreCells().preprocess(nb, _resources(released_course))
    assert len(nb.cells) == count - 1  # the verbatim copy of a locked test cell is dropped
    assert [course.nbgrader_meta(c)["grade_id"] for c in nb.cells if "nbgrader" in c.metadata].count("softmax") == 1
    assert "my own notes" in nb.cells[-2].source and "nbgrader" not in nb.cells[-2].metadata
    assert "nbgrader" not in nb.cells[-1].metadata
    assert sum(g.points for g in course.graded_cells(nb)) == 10


# ----------------------------------------------------------------------------------------------
# JudgeChecks


def _test_cell_notebook(function: str):
    cell = nbformat.v4.new_code_cell(f'check("{function}", {function})')
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": f"test_{function}", "locked": True,
                                 "points": 1, "solution": False, "schema_version": 3}
    return nbformat.v4.new_notebook(cells=[cell])


def _outcomes(function: str, func) -> list:
    graded = graded_functions(A1)[f"test_{function}"]
    return [o.to_plain() for o in run_cases(func, [case for _, case in graded.cases])]


def _judged(function: str, outcomes) -> nbformat.NotebookNode:
    nb = _test_cell_notebook(function)
    resources = {"nbgrader": {"assignment": A1}, "sandbox": {"outcomes": {f"test_{function}": outcomes}}}
    nb, _ = JudgeChecks().preprocess(nb, resources)
    return nb.cells[0]


def test_judge_passes_a_right_function_and_keeps_its_verdict_as_data():
    cell = _judged("sigmoid", _outcomes("sigmoid", reference_namespace(A1)["sigmoid"]))
    assert [o.output_type for o in cell.outputs] == ["stream"]
    verdict = cell.metadata[METADATA_KEY]["verdict"]
    assert verdict["status"] == "passed" and verdict["passed_public"] == 3 and verdict["passed_hidden"] == 4


def test_judge_fails_a_cell_whose_outcomes_are_missing_short_or_malformed():
    right = _outcomes("sigmoid", reference_namespace(A1)["sigmoid"])
    forged = [{"status": "passed", "verdict": "passed"}] * len(right)
    bad_array = copy.deepcopy(right)
    bad_array[-1]["value"] = {"$": "ndarray", "dtype": "<f8", "shape": [5], "data": "AAAA"}
    for outcomes in (None, [], right[:-1], forged, bad_array, "passed"):
        cell = _judged("sigmoid", outcomes)
        assert cell.outputs[-1].output_type == "error", outcomes
        assert cell.metadata[METADATA_KEY]["verdict"]["status"] != "passed"


def test_judge_hides_the_expected_values_of_hidden_cases():
    graded = graded_functions(A1)["test_L2"]
    public = _outcomes("L2", reference_namespace(A1)["L2"])[: len(graded.public.cases)]
    cell = _judged("L2", public + [Outcome(value=0.0).to_plain()] * len(graded.hidden.cases))
    message = cell.outputs[-1].evalue
    assert "failed a hidden check" in message and "got 0.0, which is not the right value" in message
    assert "expected" not in message


# ----------------------------------------------------------------------------------------------
# CleanOutputs


def test_clean_outputs_caps_sizes_and_hides_the_graders_paths():
    checkout = str(package_folder("graders").parent)
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="y" * 500_000),
        nbformat.v4.new_output("error", ename="ValueError", evalue=f"bad value in {checkout}/helpers/plotting.py",
                               traceback=[f'File "{sys.base_prefix}/lib/python3.11/x.py", line 1',
                                          'File "/home/student/a1_numpy_basics/mine.py", line 2']),
        nbformat.v4.new_output("display_data", data={"text/plain": "z" * (5 * 2**20)}),
    ]
    nb = nbformat.v4.new_notebook(cells=[cell])
    nb, _ = CleanOutputs().preprocess(nb, {})
    outputs = nb.cells[0].outputs
    text = str(outputs)
    assert checkout not in text and sys.base_prefix not in text and "/home/student" not in text
    assert "helpers/plotting.py" in text and 'File "a1_numpy_basics/mine.py"' in text
    assert len(outputs[0].text) == 100_000 and "display_data" not in [o.output_type for o in outputs]
    assert outputs[-1].text.startswith("[output cut:")


# ----------------------------------------------------------------------------------------------
# nbgrader validate goes through the sandbox


@needs_sandbox
def test_nbgrader_validate_runs_the_notebook_in_the_sandbox(released_course, tmp_path):
    folder = released_course / "check-me" / A1
    folder.mkdir(parents=True)
    nb = samples.fill(_release(released_course), {"basic_sigmoid": samples.reference_answers(A1)["basic_sigmoid"]})
    escape = tmp_path / "escaped.txt"
    nb.cells.insert(1, nbformat.v4.new_code_cell(f"open({str(escape)!r}, 'w').write('out of the sandbox')"))
    nbformat.write(nb, folder / f"{A1}.ipynb")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["nbgrader", "validate", str(folder / f"{A1}.ipynb")], cwd=released_course, env=env,
                          capture_output=True, text=True, timeout=600)
    assert not escape.exists()
    text = done.stdout + done.stderr
    assert "VALIDATION FAILED" in text and "sigmoid is not written yet" in text, text[-3000:]
    assert "basic_sigmoid is not written yet" not in text
    # The closing summary, worth no points, is listed with the failures: what is left to do.
    assert "✓ basic_sigmoid" in text and "1 of 8 functions pass their self-checks" in text
