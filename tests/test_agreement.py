"""One truth per graded function: the docstring is the promise, and everything else keeps to it.

The docstring of each graded function (in the source notebook) says, argument by argument, what
the function accepts ("numpy array of shape (n_x, m)", "any shape", "an int", "dict with "W1"
(n_h, n_x), ...") and what it returns ("a Python float", "a 0-d value", "shape (1, m)"). These
tests read those sentences and hold to them:

- every input of every public and hidden case: a case that hands the function something its
  docstring does not promise to handle (a matrix where it says vector, a 3-D array where it says
  (m, n)) fails here, before it fails a student who trusted the docstring;
- every expected value of those cases (the return type and the shapes, with the sizes the inputs
  fixed);
- the shape tables of the exercise text, row by row.

Sizes are symbols: within one case, the same name (m, n_x, n[l-1]) must stand for the same number
everywhere, and a literal (1 in (1, m)) must be exactly that number.
"""

from __future__ import annotations

import ast
import importlib
import re
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import pytest

from graders.cases import Scalar
from instructor import course
from tests.conftest import ROOT

ASSIGNMENTS = course.assignments()

Check = Callable[[Any, dict, str], list]  # (value, sizes bound so far, where) -> problems


# ----------------------------------------------------------------------------------------------
# Reading the docstrings


def _graded_docstrings(assignment: str) -> dict[str, ast.FunctionDef]:
    """The def of every graded function of an assignment, by name, from its solution cell."""
    nb = course.read(course.source_notebook(assignment))
    found = {}
    for cell in nb.cells:
        if course.is_solution_cell(cell):
            tree = ast.parse(course.without_markers(cell.source))
            for node in tree.body:
                if isinstance(node, ast.FunctionDef):
                    found[node.name] = node
    return found


def sections(docstring: str) -> dict[str, dict[str, str]]:
    """{"Arguments": {name: description}, "Returns": {...}}, each description on one line."""
    result: dict[str, dict[str, str]] = {}
    current, name = None, None
    for line in docstring.splitlines():
        heading = re.match(r"\s*(Arguments|Returns):\s*$", line)
        entry = re.match(r"\s*(\w+) -- (.*)", line)
        if heading:
            current, name = result.setdefault(heading.group(1), {}), None
        elif current is not None and entry:
            name = entry.group(1)
            current[name] = entry.group(2).strip()
        elif current is not None and name and line.strip():
            current[name] += " " + line.strip()
    return result


_TOKEN = r"[A-Za-z_][\w\[\]+\-]*|\d+"
_SHAPE = re.compile(r"\(((?:\s*(?:%s)(?:\s*\*\s*(?:%s))*\s*,)+\s*(?:(?:%s)(?:\s*\*\s*(?:%s))*)?\s*)\)"
                    % ((_TOKEN,) * 4))


def _shape_tokens(text: str) -> tuple[str, ...]:
    return tuple(token.strip() for token in text.split(",") if token.strip())


def first_shape(text: str) -> tuple[str, ...] | None:
    """The first shape written in `text`, as its tokens: "(n[l], m)" gives ("n[l]", "m")."""
    match = _SHAPE.search(text)
    return _shape_tokens(match.group(1)) if match else None


# ----------------------------------------------------------------------------------------------
# Sizes: binding the symbols of a shape to numbers


def _size(token: str, sizes: dict) -> int | None:
    """The number a token stands for, if known: a literal, a bound symbol or a product of them."""
    factors = [factor.strip() for factor in token.split("*")]
    value = 1
    for factor in factors:
        if factor.isdigit():
            value *= int(factor)
        elif factor in sizes:
            value *= sizes[factor]
        else:
            return None
    return value


def _written(tokens: tuple[str, ...]) -> str:
    return f"({tokens[0]},)" if len(tokens) == 1 else f"({', '.join(tokens)})"


def _fits(tokens: tuple[str, ...], shape: tuple[int, ...], sizes: dict, where: str) -> list[str]:
    if len(tokens) != len(shape):
        return [f"{where}: has shape {shape}, the docstring promises {_written(tokens)}"]
    problems = []
    for token, size in zip(tokens, shape):
        known = _size(token, sizes)
        if known is None and "*" not in token:
            sizes[token] = size
        elif known is not None and known != size:
            problems.append(f"{where}: has shape {shape}, the docstring promises {_written(tokens)} "
                            f"with {token} = {known}")
    return problems


def _at_layer(tokens: tuple[str, ...], l: int) -> tuple[str, ...]:
    """Tokens of a per-layer shape, such as (n[l], n[l-1]), written for layer l."""
    def index(match):
        return f"[{l + int(match.group(1) or 0)}]"
    return tuple(re.sub(r"\[l([+-]\d+)?\]", index, token) for token in tokens)


# ----------------------------------------------------------------------------------------------
# Promises: what a description allows, as a check on plain values


def _array(tokens, dtype_kind=None) -> Check:
    def check(value, sizes, where):
        if not isinstance(value, np.ndarray):
            return [f"{where}: is {type(value).__name__}, the docstring promises an array of shape "
                    f"{_written(tokens)}"]
        problems = _fits(tokens, value.shape, sizes, where)
        if dtype_kind and value.dtype.kind != dtype_kind:
            problems.append(f"{where}: has dtype {value.dtype}, the docstring promises kind {dtype_kind!r}")
        return problems
    return check


def _any_array(numbers_too: bool) -> Check:
    def check(value, sizes, where):
        if isinstance(value, np.ndarray) or (numbers_too and _is_number(value)):
            return []
        return [f"{where}: is {type(value).__name__}, the docstring promises an array of any shape"]
    return check


def _is_number(value) -> bool:
    return isinstance(value, (int, float, np.number, Scalar)) and not isinstance(value, (bool, np.bool_))


def _kind(test: Callable[[Any], bool], words: str) -> Check:
    def check(value, sizes, where):
        return [] if test(value) else [f"{where}: is {value!r}, the docstring promises {words}"]
    return check


def _same_shape_as(argument: str) -> Check:
    def check(value, sizes, where):
        wanted = sizes.get(("shape of", argument))
        got = () if isinstance(value, Scalar) else np.shape(value)
        if wanted is not None and got != wanted:
            return [f"{where}: has shape {got}, the docstring promises the shape of {argument}, {wanted}"]
        return []
    return check


def _sequence(types: tuple, text: str) -> Check:
    """A tuple or list; names listed after it bind their sizes, "name of shape (...)" checks arrays."""
    listed = re.search(r"\((\s*\w+\s*(?:,\s*\w+\s*)+)\)", text)
    names = [n.strip() for n in listed.group(1).split(",")] if listed else []
    shapes = {m.group(1): _shape_tokens(m.group(2)) for m in re.finditer(r"(\w+) of shape \(([^()]*)\)", text)}

    def check(value, sizes, where):
        if not isinstance(value, types):
            wanted = " or ".join(t.__name__ for t in types)
            return [f"{where}: is {type(value).__name__}, the docstring promises a {wanted}"]
        if not names:
            return []
        if len(value) != len(names):
            return [f"{where}: holds {len(value)} values, the docstring names {len(names)}: {', '.join(names)}"]
        problems = []
        for name, item in zip(names, value):
            if name in shapes:
                problems += _array(shapes[name])(item, sizes, f"{where}[{name}]")
            elif isinstance(item, int) and not isinstance(item, bool):
                problems += _fits((name,), (item,), sizes, f"{where}[{name}]")
        return problems
    return check


def _key_shapes(text: str) -> tuple[dict[str, tuple], dict[str, tuple]]:
    """The shapes a dict description gives its keys: exact keys ("W1" (n_h, n_x); "dw", ...,
    shape (n_x, 1); "Z1", "A1" of shape (n_h, m)) and per-layer templates ("W" + str(l): ...,
    "W{l}" (...), W[l] shape (...)), the latter by their prefix."""
    exact: dict[str, tuple] = {}
    templates: dict[str, tuple] = {}
    keys = list(re.finditer(r'"(\w+?)(\{l\})?"', text))
    following = None
    for i in reversed(range(len(keys))):
        key = keys[i]
        segment = text[key.end(): keys[i + 1].start() if i + 1 < len(keys) else len(text)]
        template = bool(key.group(2)) or segment.lstrip().startswith("+ str(l)")
        segment = re.sub(r"^\s*\+ str\(l\)", "", segment)
        shape = re.match(r'\s*:?\s*\(([^()]*)\)|[^()"]*?\bshape\s*\(([^()]*)\)', segment)
        if shape and first_shape(f"({shape.group(1) or shape.group(2)})"):
            following = _shape_tokens(shape.group(1) or shape.group(2))
        elif not re.fullmatch(r"\s*(,|and|, and)\s*", segment):
            following = None
        if following:
            (templates if template else exact)[key.group(1)] = following
    for match in re.finditer(r"\b([A-Za-z]+)\[l\] shape \(([^()]*)\)", text):
        templates[match.group(1)] = _shape_tokens(match.group(2))
    return exact, templates


def _dict(text: str) -> Check:
    exact, templates = _key_shapes(text)

    def check(value, sizes, where):
        if not isinstance(value, dict):
            return [f"{where}: is {type(value).__name__}, the docstring promises a dict"]
        problems = []
        for key, item in value.items():
            layer = re.fullmatch(r"([A-Za-z]+?)(\d+)", str(key))
            if key in exact:
                problems += _array(exact[key])(item, sizes, f"{where}[{key!r}]")
            elif layer and layer.group(1) in templates:
                tokens = _at_layer(templates[layer.group(1)], int(layer.group(2)))
                problems += _array(tokens)(item, sizes, f"{where}[{key!r}]")
        return problems
    return check


def promise(text: str) -> Check | None:
    """What one argument or return description promises, as a check; None when it says nothing
    a check can hold it to (a cache's contents in words, say)."""
    text = " ".join(text.split())
    words = text.lower()
    if "any shape" in words:
        return _any_array(numbers_too="number" in words)
    if re.search(r"\btuple or a list\b|\blist or a tuple\b", words):
        return _sequence((tuple, list), text)
    if re.search(r"\btuple\b", words) and not re.search(r"\bdict\b", words):
        return _sequence((tuple,), text)
    if re.search(r"\bdict\b", words):
        return _dict(text)
    if re.match(r"(the )?list\b|list of\b", words):
        return _sequence((list,), text)
    shape = first_shape(text)
    if shape:
        kind = "b" if "boolean" in words else "f" if "float array" in words or "dtype float" in words else None
        return _array(shape, kind)
    same = re.search(r"(?:with the shape of|same shape as) (\w+)", text)
    if same:
        return _same_shape_as(same.group(1))
    choices = re.findall(r'"(\w+)"', text)
    if len(choices) > 1 and " or " in words and not re.search(r"\bdict\b", words):
        return _kind(lambda v: v in choices, " or ".join(map(repr, choices)))
    if re.search(r"\bTrue\b", text):
        return _kind(lambda v: isinstance(v, bool), "True or False")
    if "0-d" in words:
        return _kind(lambda v: isinstance(v, Scalar), "a 0-d number")
    if re.search(r"\bint or float\b", words):
        return _kind(lambda v: type(v) in (int, float), "a Python int or float")
    if re.search(r"\bfloat\b", words):
        return _kind(lambda v: type(v) is float, "a Python float")
    if re.search(r"\bints?\b", words) or re.match(r"(the )?(number|size) of\b", words):
        return _kind(lambda v: type(v) is int, "an int")
    if re.search(r"\bnumber\b", words):
        positive = "positive" in words
        return _kind(lambda v: _is_number(v) and (not positive or _value(v) > 0),
                     "a positive number" if positive else "a number")
    return None


def _value(number) -> float:
    return float(number.value if isinstance(number, Scalar) else number)


# ----------------------------------------------------------------------------------------------
# What each graded function promises, and the cases that must keep to it


@dataclass(frozen=True)
class Contract:
    arguments: dict[str, str]
    returns: dict[str, str]


def _contracts() -> list:
    found = []
    for assignment in ASSIGNMENTS:
        for name, node in _graded_docstrings(assignment).items():
            found.append(pytest.param(assignment, name, node, id=f"{assignment[:2]} {name}"))
    return found


def _exercises(assignment: str, function: str) -> list:
    public = importlib.import_module(f"graders.{assignment}")
    hidden = importlib.import_module(f"instructor.hidden.{assignment}")
    return [e for e in (*public.EXERCISES, *hidden.HIDDEN) if e.function == function]


def _contract(node: ast.FunctionDef) -> Contract:
    parts = sections(ast.get_docstring(node) or "")
    return Contract(parts.get("Arguments", {}), parts.get("Returns", {}))


def _bind_arguments(contract: Contract, inputs: dict) -> tuple[dict, list[str]]:
    """Check every input of a case against its argument's promise; the sizes the inputs fix."""
    sizes: dict = {}
    problems = []
    for name, value in inputs.items():
        if isinstance(value, int) and not isinstance(value, bool):
            problems += _fits((name,), (value,), sizes, name)  # an int argument is a size too
        if isinstance(value, (np.ndarray, int, float, np.number)):
            sizes[("shape of", name)] = np.shape(value)
        check = promise(contract.arguments.get(name, ""))
        if check:
            problems += check(value, sizes, name)
    return sizes, problems


@pytest.mark.parametrize("assignment, function, node", _contracts())
def test_the_docstring_documents_every_argument_and_the_cases_use_no_other(assignment, function, node):
    contract = _contract(node)
    parameters = [a.arg for a in node.args.args]
    assert list(contract.arguments) == parameters, f"{function}: the Arguments and the signature differ"
    assert contract.returns, f"{function}: no Returns section"
    for exercise in _exercises(assignment, function):
        for case in exercise.cases:
            assert set(case.inputs) <= set(parameters), case.label


@pytest.mark.parametrize("assignment, function, node", _contracts())
def test_every_case_gives_what_the_docstring_promises_to_accept(assignment, function, node):
    contract = _contract(node)
    problems = []
    for exercise in _exercises(assignment, function):
        for case in exercise.cases:
            problems += [f"{case.label}: {p}" for p in _bind_arguments(contract, dict(case.inputs))[1]]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("assignment, function, node", _contracts())
def test_every_case_expects_what_the_docstring_promises_to_return(assignment, function, node):
    contract = _contract(node)
    problems = []
    for exercise in _exercises(assignment, function):
        for case in exercise.cases:
            sizes, _ = _bind_arguments(contract, dict(case.inputs))
            returned = [case.expected] if len(contract.returns) == 1 else list(case.expected)
            assert len(returned) == len(contract.returns), case.label
            for (name, text), value in zip(contract.returns.items(), returned):
                check = promise(text)
                if check:
                    problems += [f"{case.label}: {p}" for p in check(value, sizes, name)]
    assert not problems, "\n".join(problems)


# ----------------------------------------------------------------------------------------------
# The shape tables of the exercise text


def _latex_free(text: str) -> str:
    """$(n^{[l-1]}, m)$ -> (n[l-1], m); $W^{[1]}$ -> W1."""
    text = text.replace("$", "")
    text = re.sub(r"\^\{\[(\w+(?:[+-]\d+)?)\]\}", r"[\1]", text)
    return re.sub(r"(?<=[A-Za-z])\[(\d+)\]", r"\1", text) if "(" not in text else text


def table_shapes(markdown: str) -> dict[str, tuple]:
    """Shapes that the rows of a markdown table give to names: `A` | $(n^{[l-1]}, m)$ and the like."""
    shapes = {}
    for row in re.findall(r"^\|(.+)\|\s*$", markdown, re.M):
        cells = [cell.strip() for cell in row.split("|")]
        names = re.findall(r"`(\w+)`", cells[0]) or [_latex_free(n) for n in re.findall(r"\$([^$]+)\$", cells[0])]
        found = [first_shape(_latex_free(f"({s})")) for s in re.findall(r"\$\(([^$]*)\)\$", cells[1])]
        found = [s for s in found if s] if len(cells) > 1 else []
        if len(found) == 1:
            found = found * len(names)
        for name, shape in zip(names, found):
            shapes[name] = shape
    return shapes


def _promised_shapes(contract: Contract) -> dict[str, tuple]:
    shapes = {}
    for text in (*contract.arguments.values(), *contract.returns.values()):
        shapes.update(_key_shapes(" ".join(text.split()))[0])
    for name, text in (*contract.arguments.items(), *contract.returns.items()):
        shape = first_shape(text)
        if shape and not re.search(r"\b(dict|tuple|list)\b", text):
            shapes[name] = shape
    return shapes


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_shape_tables_of_the_exercise_text_agree_with_the_docstrings(assignment):
    nb = course.read(course.source_notebook(assignment))
    checked = 0
    for i, cell in enumerate(nb.cells):
        if not course.is_solution_cell(cell):
            continue
        text = next(c.source for c in reversed(nb.cells[:i]) if c.cell_type == "markdown")
        tree = ast.parse(course.without_markers(cell.source))
        node = next(n for n in tree.body if isinstance(n, ast.FunctionDef))
        promised = _promised_shapes(_contract(node))
        for name, shape in table_shapes(text).items():
            if name in promised:
                assert shape == promised[name], \
                    f"{node.name}: the table gives {name} the shape {shape}, the docstring {promised[name]}"
                checked += 1
    if assignment in ("a3_planar_classification", "a4_deep_nn_step_by_step"):
        assert checked >= 4, "the tables should have been read"


def test_the_grading_table_has_every_graded_function_with_its_points_and_its_printing():
    rows = re.findall(r"^\| (a\d) \| `(\w+)` \| ([\d.]+) \|.*\| ([^|]+) \|$",
                      (ROOT / "README.md").read_text(), re.M)
    table = {(a, f): (float(points), printing.strip() != "-") for a, f, points, printing in rows}
    wanted = {}
    for assignment in ASSIGNMENTS:
        public = importlib.import_module(f"graders.{assignment}")
        printing = {e.function for e in public.EXERCISES if e.printing is not None}
        for cell in course.graded_cells(course.read(course.source_notebook(assignment))):
            function = cell.grade_id.removeprefix("test_")
            wanted[(assignment[:2], function)] = (cell.points, function in printing)
    assert table == wanted


# ----------------------------------------------------------------------------------------------
# The reader itself


def test_the_reader_understands_the_ways_the_docstrings_promise():
    assert first_shape("numpy array of shape (length * height * depth, 1)") == ("length * height * depth", "1")
    assert first_shape("1 / (1 + e^(-x)), a Python float") is None
    assert _key_shapes('dict with "Z1" and "A1" of shape (n_h, m), "Z2" and "A2" of shape (n_y, m)')[0] == {
        "Z1": ("n_h", "m"), "A1": ("n_h", "m"), "Z2": ("n_y", "m"), "A2": ("n_y", "m")}
    per_layer = 'dict with "W1", ..., "WL", "bL" (W[l] shape (n[l], n[l-1]), b[l] shape (n[l], 1))'
    assert _key_shapes(per_layer)[1] == {"W": ("n[l]", "n[l-1]"), "b": ("n[l]", "1")}
    by_name = '"dA" + str(l) for l = 0, ..., L-1: gradient with respect to A[l], shape (n[l], m)'
    assert _key_shapes(by_name)[1] == {"dA": ("n[l]", "m")}
    assert table_shapes("| `W`, `b` | $(n^{[l]}, n^{[l-1]})$, $(n^{[l]}, 1)$ |") == {
        "W": ("n[l]", "n[l-1]"), "b": ("n[l]", "1")}
    assert table_shapes("| $W^{[2]}$ | $(n_y, n_h)$ | `np.random.randn(n_y, n_h) * 0.01` |") == {
        "W2": ("n_y", "n_h")}


def test_a_case_beyond_the_promise_is_caught():
    """The checks can fail: a vector promise meets a matrix, (1, m) meets (2, m), m meets two sizes."""
    assert _bind_arguments(Contract({"x": "numpy array of shape (m,)"}, {}), {"x": np.zeros((2, 2))})[1]
    contract = Contract({"A2": "output probabilities, shape (1, m)", "Y": "labels 0 or 1, shape (1, m)"}, {})
    assert _bind_arguments(contract, {"A2": np.zeros((2, 3)), "Y": np.zeros((1, 3))})[1]
    assert _bind_arguments(contract, {"A2": np.zeros((1, 3)), "Y": np.zeros((1, 4))})[1]
    assert not _bind_arguments(contract, {"A2": np.zeros((1, 3)), "Y": np.zeros((1, 3))})[1]
    assert promise("a Python int or float")(np.float64(1.0), {}, "x")
    assert not promise("a Python int or float")(-2, {}, "x")
    assert promise("the Python float 0.0")(np.float64(0.0), {}, "b")
    assert promise("the cost, a Python float")(Scalar(0.5), {}, "cost")
    assert not promise("the cost, a 0-d value")(Scalar(0.5), {}, "cost")
    sizes = {"n_h": 3}
    assert promise('dict with "W1" (n_h, n_x), "b1" (n_h, 1)')({"W1": np.zeros((2, 4))}, sizes, "parameters")
    assert not promise('dict with "W1" (n_h, n_x), "b1" (n_h, 1)')({"W1": np.zeros((3, 4))}, sizes, "parameters")
    assert sizes["n_x"] == 4
    assert promise('"sigmoid" or "relu", the name of the layer\'s activation')("tanh", {}, "activation")
