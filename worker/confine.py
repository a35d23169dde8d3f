"""Give one notebook namespaces and limits of its own, inside the worker's sandbox.

The worker's sandbox (bubblewrap, started by worker.launch) already hides the course, the
network and the rest of the machine. Within it, every notebook gets more, so that no notebook can
touch the worker or another student's notebook:

- its own user namespace, so its process count has its own budget and it cannot trace the worker;
- its own PID namespace, whose first process runs the notebook: when that process ends, the
  kernel ends every process the notebook started (a daemon it left behind included);
- its own mount namespace, with fresh, size-limited temporary file systems for its working
  folder, /tmp and /dev/shm, and a /proc that shows only its own processes;
- its own IPC namespace (no shared memory with anyone);
- resource limits on memory, processes, CPU time and file size, and first place in line for the
  kernel's out-of-memory killer.

The calls are Linux system calls made through ctypes (Python 3.11 has no os.unshare).
"""

from __future__ import annotations

import ctypes
import os
import resource

from worker.job import Limits

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 0x1, 0x2, 0x4, 0x20, 0x1000, 0x4000, 0x40000
PR_SET_DUMPABLE = 4

HOME = "/home/student"  # the notebook's home, and the parent of its working folder

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]


class ConfinementError(OSError):
    """A namespace or a mount could not be set up; the message names the call."""


def _check(result: int, what: str) -> None:
    if result != 0:
        error = ctypes.get_errno()
        raise ConfinementError(error, f"{what}: {os.strerror(error)}")


def set_dumpable(dumpable: bool) -> None:
    """A process that is not dumpable cannot be traced or read through /proc by its peers."""
    _check(_libc.prctl(PR_SET_DUMPABLE, int(dumpable), 0, 0, 0), "prctl(PR_SET_DUMPABLE)")


def mount(source: str, target: str, fstype: str | None, flags: int = 0, data: str | None = None) -> None:
    _check(_libc.mount(source.encode() if source else None, target.encode(),
                       fstype.encode() if fstype else None, flags, data.encode() if data else None),
           f"mount {fstype or source} on {target}")


def enter_namespaces() -> None:
    """Move this process into new user, mount, IPC namespaces, and its next child into a new PID
    namespace (where it will be process 1). This process keeps its own user and group id."""
    uid, gid = os.getuid(), os.getgid()
    set_dumpable(True)  # /proc/self/uid_map is writable only by a dumpable process
    _check(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC), "unshare")
    with open("/proc/self/setgroups", "w") as f:
        f.write("deny")
    with open("/proc/self/uid_map", "w") as f:
        f.write(f"{uid} {uid} 1")
    with open("/proc/self/gid_map", "w") as f:
        f.write(f"{gid} {gid} 1")


def private_file_systems(limits: Limits, folder: str) -> str:
    """Fresh /proc, /tmp, /dev/shm and a working folder (created, returned), and everything else
    read-only; call as process 1 of the notebook."""
    mount("none", "/", None, MS_REC | MS_PRIVATE)
    mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV)
    size = f"size={limits.disk_bytes},mode=1777"
    for target in ("/tmp", "/dev/shm", HOME):
        if os.path.isdir(target):
            mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, size)
    work = os.path.join(HOME, folder)
    os.makedirs(work, exist_ok=True)
    for target in ("/", "/dev"):  # what the sandbox made writable for the worker is not the notebook's
        mount("none", target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    return work


def apply_limits(limits: Limits) -> None:
    """Resource limits for this process and every process it starts; they cannot be raised again."""
    for which, value in (
        (resource.RLIMIT_AS, limits.memory_bytes),
        (resource.RLIMIT_NPROC, limits.processes),
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_FSIZE, limits.file_bytes),
        (resource.RLIMIT_CORE, 0),
    ):
        resource.setrlimit(which, (value, value))
    try:
        with open("/proc/self/oom_score_adj", "w") as f:
            f.write("1000")  # when memory runs out, a notebook's processes go first
    except OSError:
        pass
