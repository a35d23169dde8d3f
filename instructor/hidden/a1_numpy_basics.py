"""Hidden checks for assignment 1, numpy basics: used at autograde only, never released.

The inputs are random, with shapes the public self-checks do not use, so an answer written to
fit the visible cases fails here. Every expected value comes from an independent oracle
(scipy.special, scikit-learn, a numerical derivative, numpy's norm), not from the solutions.
The hints are the public ones.
"""

from dataclasses import replace

import numpy as np
from scipy.special import expit, softmax
from sklearn.preprocessing import normalize

from graders import a1_numpy_basics as public
from graders.cases import Case, Scalar
from graders.checking import make_check
from graders.gradcheck import elementwise_derivative

_rng = np.random.default_rng(20261121)


def _normal(*shape, scale=2.0):
    return _rng.normal(scale=scale, size=shape)


def oracle_sigmoid_derivative(x):
    """d sigmoid / dx measured by finite differences."""
    return elementwise_derivative(expit, np.asarray(x, dtype=float))


def oracle_image2vector(image):
    return np.ravel(image)[:, np.newaxis]


def oracle_L1(yhat, y):
    return float(np.linalg.norm(np.ravel(y - yhat), ord=1))


def oracle_L2(yhat, y):
    return float(np.linalg.norm(np.ravel(y - yhat)) ** 2)


_x_scalars = [-5.3, 0.25, 7.0, -0.001]
_x_arrays = [_normal(4), _normal(3, 5), _normal(2, 1, 3)]
_images = [_rng.random((4, 5, 3)), _rng.random((2, 7, 1)), _rng.integers(0, 256, (6, 2, 4))]
_rows = [_normal(4, 3), _normal(2, 6), _normal(5, 1) + 0.5]
_logits = [_normal(4, 6), _normal(1, 5), _normal(3, 1), _normal(6, 2)]
_pairs = [(_rng.random(7), _rng.integers(0, 2, 7)), (_rng.random((3, 4)), _rng.random((3, 4)))]

HIDDEN = [
    replace(public.basic_sigmoid, cases=[
        Case(f"x = {x}", {"x": x}, float(expit(x))) for x in _x_scalars]),
    replace(public.sigmoid, cases=[
        Case(f"an array of shape {x.shape}", {"x": x}, expit(x)) for x in _x_arrays]
        + [Case("the number x = -0.75", {"x": -0.75}, Scalar(float(expit(-0.75))))]),
    replace(public.sigmoid_derivative, cases=[
        Case(f"an array of shape {x.shape}", {"x": x}, oracle_sigmoid_derivative(x), rtol=1e-5, atol=1e-8)
        for x in _x_arrays]),
    replace(public.image2vector, cases=[
        Case(f"an image of shape {im.shape}", {"image": im}, oracle_image2vector(im)) for im in _images]),
    replace(public.normalize_rows, cases=[
        Case(f"a matrix of shape {x.shape}", {"x": x}, normalize(x, norm="l2")) for x in _rows]),
    replace(public.softmax, cases=[
        Case(f"a matrix of shape {x.shape}", {"x": x}, softmax(x, axis=1)) for x in _logits]),
    replace(public.L1, cases=[
        Case(f"arrays of shape {yhat.shape}", {"yhat": yhat, "y": y}, oracle_L1(yhat, y)) for yhat, y in _pairs]),
    replace(public.L2, cases=[
        Case(f"arrays of shape {yhat.shape}", {"yhat": yhat, "y": y}, oracle_L2(yhat, y)) for yhat, y in _pairs]),
]

check_hidden = make_check(HIDDEN, kind="hidden check")
