"""Assignment 5's checks and notebook: the reference passes the checks, wrong answers fail with
their hint, the public expected values agree with an independent oracle, the spec's numbers come
out on the original data, the notebook's figures are what it computes, and the ready-made
building blocks (assignment 4's answers) ship with assignment 5 only."""

from __future__ import annotations

import io
import math
import os
import re
import sys
import time
from contextlib import redirect_stdout
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from graders import a5_deep_nn_application as public
from graders.checking import CheckFailed
from graders.gradcheck import GRAD_RTOL, numerical_gradient
from instructor.hidden import a5_deep_nn_application as hidden
from instructor import course
from instructor.mistakes import a5_deep_nn_application as mistakes
from tests import reference_models
from tests.conftest import ROOT, executed_source_notebook, reference_namespace, values_agree

ASSIGNMENT = "a5_deep_nn_application"
ASSIGNMENT_DIR = ROOT / "notebooks" / ASSIGNMENT
BLOCKS = ASSIGNMENT_DIR / "deep_blocks.py"
FUNCTIONS = [e.function for e in public.EXERCISES]
EARLIER = ["a1_numpy_basics", "a2_logistic_regression", "a3_planar_classification",
           "a4_deep_nn_step_by_step"]
ORACLES = {"two_layer_model": hidden.oracle_two_layer_model, "L_layer_model": hidden.oracle_L_layer_model}

# The spec's reference numbers on the original data (2500 iterations, learning rate 0.0075).
SPEC = {
    "two_layer_model": {"layers_dims": (12288, 7, 1), "cost_0": 0.6930497356599888,
                        "cost_2400": 0.048554785628770226, "train": 1.0, "test": 0.72},
    "L_layer_model": {"layers_dims": [12288, 20, 7, 5, 1], "cost_0": 0.7717493284237686,
                      "cost_2400": 0.0928782152647, "train": 0.9856459330143539, "test": 0.8},
}
SPEC_MISLABELLED = 10  # test pictures the 4-layer network gets wrong on the original data


@pytest.fixture(scope="module", autouse=True)
def blocks_importable():
    """The notebook imports `deep_blocks` from its own folder (its working directory when it runs);
    here the folder is put on sys.path for the time of this module."""
    sys.path.insert(0, str(ASSIGNMENT_DIR))
    yield
    sys.path.remove(str(ASSIGNMENT_DIR))


@pytest.fixture(scope="module")
def reference(blocks_importable):
    return reference_namespace(ASSIGNMENT)


@pytest.fixture(scope="module")
def blocks(blocks_importable):
    import deep_blocks

    return deep_blocks


def _exercise(exercises, function):
    return next(e for e in exercises if e.function == function)


def _agree(a, b, rtol=1e-9, atol=1e-12) -> bool:
    return values_agree(a, b, rtol, atol)


def _train_args(inputs):
    return {k: inputs[k] for k in ("X", "Y", "layers_dims", "learning_rate", "num_iterations")}


# ----------------------------------------------------------------------------------------------
# The checks themselves


def test_every_graded_function_has_public_and_hidden_checks_and_an_oracle():
    assert sorted(e.function for e in hidden.HIDDEN) == sorted(FUNCTIONS)
    assert sorted(FUNCTIONS) == sorted(ORACLES) == ["L_layer_model", "two_layer_model"]
    for exercise in [*public.EXERCISES, *hidden.HIDDEN]:
        assert exercise.printing is public.COST_LINES


@pytest.mark.parametrize("function", FUNCTIONS)
def test_reference_solution_passes_public_and_hidden_checks(reference, function, capsys):
    public.check(function, reference[function])
    hidden.check_hidden(function, reference[function])
    # The checks show again what the function printed (its cost lines); then one line each.
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if not line.startswith("Cost after iteration ")] == [
        f"{function}: 3 self-checks passed.",
        f"{function}: 4 hidden checks passed.",
    ]


def test_public_and_hidden_checks_of_both_functions_are_fast(reference):
    """Autograde runs them on every submission: together they take well under two seconds."""
    start = time.perf_counter()
    with redirect_stdout(io.StringIO()):
        for function in FUNCTIONS:
            public.check(function, reference[function])
            hidden.check_hidden(function, reference[function])
    elapsed = time.perf_counter() - start
    assert elapsed < 6, f"the checks took {elapsed:.1f} s (under 1 s on an idle machine)"


@pytest.mark.parametrize("function", FUNCTIONS)
def test_public_expected_values_agree_with_the_oracle_and_the_reference(reference, function):
    for case in _exercise(public.EXERCISES, function).cases:
        parameters, costs = case.expected
        expected = (parameters, [c.value for c in costs])
        assert _agree(ORACLES[function](**_train_args(case.inputs)), expected), case.label
        with redirect_stdout(io.StringIO()):
            assert _agree(reference[function](**case.inputs), expected), case.label


@pytest.mark.parametrize("function", FUNCTIONS)
def test_hidden_expected_values_agree_with_the_reference(reference, function):
    for case in _exercise(hidden.HIDDEN, function).cases:
        parameters, costs = case.expected
        with redirect_stdout(io.StringIO()):
            got = reference[function](**case.inputs)
        assert _agree(got, (parameters, [c.value for c in costs]), rtol=1e-7, atol=1e-10), case.label


@pytest.mark.parametrize("function", FUNCTIONS)
def test_printing_expectations_are_what_the_reference_prints(reference, function):
    printing = set()
    for exercises in (public.EXERCISES, hidden.HIDDEN):
        for case in _exercise(exercises, function).cases:
            output = io.StringIO()
            with redirect_stdout(output):
                reference[function](**case.inputs)
            printed = tuple(int(i) for i in re.findall(r"Cost after iteration (\d+):", output.getvalue()))
            assert printed == case.printed == public.COST_LINES.read(output.getvalue()), case.label
            printing.add(printed)
    # Nothing printed; the last iteration printed on its own; the last one also a multiple of 100.
    assert {(), (0, 100, 200, 249), (0, 100, 200), (0,)} <= printing


def test_every_argument_is_varied_across_the_cases():
    """A model that ignores an argument, or handles a single depth, must fail some case."""
    for function in FUNCTIONS:
        cases = [*_exercise(public.EXERCISES, function).cases, *_exercise(hidden.HIDDEN, function).cases]
        for name in ("learning_rate", "num_iterations", "print_cost"):
            assert len({repr(c.inputs[name]) for c in cases}) > 1, (function, name)
        assert len({tuple(c.inputs["layers_dims"]) for c in cases}) >= 4, function
        assert 0.0 in {c.inputs["learning_rate"] for c in cases}
    depths = {len(c.inputs["layers_dims"]) - 1 for c in [*public.L_layer_model.cases, *hidden.HIDDEN[1].cases]}
    assert {1, 2, 3, 4, 5} <= depths


def test_hidden_cases_use_shapes_the_public_ones_do_not():
    for function in FUNCTIONS:
        seen = {tuple(c.inputs["layers_dims"]) for c in _exercise(public.EXERCISES, function).cases}
        for case in _exercise(hidden.HIDDEN, function).cases:
            assert tuple(case.inputs["layers_dims"]) not in seen, case.label


def test_the_oracle_agrees_with_the_other_compact_implementation():
    """tests/reference_models.py trains the same deep network, written separately again."""
    rng = np.random.default_rng(5)
    X, Y = rng.normal(size=(6, 9)), (rng.random((1, 9)) > 0.5).astype(int)
    ours = hidden.oracle_L_layer_model(X, Y, [6, 5, 3, 1], 0.2, 250)
    theirs = reference_models.train_deep_network(X, Y, [6, 5, 3, 1], 0.2, 250)
    assert _agree(ours, theirs, rtol=1e-9)


def test_costs_may_be_0d_arrays_but_must_come_in_a_list(reference):
    """compute_cost returns a 0-d array: a list of those is as good as a list of floats."""
    def as_arrays(**inputs):
        parameters, costs = reference["L_layer_model"](**inputs)
        return parameters, [np.array(c) for c in costs]

    def as_one_array(**inputs):
        parameters, costs = reference["L_layer_model"](**inputs)
        return parameters, np.array(costs)

    with redirect_stdout(io.StringIO()):
        public.check("L_layer_model", as_arrays)
        with pytest.raises(CheckFailed, match="costs should be a Python list"):
            public.check("L_layer_model", as_one_array)


# ----------------------------------------------------------------------------------------------
# Wrong answers


def test_the_typical_mistakes_of_the_issue_are_covered():
    """The wrong initialiser, costs not recorded at 0, only the parameters returned, the learning
    rate ignored, caches mixed up: each has a wrong version for both functions (or the one where
    it can happen)."""
    mistakes_text = " | ".join(f"{w.function}: {w.mistake}" for w in mistakes.WRONG_VERSIONS)
    for function in FUNCTIONS:
        own = [w.mistake for w in mistakes.WRONG_VERSIONS if w.function == function]
        assert any("initialis" in m for m in own), mistakes_text
        assert any("iteration 0" in m or "iterations 99" in m for m in own), mistakes_text
        assert any("only the parameters" in m for m in own), mistakes_text
        assert any("learning rate ignored" in m for m in own), mistakes_text
        assert any("cache" in m for m in own), mistakes_text


def test_the_sample_mistake_and_sabotage_hit_functions_the_other_one_does_not_call():
    assert mistakes.IN_SAMPLE == ("two_layer_model",) and mistakes.ISOLATED_FUNCTION == "L_layer_model"
    assert not getattr(mistakes, "ALSO_LOSES", ())
    nb = course.read(course.source_notebook(ASSIGNMENT))
    sources = {course.nbgrader_meta(c).get("grade_id"): c.source for c in nb.cells if course.is_solution_cell(c)}
    assert "two_layer_model" not in sources["L_layer_model"]
    assert "L_layer_model" not in sources["two_layer_model"]


@pytest.mark.parametrize("function", FUNCTIONS)
def test_an_answer_hard_coded_to_the_visible_cases_fails_the_hidden_checks(function):
    cases = _exercise(public.EXERCISES, function).cases

    def same_inputs(a, b):
        return a.keys() == b.keys() and all(
            np.array_equal(np.asarray(a[k]), np.asarray(b[k])) for k in a)

    def memorised(**inputs):
        for case in cases:
            if same_inputs(inputs, case.inputs):
                for i in case.printed:
                    print(f"Cost after iteration {i}: 0.5")
                parameters, costs = case.expected
                return parameters, [c.value for c in costs]
        return {}, []

    with redirect_stdout(io.StringIO()):
        public.check(function, memorised)
        with pytest.raises(CheckFailed):
            hidden.check_hidden(function, memorised)


# ----------------------------------------------------------------------------------------------
# The building blocks (deep_blocks.py)


def test_the_notebook_takes_its_building_blocks_from_deep_blocks(reference, blocks):
    for name in ("initialize_parameters", "initialize_parameters_deep", "L_model_forward",
                 "L_model_backward", "update_parameters", "compute_cost", "predict",
                 "linear_activation_forward", "linear_activation_backward"):
        assert reference[name] is getattr(blocks, name), name


def test_the_initialisers_seed_1_and_scale_as_the_spec_says(blocks):
    np.random.seed(99)
    small = blocks.initialize_parameters(4, 3, 1)
    draws = np.random.RandomState(1)
    assert np.array_equal(small["W1"], draws.randn(3, 4) * 0.01)
    assert np.array_equal(small["W2"], draws.randn(1, 3) * 0.01)
    assert not small["b1"].any() and small["b2"].shape == (1, 1)

    np.random.seed(99)
    deep = blocks.initialize_parameters_deep([5, 4, 3, 1])
    draws = np.random.RandomState(1)
    for l, (n_in, n_out) in enumerate([(5, 4), (4, 3), (3, 1)], start=1):
        assert np.allclose(deep[f"W{l}"], draws.randn(n_out, n_in) / math.sqrt(n_in), rtol=1e-15)
        assert deep[f"b{l}"].shape == (n_out, 1) and not deep[f"b{l}"].any()
    assert list(deep) == ["W1", "b1", "W2", "b2", "W3", "b3"]


def test_compute_cost_gives_assignment_4s_reference_value(blocks):
    cost = blocks.compute_cost(np.array([[0.8, 0.9, 0.4]]), np.array([[1, 1, 0]]))
    assert cost.shape == () and math.isclose(cost, 0.2797765635793422, rel_tol=1e-12)


@pytest.mark.parametrize("layers_dims", [[3, 1], [4, 3, 1], [5, 4, 3, 2, 1]])
def test_L_model_backward_agrees_with_numerical_gradients(blocks, layers_dims):
    rng = np.random.default_rng(len(layers_dims))
    X, Y = rng.normal(size=(layers_dims[0], 6)), np.array([[1, 0, 1, 1, 0, 0]])
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters[f"W{l}"] = rng.normal(size=(layers_dims[l], layers_dims[l - 1]))
        parameters[f"b{l}"] = rng.normal(size=(layers_dims[l], 1))
    AL, caches = blocks.L_model_forward(X, parameters)
    grads = blocks.L_model_backward(AL, Y, caches)
    assert sorted(grads) == sorted(
        [f"dA{l}" for l in range(len(layers_dims) - 1)]
        + [f"d{p}{l}" for l in range(1, len(layers_dims)) for p in "Wb"])

    def cost_with(name, value):
        changed = {**parameters, name: value}
        return float(blocks.compute_cost(blocks.L_model_forward(X, changed)[0], Y))

    for name in parameters:
        slope = numerical_gradient(lambda v: cost_with(name, v), parameters[name])
        assert np.allclose(grads["d" + name], slope, rtol=GRAD_RTOL, atol=1e-7), name


def test_update_parameters_leaves_its_argument_alone(blocks):
    params = {"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))}
    grads = {"dW1": np.full((2, 3), 2.0), "db1": np.ones((2, 1)), "dA0": np.ones((3, 4))}
    new = blocks.update_parameters(params, grads, 0.1)
    assert np.array_equal(params["W1"], np.ones((2, 3))) and not params["b1"].any()
    assert np.allclose(new["W1"], 0.8) and np.allclose(new["b1"], -0.1) and list(new) == ["W1", "b1"]


def test_predict_returns_labels_of_shape_1_m_and_prints_the_accuracy(blocks, capsys):
    parameters = {"W1": np.array([[1.0, -1.0]]), "b1": np.array([[0.0]])}
    X = np.array([[2.0, -1.0, 0.5, 0.1], [0.0, 1.0, 1.0, 0.0]])
    p = blocks.predict(X, np.array([[1, 0, 1, 1]]), parameters)
    assert p.shape == (1, 4) and p.dtype.kind == "i" and p.tolist() == [[1, 0, 0, 1]]
    assert capsys.readouterr().out == "Accuracy: 75.00 %\n"


def test_the_reference_equals_the_other_compact_implementation_on_a_real_sized_layer(reference):
    """A wide first layer, as on the pictures: the reference and tests/reference_models agree."""
    rng = np.random.default_rng(8)
    X, Y = rng.random((300, 20)), (rng.random((1, 20)) > 0.5).astype(int)
    with redirect_stdout(io.StringIO()):
        ours = reference["L_layer_model"](X, Y, [300, 8, 4, 1], 0.05, 120)
    theirs = reference_models.train_deep_network(X, Y, [300, 8, 4, 1], 0.05, 120)
    assert _agree(ours, theirs, rtol=1e-9)


# ----------------------------------------------------------------------------------------------
# Assignment 4's answers ship with assignment 5 only

# Lines any code may hold: returns, bare keywords, size lookups, empty containers.
_TRIVIAL = re.compile(
    r"^(return\b.*|else:|try:|finally:|pass|break|continue"
    r"|[A-Za-z_]\w* = (len\(\w+\)( // 2)?|\w+\.shape\[-?\d\]|\[\]|\{\}))$"
)


def _statements(path: Path) -> set[str]:
    """The stripped code lines of deep_blocks.py's function bodies, without docstrings,
    comments and trivial lines (which any code may contain)."""
    import ast

    source = path.read_text()
    tree = ast.parse(source)
    lines = source.splitlines()
    found = set()
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        body = node.body[1:] if isinstance(node.body[0], ast.Expr) else node.body  # docstring
        for statement in body:
            for number in range(statement.lineno, statement.end_lineno + 1):
                line = lines[number - 1].strip()
                if line and not line.startswith("#") and not _TRIVIAL.match(line):
                    found.add(line)
    return found


def _handed_out_scaffold(assignments) -> set[str]:
    """Lines of graded cells outside their solution regions: the interface students get."""
    lines = set()
    for assignment in assignments:
        path = course.source_notebook(assignment)
        if not path.is_file():
            continue
        for cell in course.read(path).cells:
            if course.is_solution_cell(cell):
                _, outside = course.split_region(cell.source, course.SOLUTION)
                lines.update(line.strip() for line in outside)
    return lines


def _answer_lines() -> set[str]:
    """Assignment 4's answers: deep_blocks.py's code and the a4 notebook's solution lines."""
    secret = _statements(BLOCKS)
    a4 = course.source_notebook("a4_deep_nn_step_by_step")
    if a4.is_file():
        secret |= {line for line in course.solution_lines(course.read(a4)) if not _TRIVIAL.match(line)}
    return secret - _handed_out_scaffold(EARLIER)


def _text_lines(path: Path) -> set[str]:
    if path.suffix == ".ipynb":
        return {line.strip() for cell in course.read(path).cells for line in cell.source.splitlines()}
    if path.suffix in (".py", ".md", ".txt"):
        return {line.strip() for line in path.read_text().splitlines()}
    return set()


def test_the_answer_lines_are_a_meaningful_set():
    secret = _statements(BLOCKS)
    assert "Z = W @ A + b" in secret and "dW = (dZ @ A_prev.T) / m" in secret
    assert len(secret) >= 25


def test_the_building_blocks_are_released_with_assignment_5_only(released_course):
    release = released_course / "release"
    assert (release / ASSIGNMENT / "deep_blocks.py").read_text() == BLOCKS.read_text()
    assert (release / ASSIGNMENT / "images" / "my_cat.png").is_file()
    for assignment in EARLIER:
        folder = release / assignment
        if not course.source_notebook(assignment).is_file():
            continue
        assert folder.is_dir(), assignment
        for path in folder.rglob("*"):
            assert path.name != "deep_blocks.py", path
            if path.suffix in (".ipynb", ".py"):
                assert "deep_blocks" not in path.read_text(), path


def test_no_answer_of_assignment_4_appears_in_what_assignments_1_to_4_release(released_course):
    secret = _answer_lines()
    places = [p for a in EARLIER for p in (released_course / "release" / a).rglob("*") if p.is_file()]
    places += sorted((ROOT / "helpers").glob("*.py")) + sorted((ROOT / "graders").glob("*.py"))
    leaks = {f"{p}: {line}" for p in places for line in _text_lines(p) & secret}
    assert not leaks, "\n".join(sorted(leaks))


def test_the_public_checks_hold_no_line_of_the_solutions():
    nb = course.read(course.source_notebook(ASSIGNMENT))
    secret = {line for line in course.solution_lines(nb) if not _TRIVIAL.match(line)}
    public_text = _text_lines(ROOT / "graders" / f"{ASSIGNMENT}.py")
    assert len(secret) >= 10 and not secret & public_text


def test_the_earlier_source_notebooks_do_not_use_the_building_blocks():
    for assignment in EARLIER:
        path = course.source_notebook(assignment)
        if path.is_file():
            assert "deep_blocks" not in path.read_text(), assignment
            assert not (path.parent / "deep_blocks.py").exists(), assignment


def test_the_example_picture_is_small_and_64_pixels_or_more():
    from PIL import Image

    path = ASSIGNMENT_DIR / "images" / "my_cat.png"
    assert path.stat().st_size < 150_000
    with Image.open(path) as picture:
        assert picture.mode == "RGB" and min(picture.size) >= 64


# ----------------------------------------------------------------------------------------------
# The spec's numbers on the original data


@lru_cache(maxsize=None)
def _trained_on_original(function: str, directory: str):
    """Train one model on the original data with the reference; cached for the session."""
    from helpers.catvnoncat import load_dataset

    assert os.environ.get("CATVNONCAT_DIR") == directory
    train_x_orig, train_y, test_x_orig, test_y, _ = load_dataset("original")
    train_x = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 255
    test_x = test_x_orig.reshape(test_x_orig.shape[0], -1).T / 255
    sys.path.insert(0, str(ASSIGNMENT_DIR))
    try:
        namespace = reference_namespace(ASSIGNMENT)
    finally:
        sys.path.remove(str(ASSIGNMENT_DIR))
    # One BLAS thread: the test workers run side by side, and threads competing for the same
    # cores make a 2500-iteration run several times slower.
    with redirect_stdout(io.StringIO()), threadpool_limits(limits=1, user_api="blas"):
        parameters, costs = namespace[function](train_x, train_y, SPEC[function]["layers_dims"],
                                                num_iterations=2500)
        train_p = namespace["predict"](train_x, train_y, parameters)
        test_p = namespace["predict"](test_x, test_y, parameters)
    return costs, train_p, test_p, train_y, test_y, parameters


@pytest.mark.slow
@pytest.mark.parametrize("function", FUNCTIONS)
def test_spec_costs_and_accuracies_on_the_original_data(original_data, function):
    costs, train_p, test_p, train_y, test_y, _ = _trained_on_original(function, str(original_data))
    spec = SPEC[function]
    assert len(costs) == 25 and all(type(c) is float for c in costs)
    assert abs(costs[0] - spec["cost_0"]) < 1e-9
    assert abs(costs[24] - spec["cost_2400"]) < 1e-9
    train_accuracy = float(np.mean(train_p == train_y))
    test_accuracy = float(np.mean(test_p == test_y))
    # The spec's 0.9856459330143539 is 206/209 summed in floating point; the same fraction here.
    assert math.isclose(train_accuracy, spec["train"], rel_tol=1e-12)
    assert math.isclose(test_accuracy, spec["test"], rel_tol=1e-12)
    if function == "L_layer_model":
        assert int(np.sum(test_p != test_y)) == SPEC_MISLABELLED


@pytest.mark.slow
def test_the_4_layer_network_trained_on_the_original_data_calls_the_example_picture_a_cat(
        original_data, blocks):
    """Section 7 says so, after showing it for the network trained on the default pictures."""
    from PIL import Image

    nb = course.read(course.source_notebook(ASSIGNMENT))
    text = " ".join(" ".join(c.source for c in nb.cells if c.cell_type == "markdown").split())
    assert "and so does the one trained on the original course photographs" in text
    parameters = _trained_on_original("L_layer_model", str(original_data))[-1]
    with Image.open(ASSIGNMENT_DIR / "images" / "my_cat.png") as picture:
        small = np.array(picture.convert("RGB").resize((64, 64), Image.LANCZOS))
    probability = float(np.squeeze(blocks.L_model_forward(small.reshape(-1, 1) / 255, parameters)[0]))
    assert probability > 0.95, probability


def test_the_figures_the_notebook_quotes_for_the_original_data_are_the_spec_ones():
    nb = course.read(course.source_notebook(ASSIGNMENT))
    text = " ".join(" ".join(c.source for c in nb.cells if c.cell_type == "markdown").split())
    assert "72% of the test pictures" in text and SPEC["two_layer_model"]["test"] == 0.72
    assert "training set perfectly" in text and SPEC["two_layer_model"]["train"] == 1.0
    assert "98.6% of the training set and 80% of the test set" in text
    assert round(100 * SPEC["L_layer_model"]["train"], 1) == 98.6 and SPEC["L_layer_model"]["test"] == 0.8
    assert "there are 10 of them" in text and SPEC_MISLABELLED == 10


# ----------------------------------------------------------------------------------------------
# The notebook, run on the default dataset


def _outputs(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def _cell_containing(nb, fragment: str):
    return next(c for c in nb.cells if c.cell_type == "code" and fragment in c.source)


@pytest.mark.slow
def test_the_notebook_runs_and_its_figures_are_what_it_computes():
    nb = executed_source_notebook(ASSIGNMENT)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors

    data = _outputs(_cell_containing(nb, "print(describe_dataset())"))
    assert data.startswith("Dataset: ") and "train_x_orig: (209, 64, 64, 3)" in data

    two = _outputs(_cell_containing(nb, "parameters_2, costs_2 = two_layer_model("))
    printed = re.findall(r"Cost after iteration (\d+): (\S+)", two)
    assert [int(i) for i, _ in printed] == [*range(0, 2500, 100), 2499]
    assert all(re.fullmatch(r"\d+\.\d{6}", cost) for _, cost in printed), printed[:3]  # six decimals
    # The prose: "The first cost is close to ln 2".
    assert abs(float(printed[0][1]) - math.log(2)) < 5e-3
    deep = _outputs(_cell_containing(nb, "parameters_L, costs_L = L_layer_model("))
    assert len(re.findall(r"Cost after iteration \d+:", deep)) == 26

    # The comparison table repeats the accuracies that predict printed (percentages, two decimals).
    accuracies = [float(a) for c in nb.cells if c.cell_type == "code" and "predictions_test_" in c.source
                  and "predict(" in c.source for a in re.findall(r"Accuracy: (\d+\.\d\d) %\n", _outputs(c))]
    assert len(accuracies) == 4
    table = _outputs(_cell_containing(nb, "print(f\"{'model':<12}"))
    rows = [re.findall(r" (\d+\.\d\d) %", line) for line in table.splitlines()
            if line.startswith(("2-layer", "4-layer"))]
    assert [float(x) for row in rows for x in row] == accuracies

    wrong = _outputs(_cell_containing(nb, "show_mislabelled("))
    count = int(re.search(r"(\d+) of 50 test pictures are mislabelled", wrong).group(1))
    assert count == round((100 - accuracies[3]) / 100 * 50)

    # The prose: the 4-layer network calls the example picture a cat, with a probability close to 1.
    own = _outputs(_cell_containing(nb, "my_image = "))
    assert 'The 4-layer network says: "cat".' in own, own
    assert float(re.search(r"probability of a cat: (\d\.\d{3})\n", own).group(1)) > 0.95, own


def test_autograding_skips_the_long_runs_and_nothing_else_is_slow():
    """Every cell that trains a model on the pictures, or uses a trained one, is guarded."""
    nb = course.read(course.source_notebook(ASSIGNMENT))
    for cell in nb.cells:
        if cell.cell_type != "code" or course.is_solution_cell(cell) or course.is_test_cell(cell):
            continue
        uses_training = re.search(r"_model\(|parameters_(2|L)|predictions_", cell.source)
        if uses_training:
            assert "if AUTOGRADING:" in cell.source and "Skipped while autograding" in cell.source, cell.source
