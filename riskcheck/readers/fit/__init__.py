"""FIT activity files (Garmin, Wahoo, Suunto, COROS, Stryd ...).

- reader.py: the reader, `read_fit(data, source, options)` -> one ParsedActivity per session
- fast_decoder.py: the fast path, the numpy decoder in fast/ handing over a DecodedFit
- reference_decoder.py: fitparse, the reference the fast path is tested against and its fallback
- decoded.py: DecodedFit, what either decoder hands the reader
- profile.py: facts of the FIT protocol and profile (header, base types, messages, scales)
- fields.py: which FIT fields riskcheck reads, and which of its columns each one fills
"""

from riskcheck.readers.fit.reader import read_fit

__all__ = ["read_fit"]
