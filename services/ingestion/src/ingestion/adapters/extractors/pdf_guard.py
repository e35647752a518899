"""Say why a PDF cannot be read before unstructured gets it: unstructured returns zero
elements, silently, for an encrypted or broken PDF, which would look like "no words"."""

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from ingestion.domain.errors import CorruptFile, EncryptedFile

# pypdf logs every recoverable oddity of real-world PDFs as a warning; they are not ours to fix.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def check_pdf_document(data: bytes) -> int:
    """Returns the page count."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            # An empty user password (owner-only restrictions) opens in every viewer and in
            # pdfminer too; only a real user password stops us.
            raise EncryptedFile("the PDF is password-protected; remove the password and upload again")
        pages = len(reader.pages)
    except EncryptedFile:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise CorruptFile(f"the PDF is damaged and cannot be read ({type(exc).__name__})") from None
    if pages == 0:
        raise CorruptFile("the PDF has no pages")
    return pages
