"""The worker's lines come in frames and are parsed as they come; the outcome is the one the
parser would meet with all the lines at once: the worker's refusal, wherever it comes, wins."""

import pytest
from ingestion.adapters.extractors.document_sandbox import DocumentSandbox
from ingestion.domain.errors import CorruptFile, TranscriptTooLong

FRAMES = [{"lines": ["Coach: Hello.", "Client: Hi."], "more": True}, {"lines": [], "more": True},
          {"lines": ["Coach: How was the week?"]}]


def scripted(monkeypatch, answers: list) -> DocumentSandbox:
    """A sandbox whose worker answers `answers` (an exception stands for a refusal frame)."""
    sandbox = DocumentSandbox()
    script = iter(answers)

    def next_answer(worker, ext, deadline):
        answer = next(script)
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(sandbox, "_send", lambda ext, request: None)
    monkeypatch.setattr(sandbox, "_next_answer", next_answer)
    return sandbox


def reading(sandbox: DocumentSandbox):
    return sandbox.reading("docx", b"", max_chars=1000, max_pdf_pages=2)


def test_each_pass_reads_every_line_from_the_first(monkeypatch):
    with reading(scripted(monkeypatch, FRAMES)) as lines:
        assert next(iter(lines)) == "Coach: Hello."
        assert list(lines) == list(lines) == ["Coach: Hello.", "Client: Hi.", "Coach: How was the week?"]


def test_a_refusal_after_some_lines_wins_over_what_the_parser_raised(monkeypatch):
    sandbox = scripted(monkeypatch, [*FRAMES[:2], CorruptFile("the .docx file is damaged")])
    with pytest.raises(CorruptFile), reading(sandbox) as lines:
        for line in lines:
            raise TranscriptTooLong(f"too long at {line}")


def test_a_refusal_after_the_lines_the_parser_needed_is_still_raised(monkeypatch):
    sandbox = scripted(monkeypatch, [FRAMES[0], CorruptFile("the .docx file is damaged")])
    with pytest.raises(CorruptFile), reading(sandbox) as lines:
        next(iter(lines))


def test_without_a_refusal_the_parsers_own_error_stands(monkeypatch):
    with pytest.raises(TranscriptTooLong), reading(scripted(monkeypatch, FRAMES)) as lines:
        next(iter(lines))
        raise TranscriptTooLong("too long")
