"""`python -m instructor release|autograde|demo|...`: the instructor's jobs (the Makefile calls these)."""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from contextlib import contextmanager

from pathlib import Path

from nbgrader.coursedir import CourseDirectory

from instructor import bundle, collect, course, gradebook_migration, grading, report, samples, student_lab
from instructor.engine import Engine
from instructor.sandbox import SandboxUnavailable
from instructor.nbgrader_api import SetupError, load_config, open_api
from instructor.release import ReleaseError, release


@contextmanager
def step(title: str, timings: list[tuple[str, float]]):
    print(f"==> {title}", flush=True)
    start = time.perf_counter()
    yield
    timings.append((title, time.perf_counter() - start))


def cmd_release(args) -> int:
    api = open_api()
    for assignment in course.assignments():
        release(api, assignment)
        print(f"released {course.release_notebook(assignment).relative_to(course.ROOT)}")
    return 0


def autograde(api, assignments: list[str], workers: int | None, students: list[str] | None = None,
              force: bool = False, scheduler: str | None = None) -> list[grading.Failure]:
    """Grade with the engine and print what it did; the failures, for the summary."""
    run = Engine(api, workers=workers, scheduler=scheduler).run(assignments, students, force=force)
    rate = len(run.graded) / run.seconds * 60 if run.seconds else 0.0
    print(f"graded {len(run.graded)} submission(s) ({run.notebooks} notebooks) in {run.seconds:.1f} s "
          f"({rate:.1f} per minute); {len(run.skipped)} already graded from the same files")
    if run.notebooks:
        print(f"  workers ran notebooks for {run.worker_seconds:.1f} s in all, "
              f"{run.worker_seconds / run.notebooks:.2f} s per notebook")
    return [grading.Failure("autograde", f.assignment, f.student, f.reason) for f in run.failures]


def cmd_autograde(args) -> int:
    api = open_api()
    failures = autograde(api, args.assignments or course.assignments(), args.workers, args.student, args.force,
                         args.scheduler)
    for f in failures:
        print(f"FAILED {f.step} {f.assignment} / {f.student}: {f.reason}", file=sys.stderr)
    return 1 if failures else 0


def cmd_demo(args) -> int:
    timings: list[tuple[str, float]] = []
    failures: list[grading.Failure] = []
    api = open_api()
    assignments = course.assignments()
    with step("release the student notebooks", timings):
        for assignment in assignments:
            release(api, assignment)
    with step(f"write the sample submissions ({', '.join(samples.SAMPLE_STUDENTS)})", timings):
        for assignment in assignments:
            samples.build_samples(assignment)
    with step("autograde and write feedback (sandboxed workers)", timings):
        failures += autograde(api, assignments, args.workers, force=True)
    with step(f"export {course.GRADES_CSV.name}, {grading.CANVAS_CSV.name}, {grading.MOODLE_CSV.name} "
              f"and {report.REPORT.name}", timings):
        rows = grading.cell_grades(api)
        grading.export_csv(rows)
        grading.export_lms_csvs(rows, grading.gradebook_students(api))
        report.write_report(rows)
    print()
    print(grading.summary_table(rows))
    print()
    for title, seconds in timings:
        print(f"{seconds:7.1f} s  {title}")
    print(f"feedback: {course.FEEDBACK.relative_to(course.ROOT)}/   grades: {course.GRADES_CSV.name}, "
          f"{grading.CANVAS_CSV.name}, {grading.MOODLE_CSV.name}   class report: {report.REPORT.name}")
    # The release proves itself: the reference answers, handed in, must earn every point.
    for row in rows:
        if row.student == samples.COMPLETE and row.score < row.max_score:
            failures.append(grading.Failure("self-test", row.assignment, row.student,
                                            f"the reference answer lost points in {row.cell}"))
    for f in failures:
        print(f"FAILED {f.step} {f.assignment} / {f.student}: {f.reason}", file=sys.stderr)
    return 1 if failures else 0


def cmd_collect(args) -> int:
    filed, skipped = collect.collect_zip(Path(args.zip))
    print(collect.summary(filed, skipped))
    return 0


def cmd_grades(args) -> int:
    api = open_api()
    rows = grading.cell_grades(api)
    if not rows:
        print("error: the gradebook holds no grades: autograde first (python -m instructor autograde)",
              file=sys.stderr)
        return 1
    grading.export_csv(rows)
    paths = [course.GRADES_CSV, *grading.export_lms_csvs(rows, grading.gradebook_students(api))]
    print(f"grades of {len(grading.student_scores(rows))} student(s): "
          + ", ".join(p.name for p in paths))
    return 0


def cmd_report(args) -> int:
    path = report.write_report(grading.cell_grades(open_api()))
    print(f"class report: {path}")
    return 0


def cmd_bundle(args) -> int:
    cmd_release(args)
    path = bundle.build_bundle()
    print(f"student bundle: {path} ({path.stat().st_size // 1024} KiB)")
    return 0


def cmd_migrate_gradebook(args) -> int:
    source = args.source or CourseDirectory(config=load_config()).db_url
    counts = gradebook_migration.migrate(source, args.to, replace=args.replace)
    for table, rows in counts.items():
        print(f"{rows:8d}  {table}")
    print(f"copied {sum(counts.values())} rows of {len(counts)} tables from {gradebook_migration.shown(source)} "
          f"to {gradebook_migration.shown(args.to)}")
    print(f"grade there from now on: c.CourseDirectory.db_url = \"{gradebook_migration.shown(args.to)}\" in "
          "nbgrader_config.py (with the password, if the database needs one)")
    return 0


def cmd_lab(args) -> int:
    return student_lab.run(instructor=args.instructor)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m instructor", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("release", help="write the student version of every assignment to release/")
    grading_cmd = commands.add_parser("autograde", help="grade submitted/ on sandboxed workers: gradebook, autograded/, feedback/")
    grading_cmd.add_argument("assignments", nargs="*", help="assignment ids (default: every assignment)")
    grading_cmd.add_argument("--workers", type=int, default=None,
                             help="sandboxed workers on this machine (default: one per core); with --scheduler "
                                  "local, the LocalCluster's worker processes")
    grading_cmd.add_argument("--scheduler", default=None, metavar="ADDRESS",
                             help="grade on a Dask cluster: its scheduler's address (tcp://HOST:8786), or 'local' "
                                  "for a LocalCluster on this machine (default: sandboxed workers on this machine, "
                                  "without Dask)")
    grading_cmd.add_argument("--student", action="append", help="grade only this student (may be repeated)")
    grading_cmd.add_argument("--force", action="store_true", help="grade again what was already graded")
    demo = commands.add_parser("demo", help="release, build sample submissions, autograde, feedback, grades.csv")
    demo.add_argument("--workers", type=int, default=None, help="sandboxed workers (default: one per core)")
    collecting = commands.add_parser("collect", help="file the notebooks of a zip under submitted/")
    collecting.add_argument("zip", help="zip of student notebooks (zip-collect names or one folder per student)")
    commands.add_parser("grades", help="write grades.csv, grades_canvas.csv and grades_moodle.csv from the gradebook")
    commands.add_parser("report", help="write class_report.html from the gradebook and autograded notebooks")
    commands.add_parser("bundle", help="release, then zip what students need into student_bundle.zip")
    migrating = commands.add_parser("migrate-gradebook", help=(
        "copy the gradebook, every row of every table, into another database (PostgreSQL), in one transaction"))
    migrating.add_argument("--to", required=True, metavar="URL", help=(
        "the target database, e.g. postgresql+psycopg://USER@HOST:5432/DATABASE; it must exist "
        "(createdb) and hold no gradebook table, unless --replace"))
    migrating.add_argument("--from", dest="source", default=None, metavar="URL",
                           help="the gradebook to copy (default: the course's, c.CourseDirectory.db_url)")
    migrating.add_argument("--replace", action="store_true",
                           help="drop the tables of a gradebook already in the target, with their rows, first")
    lab = commands.add_parser("lab", help="copy what work/ lacks of release/, then open the student's JupyterLab on work/")
    lab.add_argument("--instructor", action="store_true",
                     help="open the instructor's JupyterLab on the course folder instead (formgrader, create assignment)")
    args = parser.parse_args(argv)
    # nbgrader's gradebook code trips SQLAlchemy's autoflush warnings; they are not ours to fix.
    warnings.filterwarnings("ignore", module="nbgrader")
    warnings.filterwarnings("ignore", message=".*not in session.*")
    handler = {"release": cmd_release, "autograde": cmd_autograde, "demo": cmd_demo, "collect": cmd_collect,
               "grades": cmd_grades, "report": cmd_report, "bundle": cmd_bundle, "lab": cmd_lab,
               "migrate-gradebook": cmd_migrate_gradebook}[args.command]
    try:
        return handler(args)
    except (SetupError, ReleaseError, samples.SampleError, collect.CollectError, bundle.BundleError,
            SandboxUnavailable, gradebook_migration.MigrationError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
