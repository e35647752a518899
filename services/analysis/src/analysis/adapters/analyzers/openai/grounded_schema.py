"""Grounded mode's answer: the contracts' structs with `evidence: list[str]` replaced by
`passages: list[int]` (numbers of candidate passages), built from the contracts so labels
and enums never drift. A powerful question's text is its first passage, so the model does
not write it. `to_insight` turns numbers back into verbatim quotes."""

import types
import typing
from typing import Any

import msgspec

from analysis.adapters.analyzers.openai.passages import Passage
from analysis.adapters.analyzers.openai.schema import AnswerFormat, LlmInsight

_OMIT = {"PowerfulQuestion": {"question"}}
_twins: dict[type, type] = {}


def _twin_type(tp: Any) -> Any:
    if isinstance(tp, type) and issubclass(tp, msgspec.Struct):
        return _twin(tp)
    origin = typing.get_origin(tp)
    if origin is list:
        return list[_twin_type(typing.get_args(tp)[0])]
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_twin_type(a) for a in typing.get_args(tp))]  # noqa: UP007
    return tp


def _twin(struct: type) -> type:
    if struct not in _twins:
        fields = []
        for f in msgspec.structs.fields(struct):
            if f.name in _OMIT.get(struct.__name__, ()):
                continue
            if f.name == "evidence":
                fields.insert(0, ("passages", list[int], []))  # first, so the model picks before it writes
            else:
                fields.append((f.name, _twin_type(f.type), *_lenient_default(f)))
        # Fields with defaults after required ones are fine: kw_only structs allow any order.
        _twins[struct] = msgspec.defstruct(struct.__name__, fields, frozen=True, kw_only=True)
    return _twins[struct]


def _lenient_default(field: msgspec.structs.FieldInfo) -> tuple:
    """The schema sent still requires every field; decoding forgives a missing list or
    nullable one, as servers that only approximate the schema (small local models) leave them out."""
    if field.default is not msgspec.NODEFAULT:
        return (field.default,)
    if typing.get_origin(field.type) is list:
        return ([],)
    if type(None) in typing.get_args(field.type):
        return (None,)
    return ()


GroundedInsight = _twin(LlmInsight)
GROUNDED_FORMAT = AnswerFormat.of(GroundedInsight, "grounded_insights")


def to_insight(answer: Any, passages: dict[int, Passage]) -> tuple[LlmInsight, int]:
    """The answer with passage numbers replaced by the passages' text, and how many numbers
    named no passage. A powerful question is its first passage."""
    invalid = 0

    def resolve(node: Any, struct: str | None = None) -> Any:
        nonlocal invalid
        if isinstance(node, list):
            return [resolve(item, struct) for item in node]
        if not isinstance(node, dict):
            return node
        out = {key: resolve(value, key) for key, value in node.items() if key != "passages"}
        if "passages" in node:
            known = [passages[n].text for n in dict.fromkeys(node["passages"]) if n in passages]
            invalid += len(set(node["passages"])) - len(known)
            out["evidence"] = known
            if struct == "powerful_questions":
                out["question"] = known[0] if known else ""
        return out

    plain = resolve(msgspec.to_builtins(answer))
    return msgspec.convert(plain, LlmInsight), invalid
