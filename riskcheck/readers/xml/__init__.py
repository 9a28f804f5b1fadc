"""What the XML readers (GPX, TCX) share.

- safety.py: the gate every document passes first (no DTDs or entities; encodings settled)
- items.py: repeated elements (track points, trackpoints) cut from the bytes in runs
- repair.py: documents a strict parse refuses (undeclared prefixes, cut short) made readable
- numbers.py: numbers written as text, converted a column at a time
"""
