"""`just bench-ingest`: extraction throughput and peak RSS per format (1 MB and 10 MB), then
upload latency p50/p95 at 8 concurrent clients through the running system. Each part runs
in its own process (peak RSS must not mix); prints `name: value unit` lines."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent

if __name__ == "__main__":
    codes = [subprocess.call([sys.executable, str(HERE / script), *sys.argv[1:]])
             for script in ("ingest_extraction.py", "ingest_http.py")]
    sys.exit(max(codes))
