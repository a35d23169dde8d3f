"""A student's loop in a real JupyterLab, driven in headless Chromium with Playwright.

Start JupyterLab on the release, open assignment 1, run it, type the right answer into one graded
cell, run it and its self-check, see the success line, then press nbgrader's Validate and see it
list the cells still unanswered. Also checks that nbgrader's lab extension is loaded: the pinned
JupyterLab and nbgrader versions are the ones under which it works.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from instructor import course, samples
from tests.conftest import copy_course

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
A1 = "a1_numpy_basics"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).is_file(),
                       reason="Debian's chromium is not installed (.ci/run installs it with apt-get)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving a fresh release of the course; yields (base url, token)."""
    root = copy_course(tmp_path_factory.mktemp("course"))
    env = {**os.environ, "COURSE_ROOT": str(root)}
    subprocess.run([sys.executable, "-m", "instructor", "release"], env=env, cwd=root, check=True,
                   capture_output=True)
    port, token = _free_port(), secrets.token_hex(16)
    jupyter = Path(sys.executable).parent / "jupyter"
    server = subprocess.Popen(
        [str(jupyter), "lab", "--no-browser", "--allow-root", f"--port={port}", "--ServerApp.ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root / 'release'}"],
        cwd=root / "release", env={**env, "PATH": f"{jupyter.parent}{os.pathsep}{env['PATH']}"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not start within 60 s")
        yield base, token
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_nbgrader_lab_extension_is_installed_and_enabled():
    jupyter = Path(sys.executable).parent / "jupyter"
    listing = subprocess.run([str(jupyter), "labextension", "list"], capture_output=True, text=True)
    text = listing.stdout + listing.stderr
    assert "@jupyter/nbgrader v0.9.6" in text and "JupyterLab v4.6.6" in text, text


def test_student_answers_a_cell_sees_the_check_pass_and_validates(lab):
    base, token = lab
    answer = samples.reference_answers(A1)["basic_sigmoid"]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{base}/lab/tree/{A1}/{A1}.ipynb?token={token}")
            page.wait_for_selector(".jp-Notebook", timeout=90_000)
            idle = "document.body.innerText.includes('| Idle')"
            page.wait_for_function(idle, timeout=90_000)

            # nbgrader's extension is loaded: its menu and its Validate button are there.
            assert page.get_by_role("menuitem", name="Nbgrader").is_visible()
            assert page.get_by_role("button", name="Validate").is_visible()

            page.get_by_role("menuitem", name="Run").click()
            page.locator("li[data-command='runmenu:run-all']").click()
            page.wait_for_timeout(2000)
            page.wait_for_function(idle, timeout=120_000)

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
            page.get_by_role("button", name="Validate").click()
            dialog = page.locator(".jp-Dialog")
            dialog.wait_for(timeout=180_000)
            page.wait_for_timeout(500)
            report = dialog.inner_text()
        finally:
            browser.close()
    assert "Validation Results" in report
    assert 'check("basic_sigmoid"' not in report
    functions = [g.grade_id.removeprefix("test_") for g in course.graded_cells(course.read(course.source_notebook(A1)))]
    for function in functions[1:]:
        assert f'check("{function}", {function})' in report, function
