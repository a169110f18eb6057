"""``plainpress build --scheduler``: the choice of engine, its checks and its errors (issue 12, item 1)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from converters.batch import load_config
from tests.test_build import make_project, run


def test_a_bad_scheduler_is_a_usage_error(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    code, _, err = run(root, "--scheduler", "my cluster")
    assert code == 2
    assert err.splitlines()[-1] == (
        "Error: Invalid value for '--scheduler': 'my cluster' is not a Dask scheduler address "
        "(tcp://HOST:PORT) nor 'local'"
    )
    (root / "plainpress.toml").write_text('sources = ["articles/*.txt"]\nscheduler = "tcp://"\n')
    code, out, err = run(root)
    assert (code, out) == (2, "")
    assert err == (
        f"plainpress: error: {root / 'plainpress.toml'}: scheduler: 'tcp://' is not a Dask scheduler "
        "address (tcp://HOST:PORT) nor 'local'\n"
    )


@pytest.mark.parametrize(
    "value", ["local", "tcp://10.0.0.5:8786", "tls://sched.example.org:8786", "host:8786"]
)
def test_the_scheduler_key_is_read(tmp_path: Path, value: str) -> None:
    root = make_project(tmp_path, extra="")
    text = (root / "plainpress.toml").read_text()
    (root / "plainpress.toml").write_text(f'scheduler = "{value}"\n' + text)
    assert load_config(cwd=root).scheduler == value
    assert load_config(cwd=make_project(tmp_path / "other")).scheduler is None


def test_without_dask_the_error_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed raises ImportError
    root = make_project(tmp_path)
    code, out, err = run(root, "--scheduler", "local")
    assert (code, out, err) == (
        2,
        "",
        "plainpress: error: --scheduler needs Dask, which is not installed: pip install 'plainpress[dask]'\n",
    )
    assert not (root / "dist" / "alpha.html").exists()


def test_nothing_to_do_starts_no_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path)
    assert run(root, "-q")[0] == 0
    monkeypatch.setitem(sys.modules, "distributed", None)
    assert run(root, "--scheduler", "local") == (0, "nothing to do: 5 files unchanged in dist/\n", "")


def test_an_unreachable_scheduler_builds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    import socket

    from converters.batch import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1)
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = make_project(tmp_path)
    code, out, err = run(root, "-q", "--scheduler", f"tcp://127.0.0.1:{port}")
    assert (code, out) == (1, "")
    assert err == (
        f"plainpress: error: tcp://127.0.0.1:{port}: cannot reach the Dask scheduler: "
        f"Timed out trying to connect to tcp://127.0.0.1:{port} after 1 s\n"
    )
    assert sorted(p.name for p in (root / "dist").iterdir()) == []
