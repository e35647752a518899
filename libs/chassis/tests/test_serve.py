"""How many worker processes a service runs, the metrics directory they share, and how long an idle
connection stays open."""

import http.client
import socket
import subprocess
import sys
import time

import pytest
from chassis.serve import default_workers, prepare_multiprocess_metrics, workers_from_env


@pytest.mark.parametrize(("cpus", "workers"), [(1, 1), (2, 1), (4, 2), (8, 4), (64, 4)])
def test_without_web_concurrency_the_machine_decides(cpus, workers):
    assert default_workers(cpus) == workers
    assert workers_from_env({}, cpus) == workers


def test_web_concurrency_wins_over_the_default():
    assert workers_from_env({"WEB_CONCURRENCY": "3"}, cpus=2) == 3


@pytest.mark.parametrize("value", ["two", "0", "-1"])
def test_a_bad_web_concurrency_stops_the_start_with_a_one_line_reason(value):
    with pytest.raises(SystemExit, match="WEB_CONCURRENCY"):
        workers_from_env({"WEB_CONCURRENCY": value})


def test_counts_of_a_previous_run_are_not_added_in(tmp_path, monkeypatch):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    (tmp_path / "counter_123.db").write_bytes(b"old")
    assert prepare_multiprocess_metrics() == tmp_path
    assert list(tmp_path.iterdir()) == []


APP = """
import sys
from litestar import Litestar, get
from chassis.serve import serve

@get("/", sync_to_thread=False)
def hello() -> str:
    return "hello"

serve(Litestar([hello]), "127.0.0.1", int(sys.argv[1]))
"""


def _hello(conn: http.client.HTTPConnection) -> bool:
    conn.request("GET", "/")
    answer = conn.getresponse()
    return (answer.status, answer.read()) == (200, b"hello")


def test_a_connection_idle_longer_than_a_clients_own_keep_alive_is_still_served():
    # httpx keeps an idle connection 5 s; were the server to close at the same time, a request sent at that
    # moment would meet a dropped connection. Idle 6 s, the same connection still answers.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-c", APP, str(port)])
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                conn.connect()
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        first = conn.sock
        assert _hello(conn)
        time.sleep(6)
        assert _hello(conn)
        assert conn.sock is first  # one connection throughout
    finally:
        conn.close()
        server.terminate()
        server.wait(timeout=10)
