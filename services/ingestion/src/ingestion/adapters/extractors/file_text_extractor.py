"""The TextExtractor for uploaded files: picks the parser by extension, checks the bytes agree,
and turns whatever the file holds into speaker turns (roles still "unknown")."""

from contracts.limits import MAX_TRANSCRIPT_CHARS

from contracts import Turn
from ingestion.adapters.extractors import sniff, unstructured_extractor
from ingestion.adapters.extractors.plain_text import plain_text_turns, srt_turns, vtt_turns
from ingestion.adapters.extractors.document_sandbox import DocumentSandbox, shared_sandbox
from ingestion.adapters.extractors.docx_guard import check_docx_archive, refuse_xml_with_a_dtd
from ingestion.adapters.extractors.docx_stream import DOCUMENT
from ingestion.domain.errors import EmptyFile, NoWordsFound, TranscriptTooLong, UnsupportedFileType
from ingestion.domain.transcript_lines import parse_transcript_lines
from ingestion.ports import ExtractedTranscript, TextExtractor, Upload

SUPPORTED = ("txt", "md", "vtt", "srt", "docx", "pdf", "html")
# Input that cannot fit in max_chars is refused before it is parsed (and the worker stops reading
# past it). Generous allowances for markup:
MARKUP_PER_CHAR = 4  # html/md source characters per transcript character
DOCX_XML_PER_CHAR = 20  # bytes of word/document.xml per character (Word's run markup is verbose)
MIN_PDF_CHARS_PER_PAGE = 500
ALIASES = {"htm": "html", "markdown": "md", "text": "txt"}


def extension(filename: str) -> str:
    """Only the extension of the client's name is used, never a path: the name is untrusted."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1].strip().rstrip(".")
    ext = base.rsplit(".", 1)[-1].lower() if "." in base else ""
    return ALIASES.get(ext, ext)


class FileTextExtractor(TextExtractor):
    def __init__(self, *, max_chars: int = MAX_TRANSCRIPT_CHARS, max_docx_unpacked_bytes: int = 50_000_000,
                 max_docx_ratio: int = 100, sandbox: DocumentSandbox | None = None) -> None:
        """`sandbox` reads docx, pdf, html and md in a bounded worker process (document_sandbox.py);
        by default the process's shared one."""
        self.max_chars = max_chars
        self.sandbox = sandbox or shared_sandbox()
        self.max_docx_unpacked_bytes = max_docx_unpacked_bytes
        self.max_docx_ratio = max_docx_ratio

    @staticmethod
    def warm_up() -> None:
        """Start the shared document worker, which imports and initialises unstructured (seconds,
        once); call at start-up."""
        shared_sandbox().start()

    def extract(self, upload: Upload) -> ExtractedTranscript:
        ext = extension(upload.filename)
        if ext not in SUPPORTED:
            shown = f".{ext}" if ext else "a file without an extension"
            raise UnsupportedFileType(f"{shown} is not supported; upload one of: "
                                      + ", ".join(f".{e}" for e in SUPPORTED))
        data = upload.path.read_bytes()
        if not data.strip():
            raise EmptyFile(f"the .{ext} file is empty")
        turns = self._turns(ext, data)
        chars = sum(len(turn.text) for turn in turns)
        if chars > self.max_chars:
            raise TranscriptTooLong(f"the transcript has {chars:,} characters; the limit is {self.max_chars:,}")
        if not any(ch.isalpha() for turn in turns for ch in turn.text):
            raise NoWordsFound(self._no_words_message(ext))
        return ExtractedTranscript(turns=turns, source_format=ext)

    def _turns(self, ext: str, data: bytes) -> list[Turn]:
        if ext == "docx":
            sniff.check_docx(data)
            document_xml = check_docx_archive(data, max_unpacked_bytes=self.max_docx_unpacked_bytes,
                                              max_ratio=self.max_docx_ratio)
            self._refuse_if_too_long(document_xml // DOCX_XML_PER_CHAR)
            refuse_xml_with_a_dtd(data, skip=(DOCUMENT,))  # the worker checks it as it reads it
            return self._document_turns(ext, data, drop_preamble=True)
        if ext == "pdf":
            sniff.check_pdf(data)  # the page count is checked in the worker: pypdf inflates too
            return self._document_turns(ext, data, drop_preamble=True)
        text = sniff.decode_text(ext, data)
        sniff.check_text_kind(ext, text)
        if ext == "vtt":
            return vtt_turns(text, self.max_chars)
        if ext == "srt":
            return srt_turns(text, self.max_chars)
        if ext in ("html", "md"):
            self._refuse_if_too_long(len(text) // MARKUP_PER_CHAR)
        if ext == "html":
            return self._document_turns(ext, text.encode(), drop_preamble=True)
        if ext == "md":
            markdown = unstructured_extractor.markdown_as_paragraphs(text)
            return self._document_turns(ext, markdown.encode(), drop_preamble=True)
        return plain_text_turns(text, self.max_chars)

    def _document_turns(self, ext: str, data: bytes, drop_preamble: bool = False) -> list[Turn]:
        """The lines are parsed here as the worker reads them, each on its own core."""
        with self.sandbox.reading(ext, data, max_chars=self.max_chars,
                                  max_pdf_pages=self.max_chars // MIN_PDF_CHARS_PER_PAGE) as lines:
            return parse_transcript_lines(lines, drop_preamble=drop_preamble, max_chars=self.max_chars)

    def _refuse_if_too_long(self, least_chars: int, what: str = "characters") -> None:
        if least_chars > self.max_chars:
            raise TranscriptTooLong(f"the file is too large: it holds more than {self.max_chars:,} characters "
                                    f"of text (judged by its {what} before reading it)")

    @staticmethod
    def _no_words_message(ext: str) -> str:
        if ext == "pdf":
            return "no text found in the PDF; scanned PDFs (images of pages) are not supported, upload a text PDF"
        return f"no words found in the .{ext} file"
