"""The cat/non-cat loader: the default dataset, the original files, and every bad file."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from helpers import catvnoncat
from helpers.catvnoncat import DatasetError, build_default_dataset, load_dataset


@pytest.fixture(scope="module")
def default_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("default")
    build_default_dataset(directory)
    return directory


@pytest.fixture
def use_default(monkeypatch, default_dir):
    """Make load_dataset() see no original files and find the default dataset in default_dir."""
    monkeypatch.delenv(catvnoncat.ENV_VAR, raising=False)
    monkeypatch.setattr(catvnoncat, "DATASETS", default_dir.parent / "no-originals-here")
    monkeypatch.setattr(catvnoncat, "DEFAULT_DIR", default_dir)
    return default_dir


def test_default_dataset_builds_bit_identically_twice(tmp_path, default_dir):
    build_default_dataset(tmp_path)
    for name in (catvnoncat.TRAIN_FILE, catvnoncat.TEST_FILE):
        assert (tmp_path / name).read_bytes() == (default_dir / name).read_bytes(), name


def test_default_dataset_follows_the_spec_layout(use_default):
    train_x, train_y, test_x, test_y, classes = load_dataset()
    assert train_x.shape == (209, 64, 64, 3) and train_x.dtype == np.uint8
    assert test_x.shape == (50, 64, 64, 3) and test_x.dtype == np.uint8
    assert train_y.shape == (1, 209) and test_y.shape == (1, 50)
    assert (int(train_y.sum()), int(test_y.sum())) == (72, 33)
    assert list(classes) == [b"non-cat", b"cat"]
    assert "default" in catvnoncat.describe_dataset()


def test_original_files_are_recognised_and_loaded(original_data, monkeypatch):
    monkeypatch.setenv(catvnoncat.ENV_VAR, str(original_data))
    train_x, train_y, test_x, test_y, classes = load_dataset()
    assert train_x.shape == (209, 64, 64, 3) and test_x.shape == (50, 64, 64, 3)
    assert (int(train_y.sum()), int(train_y.size - train_y.sum())) == (72, 137)
    assert (int(test_y.sum()), int(test_y.size - test_y.sum())) == (33, 17)
    assert "original" in catvnoncat.describe_dataset()


def test_original_source_without_the_files_says_where_to_put_them(use_default):
    with pytest.raises(DatasetError, match="copy train_catvnoncat.h5 and test_catvnoncat.h5"):
        load_dataset("original")


def test_env_var_naming_an_empty_directory_is_an_error(use_default, monkeypatch, tmp_path):
    monkeypatch.setenv(catvnoncat.ENV_VAR, str(tmp_path))
    with pytest.raises(DatasetError, match=f"{catvnoncat.ENV_VAR} is set to .*unset"):
        load_dataset()


def _fake_originals(tmp_path, default_dir):
    for name in (catvnoncat.TRAIN_FILE, catvnoncat.TEST_FILE):
        shutil.copy(default_dir / name, tmp_path / name)
    return tmp_path


def test_only_one_of_the_two_files_names_the_missing_one(use_default, monkeypatch, tmp_path, default_dir):
    shutil.copy(default_dir / catvnoncat.TRAIN_FILE, tmp_path / catvnoncat.TRAIN_FILE)
    monkeypatch.setenv(catvnoncat.ENV_VAR, str(tmp_path))
    with pytest.raises(DatasetError, match="test_catvnoncat.h5 is missing"):
        load_dataset()


def test_a_valid_file_that_is_not_the_original_is_refused_by_hash(use_default, monkeypatch, tmp_path, default_dir):
    monkeypatch.setenv(catvnoncat.ENV_VAR, str(_fake_originals(tmp_path, default_dir)))
    with pytest.raises(DatasetError, match="is not the original course file: its SHA-256"):
        load_dataset()


def test_a_truncated_file_names_the_file_and_the_fix(use_default, monkeypatch, tmp_path, default_dir):
    directory = _fake_originals(tmp_path, default_dir)
    path = directory / catvnoncat.TRAIN_FILE
    path.write_bytes(path.read_bytes()[:5000])
    monkeypatch.setenv(catvnoncat.ENV_VAR, str(directory))
    with pytest.raises(DatasetError, match=r"train_catvnoncat.h5 cannot be read as an HDF5 file.*truncated"):
        load_dataset()


def test_a_file_with_the_wrong_schema_names_the_problem(use_default, tmp_path):
    import h5py

    path = tmp_path / "train_catvnoncat.h5"
    with h5py.File(path, "w") as f:
        f["train_set_x"] = np.zeros((3, 32, 32, 3), dtype=np.uint8)
        f["train_set_y"] = np.zeros(3, dtype=np.int64)
        f["list_classes"] = catvnoncat.CLASSES
    with pytest.raises(DatasetError, match=r"wrong layout: train_set_x is uint8 of shape \(3, 32, 32, 3\)"):
        catvnoncat._read_split(path, "train")
    with h5py.File(path, "w") as f:
        f["pictures"] = np.zeros(3)
    with pytest.raises(DatasetError, match=r"lacks the keys \['train_set_x'"):
        catvnoncat._read_split(path, "train")


def test_a_missing_default_file_says_how_to_rebuild(tmp_path):
    with pytest.raises(DatasetError, match="make data"):
        catvnoncat._read_split(tmp_path / "train_catvnoncat.h5", "train")


def test_an_unknown_source_is_a_clear_error():
    with pytest.raises(ValueError, match="'auto', 'original' or 'default'"):
        load_dataset("mine")


def test_default_files_from_older_drawing_code_are_drawn_again(tmp_path, monkeypatch):
    build_default_dataset(tmp_path)
    before = (tmp_path / catvnoncat.TRAIN_FILE).stat().st_mtime_ns
    catvnoncat.ensure_default_dataset(tmp_path)
    assert (tmp_path / catvnoncat.TRAIN_FILE).stat().st_mtime_ns == before, "up to date: kept"
    monkeypatch.setattr(catvnoncat, "drawing_fingerprint", lambda: "0123456789abcdef")
    catvnoncat.ensure_default_dataset(tmp_path)
    assert catvnoncat._drawn_by(tmp_path / catvnoncat.TRAIN_FILE) == "0123456789abcdef"


def test_two_threads_write_the_same_default_file_at_once(tmp_path, monkeypatch):
    """Two threads of one process (two sandboxed workers starting together) each write their own
    temporary file: both hold it open at the same moment here, and neither trips over the other."""
    import threading

    import h5py

    together = threading.Barrier(2, timeout=5)

    class OpenTogether(h5py.File):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            together.wait()  # the other thread's file is open too, or it failed to open

    monkeypatch.setattr(catvnoncat.h5py, "File", OpenTogether)
    x, y = np.zeros((2, 4, 4, 3), np.uint8), np.zeros((1, 2), np.int64)
    errors = []

    def write():
        try:
            catvnoncat._write_split(tmp_path / catvnoncat.TRAIN_FILE, "train", x, y)
        except Exception as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [catvnoncat.TRAIN_FILE]
