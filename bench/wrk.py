"""Closed-loop HTTP load from outside the Python process: wrk (C, epoll, keep-alive), N
connections over as many threads as cores, each request drawn from a list of (path,
Authorization) pairs so every connection reads as many users as the list holds.

`just bench` installs wrk (Debian's package) when it is missing."""

import json
import os
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SCRIPT = r"""
local requests = {}
local next_one = 1
local threads = 0
setup = function(thread)
  thread:set("thread_number", threads)
  threads = threads + 1
end
init = function(args)
  for line in io.lines(args[1]) do
    local path, auth = line:match("^([^\t]*)\t?(.*)$")
    local headers = {}
    if auth ~= "" then headers["Authorization"] = auth end
    requests[#requests + 1] = wrk.format("GET", path, headers)
  end
  -- each thread its own start: threads started in the same instant would otherwise walk the list in step
  math.randomseed(os.time() + math.floor(os.clock() * 1000000) + 7919 * thread_number)
  next_one = math.random(#requests)
end
request = function()
  next_one = next_one % #requests + 1
  return requests[next_one]
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "status_errors": %d, "socket_errors": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


@dataclass(frozen=True)
class WrkResult:
    requests: int
    seconds: float
    status_errors: int  # answers other than 2xx/3xx
    socket_errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds


def wrk_binary() -> str:
    found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is not installed: `apt-get install wrk` (the `just bench` recipe does it)")
    return found


def run_wrk(base_url: str, requests: list[tuple[str, str]], connections: int = 32, seconds: float = 5.0,
            threads: int | None = None) -> WrkResult:
    """`requests`: (path with query, Authorization header or "") pairs, used round-robin from a
    random start per thread."""
    shuffled = list(requests)
    random.Random(1).shuffle(shuffled)
    with tempfile.TemporaryDirectory(prefix="si-wrk-") as folder:
        listing, script = Path(folder) / "requests.tsv", Path(folder) / "requests.lua"
        listing.write_text("".join(f"{path}\t{auth}\n" for path, auth in shuffled))
        script.write_text(SCRIPT)
        threads = threads or min(connections, os.cpu_count() or 1)
        out = subprocess.run([wrk_binary(), f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s",
                              "-s", str(script), base_url, "--", str(listing)],
                             capture_output=True, text=True, timeout=seconds + 60, check=True).stdout
    line = next((line for line in out.splitlines() if line.startswith("WRK_JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no summary:\n{out}")
    found = json.loads(line.removeprefix("WRK_JSON "))
    return WrkResult(requests=found["requests"], seconds=found["duration_us"] / 1e6,
                     status_errors=found["status_errors"], socket_errors=found["socket_errors"],
                     p50_ms=found["p50_us"] / 1000, p95_ms=found["p95_us"] / 1000, p99_ms=found["p99_us"] / 1000)
