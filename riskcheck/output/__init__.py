"""Machine-readable outputs of a check: the JSON contract and the CSV tables."""
