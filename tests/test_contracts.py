"""The contract between the checks and the answers they judge, for every assignment, both ways:

- every typical wrong answer (instructor.mistakes) fails the public and the hidden checks, each
  time with its hint;
- every correct answer written another way (instructor.variants) passes them, without a note;
- every printing slip (right values, printed otherwise) passes them too, each with its note.

Each answer is a whole graded cell, run in the namespace the source notebook gives its graded
cells (its imports and the reference solutions of the other functions).
"""

from __future__ import annotations

import ast
import importlib
import sys
from functools import cache

import pytest

from graders.checking import CheckFailed
from graders.judging import judge
from graders.running import run_cases
from instructor import course, mistakes, variants
from tests.conftest import ROOT, reference_namespace

ASSIGNMENTS = course.assignments()
VARIANTS_PER_FUNCTION = 3  # at least, written differently from the reference and from each other
WRONG_VERSIONS_PER_FUNCTION = 3  # at least


def _public(assignment):
    return importlib.import_module(f"graders.{assignment}")


def _hidden(assignment):
    return importlib.import_module(f"instructor.hidden.{assignment}")


def _functions(assignment) -> list[str]:
    return [e.function for e in _public(assignment).EXERCISES]


def _exercise(exercises, function):
    return next(e for e in exercises if e.function == function)


@cache
def _notebook_namespace(assignment: str) -> dict:
    """The globals a graded cell sees: the notebook's imports (from its own folder, as when it
    runs) and the reference solutions."""
    folder = str(ROOT / "notebooks" / assignment)
    sys.path.insert(0, folder)
    try:
        return reference_namespace(assignment)
    finally:
        sys.path.remove(folder)


def _defined(assignment: str, item) -> object:
    """The function that the cell `item.source` defines, in a fresh copy of the notebook namespace."""
    namespace = dict(_notebook_namespace(assignment))
    exec(compile(item.source, f"<{assignment}: {item.function}>", "exec"), namespace)
    return namespace[item.function]


def _verdicts(assignment: str, function: str, func):
    """The public verdict, then the hidden one, as the self-check and the autograder reach them."""
    public = _exercise(_public(assignment).EXERCISES, function)
    hidden = _exercise(_hidden(assignment).HIDDEN, function)
    return (judge(public, run_cases(func, public.cases)),
            judge(hidden, run_cases(func, hidden.cases), kind="hidden check"))


def _items(kind: str) -> list:
    """(assignment, item) for every item of a list in instructor.mistakes or instructor.variants."""
    found = []
    for assignment in ASSIGNMENTS:
        module = (variants if kind == "VARIANTS" else mistakes).for_assignment(assignment)
        found += [pytest.param(assignment, item, id=f"{assignment[:2]} {item.function}: {_about(item)}")
                  for item in getattr(module, kind, [])]
    return found


def _about(item) -> str:
    return getattr(item, "mistake", None) or getattr(item, "style", None) or item.slip


# ----------------------------------------------------------------------------------------------
# Enough of each, for every graded function


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_graded_function_has_wrong_versions_and_correct_variants(assignment):
    wrong = mistakes.for_assignment(assignment).WRONG_VERSIONS
    right = variants.for_assignment(assignment).VARIANTS
    functions = _functions(assignment)
    for function in functions:
        assert sum(w.function == function for w in wrong) >= WRONG_VERSIONS_PER_FUNCTION, function
        sources = [v.source.strip() for v in right if v.function == function]
        assert len(sources) >= VARIANTS_PER_FUNCTION, function
        assert len(set(sources)) == len(sources), f"{function}: two variants are the same cell"
    assert {item.function for item in (*wrong, *right)} <= set(functions)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_variant_is_the_reference_solution_again(assignment):
    """A variant that repeats the reference's code (docstring, comments and layout aside) proves
    nothing about other ways of writing it."""
    nb = course.read(course.source_notebook(assignment))
    references = {course.nbgrader_meta(c)["grade_id"]: course.without_markers(c.source)
                  for c in nb.cells if course.is_solution_cell(c)}
    for variant in variants.for_assignment(assignment).VARIANTS:
        reference = _code(references[variant.function], variant.function)
        assert _code(variant.source, variant.function) != reference, f"{variant.function}: {variant.style}"


def _code(source: str, function: str) -> list[str]:
    """The statements of `function` in a cell, without its docstring, as syntax trees."""
    tree = ast.parse(source)
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == function)
    body = node.body[1:] if ast.get_docstring(node) is not None else node.body
    return [ast.dump(statement) for statement in body]


# ----------------------------------------------------------------------------------------------
# Both directions


@pytest.mark.parametrize("assignment, wrong", _items("WRONG_VERSIONS"))
def test_wrong_version_fails_the_public_and_the_hidden_checks_with_its_hint(assignment, wrong):
    func = _defined(assignment, wrong)
    for check in (_public(assignment).check, _hidden(assignment).check_hidden):
        with pytest.raises(CheckFailed) as failure:
            check(wrong.function, func)
        assert wrong.hint in str(failure.value), str(failure.value)


@pytest.mark.parametrize("assignment, variant", _items("VARIANTS"))
def test_correct_variant_passes_the_public_and_the_hidden_checks_without_a_note(assignment, variant):
    for verdict in _verdicts(assignment, variant.function, _defined(assignment, variant)):
        assert verdict.passed, verdict.message
        assert not verdict.note_messages, verdict.message


@pytest.mark.parametrize("assignment, slip", _items("PRINTING_SLIPS"))
def test_printing_slip_keeps_its_points_with_its_note(assignment, slip):
    for verdict in _verdicts(assignment, slip.function, _defined(assignment, slip)):
        assert verdict.passed, verdict.message
        assert verdict.note_messages and slip.note in verdict.message, verdict.message


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_no_two_hints_of_an_exercise_share_an_id(assignment):
    """A failure message shows every hint whose id applies: two hints with one id would show the
    same advice twice."""
    for exercise in (*_public(assignment).EXERCISES, *_hidden(assignment).HIDDEN):
        ids = [hint.id for hint in exercise.hints]
        assert len(set(ids)) == len(ids), exercise.function
