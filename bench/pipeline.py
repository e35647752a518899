"""Upload -> completed latency through the whole running system (gateway, ingestion,
NATS, analysis, insights), for a ~1,000-word and a ~9,000-word transcript.

Starts its own nats-server and Postgres in temp dirs and the five services as processes.
Prints `name: value unit` lines.
"""

import statistics
import time
from pathlib import Path

import httpx
from devstack.testing import standalone_system

ROOT = Path(__file__).resolve().parents[1]
API = "/api/v1/session-insights"


def transcript_of(words: int) -> str:
    """Whole sessions from samples/, in order, until the word count is reached."""
    sources = [ROOT / "samples" / "long-session-60min.txt", ROOT / "samples" / "leadership-session.txt"]
    lines = [line for path in sources if path.exists() for line in path.read_text().splitlines() if line.strip()]
    out, count, i = [], 0, 0
    while count < words:
        line = lines[i % len(lines)]
        out.append(line)
        count += len(line.split())
        i += 1
    return "\n".join(out)


def measure(client: httpx.Client, headers: dict, text: str, runs: int) -> list[float]:
    latencies = []
    for _ in range(runs):
        start = time.perf_counter()
        insight_id = client.post(f"{API}/unpaired/from-text", headers=headers,
                                 json={"transcript_text": text}).json()["id"]
        while client.get(f"{API}/{insight_id}", headers=headers).json()["status"] not in ("completed", "failed"):
            time.sleep(0.01)
        latencies.append(time.perf_counter() - start)
    return latencies


def main() -> None:
    with standalone_system() as system:
        started = time.perf_counter()
        system.start()
        print(f"system_start: {time.perf_counter() - started:.1f} s")
        headers = system.headers("bench-user")
        with httpx.Client(base_url=system.gateway_url, timeout=30) as client:
            measure(client, headers, transcript_of(300), 2)  # warm-up: first analysis loads lexicons
            for words in (1000, 9000):
                text = transcript_of(words)
                latencies = measure(client, headers, text, 10)
                print(f"upload_to_completed_{words}_words_p50: {statistics.median(latencies) * 1000:.0f} ms")
                print(f"upload_to_completed_{words}_words_max: {max(latencies) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
