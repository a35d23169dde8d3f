"""The 2-D datasets: the flower follows the spec, the extra sets are binary and seeded."""

import numpy as np
import sklearn.linear_model

from helpers.planar import load_extra_datasets, load_planar_dataset


def test_flower_shapes_dtypes_and_classes():
    X, Y = load_planar_dataset()
    assert X.shape == (2, 400) and X.dtype == np.float64
    assert Y.shape == (1, 400) and Y.dtype == np.uint8
    assert int(Y.sum()) == 200 and set(np.unique(Y)) == {0, 1}


def test_flower_is_the_same_every_time():
    first, second = load_planar_dataset(), load_planar_dataset()
    assert np.array_equal(first[0], second[0]) and np.array_equal(first[1], second[1])


def test_flower_matches_the_spec_baseline_of_47_percent():
    """The spec's logistic-regression baseline is a fact about the exact points drawn."""
    X, Y = load_planar_dataset()
    classifier = sklearn.linear_model.LogisticRegressionCV()
    classifier.fit(X.T, Y.ravel())
    accuracy = float(np.mean(classifier.predict(X.T) == Y.ravel())) * 100
    assert round(accuracy) == 47, accuracy


def test_extra_datasets_are_binary_columns_and_seeded():
    first, second = load_extra_datasets(), load_extra_datasets()
    assert sorted(first) == ["blobs", "gaussian_quantiles", "noisy_circles", "noisy_moons"]
    for name, (X, Y) in first.items():
        assert X.shape == (2, 200) and Y.shape == (1, 200), name
        assert set(np.unique(Y)) == {0, 1}, name
        assert np.array_equal(X, second[name][0]), name
