"""nbgrader's Execute step, made to survive a kernel that dies in the middle of a notebook.

nbgrader runs a submission in one kernel. If student code kills that kernel (os._exit, a crash
in C code, memory exhausted), nbgrader gives up on the whole notebook and every point is lost.
Here the dead cell gets an error output instead, the kernel is restarted, the cells before it are
run again (quietly, into throw-away copies) to rebuild the student's definitions, and grading
goes on with the next cell. The self-checks already run graded functions in a child process
(graders.sandbox); this covers the other cells.
"""

from __future__ import annotations

import copy

from nbclient.exceptions import DeadKernelError
from nbclient.util import run_sync
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute

KERNEL_DIED = (
    "The Python kernel stopped while this cell ran (the code ended the process or crashed it). "
    "The kernel was restarted and the cells above were run again; grading went on from the next cell."
)


class ResilientExecute(Execute):
    """Execute, except that a dead kernel costs only the cell it died in."""

    def preprocess(self, nb, resources=None, km=None):
        self._dead_cells: set[int] = set()
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self.log.warning("The kernel died in cell %d; restarting it and going on.", index)
            cell.outputs.append(new_output("error", ename="KernelDied", evalue=KERNEL_DIED,
                                           traceback=[f"KernelDied: {KERNEL_DIED}"]))
            self._dead_cells.add(index)
            self._restart_and_replay(index, resources)
            return cell, self.resources

    def _restart_and_replay(self, upto: int, resources) -> None:
        """Restart the kernel and run cells 0 .. upto-1 again, skipping cells that killed it."""
        run_sync(self.km.restart_kernel)(now=True)
        run_sync(self.kc.wait_for_ready)(timeout=self.startup_timeout)
        for index in range(upto):
            cell = self.nb.cells[index]
            if cell.cell_type != "code" or index in self._dead_cells:
                continue
            try:
                super().preprocess_cell(copy.deepcopy(cell), resources, index)
            except DeadKernelError:
                self._dead_cells.add(index)
                self._restart_and_replay(upto, resources)
                return
