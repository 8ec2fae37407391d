"""The source apparatus: lacunae, readings, alignment, the witnesses with editorial brackets."""
from __future__ import annotations

import csv
import itertools
import shutil

import pytest

import heumezu as hu
from heumezu import apparatus
from heumezu.table import Supplied, text_of

APPARATUS_FILES = {"lacunae.csv", "readings.csv", "alignment.csv", "segments.csv", "apparatus.bib"}


@pytest.fixture(scope="module")
def ev():
    return hu.load()


@pytest.mark.slow  # validates data/
def test_shipped_apparatus_validates():
    problems = [p for p in hu.validate() if p.file in APPARATUS_FILES]
    assert problems == []


def _rewrite(path, change):
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


@pytest.mark.slow  # validates a copy of data/
def test_validator_catches_a_misplaced_reading_and_lacuna(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(hu.load().data_dir, data)

    def shift_reading(rows):
        rows[0]["start"] = str(int(rows[0]["start"]) + 1)
        rows[0]["end"] = str(int(rows[0]["end"]) + 1)

    def shift_lacuna(rows):
        rows[0]["offset"] = str(int(rows[0]["offset"]) + 2)

    _rewrite(data / "readings.csv", shift_reading)
    _rewrite(data / "lacunae.csv", shift_lacuna)
    problems = hu.validate(data)
    assert any(p.file == "readings.csv" and p.field == "reading" and p.row == 2 for p in problems)
    assert any(p.file == "lacunae.csv" and p.field == "context" and p.row == 2 for p in problems)


def test_readings_are_verbatim_and_do_not_overlap(ev):
    for siglum, group in ev.readings.groupby("witness"):
        text = ev.witness_text(siglum)
        spans = sorted((int(r.start), int(r.end)) for r in group.itertuples())
        for r in group.itertuples():
            assert text[int(r.start):int(r.end)] == r.reading
            assert r.corrected != r.reading
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), f"overlapping readings in {siglum}"


def test_every_detected_lacuna_has_a_restoration(ev):
    for siglum in ("F", "E", "X"):
        text = ev.witness_text(siglum)
        detected = {(g.offset, g.kind) for g in apparatus.find_lacunae(text)}
        rows = ev.lacunae[ev.lacunae["witness"] == siglum]
        recorded = {(int(r.offset), r.kind) for r in rows.itertuples()}
        assert detected == recorded, siglum
        assert rows["restoration"].str.strip().str.len().gt(0).all()
    assert len(ev.lacunae[ev.lacunae["witness"] == "F"]) >= 10


def test_detector_on_constructed_text():
    text = "Il est conclu le . Le , il part; dès le des gens viennent au . Voici :\nSuite jusqu'en , fin."
    gaps = apparatus.find_lacunae(text)
    assert [g.kind for g in gaps] == ["date", "date", "date", "date", "list", "date"]
    for g in gaps:
        assert text[g.offset - 1] in " :"
    assert apparatus.find_lacunae("They demanded:\n\n- one\n- two\n") == []
    assert [g.kind for g in apparatus.find_lacunae("The () was")] == ["name", "name"]


def test_uncertain_restorations_explain_themselves(ev):
    uncertain = ev.lacunae[ev.lacunae["uncertain"]]
    assert len(uncertain) > 0
    assert uncertain["note"].notna().all()
    conclusion = ev.lacunae[ev.lacunae["context"].str.endswith("conclu le ")]
    assert len(conclusion) == 1 and bool(conclusion["uncertain"].iloc[0])


def test_restored_witness_keeps_the_text_and_marks_every_restoration(ev):
    for siglum in ("F", "E"):
        text = ev.witness_text(siglum)
        parts = apparatus.witness_parts(ev, siglum)
        supplied = [i for i, p in enumerate(parts) if isinstance(p, Supplied)]
        assert len(supplied) >= len(ev.lacunae[ev.lacunae["witness"] == siglum])
        assert all(parts[i].text.startswith("⟨") and parts[i].text.endswith("⟩") for i in supplied)
        # Remove exactly what the editors inserted: the restorations, and the "- " or " ; " that set out a list.
        inserted = set(supplied) | {i - 1 for i in supplied if parts[i - 1] in ("\n- ", " ; ")}
        assert "".join(p for i, p in enumerate(parts) if i not in inserted) == text
        assert apparatus.witness_with_restorations(ev, siglum) == text_of(tuple(parts))


def test_alignment_covers_both_texts_in_order(ev):
    for siglum, prefix in (("F", "f_"), ("E", "e_")):
        text = ev.witness_text(siglum)
        rows = ev.alignment.dropna(subset=[prefix + "start"]).sort_values(prefix + "start")
        spans = [(int(a), int(b)) for a, b in zip(rows[prefix + "start"], rows[prefix + "end"])]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), f"{siglum} spans overlap"
        covered = set()
        for a, b in spans:
            covered.update(range(a, b))
        uncovered = "".join(ch for i, ch in enumerate(text) if i not in covered)
        assert uncovered.strip() == "", f"{siglum} text outside the alignment: {uncovered.strip()[:60]!r}"


def test_aligned_pairs_follow_the_table(ev):
    pairs = apparatus.aligned_pairs(ev)
    assert [p["id"] for p in pairs] == sorted(ev.alignment["id"], key=lambda i: int(ev.alignment.set_index("id").loc[i, "f_start"]))
    f_only = {r.id for r in ev.alignment.itertuples() if r.e_start is None or str(r.e_start) == "<NA>"}
    assert {p["id"] for p in pairs if p["ratio"] == "F only"} == f_only
    # Every F restoration appears in brackets in the French column.
    french = " ".join(p["french"] for p in pairs)
    for r in ev.lacunae[(ev.lacunae["witness"] == "F") & (ev.lacunae["kind"] == "date")].itertuples():
        assert f"⟨{r.restoration}⟩" in french


def test_attestation_matrix_equals_the_attestation_table(ev):
    from heumezu.figures.attestation import PRECEDENCE, attestation_frame, attestation_matrix, lost_claims
    from heumezu.vocabulary import sigla

    frame = attestation_frame(ev)
    lost = lost_claims(ev)
    assert frame.index.is_unique
    for (table, row), cells in frame.iterrows():
        for w in sigla(ev):
            rows = ev.attestations[(ev.attestations["table"] == table) & (ev.attestations["row"] == row)
                                   & (ev.attestations["witness"] == w)]
            expected = (max(rows["status"], key=PRECEDENCE.get) if len(rows)
                        else "lost" if (w, table, row) in lost else "omitted")
            assert cells[w] == expected, (table, row, w)
    ultimatum = set(ev.events[ev.events["chapter"] == "ultimatum"]["id"])
    assert set(frame.loc["events"].index) == ultimatum
    assert set(frame.loc["demands"].index) == set(ev.demands["id"])
    fig = attestation_matrix(ev)
    assert fig.axes and len(fig.axes[0].get_yticklabels()) == len(frame)


def test_attestation_matrix_shows_loss_apart_from_omission_and_keeps_its_labels_whole(ev):
    """A claim in a list F has lost (a list lacuna, aligned with the passage of E that gives the list)
    is 'lost', not 'omitted'; labels wrap instead of ending in '…'; uncertain dates keep 'c.'."""
    from heumezu.figures.attestation import STATUS_STYLE, attestation_frame, attestation_matrix, lost_claims

    lost = lost_claims(ev)
    lists = ev.lacunae[ev.lacunae["kind"] == "list"]
    assert bool(lost) == any(w in ("F", "E") for w in lists["witness"])
    for witness, table, row in lost:
        assert witness in set(lists["witness"])
        other = "E" if witness == "F" else "F"
        assert ((ev.attestations["witness"] == other) & (ev.attestations["table"] == table)
                & (ev.attestations["row"] == row)).any()
    frame = attestation_frame(ev)
    if ("demands", "dm-yu-dismissal") in frame.index and "f-lac-demands-29-may" in set(lists["id"]):
        assert frame.loc[("demands", "dm-yu-dismissal"), "F"] == "lost"
    fig = attestation_matrix(ev)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert not any(label.endswith("…") for label in labels)
    assert [label.replace("\n", " ") for label in labels] == list(frame["label"])
    for table, key in (("events", "id"), ("demands", "id")):
        uncertain = ev.tables[table].set_index(key)["uncertain"]
        for row, label in frame.loc[table, "label"].items():
            assert label.startswith("c. ") == bool(uncertain.loc[row] is True or uncertain.loc[row] == True), label
    assert STATUS_STYLE["lost"][0] != STATUS_STYLE["omitted"][0]
