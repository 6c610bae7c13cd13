"""Coalition solves on Dask (`dask.distributed`): a local cluster, or an existing one by its scheduler
address. Optional: `pip install 'sw-optimiser[dask]'`; the import happens only when asked for.

    with dask_executor(scheduler=None, workers=2) as executor:
        result = split(region, executor=executor)

The local cluster has `workers` worker *processes* of one thread each: Pyomo's HiGHS interface
redirects the process's stdout/stderr while it solves, so two solves must not share a process at the
same time. (On an existing cluster whose workers have several threads, `run._solve` holds a
per-process lock, so such a worker solves one coalition at a time.) The workers of an existing
cluster need sw-optimiser installed, at the same version as the client.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class DaskMissing(RuntimeError):
    """dask.distributed is not installed."""


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("distributed") is not None


@contextmanager
def dask_executor(scheduler: str | None = None, workers: int = 2) -> Iterator:
    """A `concurrent.futures.Executor` running on Dask: the cluster at `scheduler` (e.g.
    "tcp://10.0.0.5:8786"), or else a local cluster of `workers` processes, closed afterwards."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise DaskMissing("dask.distributed is not installed: pip install 'sw-optimiser[dask]'") from exc
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        # pure=False: every coalition is its own task (no hashing of the region's models for a key)
        yield client.get_executor(pure=False)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
