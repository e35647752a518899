"""Reading the content column. Insights stored before the labels became enums may hold a label
outside them (an LLM's "moderate" for "Moderate"): such a label is matched ignoring case, and
a claim whose label still fits no value is left out, so the insight reads rather than fails."""

import logging
import re
import typing
from typing import Any

import msgspec

from contracts import insight as contract

log = logging.getLogger(__name__)
LABELS = {value.casefold(): value for alias in vars(contract).values() if typing.get_origin(alias) is typing.Literal
          for value in typing.get_args(alias) if isinstance(value, str)}
AT = re.compile(r"- at `\$((?:\.\w+|\[\d+\])+)`$")
MAX_REPAIRS = 100


def stored_content(raw: dict[str, Any]) -> contract.InsightContent:
    raw = msgspec.json.decode(msgspec.json.encode(raw))  # a copy to repair
    for _ in range(MAX_REPAIRS):
        try:
            return msgspec.convert(raw, contract.InsightContent)
        except msgspec.ValidationError as error:
            found = AT.search(str(error))
            if found is None or not repair(raw, re.findall(r"\.(\w+)|\[(\d+)\]", found.group(1))):
                raise
            log.warning("stored insight content repaired: %s", error)
    return msgspec.convert(raw, contract.InsightContent)


def repair(raw: dict, steps: list[tuple[str, str]]) -> bool:
    path: list[str | int] = [int(index) if index else key for key, index in steps]
    parent: Any = raw
    for step in path[:-1]:
        parent = parent[step]
    value = parent[path[-1]]
    if isinstance(value, str) and value.casefold() in LABELS and LABELS[value.casefold()] != value:
        parent[path[-1]] = LABELS[value.casefold()]
        return True
    return drop_claim(raw, path)


def drop_claim(raw: dict, path: list[str | int]) -> bool:
    """The innermost list item holding the bad value, or else the optional section."""
    indexes = [i for i, step in enumerate(path) if isinstance(step, int)]
    if indexes:
        container: Any = raw
        for step in path[:indexes[-1]]:
            container = container[step]
        del container[path[indexes[-1]]]
        return True
    if len(path) >= 2 and path[0] in SINGLE_SECTIONS:
        raw[path[0]] = None
        return True
    return False


SINGLE_SECTIONS = {"celebration", "intention", "coaching_presence", "communication_patterns", "coach_feedback"}
