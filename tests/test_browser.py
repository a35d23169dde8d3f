"""Each role's lab, in a real JupyterLab driven by headless Chromium through Playwright.

The student: `python -m instructor lab` (what `make lab` runs once the release is written) fills
work/ and opens the student lab. The student opens assignment 1 from work/, runs it, types the
right answer into one graded cell, sees its self-check pass, saves, and presses nbgrader's Validate,
which lists the cells still unanswered. The lab is stopped; the release is written again and the
lab opened again by the same commands: the answer is still in the notebook. The student lab has
no Nbgrader menu and no instructor command, and asks nothing about news.

The instructor: `python -m instructor lab --instructor` (`make lab-instructor`) has the Nbgrader
menu with Formgrader, Create Assignment and Course List, and the formgrader opens on the course.

Every test saves screenshots in tests/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from instructor import course, samples
from tests.conftest import ROOT, copy_course, needs_sandbox
from tests.lab_server import running_lab

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = ROOT / "tests" / "screenshots"
A1 = "a1_numpy_basics"
INSTRUCTOR_COMMANDS = ("Formgrader", "Create assignment", "Course List")  # nbgrader's labels
CREATE_ASSIGNMENT_TAB = "[title='Nbgrader Create Assignment']"  # its tab in the right sidebar
NEWS_QUESTION = "official Jupyter news"  # in the notification JupyterLab's announcements plugin shows
IDLE = "document.body.innerText.includes('| Idle')"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).is_file(),
                       reason="Debian's chromium is not installed (.ci/run installs it with apt-get)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")


def _release(root: Path) -> None:
    """`python -m instructor release` in the course copy, as `make lab` runs it before the lab."""
    subprocess.run([sys.executable, "-m", "instructor", "release"], env={**os.environ, "COURSE_ROOT": str(root)},
                   cwd=root, check=True, capture_output=True)


@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    """A copy of the course with its release written."""
    root = copy_course(tmp_path_factory.mktemp("course"))
    _release(root)
    return root


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield chromium
        finally:
            chromium.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def open_lab(browser, lab, path: str = ""):
    """A new page on the lab (on `path` under /lab/tree when given), once JupyterLab has started."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{lab.base}/lab{'/tree/' + path if path else ''}?token={lab.token}")
    page.wait_for_selector("#jp-main-dock-panel", timeout=90_000)
    return page


def in_palette(page, label: str) -> bool:
    """Whether the command palette offers a command labelled `label` (in any case)."""
    page.get_by_role("menuitem", name="View", exact=True).click()
    page.get_by_role("menuitem", name="Activate Command Palette").click()
    page.locator(".lm-CommandPalette-input:visible").fill(label)
    page.wait_for_timeout(500)
    labels = page.locator(".lm-CommandPalette-item:visible .lm-CommandPalette-itemLabel").all_inner_texts()
    page.keyboard.press("Escape")
    return label.lower() in (text.strip().lower() for text in labels)


def test_nbgrader_lab_extension_is_installed_and_enabled():
    jupyter = Path(sys.executable).parent / "jupyter"
    listing = subprocess.run([str(jupyter), "labextension", "list"], capture_output=True, text=True)
    text = listing.stdout + listing.stderr
    assert "@jupyter/nbgrader v0.9.6" in text and "JupyterLab v4.6.6" in text, text


# --- The student ------------------------------------------------------------------------------------

def test_student_answers_validates_and_finds_the_answer_after_the_lab_is_opened_again(released, browser, tmp_path):
    answer = samples.reference_answers(A1)["basic_sigmoid"]
    notebook = f"{A1}/{A1}.ipynb"
    log = tmp_path / "student-lab.log"
    with running_lab(released, log) as lab:
        page = open_lab(browser, lab, notebook)
        page.wait_for_selector(".jp-Notebook", timeout=90_000)
        page.wait_for_function(IDLE, timeout=90_000)

        # A student's lab: Validate is there; the instructor's menu and commands are not.
        assert page.get_by_role("button", name="Validate").is_visible()
        assert page.get_by_role("menuitem", name="Nbgrader").count() == 0
        assert page.locator(CREATE_ASSIGNMENT_TAB).count() == 0
        for command in INSTRUCTOR_COMMANDS:
            assert not in_palette(page, command), command

        page.get_by_role("menuitem", name="Run").click()
        page.locator("li[data-command='runmenu:run-all']").click()
        page.wait_for_timeout(2000)
        page.wait_for_function(IDLE, timeout=120_000)

        cell = page.locator(".jp-CodeCell", has_text="def basic_sigmoid").first
        cell.locator(".cm-content").click()
        page.keyboard.press("Control+a")
        page.keyboard.insert_text(answer)
        page.keyboard.press("Shift+Enter")  # runs the answer, moves to its self-check
        page.keyboard.press("Shift+Enter")  # runs the self-check
        check = page.locator(".jp-CodeCell", has_text='check("basic_sigmoid"').first
        passed = check.locator(".jp-OutputArea-output", has_text="self-checks passed")
        passed.wait_for(timeout=60_000)
        assert passed.inner_text().strip() == "basic_sigmoid: 4 self-checks passed."

        page.keyboard.press("Control+s")
        page.wait_for_timeout(1000)
        screenshot(page, "student-1-answered")
        page.get_by_role("button", name="Validate").click()
        dialog = page.locator(".jp-Dialog")
        dialog.wait_for(timeout=180_000)
        page.wait_for_timeout(500)
        report = dialog.inner_text()
        screenshot(page, "student-2-validated")
        assert NEWS_QUESTION not in page.locator("body").inner_text()
        page.close()

    assert "Validation Results" in report
    assert 'check("basic_sigmoid"' not in report
    functions = [g.grade_id.removeprefix("test_") for g in course.graded_cells(course.read(course.source_notebook(A1)))]
    for function in functions[1:]:
        assert f'check("{function}", {function})' in report, function
    saved = nbformat.read(released / "work" / notebook, as_version=4)
    assert any(c.source == answer for c in saved.cells), "the answer was not saved in work/"

    # The next day: `make lab` again, that is the release, then the same lab command.
    _release(released)
    with running_lab(released, log) as lab:
        page = open_lab(browser, lab, notebook)
        cell = page.locator(".jp-CodeCell", has_text="def basic_sigmoid").first
        cell.wait_for(timeout=90_000)
        assert "s = 1 / (1 + math.exp(-x))" in cell.inner_text()
        page.wait_for_function(IDLE, timeout=90_000)
        screenshot(page, "student-3-opened-again")
        page.close()
    assert "nbgrader_config.py" not in log.read_text()


# --- The instructor -----------------------------------------------------------------------------------

def test_instructor_lab_has_the_nbgrader_menu_and_the_formgrader(released, browser, tmp_path):
    with running_lab(released, tmp_path / "instructor-lab.log", instructor=True) as lab:
        page = open_lab(browser, lab, f"notebooks/{A1}/{A1}.ipynb")  # the source: Create assignment acts on it
        page.wait_for_selector(".jp-Notebook", timeout=90_000)
        page.wait_for_function(IDLE, timeout=90_000)  # a notebook still opening closes the palette
        for command in INSTRUCTOR_COMMANDS:
            assert in_palette(page, command), command
        # JupyterLab's own question about news, which the student lab turns off, is asked here.
        page.get_by_text(NEWS_QUESTION).wait_for(timeout=30_000)
        page.get_by_role("menuitem", name="Nbgrader").click()
        for command in INSTRUCTOR_COMMANDS:
            assert page.get_by_role("menuitem", name=command, exact=True).is_visible(), command
        assert page.locator(CREATE_ASSIGNMENT_TAB).count() == 1
        screenshot(page, "instructor-1-nbgrader-menu")
        page.get_by_role("menuitem", name="Formgrader", exact=True).click()
        formgrader = page.frame_locator("iframe").first
        formgrader.get_by_text(A1).first.wait_for(timeout=90_000)
        screenshot(page, "instructor-2-formgrader")
        page.close()


# --- The instructor's feedback pages --------------------------------------------------------------------

@needs_sandbox
def test_a_feedback_page_opened_offline_shows_rendered_maths_and_verdicts_never_hidden_code(released, browser):
    """Grade one student's a1 with the engine, then open the feedback page from disk in a browser
    with the network cut off: the maths is laid out (MathML), no TeX is left as raw text, each
    graded function has its row, and nothing of the hidden checks or the grader shows."""
    release = course.read(released / "release" / A1 / f"{A1}.ipynb")
    folder = released / "submitted" / "midnight" / A1
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(samples.fill(release, samples.answers_for(samples.MISTAKES, A1)), folder / f"{A1}.ipynb")
    env = {**os.environ, "COURSE_ROOT": str(released)}
    env.pop("CATVNONCAT_DIR", None)
    graded = subprocess.run([sys.executable, "-m", "instructor", "autograde", A1, "--student", "midnight",
                             "--workers", "1"], env=env, cwd=released, capture_output=True, text=True)
    assert graded.returncode == 0, graded.stdout[-2000:] + graded.stderr[-2000:]
    page_file = released / "feedback" / "midnight" / A1 / f"{A1}.html"
    context = browser.new_context(offline=True, viewport={"width": 1200, "height": 1000})
    page = context.new_page()
    page.goto(page_file.as_uri())
    formulas = page.locator("math")
    assert formulas.count() > 20
    assert page.evaluate("[...document.querySelectorAll('math')].every(m => m.getBoundingClientRect().height > 0)")
    text = page.inner_text("body")
    assert "$W" not in text and "$\\hat" not in text  # no TeX left for a script that never comes
    for row in ("basic_sigmoid", "softmax", "L2"):
        assert page.get_by_role("link", name=row, exact=True).count() == 1, row
    assert "failed a self-check" in text and "Score: 6 / 10" in text
    for secret in ("HIDDEN TESTS", "check_hidden", "instructor.hidden", str(ROOT)):
        assert secret not in page.content(), secret
    screenshot(page, "instructor-3-feedback-page")
    page.locator("#test_softmax").scroll_into_view_if_needed()
    screenshot(page, "instructor-4-feedback-failed-check")
    context.close()
