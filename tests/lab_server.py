"""Start the course's JupyterLab in a course copy the way `make lab` does, and stop it.

The lab runs from `python -m instructor lab [--instructor]` (or any command given, such as
`make lab`) in its own process group, on a free port with a token of its own, with a
JUPYTER_CONFIG_DIR of its own: the tester's ~/.jupyter plays no part, and no browser is opened.
Everything it prints goes to a log file the tests read.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

STARTUP_SECONDS = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Lab:
    base: str
    token: str
    log: Path

    def request(self, path: str, method: str = "GET", data: bytes | None = None) -> tuple[int, str]:
        """(HTTP status, body) of a request to the lab, authenticated by its token."""
        request = urllib.request.Request(f"{self.base}{path}", method=method, data=data,
                                         headers={"Authorization": f"token {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def page_config(self) -> dict:
        """The page configuration JupyterLab sends the browser with /lab."""
        status, html = self.request("/lab")
        assert status == 200, html[:500]
        start = html.index('id="jupyter-config-data"')
        start = html.index(">", start) + 1
        return json.loads(html[start:html.index("</script>", start)])


def lab_environment(root: Path, home: Path, port: int, token: str) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    (home / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"open_browser": False, "ip": "127.0.0.1"}}))
    return {**os.environ, "COURSE_ROOT": str(root), "JUPYTER_CONFIG_DIR": str(home),
            "JUPYTER_PORT": str(port), "JUPYTER_PORT_RETRIES": "0", "JUPYTER_TOKEN": token,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}


@contextmanager
def running_lab(root: Path, log: Path, instructor: bool = False, command: list[str] | None = None):
    """Yield a Lab served from the course copy `root` until the block ends."""
    port, token = free_port(), secrets.token_hex(16)
    env = lab_environment(root, log.parent / "jupyter-home", port, token)
    command = command or [sys.executable, "-m", "instructor", "lab", *(["--instructor"] if instructor else [])]
    with open(log, "a") as out:
        out.write(f"$ {' '.join(command)}\n")
        out.flush()
        server = subprocess.Popen(command, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    lab = Lab(f"http://127.0.0.1:{port}", token, log)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if server.poll() is not None:
                pytest.fail(f"the lab stopped with status {server.returncode}:\n{log.read_text()[-3000:]}")
            try:
                if lab.request("/api/status")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer within {STARTUP_SECONDS} s:\n{log.read_text()[-3000:]}")
            time.sleep(0.5)
        yield lab
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
