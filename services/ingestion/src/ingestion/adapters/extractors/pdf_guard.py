"""Say why a PDF cannot be read before unstructured gets it: unstructured returns zero
elements, silently, for an encrypted or broken PDF, which would look like "no words", and
also for one whose content streams inflate past its own limits (a decompression bomb).

Runs in the document worker (document_sandbox.py): pypdf inflates streams too, each one only up
to its own limit (75 MB, LimitReachedError), and the pages' content in all is capped here."""

import io
import logging

from pypdf import PdfReader
from pypdf.errors import LimitReachedError, PyPdfError
from pypdf.generic import ArrayObject

from ingestion.domain.errors import CorruptFile, DecompressionBomb, EncryptedFile

# pypdf logs every recoverable oddity of real-world PDFs as a warning; they are not ours to fix.
logging.getLogger("pypdf").setLevel(logging.ERROR)
# What the pages' content streams may inflate to in all: a 400-page text PDF needs a few MB.
MAX_CONTENT_BYTES = 64 * 2**20


def check_pdf_document(data: bytes, max_pages: int | None = None) -> int:
    """Returns the page count; the content is inflated (within limits) only if there are at
    most `max_pages` pages."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            # An empty user password (owner-only restrictions) opens in every viewer and in
            # pdfminer too; only a real user password stops us.
            raise EncryptedFile("the PDF is password-protected; remove the password and upload again")
        pages = len(reader.pages)
        if pages and (max_pages is None or pages <= max_pages):
            _check_content_size(reader)
    except (EncryptedFile, DecompressionBomb):
        raise
    except LimitReachedError:
        raise _bomb() from None
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise CorruptFile(f"the PDF is damaged and cannot be read ({type(exc).__name__})") from None
    if pages == 0:
        raise CorruptFile("the PDF has no pages")
    return pages


def _check_content_size(reader: PdfReader) -> None:
    total = 0
    for page in reader.pages:
        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else None
        for stream in contents if isinstance(contents, ArrayObject) else [contents]:
            stream = stream.get_object() if stream is not None else None
            if hasattr(stream, "get_data"):
                total += len(stream.get_data())
                if total > MAX_CONTENT_BYTES:
                    raise _bomb()


def _bomb() -> DecompressionBomb:
    return DecompressionBomb(f"the PDF's content inflates to more than {MAX_CONTENT_BYTES // 2**20} MB "
                             "(a decompression bomb); it is not read")
