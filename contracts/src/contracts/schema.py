"""`python -m contracts.schema OUT.json`: the JSON Schema of every event, for other teams."""

import sys
from pathlib import Path

import msgspec

from contracts.catalog import SUBJECT_OF


def events_schema() -> dict:
    types = list(SUBJECT_OF)
    schemas, components = msgspec.json.schema_components(types, ref_template="#/$defs/{name}")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Session Insights events",
        "subjects": {
            subject: schema for subject, schema in zip(SUBJECT_OF.values(), schemas, strict=True)
        },
        "$defs": components,
    }


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "contracts/events.schema.json")
    out.write_bytes(msgspec.json.format(msgspec.json.encode(events_schema()), indent=2))
    print(f"wrote {out} ({len(SUBJECT_OF)} events)")


if __name__ == "__main__":
    main()
