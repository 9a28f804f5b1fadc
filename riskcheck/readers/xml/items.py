"""Repeated XML elements (TCX trackpoints, GPX track points) read straight from the bytes.

A device writes the points of a track alike, so a point's text with its values taken out
is a pattern that the points after it match byte for byte: one compiled regular expression
then takes all values of a run of alike points in one pass, and the tree parser only sees a
skeleton of the document with the points cut out (and, for its shape, the first point of
each run: parse_item). Anything the patterns do not cover gives up (None) and the caller
parses the whole document instead; these checks make sure that nothing the tree parser
would read or refuse is hidden in the cut part:
- every '<' of the cut part belongs to a matched point (no other element, comment, CDATA);
- no '&' (an entity would have to be expanded), no ']]>' and no character XML forbids
  (the parser refuses them), ASCII only (so values read the same as bytes and as text);
- no DTD, and no cut container inside a comment, CDATA section or processing instruction;
- values are taken as text here and converted by the caller, whose conversion must refuse
  what it cannot read exactly (the fallback then reads the file the slow way).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from lxml import etree

from riskcheck.readers.xml.safety import safe_parser

# Markup whose text the parser does not read as elements: opener -> terminator.
_OPAQUE = {b"<!--": b"-->", b"<![CDATA[": b"]]>", b"<?": b"?>"}
_OPENER = re.compile(b"|".join(re.escape(opener) for opener in _OPAQUE))
_TOKEN = re.compile(rb"<[^<>]*>|[^<]+")
_ATTRIBUTE = re.compile(rb"""([\w:.-]+)(\s*=\s*)(["'])([^"'<>&]*)\3""")
_LEAF_VALUE = re.compile(rb">[^<\s][^<]*<")                  # texts that are not indentation
_SPACE = rb"[ \t\r\n]*"     # XML whitespace only (\s would also take \v and \f)
_TEXT = rb"([^<&]*)"       # forbidden characters are refused for the whole span at once
# Bytes XML 1.0 forbids in a document (tab, line feed and carriage return are allowed).
_FORBIDDEN = bytes(set(range(0x20)) - {0x09, 0x0A, 0x0D})
_ALLOWED = bytes(b for b in range(256) if b not in _FORBIDDEN)


@dataclass(frozen=True)
class ItemRun:
    """Consecutive items of one shape: the first one's text (for a parser to read the shape
    from) and the value texts of all of them.

    paths[i] names value i by local names from the item down ('Position/LatitudeDegrees',
    '@lat' for an attribute of the item, 'extensions/TrackPointExtension/hr'); texts[i]
    holds its text in each item of the run, in document order."""

    first: bytes
    paths: tuple[str, ...]
    texts: tuple[tuple[bytes, ...], ...]
    n_items: int


@dataclass(frozen=True)
class CutDocument:
    """A document with its items cut out, parsed, and the items as runs: runs[k] are the
    items of the k-th `<container>` in document order."""

    root: etree._Element
    runs: list[list[ItemRun]]


def cut_items(xml: bytes, container: bytes, item: bytes) -> CutDocument | None:
    """The document without the items of its containers, parsed strictly, and the items
    as runs; None when any span of items is not runs (item_runs), the rest is not
    well-formed, it has a DTD, or a cut container lies in a comment, CDATA or a
    processing instruction (the parser would see no element there). The caller pairs
    its container elements with `runs` and checks that there are as many."""
    skeleton, spans = split_items(xml, container, item)
    empty = b"<" + container + b"/>"
    if empty in skeleton:  # an empty container, spelled so that split_items pairs it too
        xml = xml.replace(empty, b"<" + container + b"></" + container + b">")
        skeleton, spans = split_items(xml, container, item)
    # Checks of the whole document are made on the skeleton (small): markup outside the
    # items is all there, as item_runs refuses spans holding any.
    if not spans or b"<!DOCTYPE" in skeleton or _inside_markup(xml, skeleton, spans, container):
        return None
    runs = [item_runs(xml, span, item) for span in spans]
    if any(found is None for found in runs):
        return None
    try:
        return CutDocument(etree.fromstring(skeleton, safe_parser()), runs)
    except etree.XMLSyntaxError:
        return None


def _inside_markup(xml: bytes, skeleton: bytes, spans: list[tuple[int, int]], container: bytes) -> bool:
    """Whether a cut container (its tag or its items) lies in a comment, CDATA section or
    processing instruction. Such markup, if any, begins in the skeleton (a span holding
    '<!' or '<?' is not cut: item_runs refuses it)."""
    if b"<!" not in skeleton and skeleton.count(b"<?") <= 1:  # the XML declaration only
        return False
    opaque = opaque_spans(xml)
    starts = [start for start, _ in opaque]
    for span_start, _ in spans:
        for position in (xml.rfind(b"<" + container + b">", 0, span_start), span_start):
            before = bisect.bisect_right(starts, position) - 1
            if before >= 0 and position < opaque[before][1]:
                return True
    return False


def opaque_spans(xml: bytes) -> list[tuple[int, int]]:
    """(start, end) of each comment, CDATA section and processing instruction, in one pass.
    An opener without its terminator hides the rest of the document from the parser, so its
    span runs to the end: a lazy '<!--.*?-->' would instead search the rest of the document
    again from each of 80,000 unterminated '<!--' (quadratic: 107 s for 372 kB)."""
    spans = []
    position = 0
    while match := _OPENER.search(xml, position):
        end = xml.find(_OPAQUE[match[0]], match.end())
        if end < 0:
            spans.append((match.start(), len(xml)))
            break
        position = end + len(_OPAQUE[match[0]])
        spans.append((match.start(), position))
    return spans


def split_items(xml: bytes, container: bytes, item: bytes) -> tuple[bytes, list[tuple[int, int]]]:
    """The document with the items of each `<container>` cut out, and the span of all its
    items in `xml` (empty when it has none), one span per `<container>` met.

    Only the plain `<container>` spelling is cut; the caller checks that the skeleton holds
    as many containers as spans before pairing them."""
    open_tag, close_tag, item_close = b"<" + container + b">", b"</" + container + b">", b"</" + item + b">"
    pieces, spans = [], []
    kept = search = 0       # bytes before `kept` are in pieces; containers start after `search`
    while (start := xml.find(open_tag, search)) >= 0:
        body = start + len(open_tag)
        end = xml.find(close_tag, body)
        if end < 0:
            break
        first = xml.find(b"<", body, end)
        last_end = xml.rfind(item_close, body, end)
        if first < 0 or last_end < 0:
            spans.append((body, body))
        else:
            last_end += len(item_close)
            pieces.append(xml[kept:first])
            spans.append((first, last_end))
            kept = last_end
        search = end
    pieces.append(xml[kept:])
    return b"".join(pieces), spans


def parse_item(first: bytes, nsmap: dict) -> etree._Element:
    """An item's text as an element, its prefixes bound as in the container (`nsmap`);
    etree.XMLSyntaxError when it is not well-formed."""
    wrapper = etree.tostring(etree.Element("items", nsmap=nsmap))
    return etree.fromstring(wrapper[:-2] + b">" + first + b"</items>", safe_parser())[0]


def item_runs(xml: bytes, span: tuple[int, int], item: bytes) -> list[ItemRun] | None:
    """The items in xml[span] as runs of alike items, in document order; None when the span
    holds anything but items the patterns account for (see the module's checks)."""
    start, end = span
    region = xml[start:end]
    if not region.isascii() or region.find(b"&") >= 0 or region.find(b"]]>") >= 0 \
            or region.translate(None, _ALLOWED):
        return None  # an entity, text the parser refuses, or text the caller would decode
    item_end = b"</" + item + b">"
    runs: list[ItemRun] = []
    while 0 <= start < end:
        first_end = xml.find(item_end, start, end)
        if first_end < 0:
            return None
        run = _run(xml, start, end, xml[start:first_end + len(item_end)], item, whole_span=len(runs) < 2)
        if run is None:
            return None
        runs.append(run[0])
        start = xml.find(b"<", run[1], end)
    return runs


def _run(xml: bytes, start: int, end: int, first: bytes, item: bytes,
         whole_span: bool) -> tuple[ItemRun, int] | None:
    """The run of items shaped like `first` from `start` on, and where it ends.

    Usually every item of the span has one shape: one findall over the span takes them all
    (with the first item's own indentation, the fastest pattern), and the count of '<'
    proves that nothing else is there. That is tried for the first two runs of a span only
    (`whole_span`): each try scans the rest of the span, so a span of many short runs would
    be scanned once per run. Otherwise the items are matched one after another, each right
    after the whitespace that ends the one before (any whitespace between tags), until one
    differs."""
    shape = _shape_of(first)
    if whole_span:
        n_tags = xml.count(b"<", start, end)
        n_item_tags = xml.count(b"<" + item, start, end)
        pattern = _pattern(shape, item, exact_spaces=True)
        if pattern is None:
            return None
        regex, paths, tags_per_item = pattern
        # All of the span can only be items like `first` if its tags and item tags come in
        # the same proportion as in `first`: two counts spare a findall bound to fail.
        if n_tags * first.count(b"<" + item) == n_item_tags * tags_per_item:
            matches = regex.findall(xml, start, end)
            if matches and n_tags == len(matches) * tags_per_item:
                if len(paths) == 1:  # findall gives plain strings, not 1-tuples, for one group
                    matches = [(m,) for m in matches]
                return ItemRun(first, paths, tuple(zip(*matches)), len(matches)), end
    pattern = _pattern(shape, item, exact_spaces=False)
    if pattern is None:
        return None
    regex, paths, _ = pattern
    spaced = _after_space(regex.pattern)
    matches, run_end = [], start
    while (match := spaced.match(xml, run_end, end)) is not None:
        matches.append(match.groups())
        run_end = match.end()
    if not matches:  # the first item always matches its own pattern; never loop on it
        return None
    return ItemRun(first, paths, tuple(zip(*matches)), len(matches)), run_end


def _shape_of(first: bytes) -> bytes:
    """The item with its values emptied: the items of a file then share a few patterns."""
    tag_end = first.find(b">") + 1
    return _ATTRIBUTE.sub(rb"\1\2\3\3", first[:tag_end]) + _LEAF_VALUE.sub(b"><", first[tag_end - 1:])[1:]


@functools.lru_cache(maxsize=256)
def _after_space(item_pattern: bytes) -> re.Pattern:
    """An item right after the whitespace that ends the one before."""
    return re.compile(_SPACE + item_pattern)


@functools.lru_cache(maxsize=256)
def _pattern(first: bytes, item: bytes, exact_spaces: bool) -> tuple[re.Pattern, tuple[str, ...], int] | None:
    """A regex matching items shaped like `first`, capturing each value; the value paths;
    the number of tags in one item. None when `first` holds what the pattern cannot say
    (comments, CDATA, processing instructions, mixed content, a malformed tag)."""
    tokens = _TOKEN.findall(first)
    if b"".join(tokens) != first or not re.match(rb"<" + re.escape(item) + rb"[\s>]", tokens[0]):
        return None
    parts: list[bytes] = []
    paths: list[str] = []
    stack: list[str] = []    # open elements, the item first
    leaf_open = False        # the last tag opened an element that holds no element yet
    gap = b""                # the whitespace before the next tag
    for i, token in enumerate(tokens):
        if not token.startswith(b"<"):
            closes_next = i + 1 < len(tokens) and tokens[i + 1].startswith(b"</")
            if not (leaf_open and closes_next) and token.strip(b" \t\r\n"):
                return None  # text beside elements (mixed content)
            gap = token      # a leaf's text is captured at its end tag instead
            continue
        if token.startswith((b"<!", b"<?")):
            return None
        space = re.escape(gap) if exact_spaces else _SPACE
        gap = b""
        if token.startswith(b"</"):
            name = _local(token[2:-1].strip())
            if not stack or stack[-1] != name:
                return None
            if leaf_open:
                parts.append(_TEXT)
                paths.append("/".join(stack[1:]))
            else:
                parts.append(space)
            stack.pop()
            parts.append(re.escape(token))
            leaf_open = False
            continue
        tag = _start_tag(token, i == 0, paths)
        if tag is None or (i == 0 and tag[2]):
            return None
        name, tag_pattern, closed = tag
        parts.append((space if i else b"") + tag_pattern)
        leaf_open = not closed
        if not closed:
            stack.append(name)
    if stack:
        return None
    n_tags = sum(token.startswith(b"<") for token in tokens)
    return re.compile(b"".join(parts)), tuple(paths), n_tags


def _start_tag(token: bytes, is_item: bool, paths: list[str]) -> tuple[str, bytes, bool] | None:
    """A start (or empty-element) tag as a pattern: the item's attribute values captured
    (GPX lat and lon), other tags as they are. None for a tag the attribute pattern does
    not account for byte for byte."""
    closed = token.endswith(b"/>")
    inner = token[1:-2 if closed else -1]
    name_match = re.match(rb"[\w:.-]+", inner)
    if name_match is None:
        return None
    name = _local(name_match.group())
    if not is_item:
        return name, re.escape(token), closed
    pattern, pos = [b"<" + re.escape(name_match.group())], name_match.end()
    for attribute in _ATTRIBUTE.finditer(inner, pos):
        gap = inner[pos:attribute.start()]
        if gap.strip(b" \t\r\n") or not gap:
            return None
        key, equals, quote = attribute.group(1), attribute.group(2), attribute.group(3)
        pattern.append(re.escape(gap + key + equals) + quote + b"([^" + quote + b"<&]*)" + quote)
        paths.append("@" + _local(key))
        pos = attribute.end()
    if inner[pos:].strip(b" \t\r\n"):
        return None
    pattern.append(re.escape(inner[pos:]) + (b"/>" if closed else b">"))
    return name, b"".join(pattern), closed


def _local(name: bytes) -> str:
    return name.decode("ascii", "replace").rpartition(":")[2]
