"""The cat / non-cat pictures of assignments 2 and 5.

Two datasets share one file format (two h5 files, `train_catvnoncat.h5` and `test_catvnoncat.h5`):

- the **original course files**, used when an instructor drops them into `datasets/` or into the
  directory named by the environment variable CATVNONCAT_DIR. They are recognised by their SHA-256
  and never shipped with the project;
- the project's **default dataset**, drawn by `helpers.cat_pictures` with no download and written
  to `datasets/default/` the first time it is needed (or by `make data`).

`load_dataset()` returns `(train_set_x_orig, train_set_y, test_set_x_orig, test_set_y, classes)`:
pictures of shape (m, 64, 64, 3) uint8, labels of shape (1, m) (1 = cat), and the class names
`[b'non-cat', b'cat']`. `describe_dataset()` says which of the two it is.

Run `python -m helpers.catvnoncat` to build the default dataset and see which one is in use.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import h5py
import numpy as np

ENV_VAR = "CATVNONCAT_DIR"
DATASETS = Path(__file__).resolve().parents[1] / "datasets"
DEFAULT_DIR = DATASETS / "default"
TRAIN_FILE = "train_catvnoncat.h5"
TEST_FILE = "test_catvnoncat.h5"
ORIGINAL_SHA256 = {
    TRAIN_FILE: "fbe56ab67c3ae28d564e3a644189117976d6b31af0a3ce9bb17dbf22908af242",
    TEST_FILE: "6a9d39ce52fa85953c5834695b8534a30ed8cfd54971fb2f080b5a24d002b951",
}
CLASSES = np.array([b"non-cat", b"cat"])
IMAGE_SHAPE = (64, 64, 3)


class DatasetError(RuntimeError):
    """A dataset file is missing, damaged or not what it claims; the message names the fix."""


@dataclass(frozen=True)
class DatasetChoice:
    kind: str  # "original" or "default"
    directory: Path

    def describe(self) -> str:
        if self.kind == "original":
            return f"Dataset: the original course cat/non-cat files from {self.directory}"
        return (
            f"Dataset: the project's default cat/non-cat pictures (drawn by helpers.cat_pictures, "
            f"in {self.directory})"
        )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _holds_originals(directory: Path) -> bool:
    """True when `directory` holds both original files; an error when it holds a wrong one."""
    present = [name for name in ORIGINAL_SHA256 if (directory / name).exists()]
    if not present:
        return False
    if len(present) == 1:
        other = TEST_FILE if present[0] == TRAIN_FILE else TRAIN_FILE
        raise DatasetError(
            f"{directory / present[0]} is there but {directory / other} is missing: "
            f"copy both original files into {directory}, or remove {present[0]} to use the "
            "project's default dataset."
        )
    for name, expected in ORIGINAL_SHA256.items():
        path = directory / name
        actual = sha256_of(path)
        if actual != expected:
            _read_split(path, name.split("_")[0])  # a damaged file gets the more precise error
            raise DatasetError(
                f"{path} is not the original course file: its SHA-256 is {actual[:16]}..., the "
                f"original's is {expected[:16]}.... Copy the original file again, or move this "
                f"one out of {directory} to use the project's default dataset."
            )
    return True


def choose_dataset(source: str = "auto") -> DatasetChoice:
    """Which dataset `load_dataset(source)` reads.

    source -- "auto": the original files if present (CATVNONCAT_DIR first, then datasets/),
              otherwise the default dataset; "original": the original files or an error;
              "default": the project's default dataset.
    """
    if source not in ("auto", "original", "default"):
        raise ValueError(f"source must be 'auto', 'original' or 'default', not {source!r}")
    if source != "default":
        named = os.environ.get(ENV_VAR)
        if named:
            directory = Path(named).expanduser()
            if not _holds_originals(directory):
                raise DatasetError(
                    f"{ENV_VAR} is set to {named}, but that directory does not hold {TRAIN_FILE} "
                    f"and {TEST_FILE}: put the original files there, or unset {ENV_VAR}."
                )
            return DatasetChoice("original", directory)
        if _holds_originals(DATASETS):
            return DatasetChoice("original", DATASETS)
        if source == "original":
            raise DatasetError(
                f"the original course files are not available: copy {TRAIN_FILE} and {TEST_FILE} "
                f"into {DATASETS}, or set {ENV_VAR} to the directory that holds them."
            )
    ensure_default_dataset()
    return DatasetChoice("default", DEFAULT_DIR)


def describe_dataset(source: str = "auto") -> str:
    """One sentence naming the dataset that `load_dataset(source)` reads."""
    return choose_dataset(source).describe()


def _read_split(path: Path, split: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pictures, labels (1, m) and class names of one file, after checking its layout."""
    if not path.is_file():
        raise DatasetError(f"{path} is missing: run `make data` to build the default dataset.")
    try:
        with h5py.File(path, "r") as f:
            keys = (f"{split}_set_x", f"{split}_set_y", "list_classes")
            missing = [k for k in keys if k not in f]
            if missing:
                raise DatasetError(
                    f"{path} is not a cat/non-cat file: it lacks the keys {missing} "
                    f"(it has {sorted(f.keys())}). Replace it with the right file."
                )
            x, y, classes = (f[k][()] for k in keys)
    except OSError as exc:
        raise DatasetError(
            f"{path} cannot be read as an HDF5 file ({exc}). It is probably truncated or not an "
            "h5 file: copy it again, or delete it (the default dataset is rebuilt by `make data`)."
        ) from exc
    problems = []
    if x.dtype != np.uint8 or x.ndim != 4 or x.shape[1:] != IMAGE_SHAPE:
        problems.append(f"{split}_set_x is {x.dtype} of shape {x.shape}, not uint8 (m, 64, 64, 3)")
    if y.ndim != 1 or y.shape[0] != x.shape[0] or not np.isin(y, (0, 1)).all():
        problems.append(f"{split}_set_y has shape {y.shape}; it should hold one 0/1 label per picture")
    if list(classes) != list(CLASSES):
        problems.append(f"list_classes is {list(classes)}, not {list(CLASSES)}")
    if problems:
        raise DatasetError(f"{path} has the wrong layout: " + "; ".join(problems) + ". Replace the file.")
    return x, y.reshape(1, -1), classes


def load_dataset(source: str = "auto"):
    """The cat/non-cat data: (train_set_x_orig, train_set_y, test_set_x_orig, test_set_y, classes).

    train_set_x_orig -- uint8 array (m_train, 64, 64, 3); test_set_x_orig likewise (m_test, ...)
    train_set_y, test_set_y -- int arrays of shape (1, m), 1 for a cat and 0 for anything else
    classes -- array([b'non-cat', b'cat'])
    See `choose_dataset` for `source`.
    """
    choice = choose_dataset(source)
    train_x, train_y, classes = _read_split(choice.directory / TRAIN_FILE, "train")
    test_x, test_y, _ = _read_split(choice.directory / TEST_FILE, "test")
    return train_x, train_y, test_x, test_y, classes


def drawing_fingerprint() -> str:
    """A digest of the drawing code: default files drawn by other code are drawn again."""
    return sha256_of(Path(__file__).with_name("cat_pictures.py"))[:16]


def _drawn_by(path: Path) -> str | None:
    try:
        with h5py.File(path, "r") as f:
            return f.attrs.get("drawn_by")
    except OSError:
        return None


def _write_split(path: Path, split: str, x: np.ndarray, y: np.ndarray) -> None:
    """Write one file of the default dataset, atomically (a temporary file renamed into place)."""
    # One per writer, process and thread (two sandboxed workers may start at once): no clashes.
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.partial")
    with h5py.File(partial, "w", track_order=False) as f:
        f.attrs["drawn_by"] = drawing_fingerprint()
        f.create_dataset(f"{split}_set_x", data=x, track_times=False)
        f.create_dataset(f"{split}_set_y", data=y, track_times=False)
        f.create_dataset("list_classes", data=CLASSES, track_times=False)
    os.replace(partial, path)


def build_default_dataset(directory: Path | None = None) -> None:
    """Draw the default dataset and write its two h5 files into `directory` (datasets/default)."""
    from helpers.cat_pictures import draw_dataset

    directory = directory or DEFAULT_DIR
    directory.mkdir(parents=True, exist_ok=True)
    data = draw_dataset()
    _write_split(directory / TRAIN_FILE, "train", data["train_set_x"], data["train_set_y"])
    _write_split(directory / TEST_FILE, "test", data["test_set_x"], data["test_set_y"])


def ensure_default_dataset(directory: Path | None = None) -> None:
    """Build the default dataset unless both files are there, drawn by the current drawing code."""
    directory = directory or DEFAULT_DIR
    fingerprint = drawing_fingerprint()
    if any(_drawn_by(directory / name) != fingerprint for name in (TRAIN_FILE, TEST_FILE)):
        build_default_dataset(directory)


if __name__ == "__main__":
    ensure_default_dataset()
    print(f"default dataset: {DEFAULT_DIR}")
    print(describe_dataset())
