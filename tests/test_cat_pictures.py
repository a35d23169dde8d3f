"""Tests for the procedurally drawn cat / non-cat dataset.

Besides shapes and determinism, these tests check that the data keeps the
course's lesson: logistic regression on raw pixels is only moderately good,
and the 4-layer ReLU network fits the training set and clearly beats it on
the test set.  Training both models takes roughly a minute.
"""

import numpy as np
import pytest

from helpers.cat_pictures import draw_dataset
from tests.reference_models import (
    accuracy,
    predict_deep,
    predict_logistic,
    train_deep_network,
    train_logistic_regression,
)

EXPECTED = {
    # key: (shape, dtype, number of cats or None for images)
    "train_set_x": ((209, 64, 64, 3), np.uint8, None),
    "train_set_y": ((209,), np.int64, 72),
    "test_set_x": ((50, 64, 64, 3), np.uint8, None),
    "test_set_y": ((50,), np.int64, 33),
}
LAYER_DIMS = [12288, 20, 7, 5, 1]


@pytest.fixture(scope="module")
def dataset():
    return draw_dataset()


def _flatten(images, labels):
    m = images.shape[0]
    return images.reshape(m, -1).T / 255.0, labels.reshape(1, m)


def test_keys_shapes_dtypes_and_label_counts(dataset):
    assert set(dataset) == set(EXPECTED)
    for key, (shape, dtype, cats) in EXPECTED.items():
        array = dataset[key]
        assert isinstance(array, np.ndarray), key
        assert array.shape == shape, (key, array.shape)
        assert array.dtype == dtype, (key, array.dtype)
        if cats is not None:
            assert set(np.unique(array)) == {0, 1}, key
            assert int(array.sum()) == cats, (key, int(array.sum()))


def test_labels_are_shuffled(dataset):
    for key in ("train_set_y", "test_set_y"):
        labels = dataset[key]
        cats = int(labels.sum())
        assert not np.all(labels[:cats] == 1), f"{key}: all cats come first"
        assert not np.all(labels[-cats:] == 1), f"{key}: all cats come last"


def test_pictures_are_not_blank(dataset):
    for key in ("train_set_x", "test_set_x"):
        per_picture_std = dataset[key].reshape(len(dataset[key]), -1).std(axis=1)
        assert per_picture_std.min() > 5, f"{key}: a picture is (almost) one flat colour"


def test_draw_dataset_is_deterministic(dataset):
    again = draw_dataset()
    for key in EXPECTED:
        assert np.array_equal(dataset[key], again[key]), f"{key} differs between two calls"


def test_course_lesson_holds(dataset):
    X_train, Y_train = _flatten(dataset["train_set_x"], dataset["train_set_y"])
    X_test, Y_test = _flatten(dataset["test_set_x"], dataset["test_set_y"])

    w, b, _ = train_logistic_regression(X_train, Y_train)
    lr_train = accuracy(predict_logistic(w, b, X_train), Y_train)
    lr_test = accuracy(predict_logistic(w, b, X_test), Y_test)

    parameters, _ = train_deep_network(X_train, Y_train, LAYER_DIMS)
    deep_train = accuracy(predict_deep(parameters, X_train), Y_train)
    deep_test = accuracy(predict_deep(parameters, X_test), Y_test)

    summary = (f"logistic regression train {lr_train:.1f}% test {lr_test:.1f}%; "
               f"deep network train {deep_train:.1f}% test {deep_test:.1f}%")
    assert 60 <= lr_test <= 80, f"logistic regression test accuracy out of [60, 80]: {summary}"
    assert deep_train >= 95, f"deep network does not fit the training set: {summary}"
    assert deep_test >= lr_test + 5, f"deep network is not clearly better than logistic regression: {summary}"
