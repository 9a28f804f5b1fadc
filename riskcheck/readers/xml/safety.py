"""The gate every XML reader passes its bytes through before any parser sees them.

Watch exports never need a DTD, so a document that declares entities or points at an external
DTD is refused outright: entity expansion (billion laughs, quadratic blow-up) and external
entities (XXE: `file:///etc/passwd`) are then impossible whatever parser runs next, including
gpxpy's own. The check is a text scan, so it costs the same for a hostile document as for an
honest one and expands nothing. Encodings are settled here too, so that every parser
downstream gets the same UTF-8 bytes.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from riskcheck.errors import FileProblem

_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?>", re.S)
_DECLARED_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_ENTITY = re.compile(rb"<!ENTITY", re.I)
_EXTERNAL_DTD = re.compile(rb"<!DOCTYPE\s+[^\s\[>]+\s+(SYSTEM|PUBLIC)\b", re.I)
_HEAD = 1024  # bytes of the document that tell its encoding


def checked_xml(data: bytes) -> bytes:
    """The document as UTF-8 bytes without a BOM, or FileProblem if it is unsafe to parse.

    Refuses entity declarations and external DTDs; a bare `<!DOCTYPE gpx>` passes, since
    the parsers below never load a DTD. Documents that already are what this returns (most
    watch exports) are passed on as they are: copying a 20 MB file costs more than reading
    what the readers need of it."""
    if data[:1].isspace() and data.lstrip().startswith(b"<?xml"):
        data = data.lstrip()  # whitespace before the declaration: lxml refuses the document
    xml = data if _parsers_read_as_is(data) else \
        _DECLARATION.sub(b'<?xml version="1.0" encoding="UTF-8"?>', _decode(data).encode("utf-8"), count=1)
    if b"!" in xml and (doctype := _DOCTYPE.search(xml)):  # '!' is rare, '<' is everywhere
        rest = xml[doctype.start():]
        if _ENTITY.search(rest):
            raise FileProblem("refused: XML declares entities (possible entity-expansion attack)")
        if _EXTERNAL_DTD.match(rest):
            raise FileProblem("refused: XML refers to an external DTD (possible external-entity attack)")
    return xml


def _parsers_read_as_is(data: bytes) -> bool:
    """UTF-8 without a BOM that declares UTF-8 (or nothing), or ASCII that its declared
    encoding reads as ASCII: what _decode and a re-encoding would give back unchanged."""
    head = data[:_HEAD]
    codec = _declared_codec(head)
    try:
        if data.isascii():
            return head.decode(codec) == head.decode("ascii")
        if codecs.lookup(codec).name != "utf-8" or data.startswith(codecs.BOM_UTF8):
            return False
        data.decode("utf-8")  # validation only
        return True
    except (LookupError, UnicodeDecodeError):
        return False  # _decode says what is wrong


def safe_parser(recover: bool = False) -> etree.XMLParser:
    """An lxml parser that resolves no entities, loads no DTD and fetches nothing."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True, remove_pis=True, recover=recover)


def _decode(data: bytes) -> str:
    """Text of the document: a BOM decides first, then the declared encoding, then UTF-8."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _decode_as(data[len(bom):], codec)
    codec = _declared_codec(data)
    if codec.lower().replace("-", "") == "utf16":
        # UTF-16 without a BOM cannot have been read this far as ASCII; bytes lie about it.
        codec = "utf-8"
    return _decode_as(data, codec)


def _declared_codec(data: bytes) -> str:
    """The encoding the XML declaration names; UTF-8 when it names none."""
    declaration = _DECLARATION.match(data)
    declared = _DECLARED_ENCODING.search(declaration.group(0)) if declaration else None
    return declared.group(1).decode("ascii") if declared else "utf-8"


def _decode_as(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except LookupError:
        raise FileProblem(f"unsupported XML encoding {codec!r}") from None
    except UnicodeDecodeError as err:
        raise FileProblem(f"not valid {codec} text at byte {err.start}") from None
