"""Values as plain data: what crosses a process boundary when a function is checked.

A checked function's return value travels from the process that ran it to the process that
judges it. It travels as JSON, never as a pickle: decoding JSON can only build data, never run
code, so a value made by hostile code is harmless to the judge. The encoding keeps exactly the
distinctions the checks make: a Python float is not a numpy float64, a tuple is not a list, a 0-d
array is not a scalar, dict keys keep their types.

    text = dumps(value)      # in the process that called the function
    value = loads(text)      # in the judge; raises PlainDataError on anything malformed

A value with no plain form (a generator, a class instance, an object array) is encoded as an
`Unsupported` marker naming its type, so the judge can say what came back instead of failing.
"""

from __future__ import annotations

import base64
import json
import math
from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np

MAX_DEPTH = 40  # nesting deeper than this is not something a graded function returns
MAX_ARRAY_BYTES = 256 * 2**20  # one array may hold at most this much data
# Array element types that are plain numbers; anything else (objects, strings) is Unsupported.
_ARRAY_KINDS = "biufc"


class PlainDataError(ValueError):
    """Text that is not a value encoded by this module (truncated, tampered with, too deep)."""


@dataclass(frozen=True)
class Unsupported:
    """Stands for a value that has no plain form; `kind` names its type, `text` is a short repr."""

    kind: str
    text: str = ""


def encode(value: Any, depth: int = 0) -> Any:
    """`value` as JSON-ready data (see the module docstring for what is kept)."""
    if depth > MAX_DEPTH:
        return {"$": "unsupported", "kind": "value nested too deeply", "text": ""}
    if value is None or isinstance(value, (bool, str)):
        return value
    if type(value) is int:
        return value
    if type(value) is float:
        return value if math.isfinite(value) else {"$": "float", "value": repr(value)}
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in _ARRAY_KINDS or value.dtype.hasobject:
            return _unsupported(value)
        return {"$": "ndarray", "dtype": value.dtype.str, "shape": list(value.shape),
                "data": base64.b64encode(value.tobytes(order="C")).decode("ascii")}
    if isinstance(value, np.generic):
        if value.dtype.kind not in _ARRAY_KINDS:
            return _unsupported(value)
        return {"$": "scalar", "dtype": value.dtype.str,
                "data": base64.b64encode(value.tobytes()).decode("ascii")}
    if type(value) is tuple:
        return {"$": "tuple", "items": [encode(v, depth + 1) for v in value]}
    if type(value) is list:
        return [encode(v, depth + 1) for v in value]
    if type(value) is dict:
        return {"$": "dict", "items": [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]}
    if isinstance(value, Unsupported):
        return {"$": "unsupported", "kind": value.kind, "text": value.text}
    return _unsupported(value)


def _unsupported(value: Any) -> dict:
    try:
        text = repr(value)[:200]
    except Exception:  # a hostile __repr__ is just one more value we cannot show
        text = ""
    kind = type(value).__name__
    if isinstance(value, (np.ndarray, np.generic)):
        kind = f"numpy {kind} of dtype {value.dtype}"
    return {"$": "unsupported", "kind": kind, "text": text}


def decode(data: Any, depth: int = 0) -> Any:
    """The value that `encode` turned into `data`; PlainDataError when `data` is not such."""
    if depth > MAX_DEPTH + 1:
        raise PlainDataError("the value is nested too deeply")
    if data is None or isinstance(data, (bool, str, int)):
        return data
    if isinstance(data, float):
        return data
    if isinstance(data, list):
        return [decode(v, depth + 1) for v in data]
    if not isinstance(data, dict):
        raise PlainDataError(f"unexpected {type(data).__name__} in encoded data")
    tag = data.get("$")
    try:
        if tag == "float":
            text = data["value"]
            if text not in ("nan", "inf", "-inf"):
                raise PlainDataError(f"not a special float: {text!r}")
            return float(text)
        if tag == "ndarray":
            return _array(data["dtype"], data["shape"], data["data"])
        if tag == "scalar":
            return _array(data["dtype"], [], data["data"])[()]
        if tag == "tuple":
            return tuple(decode(v, depth + 1) for v in _items(data))
        if tag == "dict":
            pairs = [(decode(k, depth + 1), decode(v, depth + 1)) for k, v in _items(data)]
            return {_key(k): v for k, v in pairs}
        if tag == "unsupported":
            return Unsupported(str(data["kind"])[:200], str(data.get("text", ""))[:200])
    except PlainDataError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise PlainDataError(f"malformed {tag!r} entry: {exc}") from None
    raise PlainDataError(f"unknown entry {tag!r}")


def _items(data: Mapping) -> list:
    items = data["items"]
    if not isinstance(items, list):
        raise PlainDataError("items must be a list")
    return items


def _key(key: Any) -> Any:
    try:
        hash(key)
    except TypeError:
        raise PlainDataError("a dict key that cannot be a key") from None
    return key


def _array(dtype_text: Any, shape: Any, payload: Any) -> np.ndarray:
    dtype = np.dtype(str(dtype_text))
    if dtype.kind not in _ARRAY_KINDS or dtype.hasobject or dtype.fields is not None:
        raise PlainDataError(f"array of dtype {dtype} is not plain data")
    if not isinstance(shape, list) or not all(type(n) is int and n >= 0 for n in shape):
        raise PlainDataError(f"bad array shape {shape!r}")
    if not isinstance(payload, str):
        raise PlainDataError("array data must be base64 text")
    count = math.prod(shape)
    if count * dtype.itemsize > MAX_ARRAY_BYTES:
        raise PlainDataError("array too large")
    raw = base64.b64decode(payload.encode("ascii"), validate=True)
    if len(raw) != count * dtype.itemsize:
        raise PlainDataError(f"array data holds {len(raw)} bytes, shape {tuple(shape)} needs "
                             f"{count * dtype.itemsize}")
    return np.frombuffer(raw, dtype=dtype).reshape(tuple(shape)).copy()


def dumps(value: Any) -> str:
    """`value` encoded, as JSON text."""
    return json.dumps(encode(value), separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    """The value encoded in `text`; PlainDataError when it is not plain data."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise PlainDataError(f"not JSON: {exc}") from None
    return decode(data)


def identical(a: Any, b: Any) -> bool:
    """True when two plain values are the same (arrays: same shape, dtype and bits)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.shape == b.shape
            and a.dtype == b.dtype
            and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
        )
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(identical(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(identical, a, b))
    try:
        return type(a) is type(b) and bool(a == b)
    except Exception:  # a value whose == misbehaves is not identical to anything
        return False
