"""Feedback pages: one self-contained HTML page per graded notebook, readable offline.

The page (templates/course_feedback/index.html.j2) opens with the score and one line per graded
function: its name, its points, whether it passed and, if not, the first line of the verdict.
Then come the notebook's cells: the text with its maths, the code, and the outputs. Two rules
keep the page safe to open and honest to read:

- everything the student's code produced is shown as text or as a picture, escaped, never as
  HTML or script; the text of markdown cells is sanitized (a student may edit those too);
- the maths is turned into MathML when the page is written (latex2mathml), so it renders in any
  current browser with no network and no MathJax.

`nbgrader generate_feedback` uses this template through nbgrader_config.py (HTMLExporter); the
grading engine renders it with `FeedbackExporter`, nbconvert's plain template exporter, without
the HTML exporter's extra passes. Markdown is rendered once per distinct text (`markdown_html` is
cached): the release's text is the same for every student.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import bleach
import mistune
from latex2mathml.converter import convert as latex_to_mathml
from nbconvert.exporters import TemplateExporter
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import default

from instructor.pipeline.gradebook import gradebook_for

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE_NAME = "course_feedback"

_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$([^$\n]+?)\$", re.DOTALL)
_TAGS = ["a", "abbr", "b", "blockquote", "br", "code", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
         "i", "img", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th",
         "thead", "tr", "ul", "span", "div", "del"]
_ATTRIBUTES = {"a": ["href", "title"], "img": ["src", "alt", "title", "width", "height"],
               "td": ["align"], "th": ["align"], "span": ["class"], "div": ["class"], "code": ["class"]}


def _mathml(tex: str, display: bool) -> str:
    try:
        return latex_to_mathml(tex.strip(), display="block" if display else "inline")
    except Exception:  # a formula the converter cannot read is shown as its TeX, escaped
        return f"<code>{bleach.clean(tex)}</code>"


@functools.lru_cache(maxsize=4096)
def markdown_html(source: str) -> str:
    """A markdown cell as sanitized HTML, its $...$ and $$...$$ maths as MathML."""
    formulas: list[str] = []

    def hold(match: re.Match) -> str:
        display = match.group(1) is not None
        formulas.append(_mathml(match.group(1) if display else match.group(2), display))
        return f"MATHPLACEHOLDER{len(formulas) - 1}X"

    text = _MATH.sub(hold, source)
    html = bleach.clean(mistune.html(text), tags=_TAGS, attributes=_ATTRIBUTES,
                        protocols=["http", "https", "mailto", "data"], strip=True)
    return re.sub(r"MATHPLACEHOLDER(\d+)X", lambda m: formulas[int(m.group(1))], html)


class FeedbackExporter(TemplateExporter):
    """The course's feedback page, rendered with nbconvert's template machinery alone."""

    @default("template_name")
    def _template_name_default(self):
        return TEMPLATE_NAME

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self):
        return [str(TEMPLATES)]

    @default("file_extension")
    def _file_extension_default(self):
        return ".html"

    @default("default_preprocessors")
    def _default_preprocessors_default(self):
        return []  # nbconvert's own steps are all off here, and each would check the whole notebook again

    def default_filters(self):
        yield from super().default_filters()
        yield ("course_markdown", markdown_html)


class FeedbackScores(NbGraderPreprocessor):
    """The scores a feedback page shows, read from the gradebook in one go.

    What nbgrader's GetGrades gives a feedback template (each graded cell's score, points and
    comment; the notebook's score, maximum and late penalty), read through the submitted
    notebook's own records instead of one query per cell.
    """

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with gradebook_for(resources) as gb:
            record = gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
            grades = {grade.name: (grade.score, grade.max_score) for grade in record.grades}
            comments = {comment.name: comment.comment for comment in record.comments}
            penalty = record.late_submission_penalty or 0
            info.update(score=record.score - penalty, max_score=record.max_score, late_penalty=penalty)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade_id") in grades and (meta.get("grade") or meta.get("task")):
                meta["score"], meta["points"] = grades[meta["grade_id"]]
            if meta.get("grade_id") in comments and (meta.get("solution") or meta.get("task")):
                meta["comment"] = comments[meta["grade_id"]]
        return nb, resources
