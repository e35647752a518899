"""`just reanalyze INSIGHT_ID`: ask the analysis service to re-run one insight's analysis.

Reads ANALYSIS_OPERATOR_TOKEN (as the service has it) and ANALYSIS_URL, else
http://127.0.0.1:$ANALYSIS_PORT (8002)."""

import json
import os
import sys

import httpx


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m analysis.reanalyze INSIGHT_ID", file=sys.stderr)
        return 2
    base = os.environ.get("ANALYSIS_URL") or f"http://127.0.0.1:{os.environ.get('ANALYSIS_PORT', '8002')}"
    token = os.environ.get("ANALYSIS_OPERATOR_TOKEN", "")
    try:
        response = httpx.post(f"{base}/internal/v1/analyses/{argv[0]}/rerun",
                              headers={"Authorization": f"Bearer {token}"}, timeout=900)
    except httpx.HTTPError as exc:
        print(f"reanalyze: the analysis service at {base} is not reachable ({exc}); is `just up` running?",
              file=sys.stderr)
        return 1
    try:
        body = response.json()
    except ValueError:
        body = {"detail": response.text[:200]}
    if response.status_code != 200:
        print(f"reanalyze: {body.get('code', response.status_code)}: {body.get('detail', '')}", file=sys.stderr)
        return 1
    print(json.dumps(body, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
