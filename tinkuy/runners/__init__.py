"""Runners: how a stream of articles is split over processes or machines.

A runner only decides where the pipeline runs; the results are the same
whatever the runner and however many processes:

- ``local.code_in_processes``: a pool of worker processes on this machine,
  each loading the model once, fed chunks of articles through bounded queues,
  results returned in input order to the one process that writes them;
- ``dask.ingest_with_dask``: partitions of the input coded on a Dask cluster
  into partitioned Parquet, then imported into a local store.
"""
