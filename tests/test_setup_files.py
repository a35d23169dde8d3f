"""The set-up files agree with each other and with the house rules."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pyproject_pins() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return project["dependencies"] + project["optional-dependencies"]["dev"]


def _environment_pins() -> list[str]:
    text = (ROOT / "environment.yml").read_text()
    block = text.split("- pip:", 1)[1]
    return re.findall(r"^\s+-\s+(\S+==\S+)\s*$", block, flags=re.MULTILINE)


def test_environment_yml_pins_the_same_packages_as_pyproject():
    assert _environment_pins() == _pyproject_pins()
    assert "python=3.11" in (ROOT / "environment.yml").read_text()


def test_every_dependency_is_pinned_exactly():
    for requirement in _pyproject_pins():
        assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", requirement), requirement


def test_ci_runs_make_test():
    assert re.search(r"^make test\s*$", (ROOT / ".ci" / "run").read_text(), flags=re.MULTILINE)


def test_makefile_has_the_documented_targets_and_puts_the_venv_first_on_path():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("venv", "data", "release", "demo", "test", "lab"):
        assert re.search(rf"^{target}:", makefile, flags=re.MULTILINE), target
    assert "export PATH := $(BIN):$(PATH)" in makefile
    assert "--allow-root" in makefile


def test_generated_files_and_data_are_git_ignored():
    ignored = (ROOT / ".gitignore").read_text().split()
    for entry in (".venv/", "release/", "submitted/", "autograded/", "feedback/", "gradebook.db",
                  "datasets/*.h5", "datasets/default/"):
        assert entry in ignored, entry
