# The course kit's entry points. Every target creates the virtual environment first if needed.
#   make demo     build everything and run the instructor job on the bundled sample submissions
#   make test     run the whole test suite
#   make release  write the student version of every assignment to release/
#   make collect ZIP=path/to/notebooks.zip   file student notebooks under submitted/
#   make autograde  grade submitted/ on sandboxed workers (WORKERS=n, default one per core)
#   make grades   write grades.csv and the files Canvas and Moodle import (after autograde)
#   make report   write class_report.html: what the class got right and the hints it met
#   make bundle   write student_bundle.zip: release notebooks, helpers, public checks, a README
#   make bench    time the reference L_layer_model against plain numpy code (prints the ratio)
#   make bench-grading  grade a class with stock nbgrader and with the engine, in one run (slow)
#   make lab      the student's JupyterLab on work/, their own copy of the release: a missing file
#                 is copied in, nothing they changed is ever written over (make clean keeps work/)
#   make lab-instructor   JupyterLab on the course folder with nbgrader's instructor tools
#   make data     build the project's default cat/non-cat dataset into datasets/default/

PYTHON ?= python3
# The Python versions the pinned packages are tested on (pyproject.toml lists the same ones).
SUPPORTED_PYTHONS := 3.11 3.12 3.13
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed

# nbgrader runs `alembic` (and jupyter runs its kernels) from PATH: the venv comes first.
export PATH := $(BIN):$(PATH)

.PHONY: venv data release demo collect autograde grades report bundle bench bench-grading test lab lab-instructor clean

venv: $(STAMP)

# Which Python builds the venv is checked before anything is created or installed.
PICK_PYTHON := pick one with make PYTHON=..., e.g. make PYTHON=python3.12 (a name on PATH or a full path)
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { \
	  echo "make: $(PYTHON) not found. The course needs one of Python $(SUPPORTED_PYTHONS): $(PICK_PYTHON)." >&2; exit 1; }
	@version=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	case " $(SUPPORTED_PYTHONS) " in *" $$version "*) ;; *) \
	  echo "make: $(PYTHON) is Python $$version; the course needs one of Python $(SUPPORTED_PYTHONS): $(PICK_PYTHON)." >&2; \
	  exit 1;; esac
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (course)" >/dev/null
	touch $@

data: venv
	$(BIN)/python -m helpers.catvnoncat

release: venv
	$(BIN)/python -m instructor release

demo: venv
	$(BIN)/python -m instructor demo

collect: venv
	@[ -n "$(ZIP)" ] || { echo "make collect: say which archive, e.g. make collect ZIP=downloads/a1.zip"; exit 2; }
	$(BIN)/python -m instructor collect "$(ZIP)"

grades: venv
	$(BIN)/python -m instructor grades

autograde: venv
	$(BIN)/python -m instructor autograde $(if $(WORKERS),--workers $(WORKERS))

report: venv
	$(BIN)/python -m instructor report

bundle: venv
	$(BIN)/python -m instructor bundle

bench: venv
	$(BIN)/python benchmarks/l_layer_model.py

bench-grading: venv
	$(BIN)/python benchmarks/autograde.py $(if $(STUDENTS),--students $(STUDENTS))

# The tests read the original course files from CATVNONCAT_DIR when they are there (never copied
# into the project); by default, from ../shared/datasets beside the checkout. The tests run on two
# workers, so numpy's maths library gets one thread each rather than fighting over the cores.
SHARED_DATASETS := $(abspath $(CURDIR)/../shared/datasets)
test: venv
	@if [ -z "$$CATVNONCAT_DIR" ] && [ -d "$(SHARED_DATASETS)" ]; then export CATVNONCAT_DIR="$(SHARED_DATASETS)"; fi; \
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

# The release is written again first (what changed by hand there is kept in release-backups/);
# the lab then copies into work/ only what work/ lacks (instructor/student_lab.py).
lab: release
	$(BIN)/python -m instructor lab

lab-instructor: venv
	$(BIN)/python -m instructor lab --instructor

# Files in release/ changed by hand since the release wrote them are copied to release-backups/
# first (without the venv to check them, the whole of release/ is moved there).
clean:
	@if [ -x $(BIN)/python ]; then $(BIN)/python -m instructor.hand_edits; \
	elif [ -d release ]; then mkdir -p release-backups && mv release release-backups/$$(date +%Y%m%d-%H%M%S) && \
	  echo "moved release/ to release-backups/ (no .venv to tell hand edits from the release)"; fi
	rm -rf release autograded feedback grades.csv grades_canvas.csv grades_moodle.csv class_report.html student_bundle.zip gradebook.db .nbgrader.log datasets/default
	@echo "kept work/, submitted/, collect-backups/ and release-backups/: they hold people's work; remove them by hand if you mean to"
