"""Primary keys and unique fields, checked in about 8 bytes of memory a row.

Frictionless keeps every key of a table in a dict (a million rows: hundreds of MB), so the
validator checks keys itself: a 64-bit hash of each key while the table is read, then, only for
the hashes seen twice, the keys themselves in a second reading, so that a collision of hashes is
never reported as a duplicate. Keys compare as the loader types them (integer '01' is 1).
"""
from __future__ import annotations

from array import array

import numpy as np

from .problems import Problem


class Keys:
    def __init__(self, schema: dict, header: list[str]):
        fields = {f["name"]: f for f in schema["fields"]}
        primary = schema.get("primaryKey") or []
        primary = [primary] if isinstance(primary, str) else list(primary)
        groups = [("primary-key", primary)] if primary else []
        groups += [("unique-error", [f["name"]]) for f in schema["fields"]
                   if f.get("constraints", {}).get("unique") and [f["name"]] != primary]
        position = {name: i for i, name in enumerate(header)}
        self.groups = [(kind, names, [position[n] for n in names], [fields[n].get("type") for n in names])
                       for kind, names in groups if all(n in position for n in names)]
        self.hashes = [array("q") for _ in self.groups]

    def key(self, group: int, values: list[str]) -> tuple | None:
        """The key as the loader types it; None if a part is missing (required-ness is checked elsewhere)."""
        _, _, indices, types = self.groups[group]
        parts = []
        for i, kind in zip(indices, types):
            value = values[i] if i < len(values) else ""
            if value == "":
                return None
            try:
                parts.append(int(value) if kind == "integer" else float(value) if kind == "number" else value)
            except ValueError:
                parts.append(value)  # reported as a type error; compared as written
        return tuple(parts)

    def add(self, values: list[str]) -> None:
        for g, hashes in enumerate(self.hashes):
            key = self.key(g, values)
            hashes.append(hash(key) if key is not None else 0)

    def problems(self, path: str, records) -> list[Problem]:
        """The duplicates, found from the hashes and confirmed on a second reading (``records``)."""
        suspects = []
        for hashes in self.hashes:
            values = np.frombuffer(hashes, dtype=np.int64) if len(hashes) else np.zeros(0, dtype=np.int64)
            ordered = np.sort(values)
            twice = ordered[1:][ordered[1:] == ordered[:-1]]
            suspects.append({int(h) for h in twice} - {0})
        if not any(suspects):
            return []
        found, first = [], [{} for _ in self.groups]
        next(records)  # the header
        for line, values in records:
            for g, hashes in enumerate(suspects):
                key = self.key(g, values) if hashes else None
                if key is None or hash(key) not in hashes:
                    continue
                if key in first[g]:
                    kind, names, _, _ = self.groups[g]
                    shown = ", ".join(str(v) for v in key)
                    found.append(Problem(path, line, names[0] if len(names) == 1 else None,
                                         f"{kind}: '{shown}' is already the {'key' if kind == 'primary-key' else 'value'} "
                                         f"of line {first[g][key]} ({', '.join(names)} must be unique)"))
                else:
                    first[g][key] = line
        return found
