"""Execute the notebooks top to bottom; from the command line, save them with their outputs.

    .venv/bin/python tests/notebooks/run_notebooks.py                # every notebook in notebooks/
    .venv/bin/python tests/notebooks/run_notebooks.py notebooks/02_coach_roster.ipynb

The kernel is always the ipykernel of the Python that runs this script (the project's venv),
whatever other "python3" kernels the machine has registered.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from ipykernel.kernelspec import RESOURCES, get_kernel_dict
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
CELL_TIMEOUT_S = 120
KERNEL_NAME = "python3"


class ThisPythonKernel(KernelSpecManager):
    """Resolves every kernel name to ipykernel in sys.executable: a kernel registered in the
    user's Jupyter folders (which Jupyter searches first) could run another interpreter."""

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def execute(nb: nbformat.NotebookNode, cwd: Path) -> nbformat.NotebookNode:
    """Run every cell of `nb` in order, in a fresh kernel started in `cwd`; outputs go into
    `nb`. Raises nbclient's CellExecutionError at the first failing cell."""
    kernel = AsyncKernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=ThisPythonKernel())
    # no per-cell timestamps: re-running an unchanged notebook gives an unchanged file
    client = NotebookClient(nb, km=kernel, timeout=CELL_TIMEOUT_S, record_timing=False,
                            resources={"metadata": {"path": str(cwd)}})
    client.execute()
    nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    return nb


def run_and_save(path: Path) -> float:
    """Execute the notebook in its own folder and write it back with its outputs; seconds taken."""
    started = time.perf_counter()
    nb = execute(nbformat.read(path, as_version=4), path.parent)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return time.perf_counter() - started


def main(args: list[str]) -> None:
    paths = [Path(a).resolve() for a in args] or notebook_paths()
    for path in paths:
        print(f"{path.relative_to(REPO)}: {run_and_save(path):.1f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
