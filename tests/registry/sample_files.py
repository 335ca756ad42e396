"""Small, real files generated in code (pypdf, Pillow), and hostile variants of them."""

import io

from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def pdf(text: str = "Scanned page", *, javascript: bool = False, embedded: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Title": text})
    if javascript:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('x')"),
            }
        )
    if embedded:
        writer.add_attachment("payload.html", b"<html><script>alert(1)</script></html>")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image(kind: str = "PNG", text: bytes = b"") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(out, format=kind)
    return out.getvalue() + text


PDF_WITH_HTML = pdf() + b"\n<html><body><script>alert(document.cookie)</script></body></html>\n"
PNG_WITH_SCRIPT = image("PNG", b"<script>alert(1)</script>")
