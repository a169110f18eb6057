"""Batch builds driven by ``plainpress.toml``: config, planning, execution, manifest, index.

The build runs in four steps, each usable on its own, each in its own module:

1. :mod:`.config`: :func:`load_config` reads ``plainpress.toml`` (or ``[tool.plainpress]`` in
   ``pyproject.toml``) with :mod:`tomllib` into a :class:`BuildConfig`.
2. :mod:`.plan`: :func:`scan` hashes what the outputs are made from (source bytes, the
   stylesheet, cover images, plainpress's version and templates) and reads
   the previous ``manifest.json``; :func:`plan` is a pure function of the
   config and that scan: it names every target (sources x formats, and each
   collection) with a content hash (its *key*) and marks as stale every
   target whose key, file or checksum differs from the previous build.
   Timestamps are never consulted.
3. :mod:`.execute`: :func:`execute` runs the stale targets through a
   :class:`concurrent.futures.Executor` (a local ``ProcessPoolExecutor`` by
   default; any executor with the same interface, such as a Dask client's,
   works) as plain functions of picklable inputs (:func:`build_article`,
   :func:`build_collection`), and collects results as they complete, so one
   slow PDF never holds the others.
4. :mod:`.manifest` and :mod:`.index`: :func:`manifest_bytes` and :func:`index_bytes` make ``manifest.json``
   (every artifact with its size in bytes and SHA-256) and ``index.html``
   (a downloads page styled like the articles), written only when changed.

:func:`run_build` (:mod:`.run`) does all four. Every file is written atomically inside the
output folder; nothing lands outside it.
"""

from converters.batch.config import (
    CONFIG_NAME,
    DEFAULT_FORMATS,
    BuildConfig,
    CollectionConfig,
    config_from_table,
    expand_sources,
    find_config,
    load_config,
)
from converters.batch.execute import execute, warm_up
from converters.batch.index import INDEX_NAME, index_bytes
from converters.batch.jobs import (
    ArticleJob,
    Built,
    CollectionJob,
    Output,
    Result,
    jobs_for,
    pack,
    read_many,
)
from converters.batch.manifest import MANIFEST_NAME, MANIFEST_VERSION, Artifact, manifest_bytes, read_manifest
from converters.batch.plan import (
    FORMAT_INPUTS,
    Plan,
    Scan,
    Target,
    display_path,
    plan,
    scan,
    templates_fingerprint,
)
from converters.batch.run import BuildReport, run_build
from converters.batch.travel import Kit, make_kit
from converters.batch.work import build_article, build_collection, run_job, store

__all__ = [
    "CONFIG_NAME",
    "DEFAULT_FORMATS",
    "FORMAT_INPUTS",
    "INDEX_NAME",
    "MANIFEST_NAME",
    "MANIFEST_VERSION",
    "ArticleJob",
    "Artifact",
    "BuildConfig",
    "BuildReport",
    "Built",
    "CollectionConfig",
    "CollectionJob",
    "Kit",
    "Output",
    "Plan",
    "Result",
    "Scan",
    "Target",
    "build_article",
    "build_collection",
    "config_from_table",
    "display_path",
    "execute",
    "expand_sources",
    "find_config",
    "index_bytes",
    "jobs_for",
    "load_config",
    "make_kit",
    "manifest_bytes",
    "pack",
    "plan",
    "read_manifest",
    "read_many",
    "run_build",
    "run_job",
    "scan",
    "store",
    "templates_fingerprint",
    "warm_up",
]
