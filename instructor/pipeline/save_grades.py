"""Record a notebook's autograded scores in the gradebook, in one transaction.

What nbgrader's SaveAutoGrades records, the same way (nbgrader.utils.determine_grade for a test
cell's score; "No response." for an answer cell left as released), but read and committed once
per notebook instead of once per cell: a notebook's grades land together or not at all, and a
class is not slowed down by a disk sync per cell.
"""

from __future__ import annotations

from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor

from instructor.pipeline.gradebook import gradebook_for


class SaveGrades(NbGraderPreprocessor):
    """nbgrader's SaveAutoGrades, one commit per notebook (see the module docstring)."""

    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        with gradebook_for(resources) as gb:
            record = gb.find_submission_notebook(info["notebook"], info["assignment"], info["student"])
            grades = {grade.name: grade for grade in record.grades}
            comments = {comment.name: comment for comment in record.comments}
            for cell in nb.cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                if utils.is_grade(cell) and grade_id in grades:
                    grade = grades[grade_id]
                    grade.auto_score, _ = utils.determine_grade(cell, self.log)
                    grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
                if (utils.is_solution(cell) or utils.is_task(cell)) and grade_id in comments:
                    unchanged = cell.metadata["nbgrader"].get("checksum") == utils.compute_checksum(cell)
                    comments[grade_id].auto_comment = "No response." if unchanged and not utils.is_task(cell) else None
            gb.db.commit()
        return nb, resources
