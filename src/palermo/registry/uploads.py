"""Whole-file checks for uploaded documents, with the libraries made for each format.

The first bytes say what a file claims to be; a polyglot (a PDF that is also HTML, a PNG with a
script appended) passes that check. So a PDF is parsed with pypdf and refused if any object
carries active content (JavaScript, automatic actions, launch actions, embedded files, XFA
forms, rich media) or the bytes hold HTML; an image is decoded with Pillow and re-encoded, which
keeps the pixels and drops everything else (metadata, trailing bytes, extra chunks).
"""

import io
import re
import warnings

from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

ACTIVE_PDF_NAMES = frozenset(
    {"/JavaScript", "/JS", "/OpenAction", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles"}
    | {"/XFA", "/RichMedia", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE"}
)
HTML_MARKERS = re.compile(rb"<\s*(html|script|body|iframe|svg|object|embed)\b", re.IGNORECASE)
PIL_FORMATS = {"image/png": "PNG", "image/jpeg": "JPEG"}
MAX_PDF_OBJECTS = 200_000


class UnsafeUpload(ValueError):
    """The file is not what it says, or carries content that is not accepted."""


def checked_content(data: bytes, content_type: str) -> bytes:
    """The bytes to store: the PDF as given once checked, an image re-encoded."""
    if content_type == "application/pdf":
        _check_pdf(data)
        return data
    return _reencoded_image(data, PIL_FORMATS[content_type])


def _check_pdf(data: bytes) -> None:
    if HTML_MARKERS.search(data):
        raise UnsafeUpload("html")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise UnsafeUpload("encrypted")
            seen: set[int] = set()
            _walk(reader.trailer, seen)
    except UnsafeUpload:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, RecursionError, OSError) as error:
        raise UnsafeUpload("unreadable") from error


def _walk(node: object, seen: set[int]) -> None:
    """Visit every object reachable from the trailer, refusing any active-content name."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, IndirectObject):
            if current.idnum in seen:
                continue
            seen.add(current.idnum)
            if len(seen) > MAX_PDF_OBJECTS:
                raise UnsafeUpload("too many objects")
            current = current.get_object()
        if isinstance(current, DictionaryObject):
            if ACTIVE_PDF_NAMES & set(current.keys()) or current.get("/S") in ACTIVE_PDF_NAMES:
                raise UnsafeUpload("active content")
            stack.extend(current.values())
        elif isinstance(current, ArrayObject):
            stack.extend(current)


def _reencoded_image(data: bytes, pil_format: str) -> bytes:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format != pil_format:
                    raise UnsafeUpload("format")
                probe.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                out = io.BytesIO()
                clean = image.convert("RGB") if pil_format == "JPEG" else image
                clean.save(out, format=pil_format)
    except UnsafeUpload:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning) as error:
        raise UnsafeUpload("unreadable") from error
    return out.getvalue()
