"""Tiny valid documents, built in memory, that `warm_up()` runs through each partitioner."""

import io

import docx

WARM_UP_TEXT = "Coach: What would make today useful for you?"


def tiny_docx() -> bytes:
    """A plain paragraph and a list item: the list item is read by unstructured's partitioner,
    which the first real list or table should not wait for."""
    document = docx.Document()
    document.add_paragraph(WARM_UP_TEXT)
    document.add_paragraph(WARM_UP_TEXT, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def tiny_pdf() -> bytes:
    """A one-page PDF with a text layer, written by hand: no PDF writer is a runtime dependency."""
    stream = f"BT /F1 12 Tf 72 720 Td ({WARM_UP_TEXT}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def tiny_inputs() -> dict[str, bytes]:
    return {
        "docx": tiny_docx(),
        "pdf": tiny_pdf(),
        "html": f"<html><body><p>{WARM_UP_TEXT}</p></body></html>".encode(),
        "md": f"**{WARM_UP_TEXT}**".encode(),
    }
