"""Values cross process boundaries as JSON that keeps every distinction the checks make, and
decoding refuses anything that is not such data."""

import json
import math

import numpy as np
import pytest

from graders.plaindata import PlainDataError, Unsupported, dumps, identical, loads


@pytest.mark.parametrize("value", [
    None, True, 3, 2.5, "text", (1, 2.0), [1, (2,)], {"a": 1, 2: "b", (1, 2): None},
    np.float64(0.25), np.float32(1.5), np.int64(7), np.bool_(True),
    np.array(0.5), np.arange(6.0).reshape(2, 3), np.array([[True, False]]), np.zeros((0, 3)),
    np.arange(4, dtype=np.uint8), {"W1": np.eye(2), "costs": [np.array(0.69), 0.5]},
])
def test_a_value_comes_back_identical(value):
    assert identical(loads(dumps(value)), value)


def test_the_distinctions_the_checks_make_are_kept():
    assert type(loads(dumps(1.0))) is float and type(loads(dumps(np.float64(1.0)))) is np.float64
    assert loads(dumps(np.array(1.0))).shape == () and isinstance(loads(dumps((1,))), tuple)
    assert isinstance(loads(dumps([1])), list) and type(loads(dumps(True))) is bool
    assert loads(dumps(np.arange(3, dtype=np.int32))).dtype == np.int32


def test_special_floats_are_kept():
    back = loads(dumps([math.nan, math.inf, -math.inf]))
    assert math.isnan(back[0]) and back[1:] == [math.inf, -math.inf]


def test_values_without_a_plain_form_are_named_not_refused():
    back = loads(dumps([object(), np.array(["a"], dtype=object), (i for i in ())]))
    assert all(isinstance(v, Unsupported) for v in back)
    assert back[2].kind == "generator" and "object" in back[1].kind


@pytest.mark.parametrize("text", [
    "{", '{"$": "pickle", "data": "gASV"}', '{"$": "ndarray", "dtype": "O", "shape": [1], "data": ""}',
    '{"$": "ndarray", "dtype": "<f8", "shape": [2], "data": "AAAA"}',
    '{"$": "ndarray", "dtype": "<f8", "shape": [-1], "data": ""}',
    '{"$": "dict", "items": [[[1], 2]]}', '{"$": "float", "value": "1e999"}', '{"$": "tuple"}',
    "[" * 100 + "]" * 100,
])
def test_malformed_or_tampered_text_is_refused(text):
    with pytest.raises(PlainDataError):
        loads(text)


def test_an_array_claiming_more_data_than_it_carries_is_refused():
    forged = json.loads(dumps(np.zeros(4)))
    forged["shape"] = [10**9]
    with pytest.raises(PlainDataError):
        loads(json.dumps(forged))
