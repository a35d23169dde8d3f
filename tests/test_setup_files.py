"""The set-up files agree with each other and with the house rules."""

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def pinned_requirements() -> list[str]:
    """Every requirement pyproject.toml pins: the dependencies, then the [dev] extra."""
    project = _project()
    return project["dependencies"] + project["optional-dependencies"]["dev"]


def supported_pythons() -> list[str]:
    """The Python versions pyproject.toml's classifiers name, e.g. ["3.11", "3.12", "3.13"]."""
    prefix = "Programming Language :: Python :: "
    return [c.removeprefix(prefix) for c in _project()["classifiers"]
            if c.startswith(prefix) and re.fullmatch(r"3\.\d+", c.removeprefix(prefix))]


def _environment_pins() -> list[str]:
    text = (ROOT / "environment.yml").read_text()
    block = text.split("- pip:", 1)[1]
    return re.findall(r"^\s+-\s+(\S+==\S+)\s*$", block, flags=re.MULTILINE)


def test_environment_yml_pins_the_same_packages_as_pyproject():
    assert _environment_pins() == pinned_requirements()


def test_the_supported_pythons_are_the_same_in_every_set_up_file():
    versions = supported_pythons()
    minors = [int(v.split(".")[1]) for v in versions]
    assert versions and minors == list(range(minors[0], minors[-1] + 1)), versions
    assert _project()["requires-python"] == f">={versions[0]}"
    makefile = re.search(r"^SUPPORTED_PYTHONS := (.+)$", (ROOT / "Makefile").read_text(), flags=re.MULTILINE)
    assert makefile and makefile.group(1).split() == versions
    conda = re.search(r"^\s+- python(\S+)", (ROOT / "environment.yml").read_text(), flags=re.MULTILINE)
    assert conda and conda.group(1) == f">={versions[0]},<3.{minors[-1] + 1}", conda


def _make_venv_with(tmp_path: Path, reported_version: str) -> subprocess.CompletedProcess:
    """`make venv` in a copy of the set-up files, with a stand-in Python that reports
    `reported_version` and records every other call in calls.log instead of doing it."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    fake = tmp_path / "fakepython"
    fake.write_text(f'#!/bin/sh\nif [ "$1" = "-c" ]; then echo {reported_version}; exit 0; fi\n'
                    'echo "$@" >> calls.log\nexit 1\n')
    fake.chmod(0o755)
    return subprocess.run(["make", "venv", f"PYTHON={fake}"], cwd=tmp_path, capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("version", ["3.10", "3.14", "2.7"])
def test_make_refuses_an_unsupported_python_before_installing_anything(tmp_path, version):
    result = _make_venv_with(tmp_path, version)
    assert result.returncode != 0
    message = result.stderr
    assert f"is Python {version}" in message and " ".join(supported_pythons()) in message, message
    assert "make PYTHON=python3.12" in message, message
    assert not (tmp_path / "calls.log").exists() and not (tmp_path / ".venv").exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("version", supported_pythons())
def test_make_builds_the_venv_with_a_supported_python(tmp_path, version):
    _make_venv_with(tmp_path, version)
    assert (tmp_path / "calls.log").read_text().splitlines()[0] == "-m venv .venv"


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_names_the_supported_pythons_when_python_is_missing(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    result = subprocess.run(["make", "venv", "PYTHON=no-such-python3"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0 and "no-such-python3 not found" in result.stderr
    assert " ".join(supported_pythons()) in result.stderr and "make PYTHON=" in result.stderr


def test_every_dependency_is_pinned_exactly():
    for requirement in pinned_requirements():
        assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", requirement), requirement


def test_ci_runs_make_test():
    assert re.search(r"^make test\s*$", (ROOT / ".ci" / "run").read_text(), flags=re.MULTILINE)


def test_makefile_has_the_documented_targets_and_puts_the_venv_first_on_path():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("venv", "data", "release", "demo", "test", "lab", "lab-instructor"):
        assert re.search(rf"^{target}:", makefile, flags=re.MULTILINE), target
    assert "export PATH := $(BIN):$(PATH)" in makefile


def test_generated_files_and_data_are_git_ignored():
    ignored = (ROOT / ".gitignore").read_text().split()
    for entry in (".venv/", "release/", "submitted/", "autograded/", "feedback/", "gradebook.db",
                  "datasets/*.h5", "datasets/default/", "work/", "release-backups/", "tests/screenshots/"):
        assert entry in ignored, entry


def test_datasets_readme_says_what_goes_there_and_only_the_data_is_git_ignored():
    """A fresh clone has datasets/ (the README lists it in its layout) through this README."""
    readme = ROOT / "datasets" / "README.md"
    text = readme.read_text()
    for name in ("default/", "train_catvnoncat.h5", "test_catvnoncat.h5", "CATVNONCAT_DIR", "make data"):
        assert name in text, name
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: cannot ask git what it tracks and ignores")
    ignored = subprocess.run(["git", "check-ignore", "--no-index", "datasets/README.md",
                              "datasets/train_catvnoncat.h5", "datasets/default/train_catvnoncat.h5"],
                             cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert ignored == ["datasets/train_catvnoncat.h5", "datasets/default/train_catvnoncat.h5"]


def test_ci_installs_what_the_skippable_tests_need():
    """bubblewrap (the sandbox), the browser tests' Chromium and the gradebook tests' PostgreSQL, when missing."""
    ci = (ROOT / ".ci" / "run").read_text()
    for package in ("bubblewrap", "chromium", "postgresql"):
        assert re.search(rf"^.*install.*\b{package}\b", ci, flags=re.MULTILINE), package
