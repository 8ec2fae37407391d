"""Build the source-apparatus tables (lacunae, alignment, readings, segments) from anchors.

No offset is typed by hand: lacunae are found by :func:`heumezu.apparatus.find_lacunae` and
matched, in text order, to the restorations below; every other span is located from verbatim
anchor strings, and the script stops if an anchor is missing or ambiguous. Run from the project
root after changing a spec:

    .venv/bin/python tools/build_apparatus_data.py
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from heumezu.apparatus import find_lacunae  # noqa: E402

DATA = ROOT / "data"
FILES = {"F": "000_0fbfcf475b887f3e.txt", "E": "001_d8286bee04c01950.txt", "X": "002_0d66fedf8f1a1c8b.txt"}
TEXT = {s: (DATA / "witnesses" / f).read_text(encoding="utf-8") for s, f in FILES.items()}


def unique(siglum: str, needle: str) -> int:
    count = TEXT[siglum].count(needle)
    if count != 1:
        raise SystemExit(f"{siglum}: anchor {needle!r} occurs {count} times, expected exactly once")
    return TEXT[siglum].find(needle)


def span(siglum: str, first: str, last: str | None = None) -> tuple[int, int]:
    """From the start of ``first`` (unique) to the end of the first ``last`` after it."""
    start = unique(siglum, first)
    if last is None:
        return start, start + len(first)
    end = TEXT[siglum].find(last, start)
    if end < 0:
        raise SystemExit(f"{siglum}: {last!r} not found after {first!r}")
    return start, end + len(last)


def write(name: str, header: list[str], rows: list[list]) -> None:
    path = DATA / name
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow(["" if v is None else ("true" if v is True else "false" if v is False else v) for v in row])
    print(f"{name}: {len(rows)} rows")


# ------------------------------------------------------------------------------------------------
# LACUNAE, in text order per witness: id, kind, restoration, authority, uncertain, note, sources.
DEMANDS_29_MAY = (
    "la destitution du général Yu Xuezhong de ses fonctions de président du gouvernement provincial du Hebei"
    " ; la cessation de toute activité politique du Kuomintang dans le Hebei, y compris dans les villes de Tianjin et de Peiping"
)
DEMANDS_5_JUNE = (
    "le remplacement du maire de Tianjin, Chang Ting-ngo, et du chef de la police, Lee Chun-hsiang, et le rappel du commandant"
    " du 3e régiment de police militaire, Chiang Hsiao-hsien, et du directeur du département de l'instruction politique, Ts'eng Kwang-ching"
    " ; le retrait du Hebei des forces militaires du Kuomintang"
    " ; la dissolution de toutes les organisations antijaponaises dans toute la Chine, en particulier la Société des Chemises bleues"
    " ; l'arrestation et le châtiment des assassins des directeurs de journaux projaponais, et l'indemnisation des familles des victimes"
)
LACUNAE = {
    "F": [
        ("f-lac-conclusion", "date", "10 juin 1935", "E;frus1935v03-d185;ranfinancial-hemei;frus1936v04-d77", True,
         "E gives 10 June 1935, the day He Yingqin accepted the Japanese demands orally according to the Chinese Foreign Office's account"
         " printed in FRUS. His written notification to Umezu is dated 6 July 1935, and the papers later obtained by the American"
         " Legation run from 29 May to 6 July 1935; the Chinese government denied that any 'agreement' existed. We restore E's date"
         " and flag it as disputed.",
         "wit-E;frus1935v03-d185;ranfinancial-hemei;frus1936v04-d77"),
        ("f-lac-hirota-policy", "date", "22 janvier 1935", "E;frus1935v03-d51", False,
         "Hirota's speech to the Diet announcing the policy of non-aggression.", "wit-E;frus1935v03-d51;paperspast-st-19350123"),
        ("f-lac-sakai-protest", "date", "29 mai 1935", "E", False,
         "Sakai's protest to He Yingqin at Peiping.", "wit-E;7lue-hemei"),
        ("f-lac-demands-29-may", "list", DEMANDS_29_MAY, "E", True,
         "F's list is lost entirely; we restore its substance from E's account of the first demands, in our own French."
         " The number and wording of F's original items cannot be recovered.", "wit-E"),
        ("f-lac-armour-parade", "date", "30 mai 1935", "E", False, "The show of force by Japanese armoured units.", "wit-E;7lue-hemei"),
        ("f-lac-sakai-repeats", "date", "4 juin 1935", "E", False, "Sakai repeats the demands.", "wit-E"),
        ("f-lac-additional-demands", "date", "5 juin", "E", False,
         "F reads 'dès le' before the lost date; the year is given by the context.", "wit-E"),
        ("f-lac-demands-5-june", "list", DEMANDS_5_JUNE, "E", True,
         "F's second list is lost; we restore E's four items in our own French. E's 'disbarment' is read as 'disbandment'"
         " (see the readings).", "wit-E"),
        ("f-lac-kwantung-moves", "date", "7 juin 1935", "E", False, "Kwantung Army units move up to the Great Wall.", "wit-E"),
        ("f-lac-ultimatum", "date", "9 juin", "E;frus1935v03-d185", False,
         "The verbal ultimatum; the Chinese Foreign Office's account also dates the further demands to 9 June.", "wit-E;frus1935v03-d185"),
        ("f-lac-deadline", "date", "12 juin", "E", False, "The deadline for compliance as E gives it.", "wit-E"),
        ("f-lac-end", "date", "juillet 1937", "E;wikimili-marco-polo", False,
         "F's 'jusqu'en' takes a month: the Marco Polo Bridge Incident of 7 July 1937, which F names in the same sentence.",
         "wit-E;wikimili-marco-polo"),
    ],
    "E": [
        ("e-lac-name", "name", "He–Umezu Agreement", "E;wikizero-he-umezu", False,
         "The bold name of the article's first sentence; the title of E and a mirrored copy of the article give it.",
         "wit-E;wikizero-he-umezu"),
        ("e-lac-native-name", "name", "梅津・何應欽協定, Umezu-Ka Okin Kyōtei; Chinese: 何梅協定", "F;wikizero-he-umezu", True,
         "A mirrored copy of the English article reads '(梅津・何應欽協定, Umezu-Ka Okin Kyōtei) (Chinese: 何梅協定)'; F gives the"
         " Japanese name with the shinjitai form 応. The exact wording lost from E cannot be known.",
         "wit-F;wikizero-he-umezu"),
    ],
}


def build_lacunae() -> list[list]:
    rows = []
    for siglum, specs in LACUNAE.items():
        gaps = find_lacunae(TEXT[siglum])
        if len(gaps) != len(specs):
            raise SystemExit(f"{siglum}: {len(gaps)} lacunae detected but {len(specs)} restorations specified")
        for gap, (id_, kind, restoration, authority, uncertain, note, sources) in zip(gaps, specs):
            if gap.kind != kind:
                raise SystemExit(f"{id_}: detected kind {gap.kind} at {gap.offset}, spec says {kind}")
            rows.append([id_, siglum, gap.offset, kind, gap.context(TEXT[siglum]), restoration, authority, uncertain, note, sources])
    return rows


# ------------------------------------------------------------------------------------------------
# ALIGNMENT F–E: id, (F first, F last) or None, (E first, E last) or None, note.
ALIGNMENT = [
    ("al-01", ("L'accord He-Umezu (", "mandataires signataires."), ("= He–Umezu Agreement =", None),
     "F's naming sentence against E's title; E's own native name is lost."),
    ("al-02", ("C'est un accord secret", "conclu le ."), ("The () was a secret", "Second Sino-Japanese War."),
     "E's last clause ('two years prior…') answers F's sentence in al-04."),
    ("al-03", ("Celui-ci complète la trêve", "en 1933."), None, "No counterpart in E."),
    ("al-04", ("Cet accord précède également", "1937-1945."), None, "Cf. the last clause of E's first sentence (al-02)."),
    ("al-05", ("Depuis 1931, le Japon", "en 1933."), ("== Background ==", "violated Chinese sovereignty."),
     "The E span includes E's section heading. F adds the Shanghai war of 1932."),
    ("al-06", ("Depuis la signature de la trêve", "Mongolie-intérieure."), ("The Tanggu Truce established", "Inner Mongolia."),
     "Two French sentences for one English one; F's 'Mengjiang' is anachronistic."),
    ("al-07", ("Cependant, avec la nomination", "envers la Chine."), ("However, with the appointment", "nonaggression against China."), ""),
    ("al-08", ("En réponse, Wang Jingwei", "entre ambassadeurs."), ("In response, the Chinese government", "ambassadorial level."), ""),
    ("al-09", ("Toutefois, cette politique", "territoires chinois."), ("However, the improved relations", "territorial expansion."), ""),
    ("al-10", ("Le , le général Takashi Sakai", "assassinat de deux chefs locaux pro-japonais."),
     ("On 29 May 1935, General Takashi Sakai", "Peiping National Military Council."), ""),
    ("al-11", ("Takashi Sakai exige dès lors que :", None), ("The Japanese Army demanded the dismissal", "(now Beijing)."),
     "F's list of demands is lost; E gives them in a sentence."),
    ("al-12", ("Le , des forces blindées", "de la province."), ("On 30 May, Japanese armored", "show of force."), ""),
    ("al-13", ("Le , Sakai renouvelle", "intégralement acceptées."), ("On 4 June, Sakai repeated", "fully accepted."), ""),
    ("al-14", ("Il émet ensuite dès le des", "supplémentaires :"), ("However, on 5 June, additional demands", "victims' families"),
     "F's list of further demands is lost; E's four items are part of the E span."),
    ("al-15", ("Le , des unités japonaises", "Grande Muraille."), ("On 7 June, forward units", "Great Wall."), ""),
    ("al-16", ("Un nouvel ultimatum oral", "au ."), ("A verbal ultimatum was issued", "of 12 June."), ""),
    ("al-17", ("N'étant pas préparé", "céder à l'ultimatum."), ("Not prepared at the time", "agreed to comply."), ""),
    ("al-18", ("Ainsi, l'accord secret", "He Yingqin."), ("The agreement was between General", "He Yingqin for China."),
     "Both make Umezu commander of the Kwantung Army; F adds that the agreement was signed."),
    ("al-19", ("Les termes de cet accord", "Hebei Oriental."), ("==Aftermath==", "East Hebei Autonomous Council."),
     "The E span includes E's section heading."),
    ("al-20", ("Bien qu'il ait été secret", "sentiment antijaponais en Chine."), ("Although the agreement had been reached", "anti-Japanese sentiment in China."), ""),
    ("al-21", ("L'accord prévalut", "sino-japonaise."), ("The truce lasted until", "Sino-Japanese War started."), ""),
]


def build_alignment() -> list[list]:
    rows = []
    for id_, f, e, note in ALIGNMENT:
        fs, fe = span("F", *f) if f else (None, None)
        es, ee = span("E", *e) if e else (None, None)
        rows.append([id_, fs, fe, es, ee, note])
    return rows


# ------------------------------------------------------------------------------------------------
# READINGS: id, witness, verbatim reading (unique in the witness), corrected, kind, note, sources.
READINGS = [
    # F
    ("f-rd-manchuria-1933a", "F", "après l'invasion de la Mandchourie en 1933", "après l'invasion de la Mandchourie (1931-1932) et du Rehe (1933)", "error",
     "The Japanese invasion of Manchuria began in September 1931 and had taken the whole region by February 1932; in 1933 the"
     " Kwantung Army conquered Rehe (January–March) and pushed to the Great Wall, which the Tanggu Truce of 31 May 1933 ended.",
     "wp-tanggu-truce;wp-mukden;wp-great-wall-defense"),
    ("f-rd-manchuria-1933b", "F", "puis à l'invasion de la Mandchourie en 1933", "puis à l'invasion du Rehe en 1933", "error",
     "As above: Manchuria was overrun in 1931–1932 (before the Shanghai war of 1932 that F names first); the invasion of 1933 was that of Rehe.",
     "wp-tanggu-truce;wp-mukden;wp-great-wall-defense"),
    ("f-rd-mengjiang", "F", "les incidents se sont multipliés avec le Mengjiang", "les incidents se sont multipliés en Mongolie-Intérieure, par armées interposées", "anachronism",
     "There was no 'Mengjiang' in 1933–1935: the Japanese-backed Mongol Military Government was formed in May 1936 and the Mengjiang"
     " United Autonomous Government in 1939. E speaks of proxy armies in Inner Mongolia.",
     "wp-mengjiang;wit-E"),
    ("f-rd-peking-council", "F", "président du Conseil militaire national de Pékin", "président par intérim du Conseil militaire de Peiping (antenne du Conseil militaire national)", "error",
     "He Yingqin, Minister of War, was then Acting Chairman of the Peiping Branch Military Council, a branch of the National Military"
     " Council at Nanking. The city was officially called Peiping from 1928 to 1949.",
     "frus1936v04-d77;wp-he-yingqin;wp-beiping"),
    ("f-rd-local-chiefs", "F", "deux chefs locaux pro-japonais", "deux directeurs de journaux pro-japonais de Tianjin", "mistranslation",
     "The two men killed were the heads of pro-Japanese Chinese-language newspapers in Tianjin (E: 'heads of a local news service');"
     " F's 'chefs locaux' loses the press and makes them local leaders.",
     "wit-E;sdhf-nakamura-44"),
    ("f-rd-signed", "F", "l'accord secret est finalement signé", "He Yingqin accepte les exigences, oralement le 10 juin puis par lettre le 6 juillet 1935", "disputed",
     "No agreement signed by both generals is known: He refused to sign the Japanese draft of 11 June and notified his acceptance in a"
     " letter of 6 July; the Chinese government denied that any agreement existed. Whether to speak of a signed 'accord' is disputed.",
     "frus1935v03-d192;frus1936v04-d77;ranfinancial-hemei"),
    ("f-rd-umezu-kwantung", "F", "commandant en chef de l'armée du Guandong", "commandant de l'armée japonaise de garnison de Chine (Tianjin)", "error",
     "In 1935 Umezu commanded the China Garrison Army at Tianjin; he became commander of the Kwantung Army only in 1939. F repeats E's error.",
     "frus1936v04-d77;wp-umezu;wp-china-garrison-army"),
    ("f-rd-east-hebei", "F", "dorénavant administrée par le Conseil Autonome du Hebei Oriental",
     "l'est du Hebei (la zone démilitarisée de Tanggu) passant en novembre 1935 au Conseil autonome du Hebei oriental", "error",
     "The East Hebei Autonomous Council was proclaimed in November 1935 by Yin Ju-keng in the demilitarised zone of the Tanggu Truce;"
     " it did not administer the whole province and was not created by the agreement.",
     "wp-east-hebei;wp-yin-rugeng"),
    # E
    ("e-rd-concluded", "E", "concluded on 10 June 1935", "accepted orally on 10 June 1935 and confirmed in writing on 6 July 1935", "disputed",
     "10 June is the day of He Yingqin's oral acceptance; his written notification to Umezu is dated 6 July 1935, and the Chinese"
     " government denied that an agreement existed. Scholarship dates the 'agreement' to either day.",
     "frus1935v03-d185;frus1936v04-d77;ranfinancial-hemei"),
    ("e-rd-peiping-council", "E", "Acting Chairman of the Peiping National Military Council", "Acting Chairman of the Peiping Branch Military Council", "error",
     "The Peiping body was a branch of the National Military Council, not the Council itself.",
     "frus1936v04-d77;wp-he-yingqin"),
    ("e-rd-disbarment", "E", "disbarment", "disbandment", "error",
     "'Disbarment' (expulsion from the bar) is a slip for 'disbandment' of the organisations.", "wit-E"),
    ("e-rd-umezu-kwantung", "E", "commander in chief of the Kwantung Army", "commander of the China Garrison Army", "error",
     "Umezu commanded the China Garrison Army at Tianjin in 1935 (the American Legation: 'in command of the Japanese North China"
     " Garrison'); he took over the Kwantung Army in 1939.",
     "frus1936v04-d77;wp-umezu;wp-china-garrison-army"),
    ("e-rd-east-hebei", "E", "under the aegis of the East Hebei Autonomous Council",
     "and, from November 1935, eastern Hebei passed to the Japanese-sponsored East Hebei Autonomous Council", "error",
     "The Council was proclaimed in November 1935 in the Tanggu demilitarised zone of eastern Hebei; it was not an organ of the agreement"
     " and never governed the whole province.",
     "wp-east-hebei;wp-yin-rugeng"),
    ("e-rd-truce", "E", "The truce lasted", "The agreement remained in force", "error",
     "E calls the He–Umezu Agreement a 'truce', confusing it with the Tanggu Truce of 1933; it was not a ceasefire.",
     "wp-tanggu-truce;frus1936v04-d77"),
    # X
    ("x-rd-linked", "X", "linked in a campaign to eradicate", "tied down in a campaign to exterminate", "mistranslation",
     "E's 'tied down' rendered as 'linked': a sign of machine re-translation.", "wit-E"),
    ("x-rd-army-of-arms", "X", "Army of Arms", "Kwantung Army", "corruption",
     "Garbled form of E's 'Kwantung Army'. E is itself wrong here: Umezu commanded the China Garrison Army.",
     "wit-E;frus1936v04-d77;wp-umezu"),
    ("x-rd-peacekeeping-corps", "X", "this peacekeeping corps", "this Peace Preservation Corps", "mistranslation",
     "The Tanggu Truce text X borrows names the Peace Preservation Corps, as X itself does a clause later.",
     "wp-tanggu-truce;wikimili-ppc"),
    ("x-rd-commitment", "X", "After losing all commitment", "Having lost every major engagement", "mistranslation",
     "The Tanggu Truce article says China had lost every major engagement (battle); 'engagement' was re-translated as 'commitment'.",
     "liquisearch-tanggu;wp-tanggu-truce"),
    ("x-rd-mandong", "X", "Mandong warlord", "Manchurian warlord", "corruption",
     "Zhang Xueliang was the discredited Manchurian warlord of the Tanggu Truce article.",
     "liquisearch-tanggu;wp-zhang-xueliang"),
    ("x-rd-canta", "X", "Canta Conference", "Yalta Conference", "corruption",
     "The Allied conference of February 1945 was held at Yalta.", "britannica-ussr;wp-soviet-occupation-manchuria"),
    ("x-rd-kanta", "X", "in Kanta", "at Yalta", "corruption",
     "A second garbled form of Yalta in the same passage.", "britannica-ussr;wp-soviet-occupation-manchuria"),
    ("x-rd-von-yalta", "X", "Von Yalta Agreement", "Yalta Agreement", "corruption",
     "The stray 'Von' looks like a German preposition ('Abkommen von Jalta') left by a round trip through German; this is our inference, not verified.",
     "wp-soviet-occupation-manchuria"),
]


def build_readings() -> list[list]:
    rows = []
    for id_, siglum, reading, corrected, kind, note, sources in READINGS:
        start, end = span(siglum, reading)
        rows.append([id_, siglum, start, end, reading, corrected, kind, note, sources])
    return rows


# ------------------------------------------------------------------------------------------------
# SEGMENTS of X: contiguous, complete. id, first anchor (unique), origin, source_text, subject, note, sources.
# Each segment runs from its anchor to the next segment's anchor (the last one to the end of X).
TANGGU = "English Wikipedia, 'Tanggu Truce', section Negotiations"
SEGMENTS = [
    ("x-seg-01", "He-Umezu Agreement\n", "derived_from_E", "E, title", "He–Umezu Agreement (title)", "E's title without its heading markup; the dash is a hyphen.", "wit-E"),
    ("x-seg-02", "Chiang Kai-shek was then", "derived_from_E", "E, paragraph on Chiang's decision and the parties",
     "He–Umezu Agreement: Chiang Kai-shek's decision, 1935", "Paraphrase of E's two sentences; a stray reference mark [1] follows.", "wit-E"),
    ("x-seg-03", "Two secret clauses", "foreign", TANGGU, "Tanggu Truce, 1933: secret clauses on the Peace Preservation Corps",
     "Close re-translation of the Tanggu Truce article; nothing in it concerns 1935.", "liquisearch-tanggu;wp-tanggu-truce;wikimili-ppc"),
    ("x-seg-04", "After losing all commitment", "foreign", TANGGU, "Tanggu Truce, 1933: China accepts the demands",
     "'accepted all the demands' refers to the Japanese demands of May 1933, not those of 1935.", "liquisearch-tanggu;wp-tanggu-truce"),
    ("x-seg-05", "In addition, the new demilitarized zone", "foreign", TANGGU, "Tanggu Truce, 1933: the demilitarised zone and Zhang Xueliang",
     "Ends with a stray reference mark [2].", "liquisearch-tanggu;wp-zhang-xueliang"),
    ("x-seg-06", "An Allied agreement at the Canta", "foreign",
     "Unidentified English text on the Yalta Conference and the Soviet occupation of Manchuria; we could not find the exact source in the stored copies we searched",
     "Yalta Conference and Soviet occupation of Manchuria, 1945",
     "Three sentences about 1945 with Yalta garbled as 'Canta', 'Kanta' and 'Von Yalta'. The subject is certain; the source text is not identified.",
     "britannica-ussr;wp-soviet-occupation-manchuria"),
    ("x-seg-07", "No regular Kuomintang military units", "foreign", TANGGU, "Tanggu Truce, 1933: terms of the demilitarised zone",
     "The Tanggu article's sentences on reconnaissance aircraft and the lightly armed Peace Preservation Corps.",
     "liquisearch-tanggu;wp-tanggu-truce;frus1931-41v01-d92"),
    ("x-seg-08", "The agreement gave Japan de facto", "derived_from_E", "E, section Aftermath", "He–Umezu Agreement: consequences",
     "Paraphrase of E; a stray reference mark [2] follows.", "wit-E"),
    ("x-seg-09", "Although the deal was reached", "derived_from_E", "E, section Aftermath", "He–Umezu Agreement: the leak and public reaction",
     "Paraphrase of E's penultimate sentence; X stops before E's last sentence.", "wit-E"),
    ("x-seg-10", " . . .", "unknown", "None: an ellipsis marking that the text breaks off", "Truncation mark",
     "X ends in an ellipsis where E's final sentence would follow.", "wit-X"),
]


def build_segments() -> list[list]:
    starts = [0] + [unique("X", anchor) for _, anchor, *_ in SEGMENTS[1:]]
    if unique("X", SEGMENTS[0][1]) != 0:
        raise SystemExit("the first segment must start X")
    ends = starts[1:] + [len(TEXT["X"])]
    rows = []
    for (id_, _anchor, origin, source, subject, note, sources), start, end in zip(SEGMENTS, starts, ends):
        if not start < end:
            raise SystemExit(f"{id_}: empty segment")
        rows.append([id_, "X", start, end, origin, source, subject, note, sources])
    return rows


if __name__ == "__main__":
    write("lacunae.csv", ["id", "witness", "offset", "kind", "context", "restoration", "authority", "uncertain", "note", "sources"], build_lacunae())
    write("alignment.csv", ["id", "f_start", "f_end", "e_start", "e_end", "note"], build_alignment())
    write("readings.csv", ["id", "witness", "start", "end", "reading", "corrected", "kind", "note", "sources"], build_readings())
    write("segments.csv", ["id", "witness", "start", "end", "origin", "source_text", "subject", "note", "sources"], build_segments())
