"""The exact pins of pyproject.toml keep their promises on every supported Python.

Two promises: the whole pinned set, dependencies included, installs from wheels alone on each
Python that pyproject.toml's classifiers name (no compiler needed, nothing skipped); and the
default cat/non-cat dataset drawn with the pinned Pillow and numpy is the very one the notebooks'
figures were measured on.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from tests.test_setup_files import pinned_requirements, supported_pythons

# What pip prints when it cannot reach the package index (as opposed to a missing wheel).
UNREACHABLE = ("connection broken by", "Could not fetch URL", "NewConnectionError", "NameResolutionError",
               "ConnectTimeoutError", "ReadTimeoutError")

# SHA-256 over the arrays of helpers.cat_pictures.draw_dataset(), keys in sorted order, each key's
# name then its raw bytes. Measured on Python 3.11, 3.12 and 3.13 with the pinned packages.
DEFAULT_DATASET_SHA256 = "5cfd53a8af74cfb56e7c6201836f3bc8d222f51ea317a463b4ffa09e0a42fc45"


@pytest.mark.slow
@pytest.mark.parametrize("version", supported_pythons())
def test_the_pinned_set_resolves_to_wheels_for_every_supported_python(tmp_path, version):
    """pip resolves every pin and every dependency for `version`, taking wheels only."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary=:all:",
               "--python-version", version, "--dest", str(tmp_path), "--retries", "1", "--timeout", "30",
               *pinned_requirements()]
    result = subprocess.run(command, capture_output=True, text=True)
    said = result.stdout + result.stderr
    trouble = [line for line in said.splitlines() if any(sign in line for sign in UNREACHABLE)]
    if result.returncode != 0 and trouble:
        pytest.skip(f"the package index is unreachable, so the pins cannot be resolved for Python "
                    f"{version} (pip: {trouble[0][:200]})")
    assert result.returncode == 0, f"the pins do not resolve to wheels for Python {version}:\n{said[-3000:]}"
    downloaded = {path.name.split("-")[0].lower().replace("_", "-") for path in tmp_path.iterdir()}
    assert all(path.suffix == ".whl" for path in tmp_path.iterdir())
    for pin in pinned_requirements():
        assert pin.split("==")[0].lower().replace("_", "-") in downloaded, pin


def test_the_default_dataset_is_the_one_the_figures_were_measured_on():
    from helpers.cat_pictures import draw_dataset

    data = draw_dataset()
    digest = hashlib.sha256()
    for key in sorted(data):
        digest.update(key.encode())
        digest.update(data[key].tobytes())
    assert digest.hexdigest() == DEFAULT_DATASET_SHA256, (
        "the default dataset is no longer the one drawn with the pinned packages: a changed Pillow "
        "or numpy pin (or Python) draws other pictures. If helpers/cat_pictures.py changed on "
        "purpose, check the notebooks' figures on the new pictures, then update DEFAULT_DATASET_SHA256."
    )
