"""What trends read: per completed session the labels and figures from the insights row, and
the stored vectors of its commitments and of what it reports done (search_entries), so no
text is embedded at read time."""

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from insights.adapters.embeddings import from_bytes
from insights.adapters.postgres.tables import insights, search_entries
from insights.domain.trends import SessionFacts

c, e = insights.c, search_entries.c
DONE_SECTIONS = ("celebration", "goal_progress")
# quotes that are plans or the coach's words are no report of anything done
NOT_REPORTS = ("action_items", "intention", "coach_feedback")


def _emotions(shifts: list[dict] | None) -> tuple[str | None, str | None]:
    if not shifts:
        return None, None
    return shifts[0].get("initial_state") or None, shifts[-1].get("final_state") or None


async def session_facts(session: AsyncSession, where: list, limit: int) -> list[SessionFacts]:
    rows = (await session.execute(
        select(c.id, c.sort_at, c.session_title, c.client_talk_share, c.open_question_ratio,
               c.content["overall_session_quality"].astext.label("quality"),
               c.content["key_themes"].label("themes"), c.content["values_beliefs"].label("values"),
               c.content["emotional_shifts"].label("shifts"), c.content["action_items"].label("actions"))
        .where(*where, c.status == "completed").order_by(c.sort_at.desc()).limit(limit))).mappings().all()
    if not rows:
        return []
    entries = (await session.execute(
        select(e.insight_id, e.section, e.item, e.kind, e.text, e.embedding)
        .where(e.insight_id.in_([r["id"] for r in rows]),
               (e.kind == "claim") & e.section.in_(("action_items", *DONE_SECTIONS))
               | (e.kind == "quote") & e.section.not_in(NOT_REPORTS))
        .order_by(e.insight_id, e.position))).mappings().all()
    commitments: dict[str, dict[int, bytes]] = defaultdict(dict)
    done: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
    for entry in entries:
        if entry["section"] == "action_items":
            commitments[entry["insight_id"]][entry["item"]] = entry["embedding"]
        else:
            done[entry["insight_id"]].append((entry["text"], entry["embedding"]))
    facts = []
    for r in rows:
        actions = [a.get("action", "") for a in r["actions"] or []]
        kept = [n for n in range(len(actions)) if n in commitments[r["id"]]]
        start, end = _emotions(r["shifts"])
        facts.append(SessionFacts(
            insight_id=r["id"], session_date=r["sort_at"], session_title=r["session_title"], quality=r["quality"] or "",
            client_talk_share=r["client_talk_share"], open_question_ratio=r["open_question_ratio"],
            commitments=[actions[n] for n in kept],
            commitment_vectors=from_bytes([commitments[r["id"]][n] for n in kept]),
            done_statements=[t for t, _ in done[r["id"]]], done_vectors=from_bytes([b for _, b in done[r["id"]]]),
            themes=list(r["themes"] or []),
            values=[v.get("description", "") for v in r["values"] or [] if v.get("type") == "Core Value"],
            emotional_start=start, emotional_end=end))
    return facts



