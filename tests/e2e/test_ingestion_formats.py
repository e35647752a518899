"""Every accepted file format through the gateway, and the damaged ones refused with their
code."""

import asyncio
import io
import json
import zipfile
from pathlib import Path

import asyncpg
import httpx

API = "/api/v1/session-insights"
CLIENT = "client-fay"  # this module's own: other modules on the shared system count their users' insights
LINES = [("Maya", "What would you like to focus on in our session today?"),
         ("Alice", "I want to finish the hiring plan by Friday and talk to my manager about it."),
         ("Maya", "What would make that conversation feel like a success for you?"),
         ("Alice", "If I left with a clear yes or no on the budget, I would feel relieved and ready.")]


def vtt() -> bytes:
    cues = [f"00:00:{i * 5:02d}.000 --> 00:00:{i * 5 + 4:02d}.000\n<v {who}>{text}" for i, (who, text) in
            enumerate(LINES)]
    return ("WEBVTT\n\n" + "\n\n".join(cues) + "\n").encode()


def srt() -> bytes:
    cues = [f"{i + 1}\n00:00:{i * 5:02d},000 --> 00:00:{i * 5 + 4:02d},000\n{who}: {text}" for i, (who, text) in
            enumerate(LINES)]
    return ("\n\n".join(cues) + "\n").encode()


def html() -> bytes:
    return ("<html><body>" + "".join(f"<p>{who}: {text}</p>" for who, text in LINES) + "</body></html>").encode()


def docx() -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for who, text in LINES:
        document.add_paragraph(f"{who}: {text}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf(password: str | None = None) -> bytes:
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=11)
    for who, text in LINES:
        document.multi_cell(0, 8, f"{who}: {text}", new_x="LMARGIN", new_y="NEXT")
    data = bytes(document.output())
    if password is None:
        return data
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b" " * 80_000_000 + b"</w:document>")
    return out.getvalue()


GOOD = [("session.vtt", vtt, "vtt"), ("session.srt", srt, "srt"), ("session.html", html, "html"),
        ("session.docx", docx, "docx"), ("session.pdf", pdf, "pdf")]
BAD = [("damaged.docx", lambda: b"PK\x03\x04" + b"\x00garbage" * 100, 422, "corrupt_file"),
       ("locked.pdf", lambda: pdf(password="s3cret"), 422, "encrypted_file"),
       ("bomb.docx", zip_bomb_docx, 422, "archive_too_large"),
       ("really-a-pdf.docx", pdf, 415, "content_mismatch")]


async def test_each_format_is_read_and_each_damaged_file_refused(system):
    fay = system.headers(CLIENT)
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=60) as client:
        created = {}
        for name, make, source_format in GOOD:
            response = await client.post(f"{API}/unpaired", headers=fay, files={"transcript_file": (name, make())})
            assert response.status_code == 202, (name, response.text)
            created[response.json()["id"]] = source_format
        for name, make, status, code in BAD:
            response = await client.post(f"{API}/unpaired", headers=fay, files={"transcript_file": (name, make())})
            assert (response.status_code, response.json().get("code")) == (status, code), (name, response.text)
        for insight_id in created:
            for _ in range(300):
                detail = (await client.get(f"{API}/{insight_id}", headers=fay)).json()
                if detail["status"] in ("completed", "failed"):
                    break
                await asyncio.sleep(0.1)
            assert detail["status"] == "completed", detail

    conn = await asyncpg.connect(system.database_url.replace("+asyncpg", ""))
    try:
        rows = await conn.fetch("select id, source_format from ingestion.transcripts where id = any($1)", list(created))
    finally:
        await conn.close()
    assert {r["id"]: r["source_format"] for r in rows} == created


SAMPLES = Path(__file__).parents[2] / "samples"
# every sample we ship: (turns, {speaker: role}) as a coach reading it would mark them
EXPECTED = {
    "credentialing-session.docx": (16, {"Coach": "coach", "Client": "client"}),
    "follow-up-session.txt": (12, {"Maya": "coach", "Daniel": "client"}),
    "leadership-session.txt": (28, {"Maya": "coach", "Daniel": "client"}),
    "long-session-60min.txt": (211, {"Elena": "coach", "Marcus": "client"}),
    "otter-export.txt": (13, {"Rachel Adeyemi": "coach", "Chris Lindqvist": "client"}),
    "session.html": (10, {"Coach": "coach", "Client": "client"}),
    "session.pdf": (11, {"Coach": "coach", "Client": "client"}),
    "session.srt": (11, {"Coach": "coach", "Client": "client"}),
    "teams-export.docx": (12, {"Hannah Brooks": "coach", "Leo Martins": "client"}),
    "teams-session.vtt": (11, {"Priya Natarajan": "coach", "Tom Whitaker": "client"}),
    "zoom-session.vtt": (15, {"Maya Chen": "coach", "Jordan Reyes": "client"}),
}


async def test_every_sample_completes_with_its_speakers_and_roles_right(system):
    shipped = {p.name for p in SAMPLES.iterdir() if p.suffix != ".py"}
    assert shipped == set(EXPECTED), "a sample without expectations (or the reverse)"
    fay = system.headers(CLIENT)
    async with httpx.AsyncClient(base_url=system.gateway_url, timeout=120) as client:
        ids = {}
        for name in sorted(EXPECTED):
            response = await client.post(f"{API}/unpaired", headers=fay,
                                         files={"transcript_file": (name, (SAMPLES / name).read_bytes())})
            assert response.status_code == 202, (name, response.text)
            ids[response.json()["id"]] = name
        for insight_id, name in ids.items():
            for _ in range(600):
                detail = (await client.get(f"{API}/{insight_id}", headers=fay)).json()
                if detail["status"] in ("completed", "failed"):
                    break
                await asyncio.sleep(0.1)
            assert detail["status"] == "completed", (name, detail.get("processing_error"))
            assert detail["session_summary"] and detail["coaching_presence"], name

    conn = await asyncpg.connect(system.database_url.replace("+asyncpg", ""))
    try:
        rows = await conn.fetch("select id, transcript from ingestion.transcripts where id = any($1)", list(ids))
    finally:
        await conn.close()
    for row in rows:
        transcript = json.loads(row["transcript"])
        turns, roles = EXPECTED[ids[row["id"]]]
        assert len(transcript["turns"]) == turns, ids[row["id"]]
        assert {s["speaker"]: s["role"] for s in transcript["speakers"]} == roles, ids[row["id"]]
        assert all(t["role"] == roles[t["speaker"]] for t in transcript["turns"]), ids[row["id"]]
