"""Builds on real Dask processes: byte-identical to a local build, and the faults (issue 12).

A ``dask scheduler`` and two ``dask worker`` processes are started on
localhost (and, in one test, a ``LocalCluster`` of processes through
``--scheduler local``); 20 articles are built in every format plus a
collection and compared with a local build, byte for byte, with
``SOURCE_DATE_EPOCH`` set where the build starts and another value set on
the workers. Slow: about a minute each on 2 cores.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from converters.batch import Result, load_config, run_build
from converters.batch.execute import ExecutorLost
from tests.test_build import run

pytestmark = pytest.mark.slow
distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "000_8f149b7cd9f3a7e5.txt").read_text(encoding="utf-8")
FORMATS = ["html", "epub", "pdf", "md", "docx", "odt"]
EPOCH = "1000000000"
#: The files a build writes beside its outputs, not listed in the manifest.
BESIDE = ("index.html", "feed.atom", "opds.xml", "manifest.json")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def dask_processes(
    logs: Path, workers: int = 2
) -> Iterator[tuple[str, subprocess.Popen[bytes], list[subprocess.Popen[bytes]]]]:
    """A ``dask scheduler`` and ``workers`` one-thread ``dask worker`` processes (no nanny,
    so a killed worker stays dead) on localhost; yields the address and the processes.
    The workers get another ``SOURCE_DATE_EPOCH`` than the build's, and this checkout first
    on their path."""
    logs.mkdir(parents=True, exist_ok=True)
    address = f"tcp://127.0.0.1:{_free_port()}"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    dask = [sys.executable, "-m", "dask"]
    started: list[subprocess.Popen[bytes]] = []

    def start(name: str, *args: str) -> subprocess.Popen[bytes]:
        with (logs / f"{name}.log").open("wb") as log:
            proc = subprocess.Popen([*dask, *args], env=env, stdout=log, stderr=subprocess.STDOUT)
        started.append(proc)
        return proc

    try:
        port = address.rsplit(":", 1)[1]
        scheduler = start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard")
        pool = [
            start(f"worker{i}", "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard")
            for i in range(workers)
        ]
        with distributed.Client(address, timeout=60, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=120)
        yield address, scheduler, pool
    finally:
        for proc in started:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            proc.wait()


def make_archive(root: Path, count: int = 20, formats: list[str] = FORMATS) -> Path:
    """``count`` articles (the seed's text, each with its own title) and a collection of them."""
    (root / "articles").mkdir(parents=True)
    for i in range(count):
        title, rest = SEED.split("\n", 1)
        (root / "articles" / f"a{i:02}.txt").write_text(f"{title}, part {i + 1}\n{rest}", encoding="utf-8")
    (root / "plainpress.toml").write_text(
        f'sources = ["articles/*.txt"]\nformats = {json.dumps(formats)}\n'
        '[[collections]]\ntitle = "Bolivia, in parts"\noutput = "bolivia.epub"\n',
        encoding="utf-8",
    )
    return root


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` by relative path, with its SHA-256."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def local_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The archive built by a local pool of 2 processes, with the build's epoch."""
    root = make_archive(tmp_path_factory.mktemp("local"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        report = run_build(load_config(cwd=root), workers=2, cwd=root)
    assert (len(report.built), report.failed) == (20 * len(FORMATS) + 1, [])
    return tree(root / "dist")


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the archive, built with the build's epoch set here."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return make_archive(tmp_path / "project")


def test_a_cluster_build_is_byte_identical_to_a_local_build(
    tmp_path: Path, archive: Path, local_build: dict[str, str]
) -> None:
    root = archive
    with dask_processes(tmp_path / "logs") as (address, _, _):
        code, out, err = run(root, "-q", "--scheduler", address)
    assert code == 0, err
    assert err.startswith(
        f"plainpress: note: running on the Dask scheduler at {address}, 2 workers; dashboard: "
    )
    assert out.startswith(f"built {20 * len(FORMATS) + 1}, unchanged 0, failed 0 in ")
    assert tree(root / "dist") == local_build
    assert len(local_build) == 20 * len(FORMATS) + 1 + len(BESIDE)  # and the index, feeds and manifest


def test_a_local_cluster_build_is_byte_identical_to_a_local_build(
    archive: Path, local_build: dict[str, str]
) -> None:
    root = archive
    toml = root / "plainpress.toml"
    toml.write_text('scheduler = "local"\n' + toml.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = run(root, "-q", "-j", "2")
    assert code == 0, err
    assert out.startswith(f"built {20 * len(FORMATS) + 1}, unchanged 0, failed 0 in ")
    assert err.startswith("plainpress: note: running on a local Dask cluster at tcp://127.0.0.1:")
    assert tree(root / "dist") == local_build


def test_a_worker_killed_mid_build_has_its_jobs_run_elsewhere(
    tmp_path: Path, archive: Path, local_build: dict[str, str]
) -> None:
    root = archive
    killed: list[int] = []
    with dask_processes(tmp_path / "logs") as (address, _, workers):

        def kill_one(result: Result) -> None:
            if not killed:  # the first result is in: the other jobs are queued or running
                workers[0].send_signal(signal.SIGKILL)
                killed.append(workers[0].wait(timeout=30))

        report = run_build(load_config(cwd=root), scheduler=address, cwd=root, on_result=kill_one)
    assert killed == [-signal.SIGKILL]
    assert (len(report.built), report.failed, report.exit_code) == (20 * len(FORMATS) + 1, [], 0)
    assert tree(root / "dist") == local_build


def test_a_lost_scheduler_stops_the_build_with_a_true_manifest(
    tmp_path: Path, archive: Path, local_build: dict[str, str]
) -> None:
    root = archive
    config = load_config(cwd=root)
    with dask_processes(tmp_path / "logs") as (address, scheduler, _):

        def kill_scheduler(result: Result) -> None:
            if scheduler.poll() is None:
                scheduler.send_signal(signal.SIGKILL)
                scheduler.wait(timeout=30)

        with pytest.raises(ExecutorLost) as lost:
            run_build(config, scheduler=address, cwd=root, on_result=kill_scheduler)
    assert lost.value.exit_code == 1
    assert lost.value.message == (
        f"the Dask scheduler at {address} went away; the files finished were kept and recorded, "
        "build again to do the rest"
    )
    dist = root / "dist"
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
    recorded = {a["path"]: a["sha256"] for a in manifest["artifacts"]}
    on_disk = tree(dist)
    assert recorded == {p: h for p, h in on_disk.items() if p not in BESIDE}
    assert 0 < len(recorded) < 20 * len(FORMATS) + 1
    assert all(local_build[p] == h for p, h in recorded.items())
    again = run_build(config, workers=2, cwd=root)  # the next build does the rest, locally
    assert sorted(b.path for b in again.built) == sorted(set(local_build) - set(recorded) - set(BESIDE))
    assert tree(dist) == local_build


def test_ctrl_c_on_a_local_cluster_is_as_on_one_machine(archive: Path) -> None:
    import time

    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p),
    }
    command = [
        sys.executable,
        "-c",
        "from converters.cli import main; main()",
        "build",
        "-q",
        "--scheduler",
        "local",
        "-j",
        "2",
    ]
    proc = subprocess.Popen(
        command,
        cwd=archive,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    dist = archive / "dist"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (dist.is_dir() and any(dist.glob("*.pdf"))):
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C in a terminal: the whole process group
    out, err = proc.communicate(timeout=120)
    assert (proc.returncode, out) == (130, "")
    lines = err.splitlines()
    assert lines[0].startswith("plainpress: note: running on a local Dask cluster at tcp://127.0.0.1:")
    assert lines[1:] == [
        "plainpress: error: interrupted; finished files were kept and recorded, no partial file was left"
    ]
    manifest = json.loads((dist / "manifest.json").read_text(encoding="utf-8"))
    on_disk = tree(dist)
    assert {a["path"]: a["sha256"] for a in manifest["artifacts"]} == {
        p: h for p, h in on_disk.items() if p not in BESIDE
    }
    assert 0 < len(manifest["artifacts"]) < 20 * len(FORMATS) + 1
