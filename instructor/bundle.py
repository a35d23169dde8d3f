"""The student bundle: one zip with what a student needs and nothing they must not see.

It holds the release notebooks (with their data files), the `helpers` package (loaders, plotting,
the default-dataset drawing), the public self-checks of `graders` (hidden checks live in instructor/hidden and never ship), the
project's pyproject.toml for installing with pip and its environment.yml for conda, and a short
README for students. Building it refuses to write a bundle that holds a solution line or a
hidden check.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from instructor import course

BUNDLE = course.ROOT / "student_bundle.zip"
TOP = "nn-course"  # the folder the bundle unzips into
STUDENT_README = Path(__file__).parent / "student_files" / "README.md"
HIDDEN_MARKERS = ("instructor.hidden", "check_hidden", "HIDDEN TESTS")


class BundleError(RuntimeError):
    """The bundle would be incomplete or would give something away; the message says what."""


def _package_files(package: str, exclude: tuple[str, ...] = ()) -> list[Path]:
    root = course.ROOT / package
    return sorted(
        p for p in root.rglob("*.py")
        if "__pycache__" not in p.parts and not any(part in exclude for part in p.relative_to(root).parts)
    )


def contents() -> dict[str, Path]:
    """Name inside the zip -> file on disk, for everything the bundle holds."""
    files: dict[str, Path] = {}
    for assignment in course.assignments():
        folder = course.RELEASE / assignment
        if not course.release_notebook(assignment).is_file():
            raise BundleError(f"{course.release_notebook(assignment)} is missing: run `make release` first.")
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            files[f"notebooks/{path.relative_to(course.RELEASE)}"] = path
    for path in _package_files("helpers"):
        files[str(path.relative_to(course.ROOT))] = path
    for path in _package_files("graders"):
        files[str(path.relative_to(course.ROOT))] = path
    files["pyproject.toml"] = course.ROOT / "pyproject.toml"
    files["environment.yml"] = course.ROOT / "environment.yml"
    files["README.md"] = STUDENT_README
    return files


def _stage(name: str, order: list[str]) -> int:
    """Position in the course of the assignment a bundle file belongs to; -1 for shared files."""
    parts = name.split("/")
    return order.index(parts[1]) if parts[0] == "notebooks" and parts[1] in order else -1


def problems(files: dict[str, Path]) -> list[str]:
    """What in `files` a student must not receive: hidden checks, and solution lines.

    A solution line of assignment X may appear only in the folder of a later assignment, which
    hands it out on purpose (assignment 5 ships assignment 4's answers as ready-made blocks);
    never in X's own release, an earlier one, or the shared packages.
    """
    order = course.assignments()
    sources = [course.read(course.source_notebook(a)) for a in order]
    # A line that some release shows anyway (`m = Y.shape[1]` in a scaffold, say) gives nothing away.
    shown = set().union(*(course.shown_lines(nb) for nb in sources))
    secrets = [(course.solution_lines(nb) | course.hidden_test_lines(nb)) - shown for nb in sources]
    found = []
    for name, path in files.items():
        if name.startswith(("instructor/", "graders/hidden", "hidden_cases/")):
            found.append(f"{name}: instructor-only code (hidden checks)")
        if path.suffix not in (".py", ".ipynb"):
            continue
        text = path.read_text()
        if any(m in text for m in HIDDEN_MARKERS):
            found.append(f"{name}: mentions hidden checks")
        lines = ("\n".join(c.source for c in course.read(path).cells) if path.suffix == ".ipynb" else text)
        stripped = {line.strip() for line in lines.splitlines()}
        for index, secret in enumerate(secrets):
            if _stage(name, order) <= index:
                found += [f"{name}: {line} (a solution line of {order[index]})" for line in sorted(stripped & secret)]
    return found


def build_bundle(path: Path = BUNDLE) -> Path:
    files = contents()
    found = problems(files)
    if found:
        raise BundleError("the student bundle would give away:\n  " + "\n  ".join(found))
    partial = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, source in sorted(files.items()):
            bundle.write(source, f"{TOP}/{name}")
        bundle.writestr(f"{TOP}/datasets/README.md",
                        "Put the original course files here if you have them; the default "
                        "pictures are drawn into datasets/default/ when first needed.\n")
    partial.replace(path)
    return path
