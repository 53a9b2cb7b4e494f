"""``python -m govreport``, and the ``govreport`` command (:func:`run`)."""
from __future__ import annotations

import os


def run() -> int:
    """Run the command line (:func:`govreport.cli.main`) and return its exit code.

    The command line spreads its work over processes of its own, one per core, and none of its analyses uses
    NumPy's linear algebra; so OpenBLAS, which NumPy loads with a thread for each core, is held to one thread
    (unless ``OPENBLAS_NUM_THREADS`` is already set), or its idle threads spin beside the workers for nothing.
    This has to happen before NumPy is loaded, so it is done here rather than in :mod:`govreport.cli`.
    """
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    from .cli import main

    return main()


if __name__ == "__main__":
    raise SystemExit(run())
