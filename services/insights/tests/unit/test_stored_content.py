"""Content stored before labels were enums still reads: a label in another case is matched,
a claim whose label fits no value is left out, and the rest of the insight is kept."""

import msgspec
import pytest
from insights.adapters.postgres.content import stored_content

from .test_coach_feedback import BEFORE, WITH_FEEDBACK


def test_current_content_reads_unchanged():
    assert stored_content(msgspec.to_builtins(WITH_FEEDBACK)) == WITH_FEEDBACK


def test_labels_from_before_the_enums_are_matched_or_their_claim_left_out():
    raw = msgspec.to_builtins(BEFORE)
    raw["overall_session_quality"] = "needs improvement"
    raw["action_items"][0]["client_commitment_level"] = "high"
    raw["action_items"].append({"action": "Walk daily", "client_commitment_level": "Medium-High"})
    raw["communication_patterns"] = {"processing_style": "Verbal", "expression_patterns": [],
                                     "communication_preferences": []}
    read = stored_content(raw)
    assert read.overall_session_quality == "Needs Improvement"
    assert [(a.action, a.client_commitment_level) for a in read.action_items] == [("Block Friday afternoons", "High")]
    assert read.communication_patterns is None and read.emotional_shifts == BEFORE.emotional_shifts


def test_content_that_cannot_be_repaired_still_fails_loudly():
    raw = msgspec.to_builtins(BEFORE)
    raw["overall_session_quality"] = "Superb"
    with pytest.raises(msgspec.ValidationError):
        stored_content(raw)
