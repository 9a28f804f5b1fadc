"""Safety limits for what riskcheck will unpack. Exports come from strangers (a coach gets
files from dozens of athletes), so archives are opened with bounds on size, compression
ratio, nesting and member count: a zip or gzip bomb costs that file only."""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 256 * MiB       # one file, after decompression
    max_total_bytes: int = 4096 * MiB     # everything unpacked from one archive
    max_ratio: float = 200.0              # uncompressed/compressed; FIT/GPX compress 3-15x
    max_depth: int = 3                    # zip inside zip inside zip
    max_members: int = 100_000            # a decade of exports is ~5,000 files

    @classmethod
    def from_mapping(cls, values: dict) -> "Limits":
        from riskcheck.errors import ConfigError

        unknown = set(values) - set(cls.__dataclass_fields__)
        if unknown:
            raise ConfigError(f"unknown limit(s) {sorted(unknown)}; known: {sorted(cls.__dataclass_fields__)}")
        return cls(**values)
