"""XML as services really write it, made well-formed so the readers can read what is there.

Used only after a strict parse refused a document (no cost for sound files), and only on
bytes that passed the safety gate (safety.checked_xml: no DTD entities, no external DTD);
the recovering parse is the gate's own safe parser. Two damages seen in real exports:
- a namespace prefix used but never declared (`<gpxtpx:hr>` without `xmlns:gpxtpx`): the
  prefix is declared on the root element with a placeholder URI. The readers match
  extensions by local name, so the values read as if the declaration had been there.
- a document cut short (a track segment left open at the end of the file, an upload that
  stopped): lxml's recovering parser closes what is open. An item element left open by the
  cut (`<trkpt ...><time>2024-01-01T00:0`) is left out: its values may be cut too.
Each repair is said in a warning; a document the recovering parser makes nothing of stays
refused.
"""

from __future__ import annotations

import re

from lxml import etree

from riskcheck.readers.xml.safety import safe_parser

_NAME = rb"[A-Za-z_][\w.-]*"
_PREFIXED_TAG = re.compile(rb"</?(" + _NAME + rb"):" + _NAME)
_PREFIXED_ATTRIBUTE = re.compile(rb"\s(" + _NAME + rb"):" + _NAME + rb"\s*=\s*[\"']")
_DECLARED = re.compile(rb"\sxmlns:(" + _NAME + rb")\s*=")
_ROOT_TAG = re.compile(rb"<(?![?!])(" + _NAME + rb"(?::" + _NAME + rb")?)")
PLACEHOLDER_URI = "urn:riskcheck:undeclared:"


def repaired_xml(xml: bytes, item: str | None = None) -> tuple[bytes, list[str]] | None:
    """Well-formed bytes for a document a strict parse refused, and what was repaired; None
    when nothing could be recovered. `item` names the repeated element (trkpt, Trackpoint)
    whose last one a truncation has most likely split."""
    warnings: list[str] = []
    xml = _declare_prefixes(xml, warnings)
    try:
        etree.fromstring(xml, safe_parser())
        return xml, warnings
    except etree.XMLSyntaxError as err:
        strict_error = err
    try:
        root = etree.fromstring(xml, safe_parser(recover=True))
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    if item is not None and _last_item_open(xml, item.encode()):
        last = None
        for last in root.iter("{*}" + item, item):
            pass
        if last is not None and last.getparent() is not None:
            last.getparent().remove(last)
            warnings.append(f"the file ends inside a <{item}>: that point is left out")
    warnings.append(f"damaged XML read in recovery mode ({strict_error}): parts may be missing")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8"), warnings


def _last_item_open(xml: bytes, item: bytes) -> bool:
    """Whether the document ends inside an item: its last start tag has no end tag after it."""
    start = max(xml.rfind(b"<" + item + b">"), xml.rfind(b"<" + item + b" "))
    return start >= 0 and xml.find(b"</" + item + b">", start) < 0 and xml.find(b"/>", start, xml.find(b">", start) + 1) < 0


def _declare_prefixes(xml: bytes, warnings: list[str]) -> bytes:
    """Prefixes the document uses without declaring them, declared on its root element."""
    used = set(_PREFIXED_TAG.findall(xml)) | set(_PREFIXED_ATTRIBUTE.findall(xml))
    missing = sorted(used - set(_DECLARED.findall(xml)) - {b"xml", b"xmlns"})
    root = _ROOT_TAG.search(xml)
    if not missing or root is None:
        return xml
    declarations = b"".join(b' xmlns:%s="%s%s"' % (p, PLACEHOLDER_URI.encode(), p) for p in missing)
    warnings.append("namespace prefix " + ", ".join(p.decode() for p in missing)
                    + " used but never declared: read by local names")
    return xml[:root.end()] + declarations + xml[root.end():]
