"""Assignment 1's checks: the reference passes and the public expected values agree with
independent oracles (wrong and other correct answers: tests/test_contracts.py)."""

import numpy as np
import pytest
from scipy.special import expit, softmax
from sklearn.preprocessing import normalize

from graders import a1_numpy_basics as public
from graders.checking import CheckFailed
from instructor.hidden import a1_numpy_basics as hidden
from tests.conftest import reference_namespace

ASSIGNMENT = "a1_numpy_basics"
FUNCTIONS = [e.function for e in public.EXERCISES]

# An oracle for each function, independent of the notebook's reference solution.
ORACLES = {
    "basic_sigmoid": lambda x: float(expit(x)),
    "sigmoid": lambda x: expit(x),
    "sigmoid_derivative": hidden.oracle_sigmoid_derivative,
    "image2vector": hidden.oracle_image2vector,
    "normalize_rows": lambda x: normalize(np.asarray(x, dtype=float)),
    "softmax": lambda x: softmax(x, axis=1),
    "L1": hidden.oracle_L1,
    "L2": hidden.oracle_L2,
}


@pytest.fixture(scope="module")
def reference():
    return reference_namespace(ASSIGNMENT)


def test_every_graded_function_has_public_and_hidden_checks_and_an_oracle():
    assert sorted(FUNCTIONS) == sorted(e.function for e in hidden.HIDDEN) == sorted(ORACLES)


@pytest.mark.parametrize("function", FUNCTIONS)
def test_reference_solution_passes_public_and_hidden_checks(reference, function, capsys):
    public.check(function, reference[function])
    hidden.check_hidden(function, reference[function])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{function}: ") and "self-check" in lines[0]
    assert "hidden check" in lines[1]


@pytest.mark.parametrize("function", FUNCTIONS)
def test_public_expected_values_agree_with_an_independent_oracle(function):
    exercise = next(e for e in public.EXERCISES if e.function == function)
    for case in exercise.cases:
        expected = getattr(case.expected, "value", case.expected)
        assert np.allclose(ORACLES[function](**case.inputs), expected, rtol=1e-6, atol=1e-8), case.label


def test_spec_reference_values():
    assert public.basic_sigmoid.cases[0].expected == 0.7310585786300049
    assert public.L1.cases[0].expected == 1.1 and public.L2.cases[0].expected == 0.43
    assert np.isclose(public.softmax.cases[0].expected[0, 0], 9.80897665e-01)


@pytest.mark.parametrize("function", FUNCTIONS)
def test_an_answer_hard_coded_to_the_visible_cases_fails_the_hidden_checks(function):
    exercise = next(e for e in public.EXERCISES if e.function == function)

    def memorised(**inputs):
        for case in exercise.cases:
            if all(np.array_equal(inputs[k], v) for k, v in case.inputs.items()):
                return getattr(case.expected, "value", case.expected)
        return 0.0

    public.check(function, memorised)
    with pytest.raises(CheckFailed):
        hidden.check_hidden(function, memorised)
