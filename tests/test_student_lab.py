"""The student's work folder is theirs, and the student's JupyterLab has no instructor tools.

- Filling work/ copies what it lacks of release/ and never writes over a file the student changed.
- The student lab's Jupyter configuration names plugins and server extensions that exist, turns
  off the instructor's ones and the news, keeps Validate, and is used by the student lab only.
- An answer in work/ survives every make target (see test_an_answer_in_work_survives_every_make_target
  for exactly what is run and what is only checked).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from traitlets.config.loader import PyFileConfigLoader

from instructor import course, samples, student_lab
from tests.conftest import ROOT, needs_sandbox
from tests.lab_server import running_lab

A1 = "a1_numpy_basics"
NOTEBOOK = f"{A1}/{A1}.ipynb"
SHARE = Path(sys.prefix) / "share" / "jupyter"
STUDENT_JUPYTER = student_lab.STUDENT_JUPYTER
INSTRUCTOR_PLUGINS = {"@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                      "@jupyter/nbgrader:course-list", "@jupyter/nbgrader:assignment-list",
                      "@jupyter/nbgrader:menu"}
NEWS_PLUGIN = "@jupyterlab/apputils-extension:announcements"
VALIDATE_PLUGIN = "@jupyter/nbgrader:validate-assignment"
VALIDATE_EXTENSION = "nbgrader.server_extensions.validate_assignment"


# --- Filling the work folder ----------------------------------------------------------------------

@pytest.fixture
def release(tmp_path) -> Path:
    """A release folder with a notebook per assignment, and an image beside the first one."""
    folder = tmp_path / "release"
    for assignment in course.assignments():
        (folder / assignment).mkdir(parents=True)
        (folder / assignment / f"{assignment}.ipynb").write_bytes(f"{assignment} as released".encode())
    (folder / A1 / "images").mkdir()
    (folder / A1 / "images" / "cat.png").write_bytes(b"a picture")
    return folder


def _all_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_first_lab_copies_every_release_file_and_the_next_one_nothing(release, tmp_path):
    work = tmp_path / "work"
    filled = student_lab.fill_work_folder(release, work)
    assert sorted(filled.copied) == sorted(_all_files(release))
    assert {k: v for k, v in _all_files(work).items() if k != ".written.json"} == _all_files(release)
    again = student_lab.fill_work_folder(release, work)
    assert again.copied == again.updated == again.kept == []
    assert again.summary() == f"{work}/ is up to date with the release."


def test_an_answered_notebook_is_never_written_over_even_by_a_newer_release(release, tmp_path):
    work = tmp_path / "work"
    student_lab.fill_work_folder(release, work)
    (work / NOTEBOOK).write_bytes(b"my answers")
    assert student_lab.fill_work_folder(release, work).kept == []  # the release did not change
    (release / NOTEBOOK).write_bytes(b"a corrected release")
    for _ in range(2):  # said every time the lab starts, until the student acts
        filled = student_lab.fill_work_folder(release, work)
        assert (work / NOTEBOOK).read_bytes() == b"my answers"
        assert filled.kept == [NOTEBOOK] and filled.updated == filled.copied == []
        assert "the release has a newer version; your copy is kept" in filled.summary()
        assert "rename your copy and run `make lab` again" in filled.summary()
    (work / NOTEBOOK).rename(work / A1 / "my_first_try.ipynb")
    filled = student_lab.fill_work_folder(release, work)
    assert filled.copied == [NOTEBOOK] and (work / NOTEBOOK).read_bytes() == b"a corrected release"
    assert (work / A1 / "my_first_try.ipynb").read_bytes() == b"my answers"


def test_a_copy_the_student_never_changed_follows_the_release(release, tmp_path):
    work = tmp_path / "work"
    student_lab.fill_work_folder(release, work)
    (release / A1 / "images" / "cat.png").write_bytes(b"a better picture")
    filled = student_lab.fill_work_folder(release, work)
    assert filled.updated == [f"{A1}/images/cat.png"] and filled.kept == []
    assert (work / A1 / "images" / "cat.png").read_bytes() == b"a better picture"


def test_a_deleted_copy_comes_back_and_the_students_own_files_stay(release, tmp_path):
    work = tmp_path / "work"
    student_lab.fill_work_folder(release, work)
    (work / NOTEBOOK).unlink()
    (work / A1 / "scratch.py").write_text("x = 1\n")
    filled = student_lab.fill_work_folder(release, work)
    assert filled.copied == [NOTEBOOK]
    assert (work / A1 / "scratch.py").read_text() == "x = 1\n"


def test_an_assignment_not_released_yet_is_named(release, tmp_path):
    last = course.assignments()[-1]
    shutil.rmtree(release / last)
    filled = student_lab.fill_work_folder(release, tmp_path / "work")
    assert filled.unreleased == [last]
    assert f"not released yet (run `make release`): {last}" in filled.summary()


def test_an_empty_release_says_to_run_make_lab(tmp_path):
    with pytest.raises(student_lab.WorkFolderError, match="run `make lab`"):
        student_lab.fill_work_folder(tmp_path / "release", tmp_path / "work")
    assert not (tmp_path / "work").exists()


# --- The command that opens the lab -----------------------------------------------------------------

@pytest.mark.parametrize("uid, as_root", [(0, True), (1000, False)])
def test_the_student_lab_serves_work_with_the_student_configuration(monkeypatch, uid, as_root):
    monkeypatch.setattr(os, "geteuid", lambda: uid)
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", "/somewhere/else")
    argv, env, folder = student_lab.lab_command(instructor=False)
    assert folder == student_lab.WORK and f"--ServerApp.root_dir={student_lab.WORK}" in argv
    assert env["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [str(STUDENT_JUPYTER), "/somewhere/else"]
    assert ("--allow-root" in argv) is as_root


def test_the_instructor_lab_serves_the_course_without_the_student_configuration(monkeypatch):
    monkeypatch.delenv("JUPYTER_CONFIG_PATH", raising=False)
    argv, env, folder = student_lab.lab_command(instructor=True)
    assert folder == course.ROOT and f"--ServerApp.root_dir={course.ROOT}" in argv
    assert "JUPYTER_CONFIG_PATH" not in env


# --- The student lab's Jupyter configuration ----------------------------------------------------------

def _student_page_config() -> dict:
    return json.loads((STUDENT_JUPYTER / "labconfig" / "page_config.json").read_text())


def _student_server_extensions() -> dict[str, bool]:
    config = json.loads((STUDENT_JUPYTER / "jupyter_server_config.d" / "student_lab.json").read_text())
    return config["ServerApp"]["jpserver_extensions"]


def test_the_student_lab_turns_off_the_instructor_plugins_and_the_news_and_keeps_validate():
    disabled = {name for name, off in _student_page_config()["disabledExtensions"].items() if off}
    assert disabled == INSTRUCTOR_PLUGINS | {NEWS_PLUGIN}
    assert VALIDATE_PLUGIN not in disabled


def test_every_plugin_the_student_lab_names_exists_in_the_installed_jupyterlab():
    """A misspelt plugin id would be ignored by JupyterLab without a word."""
    bundles = [*SHARE.glob("lab/static/*.js"), *SHARE.glob("labextensions/@jupyter/nbgrader/static/*.js")]
    if not bundles:
        pytest.skip(f"JupyterLab's files are not under {SHARE}")
    text = "\n".join(path.read_text(errors="replace") for path in bundles)
    for plugin in [*_student_page_config()["disabledExtensions"], VALIDATE_PLUGIN]:
        assert f'"{plugin}"' in text, plugin


def test_the_student_lab_turns_off_nbgraders_server_extensions_except_validate():
    enabling = SHARE.parent.parent / "etc" / "jupyter" / "jupyter_server_config.d" / "nbgrader.json"
    if not enabling.is_file():
        pytest.skip(f"nbgrader's server extensions are not enabled from {enabling}")
    installed = json.loads(enabling.read_text())["ServerApp"]["jpserver_extensions"]
    off = _student_server_extensions()
    assert set(off) == set(installed) - {VALIDATE_EXTENSION} and not any(off.values())


def test_validate_gives_a_cell_as_long_as_the_grader_does():
    course_config = (ROOT / "nbgrader_config.py").read_text()
    limit = re.search(r"^c\.Sandbox\.cell_timeout\s*=\s*(\d+)", course_config, flags=re.MULTILINE)
    if limit is None:
        pytest.skip("nbgrader_config.py does not set c.Sandbox.cell_timeout: nothing to keep in step")
    student = PyFileConfigLoader("nbgrader_config.py", path=str(STUDENT_JUPYTER)).load_config()
    assert student.Execute.timeout == int(limit.group(1))


@pytest.fixture(scope="module")
def lab_course(tmp_path_factory) -> Path:
    """A copy of the course, released, as `make lab` finds it."""
    root = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    shutil.copy(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    env = {**os.environ, "COURSE_ROOT": str(root)}
    subprocess.run([sys.executable, "-m", "instructor", "release"], env=env, cwd=root, check=True,
                   capture_output=True)
    return root


@pytest.mark.slow
def test_the_student_lab_serves_no_instructor_tools_and_validates_without_a_warning(lab_course, tmp_path):
    log = tmp_path / "student-lab.log"
    with running_lab(lab_course, log) as lab:
        disabled = set(lab.page_config()["disabledExtensions"])
        assert INSTRUCTOR_PLUGINS | {NEWS_PLUGIN} <= disabled and VALIDATE_PLUGIN not in disabled
        for path in ("/formgrader", "/formgraders", "/assignments", "/courses"):
            assert lab.request(path)[0] == 404, path
        status, body = lab.request(f"/assignments/validate?path={NOTEBOOK}", method="POST", data=b"")
        assert status == 200 and json.loads(body)["success"], body[:2000]
    text = log.read_text()
    assert "copied into" in text and f"  {NOTEBOOK}" in text
    assert f"Serving notebooks from local directory: {lab_course / 'work'}" in text
    assert "nbgrader_config.py" not in text, text


@pytest.mark.slow
def test_the_instructor_lab_serves_the_instructor_tools(lab_course, tmp_path):
    with running_lab(lab_course, tmp_path / "instructor-lab.log", instructor=True) as lab:
        disabled = set(lab.page_config()["disabledExtensions"])
        assert not (INSTRUCTOR_PLUGINS | {NEWS_PLUGIN}) & disabled
        status, body = lab.request("/formgrader")
        assert status == 200 and "nbgrader" in body.lower()
        assert lab.request("/formgraders")[0] == 200
    assert f"Serving notebooks from local directory: {lab_course}" in (tmp_path / "instructor-lab.log").read_text()


# --- An answer in work/ survives every make target ---------------------------------------------------

def _phony_targets(makefile: Path) -> list[str]:
    found = re.search(r"^\.PHONY:(.*)$", makefile.read_text(), flags=re.MULTILINE)
    assert found, "the Makefile lists its targets in .PHONY"
    return found.group(1).split()


def _checkout_copy(destination: Path) -> Path:
    """Every file git tracks in this checkout, as it is on disk, and its .venv (a link)."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True)
    if listed.returncode != 0:
        pytest.skip(f"not a git checkout: cannot list the course's files ({listed.stderr.decode().strip()})")
    for name in listed.stdout.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, destination / name)
    (destination / ".venv").symlink_to(ROOT / ".venv")
    return destination


def _answer_in_work(root: Path) -> str:
    """Answer basic_sigmoid in work/'s copy of assignment 1, as a student saving it would."""
    answer = samples.reference_answers(A1)["basic_sigmoid"]
    path = root / "work" / NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if course.nbgrader_meta(c).get("grade_id") == "basic_sigmoid")
    cell.source = answer
    nbformat.write(nb, path)
    (root / "work" / A1 / "scratch.py").write_text("# the student's own file\n")
    return answer


def _make(root: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    # --no-print-directory: under `make test` this make is a sub-make, which would name its folder.
    return subprocess.run(["make", "--no-print-directory", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=900)


def _make_lab(root: Path, log: Path, target: str) -> None:
    """`make lab` or `make lab-instructor` until its JupyterLab answers, then stopped."""
    with running_lab(root, log, command=["make", target]) as lab:
        assert lab.request("/api/status")[0] == 200


def _run_demo_without_grading(root: Path, env: dict) -> subprocess.CompletedProcess:
    """`python -m instructor demo` (the recipe of `make demo`) with the sandboxed grading step left
    out: release, sample submissions, grades export, class report and the table all run."""
    script = ("import sys\nimport instructor.__main__ as cli\n"
              "cli.autograde = lambda *args, **kwargs: []  # grading: see _nbgrader_folders\n"
              "sys.exit(cli.main(['demo']))\n")
    return subprocess.run([sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True)


def _nbgrader_folders(root: Path) -> list[Path]:
    """Where nbgrader (and so the grading engine, which files its results through nbgrader's
    course directory) reads and writes in the course at `root`."""
    code = ("import json\nfrom nbgrader.coursedir import CourseDirectory\n"
            "from instructor.nbgrader_api import load_config\n"
            "d = CourseDirectory(config=load_config())\n"
            "print(json.dumps([*(d.format_path(getattr(d, f'{n}_directory'), '.', '.') for n in "
            "('source', 'release', 'submitted', 'autograded', 'feedback')), d.db_url]))\n")
    listed = subprocess.run([sys.executable, "-c", code], cwd=root, env={**os.environ, "COURSE_ROOT": str(root)},
                            capture_output=True, text=True, check=True)
    *folders, db = json.loads(listed.stdout)
    return [Path(f).resolve() for f in folders] + [Path(db.removeprefix("sqlite:///")).resolve()]


# How each make target is run below. A target missing from this table fails the test, so that a
# new target is thought about here.
RUN = "run as it is"
HOW = {
    "venv": RUN,  # a no-op: the copy's .venv is this checkout's (checked up to date first)
    "data": RUN,
    "release": RUN,
    "collect": RUN,  # with ZIP= a zip holding one student notebook
    "autograde": RUN,  # grades that one notebook in the sandbox
    "grades": RUN,
    "report": RUN,
    "bundle": RUN,
    "lab": RUN,  # until its JupyterLab answers, then stopped
    "lab-instructor": RUN,  # the same
    "clean": RUN,  # last, then `make lab` once more
    "bench": "its recipe (make -n) is the benchmark script, run with --iterations 1 --repeat 1",
    "bench-grading": "its recipe (make -n) is benchmarks/autograde.py, which grades copies of the course "
                     "in a temporary folder; not run (it takes minutes)",
    "test": "run with PYTEST_ARGS=--collect-only: the recipe and the test modules' import, not the tests",
    "demo": "its recipe (make -n) is `python -m instructor demo`, run without the grading step, "
            "whose nbgrader folders are checked to lie outside work/",
}


@pytest.mark.slow
@needs_sandbox  # make autograde grades in the sandbox
@pytest.mark.skipif(shutil.which("make") is None or shutil.which("git") is None,
                    reason="make and git are needed to run the make targets in a copy of the checkout")
def test_an_answer_in_work_survives_every_make_target(tmp_path):
    """A student answers a cell in work/ and adds a file of their own; then every target of the
    Makefile runs in a copy of the checkout (see HOW for the three that are not run in full), and
    after each one every file of work/ is byte for byte what it was."""
    targets = _phony_targets(ROOT / "Makefile")
    assert set(targets) == set(HOW), f"the Makefile's targets changed: say in HOW how to run {set(targets) ^ set(HOW)}"
    root = _checkout_copy(tmp_path / "course")
    if _make(root, os.environ.copy(), "-q", "venv").returncode != 0:
        pytest.skip("the virtual environment is older than pyproject.toml: run `make venv` first")
    log = tmp_path / "make.log"
    env = {**os.environ, "COURSE_ROOT": str(root)}

    _make_lab(root, log, "lab")
    answer = _answer_in_work(root)
    work = root / "work"
    before = _all_files(work)

    def unchanged_after(what: str) -> None:
        after = _all_files(work)
        changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
        assert not changed, f"{what} changed work/: {changed}"

    def ran(target: str, result: subprocess.CompletedProcess) -> None:
        assert result.returncode == 0, f"make {target}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        unchanged_after(f"make {target}")

    archive = tmp_path / "class.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(root / "release" / NOTEBOOK, f"student1/{A1}.ipynb")
    for target in ("venv", "data", "release", "report", "bundle"):
        ran(target, _make(root, env, target))
    ran("collect", _make(root, env, "collect", f"ZIP={archive}"))
    ran("autograde", _make(root, env, "autograde"))
    ran("grades", _make(root, env, "grades"))
    assert _make(root, env, "-n", "bench-grading").stdout.split()[1:] == ["benchmarks/autograde.py"]

    bench = _make(root, env, "-n", "bench").stdout.split()
    assert bench[1:] == ["benchmarks/l_layer_model.py"], bench
    result = subprocess.run([bench[0], *bench[1:], "--iterations", "1", "--repeat", "1"], cwd=root, env=env,
                            capture_output=True, text=True)
    assert "both reach cost" in result.stdout, result.stdout + result.stderr
    unchanged_after("the benchmark")

    ran("test", _make(root, env, "test", "PYTEST_ARGS=--collect-only -q -n 0 -p no:cacheprovider"))

    assert _make(root, env, "-n", "demo").stdout.split()[1:] == ["-m", "instructor", "demo"]
    demo = _run_demo_without_grading(root, env)
    assert demo.returncode == 0, demo.stdout[-2000:] + demo.stderr[-2000:]
    assert (root / "submitted" / "complete" / A1 / f"{A1}.ipynb").is_file()
    unchanged_after("the demo")
    for folder in _nbgrader_folders(root):
        assert not folder.is_relative_to(work.resolve()), folder

    for target in ("lab", "lab-instructor"):
        _make_lab(root, log, target)
        unchanged_after(f"make {target}")

    ran("clean", _make(root, env, "clean"))
    assert not (root / "release").exists()
    _make_lab(root, log, "lab")
    unchanged_after("make clean, then make lab")
    nb = nbformat.read(work / NOTEBOOK, as_version=4)
    assert any(c.source == answer for c in nb.cells)
