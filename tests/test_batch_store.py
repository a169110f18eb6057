"""Outputs on shared storage: fsspec URLs (issue 12, item 3), tested with ``memory://`` and ``file://``."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from converters.batch import load_config
from converters.errors import UsageError
from tests.test_build import make_project, run

fsspec = pytest.importorskip("fsspec")


def _project(root: Path, output: str) -> Path:
    make_project(root)
    toml = root / "plainpress.toml"
    toml.write_text(toml.read_text().replace('output = "dist"', f'output = "{output}"', 1))
    return root


def _memory(url: str) -> dict[str, bytes]:
    fs, path = fsspec.url_to_fs(url)
    return {name.removeprefix(path.rstrip("/") + "/"): fs.cat_file(name) for name in fs.find(path)}


def _local(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def local_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    root = make_project(tmp_path / "local")
    assert run(root, "-q")[0] == 0
    return _local(root / "dist")


def test_a_build_into_memory_matches_a_local_build(tmp_path: Path, local_build: dict[str, bytes]) -> None:
    url = f"memory://plainpress-{uuid.uuid4().hex}/site/dist"
    root = _project(tmp_path / "remote", url)
    code, out, err = run(root, "-q")
    assert (code, err) == (0, "")
    assert out.startswith("built 5, unchanged 0, failed 0 in ") and out.endswith(f" s -> {url}/\n")
    assert len(local_build) == 9  # 5 outputs, index.html, feed.atom, opds.xml, manifest.json
    assert _memory(url) == local_build
    assert not (root / "dist").exists()
    assert run(root) == (0, f"nothing to do: 5 files unchanged in {url}/\n", "")


def test_a_missing_or_resized_object_is_rebuilt(tmp_path: Path, local_build: dict[str, bytes]) -> None:
    url = f"memory://plainpress-{uuid.uuid4().hex}/dist"
    root = _project(tmp_path, url)
    assert run(root, "-q")[0] == 0
    fs, path = fsspec.url_to_fs(url)
    fs.rm_file(f"{path}/alpha.html")
    fs.pipe_file(f"{path}/beta.md", b"damaged")
    code, out, _ = run(root, "-v")
    assert code == 0
    assert sorted(line for line in out.splitlines() if line.startswith("built ") and " in " not in line) == [
        "built alpha.html",
        "built beta.md",
    ]
    assert _memory(url) == local_build


def test_the_manifest_is_written_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, local_build: dict[str, bytes]
) -> None:
    from converters.batch.store import FsspecStore

    url = f"memory://plainpress-{uuid.uuid4().hex}/dist"
    root = _project(tmp_path / "remote", url)
    order: list[str] = []
    real = FsspecStore.write

    def write(self: FsspecStore, rel: str, data: bytes) -> None:
        order.append(rel)
        real(self, rel, data)

    monkeypatch.setattr(FsspecStore, "write", write)
    assert run(root, "-q")[0] == 0
    assert sorted(order) == sorted(local_build)
    assert order[-4:] == ["index.html", "feed.atom", "opds.xml", "manifest.json"]
    manifest = json.loads(_memory(url)["manifest.json"])
    assert sorted(a["path"] for a in manifest["artifacts"]) == [
        "alpha.html",
        "alpha.md",
        "beta.html",
        "beta.md",
        "labour-notes.epub",
    ]


def test_a_file_url_is_a_folder(tmp_path: Path, local_build: dict[str, bytes]) -> None:
    target = tmp_path / "served" / "my site"
    root = _project(tmp_path / "project", target.as_uri())
    assert load_config(cwd=root).output == target
    assert load_config(cwd=root).output_url is None
    assert run(root, "-q")[0] == 0
    assert _local(target) == local_build


def test_a_relative_file_url_is_refused(tmp_path: Path) -> None:
    root = _project(tmp_path, "file://dist")
    with pytest.raises(UsageError, match=r"output 'file://dist': a file:// URL needs an absolute path"):
        load_config(cwd=root)
    code, _, err = run(root)
    assert code == 2
    assert err.endswith("a file:// URL needs an absolute path (file:///srv/dist)\n")


def test_an_unknown_scheme_is_an_output_error(tmp_path: Path) -> None:
    root = _project(tmp_path, "nosuchscheme://bucket/dist")
    code, out, err = run(root)
    assert (code, out) == (3, "")
    assert err.startswith("plainpress: error: nosuchscheme://bucket/dist: cannot open this output URL: ")
    assert err.count("\n") == 1


@pytest.fixture
def s3_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A local S3-compatible server (moto's, from PyPI) and a fresh bucket; yields its s3:// URL."""
    try:
        import s3fs  # noqa: F401
        from moto.server import ThreadedMotoServer
    except ImportError:
        pytest.skip(
            "no local S3 server: moto[server] and s3fs are not installed (pip install 'moto[server]' s3fs)"
        )
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    for key, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL_S3": f"http://127.0.0.1:{port}",
    }.items():
        monkeypatch.setenv(key, value)
    bucket = f"plainpress-{uuid.uuid4().hex[:12]}"
    fs = fsspec.filesystem("s3", skip_instance_cache=True)
    fs.mkdir(bucket)
    yield f"s3://{bucket}/site/dist"
    server.stop()


def test_a_build_into_a_local_s3_server_matches_a_local_build(
    tmp_path: Path, s3_server: str, local_build: dict[str, bytes]
) -> None:
    root = _project(tmp_path / "remote", s3_server)
    code, out, err = run(root, "-q")
    assert (code, err) == (0, "")
    assert out.endswith(f" s -> {s3_server}/\n")
    fs = fsspec.filesystem("s3", skip_instance_cache=True)
    prefix = s3_server.removeprefix("s3://")
    stored = {name.removeprefix(prefix + "/"): fs.cat_file(name) for name in fs.find(prefix)}
    assert stored == local_build
    assert run(root) == (0, f"nothing to do: 5 files unchanged in {s3_server}/\n", "")
