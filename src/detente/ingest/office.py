"""Text of PDF and DOCX files: the PDF text layer (pypdf) and the paragraphs of a Word file.

Choices (why):

* pypdf (BSD) is pure Python and maintained; pdfminer.six (MIT) would do too, PyMuPDF
  is AGPL and would bind detente's licence, so it is not used.  Only the text layer is
  read: a scanned, image-only PDF needs OCR first and is reported as such.
* DOCX is a ZIP of XML parts; ``word/document.xml`` is read with lxml directly (no
  extra dependency), with entity resolution and network access off, and its size is
  bounded while decompressing (a small DOCX can expand to gigabytes).
* Boundaries are kept as paragraph breaks ("\\n\\n"): one per PDF page and per PDF
  paragraph, one per Word paragraph, so character offsets into the stored text are
  stable and the pipeline's paragraph logic sees the document's own structure.

Both functions raise :class:`~detente.ingest.markup.FormatError` with a one-line reason.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import zipfile

from lxml import etree

from detente.ingest.markup import FormatError
from detente.ingest.text import normalise_text

# pypdf logs every recoverable oddity of a real-world PDF; our errors say what matters
logging.getLogger("pypdf").setLevel(logging.ERROR)

DOCX_PART = "word/document.xml"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SENTENCE_END = re.compile(r"[.!?:;\"'”’)\]]$")


def is_pdf(data: bytes) -> bool:
    """Whether ``data`` starts like a PDF file (after any leading whitespace some writers add).

    Not "%PDF- anywhere in the first KB", which readers tolerate: a text article that
    mentions the header near its start must stay a text article.
    """
    return data[:1024].lstrip(b"\x00\t\n\r\x0c ").startswith(b"%PDF-")


def is_docx(data: bytes) -> bool:
    """Whether ``data`` is a ZIP archive holding a Word document body."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return DOCX_PART in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def pdf_text(data: bytes, max_chars: int) -> str:
    """The text layer of a PDF, pages and paragraphs separated by blank lines."""
    import pypdf  # imported here: its import cost is paid only by runs that read PDFs
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            # an empty user password opens "owner-protected" PDFs (print/copy limits only)
            raise FormatError("is an encrypted PDF that needs a password; save an unprotected copy and ingest that")
        pages: list[str] = []
        size = 0
        for page in reader.pages:
            text = _pdf_paragraphs(page.extract_text() or "")
            size += len(text)
            if size > max_chars:
                raise FormatError(f"holds more than the limit of {max_chars} characters of text (max_bytes)")
            if text:
                pages.append(text)
    except FormatError:
        raise
    except FileNotDecryptedError as exc:
        raise FormatError("is an encrypted PDF that needs a password; save an unprotected copy and ingest that") from exc
    except (PdfReadError, NotImplementedError) as exc:
        raise FormatError(f"is a PDF that cannot be read ({_one_line(exc)}); re-save or re-export it") from exc
    except Exception as exc:  # noqa: BLE001 - a malformed PDF can fail anywhere inside the parser; one bad file must not stop a batch
        raise FormatError(f"is a broken PDF ({type(exc).__name__}: {_one_line(exc)}); re-save or re-export it") from exc
    if not pages:
        raise FormatError("is a PDF with no text layer (a scan or images only?); run OCR on it first")
    return "\n\n".join(pages)


def _pdf_paragraphs(page: str) -> str:
    """One PDF page's lines rejoined into paragraphs.

    A PDF knows lines, not paragraphs.  A line ends its paragraph when the next is blank,
    or when it ends like a sentence and is clearly shorter than the page's usual line (the
    last line of a paragraph), or when it is short itself (a heading); otherwise the next
    line continues it.
    """
    lines = [" ".join(line.split()) for line in normalise_text(page).split("\n")]
    widths = [len(line) for line in lines if line]
    if not widths:
        return ""
    usual = statistics.median(widths)
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            _close(current, paragraphs)
            continue
        current.append(line)
        short_line = len(line) < 0.8 * usual
        if short_line and (_SENTENCE_END.search(line) or len(line) < 0.5 * usual):
            _close(current, paragraphs)
    _close(current, paragraphs)
    return "\n\n".join(paragraphs)


def _close(current: list[str], paragraphs: list[str]) -> None:
    if current:
        text = current[0]
        for line in current[1:]:
            # a line broken after a hyphen ("long-" / "term") continues the word
            text += line if text.endswith("-") else " " + line
        paragraphs.append(text)
        current.clear()


def docx_text(data: bytes, max_bytes: int) -> str:
    """The paragraphs (body text and table cells) of a DOCX file, separated by blank lines."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            with archive.open(DOCX_PART) as part:
                # read at most max_bytes + 1: the declared size in the ZIP could lie
                xml = part.read(max_bytes + 1)
    except KeyError as exc:
        raise FormatError("is a ZIP archive without a Word document body (word/document.xml)") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise FormatError(f"is a broken DOCX file ({_one_line(exc)}); re-save it from the word processor") from exc
    if len(xml) > max_bytes:
        raise FormatError(f"expands to more than the limit of {max_bytes} bytes (max_bytes)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"is a broken DOCX file ({_one_line(exc)}); re-save it from the word processor") from exc
    paragraphs = (normalise_text(_paragraph_text(p)) for p in root.iter(f"{_W}p"))
    return "\n\n".join(p for p in paragraphs if p)


def _paragraph_text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if next(node.iterancestors(f"{_W}p"), None) is not paragraph:
            continue  # a text box's own paragraph inside this one: read as its own paragraph
        if node.tag == f"{_W}t":
            parts.append(node.text or "")
        elif node.tag == f"{_W}tab":
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
