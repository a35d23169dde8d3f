"""The plotting helpers draw what they promise, headless."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from helpers.plotting import plot_cost_curves, plot_costs, plot_decision_boundary, show_mislabelled  # noqa: E402


def test_decision_boundary_shades_both_classes():
    X = np.array([[-1.0, 1.0, -1.0, 1.0], [0.0, 0.0, 1.0, 1.0]])
    Y = np.array([[0, 1, 0, 1]])
    ax = plot_decision_boundary(lambda grid: grid[0] > 0, X, Y, title="x > 0")
    assert ax.get_title() == "x > 0" and len(ax.collections) >= 2
    plt.close("all")


def test_cost_curves_put_iterations_on_x():
    ax = plot_costs([0.7, 0.5, 0.3])
    assert list(ax.lines[0].get_xdata()) == [0, 100, 200]
    ax = plot_cost_curves({"a": [1, 0.5], "b": [1, 0.8]})
    assert [line.get_label() for line in ax.lines] == ["a", "b"]
    plt.close("all")


def test_mislabelled_grid_shows_only_the_wrong_pictures():
    images = np.zeros((4, 8, 8, 3), dtype=np.uint8)
    fig = show_mislabelled(images, np.array([[1, 0, 1, 0]]), np.array([[1, 1, 0, 0]]),
                           np.array([b"non-cat", b"cat"]))
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == ["#1\npredicted cat\nactually non-cat", "#2\npredicted non-cat\nactually cat"]
    plt.close("all")


def _overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def test_mislabelled_grid_titles_overlap_no_picture_and_no_other_title():
    """Three-line captions over rows of square pictures, drawn as a notebook draws them."""
    for wrong in (1, 6, 10, 20):
        m = wrong + 3
        images = np.zeros((m, 64, 64, 3), dtype=np.uint8)
        Y = np.array([[1] * m])
        predictions = np.array([[0] * wrong + [1] * 3])
        fig = show_mislabelled(images, Y, predictions, np.array([b"non-cat", b"cat"]))
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        shown = [ax for ax in fig.axes if ax.images]
        assert len(shown) == wrong
        titles = [ax.title.get_window_extent(renderer) for ax in shown]
        pictures = [ax.images[0].get_window_extent(renderer) for ax in shown]
        for i, title in enumerate(titles):
            assert not any(_overlaps(title, picture) for picture in pictures), (wrong, i)
            assert not any(_overlaps(title, other) for j, other in enumerate(titles) if j != i), (wrong, i)
        plt.close(fig)
