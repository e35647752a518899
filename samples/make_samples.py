"""Rebuild the generated samples: the two .docx files, session.pdf and long-session-60min.txt.

    uv run --with fpdf2 python samples/make_samples.py

fpdf2 is only needed here (no service uses it), hence `--with`. The outputs are committed;
rerunning gives the same text (docx/pdf bytes differ only in embedded timestamps).
"""

import datetime
from pathlib import Path

import docx
from docx.shared import Pt
from fpdf import FPDF
from long_session_exchanges import long_session_lines

HERE = Path(__file__).parent

CREDENTIALING = [
    ("Coach", "Thanks for agreeing to record this session for my credentialing. Before we start, what would "
              "you like to focus on today?"),
    ("Client", "My return to work after parental leave. I go back in three weeks and I'm anxious about "
               "whether I still fit in the team."),
    ("Coach", "And what would make this conversation worthwhile for you?"),
    ("Client", "Leaving with a plan for the first month, so it feels like something I'm steering rather "
               "than something happening to me."),
    ("Coach", "Steering rather than being steered. What does \"fitting in\" mean to you right now?"),
    ("Client", "Knowing what's changed. There's a new manager, two people left, and the project I led was "
               "handed over."),
    ("Client", "I don't even know who's running it now."),
    ("Coach", "There's a lot of change, and you're noticing how much you don't know yet. What do you know "
              "about how you've handled change before?"),
    ("Client", "When I moved cities, I asked people out for coffee in the first week, one a day. It worked. "
               "Oh. I could just do that again."),
    ("Coach", "You're smiling as you say it. What makes it feel possible?"),
    ("Client", "It's small, and it's in my hands. I don't need anyone's permission to have coffee."),
    ("Coach", "What would you like your first week to include?"),
    ("Client", "A one-to-one with the new manager on day one, and coffee with whoever has my old project by "
               "Wednesday. I'll email both of them this Friday to book it."),
    ("Coach", "And what support would help you keep to that?"),
    ("Client", "My partner can take the school run on Monday and Wednesday, so I can get in early. I'll ask "
               "him tonight."),
    ("Coach", "How are you feeling about going back, compared with when we started?"),
    ("Client", "Lighter. Still nervous, but it feels like mine to shape now."),
]

TEAMS_MEETING = [
    ("Hannah Brooks", "0:00:04", ["Hi Leo. I can see the agenda you sent. Where would you like to start?"]),
    ("Leo Martins", "0:00:11", ["The feedback conversation with Carla. It's on Thursday and I've been avoiding "
                                "it for a month."]),
    ("Leo Martins", "0:00:19", ["Her work is good, but she misses every internal deadline and the others "
                                "are starting to cover for her."]),
    ("Hannah Brooks", "0:00:31", ["What's made it hard to have the conversation so far?"]),
    ("Leo Martins", "0:00:36", ["I like her. I don't want her to think I'm unhappy with her.",
                                "And I hate conflict, I suppose."]),
    ("Hannah Brooks", "0:00:52", ["What might she lose if you don't tell her?"]),
    ("Leo Martins", "0:00:57", ["The chance to fix it before it shows up in her review. That would be much "
                                "worse for her. Not telling her isn't kind, it's just comfortable for me."]),
    ("Hannah Brooks", "0:01:14", ["What would a kind and honest version of the conversation sound like?"]),
    ("Leo Martins", "0:01:20", ["Starting with what she does well, then one specific example, the launch "
                                "plan that was four days late, and asking what got in the way."]),
    ("Hannah Brooks", "0:01:38", ["And what do you want to be true by the end of Thursday?"]),
    ("Leo Martins", "0:01:43", ["That we've agreed one change she'll try for the next two deadlines, and a "
                                "check-in on the 28th to see how it's going."]),
    ("Hannah Brooks", "0:01:58", ["That's clear. How confident are you, from one to ten?"]),
    ("Leo Martins", "0:02:03", ["A seven. An eight if I write my opening two sentences tonight."]),
]

PDF_SESSION = [
    ("Coach", "Good afternoon, Wei. Last time you set yourself the goal of finishing the grant proposal. "
              "How did that go?"),
    ("Client", "I finished it two days early, which never happens. But now I've been asked to lead the "
               "whole research programme if it's funded, and I don't know if I want that."),
    ("Coach", "What part of you wants it, and what part doesn't?"),
    ("Client", "The part that wants it likes the idea of shaping the direction. The part that doesn't "
               "is afraid I'll stop doing the lab work I love and spend my life in budget meetings."),
    ("Coach", "What would you need for it to be a yes?"),
    ("Client", "Protected time in the lab. Maybe two days a week. I've never thought of asking for that, "
               "but I could make it a condition."),
    ("Coach", "You said you could make it a condition. How does that feel?"),
    ("Client", "Empowering, actually. I had been treating it as an all-or-nothing offer."),
    ("Coach", "What's your next step?"),
    ("Client", "I'll write to the dean by the end of next week, accepting in principle, with the two lab "
               "days as my one condition. And I'll talk it through with my mentor on Monday first."),
    ("Coach", "Let's look at the dean's reply together when we next meet."),
]


def credentialing_docx() -> None:
    document = docx.Document()
    document.add_heading("Coaching session transcript", level=1)
    document.add_paragraph("Recorded for ICF ACC credentialing, 12 March 2025. Duration 38 minutes.")
    for speaker, text in CREDENTIALING:
        document.add_paragraph(f"{speaker}: {text}")
    _save_docx(document, HERE / "credentialing-session.docx")


def teams_export_docx() -> None:
    """Teams' "Download as .docx": title, date and duration, then per speaker a header
    paragraph `Name   0:00:04` and the words in the paragraphs below it."""
    document = docx.Document()
    document.add_paragraph("Coaching call with Leo - Transcript")
    document.add_paragraph("7 October 2025, 09:00am")
    document.add_paragraph("2m 10s")
    for name, timestamp, paragraphs in TEAMS_MEETING:
        header = document.add_paragraph(f"{name}   {timestamp}")
        header.runs[0].font.size = Pt(9)
        for text in paragraphs:
            document.add_paragraph(text)
    _save_docx(document, HERE / "teams-export.docx")


def _save_docx(document: docx.Document, path: Path) -> None:
    # A fixed creation date, so rebuilding does not change the metadata for no reason.
    document.core_properties.created = datetime.datetime(2025, 3, 12, 9, 0)
    document.core_properties.modified = datetime.datetime(2025, 3, 12, 9, 0)
    document.save(path)


class TranscriptPdf(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=8)
        self.cell(0, 10, f"Page {self.page_no()}", align="C")


def session_pdf() -> None:
    pdf = TranscriptPdf()
    pdf.set_creation_date(datetime.datetime(2025, 3, 12, 9, 0, tzinfo=datetime.UTC))
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, "Coaching session transcript", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for speaker, text in PDF_SESSION:
        pdf.multi_cell(0, 6, f"{speaker}: {text}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(HERE / "session.pdf"))


def long_session_txt() -> None:
    (HERE / "long-session-60min.txt").write_text("\n".join(long_session_lines()) + "\n", encoding="utf-8")


if __name__ == "__main__":
    credentialing_docx()
    teams_export_docx()
    session_pdf()
    long_session_txt()
