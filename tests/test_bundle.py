"""The student bundle: what it holds, what it must never hold, and that it works on its own."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import nbformat
import pytest

from instructor import bundle, course, samples
from tests.conftest import ROOT, copy_course

ASSIGNMENTS = course.assignments()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """student_bundle.zip built by `python -m instructor bundle` in a copy of the course."""
    root = copy_course(tmp_path_factory.mktemp("course"))
    for package in ("helpers", "graders"):
        shutil.copytree(ROOT / package, root / package, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "environment.yml"):
        shutil.copy(ROOT / name, root / name)
    result = subprocess.run([sys.executable, "-m", "instructor", "bundle"], cwd=root,
                            env={**os.environ, "COURSE_ROOT": str(root)}, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "student_bundle.zip"


@pytest.fixture(scope="module")
def unzipped(built, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("student")
    with zipfile.ZipFile(built) as z:
        z.extractall(target)
    return target / bundle.TOP


def test_bundle_holds_notebooks_helpers_public_checks_and_a_readme(built):
    names = set(zipfile.ZipFile(built).namelist())
    top = bundle.TOP
    for assignment in ASSIGNMENTS:
        assert f"{top}/notebooks/{assignment}/{assignment}.ipynb" in names
        assert f"{top}/graders/{assignment}.py" in names
    for name in ("helpers/catvnoncat.py", "helpers/cat_pictures.py", "graders/checking.py",
                 "pyproject.toml", "environment.yml", "README.md"):
        assert f"{top}/{name}" in names, name
    assert not any("/hidden" in n or "instructor/" in n or "tests/" in n for n in names)


def test_bundle_carries_the_projects_install_files_unchanged(unzipped):
    """pip reads pyproject.toml and conda environment.yml: both as the project has them."""
    for name in ("pyproject.toml", "environment.yml"):
        assert (unzipped / name).read_bytes() == (ROOT / name).read_bytes(), name


def test_bundle_holds_no_solution_line_and_no_hidden_check(unzipped):
    """Checked here from the unzipped files, independently of what the builder checked."""
    order = course.assignments()
    sources = {a: course.read(course.source_notebook(a)) for a in order}
    shown = set().union(*(course.shown_lines(nb) for nb in sources.values()))
    for path in unzipped.rglob("*"):
        if path.suffix not in (".py", ".ipynb", ".md"):
            continue
        text = path.read_text()
        assert "check_hidden" not in text and "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text, path
        if path.suffix == ".ipynb":
            text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
        lines = {line.strip() for line in text.splitlines() if line.strip()}
        rel = path.relative_to(unzipped).parts
        stage = order.index(rel[1]) if rel[0] == "notebooks" else -1
        for assignment in order[max(stage, 0):]:
            leaked = lines & (course.solution_lines(sources[assignment]) - shown)
            assert not leaked, f"{path.relative_to(unzipped)} holds solution lines of {assignment}: {leaked}"


def test_builder_refuses_a_bundle_with_a_solution_line(tmp_path):
    source = course.read(course.source_notebook("a1_numpy_basics"))
    line = sorted(course.solution_lines(source))[0]
    leaky = tmp_path / "helpers_leak.py"
    leaky.write_text(f"def f(x):\n    {line}\n")
    found = bundle.problems({"helpers/leak.py": leaky})
    assert found and line in found[0]
    assert bundle.problems({"instructor/hidden/x.py": leaky})[0].endswith("(hidden checks)")


_RUNNER = textwrap.dedent('''
    import json, sys
    import nbformat
    from nbclient import NotebookClient
    path, out = sys.argv[1], sys.argv[2]
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=900, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(__import__("pathlib").Path(path).parent)}}).execute()
    nbformat.write(nb, out)
''')


@pytest.mark.slow
def test_unzipped_bundle_installs_in_a_fresh_venv_and_every_notebook_runs(unzipped, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", str(unzipped)],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    (tmp_path / "run.py").write_text(_RUNNER)
    env = {k: v for k, v in os.environ.items() if k not in ("CATVNONCAT_DIR", "COURSE_ROOT", "PYTHONPATH")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"

    def run(nb, name: str, extra_env: dict) -> nbformat.NotebookNode:
        folder = unzipped / "notebooks" / name
        path, out = folder / f"_{name}.run.ipynb", tmp_path / f"{name}.out.ipynb"
        nbformat.write(nb, path)
        result = subprocess.run([str(python), str(tmp_path / "run.py"), str(path), str(out)],
                                env={**env, **extra_env}, capture_output=True, text=True, cwd=folder)
        path.unlink()
        assert result.returncode == 0, result.stderr[-3000:]
        return nbformat.read(out, as_version=4)

    for assignment in ASSIGNMENTS:
        released = nbformat.read(unzipped / "notebooks" / assignment / f"{assignment}.ipynb", as_version=4)
        # As handed out: every self-check fails with the stub's message.
        ran = run(released, assignment, {})
        for cell in ran.cells:
            if course.is_test_cell(cell):
                errors = [o for o in cell.outputs if o.output_type == "error"]
                function = course.nbgrader_meta(cell)["grade_id"].removeprefix("test_")
                assert len(errors) == 1 and isinstance(errors[0].traceback, list), (assignment, cell.source)
                assert errors[0].traceback == [f"NotImplementedError: {errors[0].evalue}"]
                assert errors[0].evalue.startswith(f"{function} is not written yet")
        # With the reference answers pasted in: every self-check passes. The long training demos
        # are skipped as the autograder skips them (they are run by the source-notebook tests).
        answered = samples.fill(released, samples.reference_answers(assignment))
        ran = run(answered, assignment, {"NBGRADER_EXECUTION": "validate"})
        for cell in ran.cells:
            if course.is_test_cell(cell):
                function = course.nbgrader_meta(cell)["grade_id"].removeprefix("test_")
                text = "".join(o.get("text", "") for o in cell.outputs)
                assert not [o for o in cell.outputs if o.output_type == "error"], (assignment, cell.source)
                assert re.search(rf"^{function}: \d+ self-checks? passed\.$", text, flags=re.MULTILINE), text
