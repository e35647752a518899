"""How many worker processes a service runs, and the metrics directory they share."""

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
