"""Fault campaign (`just chaos`): N uploads (paired and unpaired, pasted text and files) through
the gateway while every service is killed with SIGKILL twice at random moments and nats-server
and Postgres are restarted once each; then every accepted upload must be `completed` or `failed`
with a reason, none stuck, no event consumed twice, every deletion and revocation applied.

Starts its own nats-server and Postgres in temp dirs and the five services as processes.
Prints `name: value unit` lines; exits 1 when a check fails. The campaign itself is
`devstack.chaos` (tests/e2e/test_chaos.py runs it at 100 uploads)."""

import argparse
import sys
import time

from devstack.chaos import as_json, run_campaign, standalone


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100_000)
    parser.add_argument("--window", type=float, default=None, help="seconds the uploads (and faults) are spread over")
    parser.add_argument("--concurrency", type=int, default=8, help="uploads in flight at once")
    parser.add_argument("--json", help="also write the full report (every fault, every problem) here")
    args = parser.parse_args()
    print(f"chaos_seed: {args.seed}", flush=True)
    started = time.monotonic()
    with standalone() as (system, nats_server, postgres):
        print(f"system_start: {time.monotonic() - started:.1f} s (logs in {system.logs})", flush=True)
        report = run_campaign(system, nats_server, postgres, args.uploads, args.seed, window=args.window,
                              concurrency=args.concurrency, drain_timeout=900, progress=True)
        for line in report.lines():
            print(line, flush=True)
        if args.json:
            with open(args.json, "w") as out:
                out.write(as_json(report))
        if not report.ok():
            print(f"logs: {system.logs}")
    print(f"chaos_total: {time.monotonic() - started:.1f} s")
    sys.exit(0 if report.ok() else 1)


if __name__ == "__main__":
    main()
