"""The whole build: scan, plan, execute, then the manifest and index (:func:`run_build`)."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from converters.batch.config import BuildConfig
from converters.batch.execute import ExecutorLost, _shielded, execute
from converters.batch.index import INDEX_NAME, index_bytes
from converters.batch.jobs import Built, Result, jobs_for
from converters.batch.manifest import MANIFEST_NAME, Artifact, manifest_bytes
from converters.batch.plan import Plan, Scan, Target, display_path, plan, scan
from converters.batch.store import Store, store_for
from converters.batch.work import store as store_result
from converters.errors import EXIT_BUG, EXIT_OK


@dataclass
class BuildReport:
    """The outcome of :func:`run_build`.

    Attributes:
        built: files written in this run.
        unchanged: targets left as they were.
        removed: files of the previous manifest deleted because they are no
            longer targets (source removed or failed), as paths relative to
            the output folder, in manifest order.
        failed: one result per failed job (``error`` says why).
        empty_patterns: source patterns that matched nothing.
        artifacts: the manifest's entries.
        seconds: wall-clock time of the whole build, in seconds.
    """

    built: list[Built] = field(default_factory=list)
    unchanged: list[Target] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[Result] = field(default_factory=list)
    empty_patterns: list[str] = field(default_factory=list)
    artifacts: list[Artifact] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 when nothing failed, else the worst failure's code (70 over 3 over 1)."""
        codes = [r.exit_code for r in self.failed]
        if not codes:
            return EXIT_OK
        return EXIT_BUG if EXIT_BUG in codes else max(codes)


def run_build(
    config: BuildConfig,
    *,
    workers: int | None = None,
    executor: Executor | None = None,
    force: bool = False,
    cwd: Path | None = None,
    on_plan: Callable[[Plan], None] | None = None,
    on_result: Callable[[Result], None] | None = None,
    scheduler: str | None = None,
) -> BuildReport:
    """Scan, plan, build the stale targets, then write ``manifest.json`` and ``index.html``.

    Without ``executor``, the jobs run on the Dask cluster at ``scheduler``
    (default: the config's; ``"local"`` starts one of ``workers`` processes,
    :func:`~converters.batch.cluster.dask_executor`), else in a local pool of
    ``workers`` processes (default: one per CPU) capped at the jobs to run and
    at available memory (:func:`converters.workers.pool_size`); a warning says
    when a cap lowered the number asked for.

    Targets that fail leave no manifest entry; files the previous manifest
    listed that are no longer targets (or failed) are removed, so the output
    folder always matches its manifest. On Ctrl-C (``KeyboardInterrupt``,
    re-raised) the manifest still records the files finished so far, and so it
    does when the executor goes away (a Dask scheduler lost: :class:`ExecutorLost`,
    re-raised), so the next build redoes only the rest.

    Raises:
        UsageError: a bad config (clashing outputs); Dask is needed but missing.
        OutputError: the output folder, manifest or index cannot be written.
        ClusterError: the scheduler cannot be reached (nothing was built).
        ExecutorLost: the scheduler went away during the build.
    """
    started = time.perf_counter()
    cwd = (cwd or Path.cwd()).resolve()
    store = store_for(config.output, config.output_url)
    found = scan(config, store)
    work = plan(config, found, force=force)
    if on_plan is not None:
        on_plan(work)
    store.prepare()
    report = BuildReport(unchanged=list(work.unchanged), empty_patterns=list(found.empty_patterns))
    results: list[Result] = []

    log = logging.getLogger("plainpress")

    def collect(result: Result) -> None:
        for level, message in result.notes:  # what the job logged, where it ran
            log.log(level, "%s", message)
        result = store_result(result, store.write)
        results.append(result)
        if on_result is not None:
            on_result(result)

    jobs = jobs_for(config, work.stale, cwd)
    scheduler = scheduler if scheduler is not None else config.scheduler
    with contextlib.ExitStack() as stack:
        window = None
        if executor is None and jobs and scheduler:
            from converters.batch.cluster import dask_executor

            cluster = stack.enter_context(dask_executor(scheduler, workers))
            executor, window = cluster, cluster.window
            log.info(
                "running on %s, %d workers; dashboard: %s",
                cluster.where,
                cluster.workers,
                cluster.dashboard or "none",
            )
        elif executor is None and jobs:
            from converters.workers import available_memory, pool_size

            pool = pool_size(workers, len(jobs), available_memory())
            if pool.note is not None:
                log.warning("%s", pool.note)
            workers = pool.workers
        try:
            execute(jobs, executor=executor, workers=workers, on_result=collect, window=window)
        except (KeyboardInterrupt, SystemExit, ExecutorLost):
            # Ctrl-C, SIGTERM turned into SystemExit by the CLI, or a scheduler
            # gone: record what is on disk now, so the folder matches its
            # manifest and the next build redoes only what was not finished.
            with _shielded():
                _finish(config, store, found, work, results, report, interrupted=True)
            raise
    _finish(config, store, found, work, results, report, interrupted=False)
    report.seconds = time.perf_counter() - started
    return report


def _finish(
    config: BuildConfig,
    store: Store,
    found: Scan,
    work: Plan,
    results: Sequence[Result],
    report: BuildReport,
    *,
    interrupted: bool,
) -> None:
    """Fill ``report``, remove outputs that are no longer targets, write the index, the
    feeds (:mod:`converters.feeds`) and the manifest, last."""
    fresh: dict[str, tuple[Built, Result]] = {}
    for result in results:
        if result.error is not None:
            report.failed.append(result)
        for built in result.built:
            fresh[built.path] = (built, result)
            report.built.append(built)
    if interrupted:
        store.remove_partial(t.path for t in work.targets)
    artifacts = []
    for target in work.targets:
        rel_sources = [display_path(s, config.base) for s in target.sources]
        before = found.previous.get(target.path)
        if interrupted:
            entry = _as_found(config, store, target, fresh.get(target.path), before)
            if entry is None:
                continue
            title, date, size, sha, key = entry
        elif target.path in fresh:
            built, result = fresh[target.path]
            title, size, sha, key = result.title, built.size, built.sha256, target.key
            date = {"text": result.date[0], "iso": result.date[1]} if result.date else None
        elif target in work.unchanged and before is not None:
            title, date, size, sha, key = (
                before.get("title"),
                before.get("date"),
                int(before["size"]),
                str(before["sha256"]),
                target.key,
            )
        else:
            continue
        # The article's (or book's) language, for lang/dir in the index.
        language = fresh[target.path][1].language if target.path in fresh else (before or {}).get("language")
        artifacts.append(
            Artifact(
                path=target.path,
                format=target.fmt,
                kind=target.kind,
                source=rel_sources[0] if target.kind == "article" else None,
                sources=rel_sources if target.kind == "collection" else None,
                title=title,
                date=date,
                size=size,
                sha256=sha,
                key=key,
                language=language,
            )
        )
        artifacts.extend(_parts(target, artifacts[-1], fresh, found.previous, store, interrupted=interrupted))
    kept = {a.path for a in artifacts}
    for rel in found.previous:
        if rel not in kept and rel not in (MANIFEST_NAME, INDEX_NAME) and store.remove(rel):
            report.removed.append(rel)
    report.artifacts = artifacts
    listed = [a for a in artifacts if a.part_of is None]  # a web edition once, by its index.html
    store.write_if_changed(INDEX_NAME, index_bytes(config, listed))
    from converters.feeds import write_feeds  # feed.atom and opds.xml, from the manifest's entries

    write_feeds(
        config.title,
        config.read.language or "en",
        [a.to_dict() for a in listed],
        store.read,
        store.write_if_changed,
    )
    store.write_if_changed(MANIFEST_NAME, manifest_bytes(artifacts))  # last: it lists what is there


def _parts(
    target: Target,
    head: Artifact,
    fresh: Mapping[str, tuple[Built, Result]],
    previous: Mapping[str, Mapping[str, Any]],
    store: Store,
    *,
    interrupted: bool,
) -> list[Artifact]:
    """The manifest entries of a web edition's files besides its ``index.html``
    (``head``): those this run wrote, else those of the previous manifest."""
    if target.fmt != "web" or head.path != target.path:
        return []
    folder = target.path.rsplit("/", 1)[0] + "/"
    built = fresh.get(target.path)
    if built is not None and head.key == target.key:
        files = [b for b in built[1].built if b.path != target.path and b.path.startswith(folder)]
        found = [(b.path, b.size, b.sha256) for b in files]
    else:
        found = [
            (path, int(entry["size"]), str(entry["sha256"]))
            for path, entry in previous.items()
            if entry.get("part_of") == target.path
        ]
    if interrupted:  # only what is there now
        found = [(p, size, sha) for p, size, sha in found if store.digest(p, [(sha, size)]) == (sha, size)]
    return [
        replace(head, path=path, size=size, sha256=sha, part_of=target.path)
        for path, size, sha in sorted(found)
    ]


_Entry = tuple[str | None, dict[str, str] | None, int, str, str]


def _as_found(
    config: BuildConfig,
    store: Store,
    target: Target,
    fresh: tuple[Built, Result] | None,
    before: Mapping[str, Any] | None,
) -> _Entry | None:
    """After an interruption, the manifest entry for what ``target``'s file holds now.

    ``(title, date, size, sha256, key)``, hashed from the file itself: the new
    key when it is the file this run built, the previous entry's key when it
    is the previous build's file, and ``""`` (rebuilt next time) when a worker
    wrote it but was stopped before reporting it. ``None`` when there is no file.
    """
    expected = [(fresh[0].sha256, fresh[0].size)] if fresh is not None else []
    if before is not None and "sha256" in before and "size" in before:
        expected.append((str(before["sha256"]), int(before["size"])))
    found = store.digest(target.path, expected)
    if found is None:
        return None
    sha, size = found
    if fresh is not None:
        built, result = fresh
        date = {"text": result.date[0], "iso": result.date[1]} if result.date else None
        if built.sha256 == sha:
            return result.title, date, size, sha, target.key
    if before is not None and before.get("sha256") == sha:
        return before.get("title"), before.get("date"), size, sha, str(before.get("key", ""))
    title = before.get("title") if before is not None else None
    if title is None and target.collection is not None:
        title = config.collections[target.collection].spec.title
    return title, before.get("date") if before is not None else None, size, sha, ""
