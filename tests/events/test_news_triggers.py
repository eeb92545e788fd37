"""Common news triggers of the event lexicon: one sentence per trigger group, through the whole pipeline.

Each case names the PLOVER type and both sides the sentence supports; the
sentences are written for these tests.  The negative cases pin the constraints
that keep an ambiguous word ("dismissed the minister", "released a statement")
from coding an event.
"""

from __future__ import annotations

import pytest

from detente.pipeline import process_text

CASES = [
    # --- SANCTION: tariffs and levies, listings, bans, cut-offs ------------------
    ("tariff-noun", "Japan imposed new tariffs on South Korean chips.", "SANCTION", "JPN", "KOR"),
    ("levy-verb", "Canada levied tariffs on American steel.", "SANCTION", "CAN", "USA"),
    ("hit-with-levy", "Washington hit Mexico with a 25% levy on car parts.", "SANCTION", "USA", "MEX"),
    ("raise-tariffs", "The United States doubled its tariffs on Chinese aluminium.", "SANCTION", "USA", "CHN"),
    ("terrorist-designation", "Britain designated Hamas as a terrorist organization.", "SANCTION", "GBR", "org:hamas"),
    ("barred-from-country", "Afghanistan barred Richard Bennett from the country.", "SANCTION", "AFG", "person:richard-bennett"),
    ("aid-cut-off", "Germany stopped military aid to Niger.", "SANCTION", "DEU", "NER"),
    ("freeze", "Australia froze aid to Cambodia.", "SANCTION", "AUS", "KHM"),
    ("import-ban", "India banned imports from Pakistan.", "SANCTION", "IND", "PAK"),
    # --- COERCE: arrests, custody, network busts, deportations, closures ------------
    ("detain", "Iran detained two French tourists.", "COERCE", "IRN", "FRA"),
    ("round-up", "Turkish police rounded up dozens of Syrian refugees.", "COERCE", "TUR", "SYR"),
    ("held-in-detention", "Venezuela holds three American citizens in detention.", "COERCE", "VEN", "USA"),
    ("house-arrest", "Russia placed the Ukrainian journalist under house arrest.", "COERCE", "RUS", "UKR"),
    ("dismantle-cell", "Moroccan police dismantled a terrorist cell in Rabat.", "COERCE", "MAR", "MAR"),
    ("close-media", "Somalia shut down twelve radio stations in Mogadishu.", "COERCE", "SOM", "SOM"),
    ("recapture", "Ukraine recaptured the town from Russia.", "COERCE", "UKR", "RUS"),
    ("deport", "Thailand deported 40 Uyghurs to China.", "COERCE", "THA", "CHN"),
    # --- ASSAULT: abductions, air raids, nouns of attack ---------------------------
    ("kidnap", "Boko Haram kidnapped dozens of Nigerian schoolgirls.", "ASSAULT", "org:boko-haram", "NGA"),
    ("kidnapping-noun", "Boko Haram claimed the kidnapping in Nigeria.", "ASSAULT", "org:boko-haram", "NGA"),
    ("airstrike-noun", "The airstrike by Israel on Lebanon killed four people.", "ASSAULT", "ISR", "LBN"),
    ("air-raid", "Israel carried out an air raid against Syria.", "ASSAULT", "ISR", "SYR"),
    ("hit-with-missiles", "Russia hit Kyiv with missiles.", "ASSAULT", "RUS", "UKR"),
    ("expulsion-from-homes", "Sudanese militias drove thousands of Chadian farmers from their villages.", "ASSAULT", "SDN", "TCD"),
    ("vow-revenge", "Iran vowed revenge against Israel.", "THREATEN", "IRN", "ISR"),
    # --- PROTEST, MOBILIZE ------------------------------------------------------------
    ("take-to-streets", "Georgians took to the streets against Russia.", "PROTEST", "GEO", "RUS"),
    ("troops-to-frontier", "China sent troops to the border with India.", "MOBILIZE", "CHN", "IND"),
    ("scramble-jets", "Taiwan scrambled jets to warn away Chinese aircraft.", "MOBILIZE", "TWN", "CHN"),
    ("mass-troops", "Russia massed troops on the border with Ukraine.", "MOBILIZE", "RUS", "UKR"),
    # --- RETREAT, AID -------------------------------------------------------------------
    ("lift-freeze", "France lifted the freeze on aid to Chad.", "RETREAT", "FRA", "TCD"),
    ("delay-tariffs", "The United States delayed the tariffs on Canadian lumber.", "RETREAT", "USA", "CAN"),
    ("release-tranche", "The IMF released a $1 billion tranche to Pakistan.", "AID", "org:imf", "PAK"),
    ("bankroll", "Iran bankrolled the Houthis.", "AID", "IRN", "org:houthis"),
    ("donate-vaccines", "China donated vaccines to the Philippines.", "AID", "CHN", "PHL"),
    # --- verbal conflict: ACCUSE, REJECT, REQUEST, CONCEDE ---------------------------------
    ("scold", "Kenya scolded Somalia over the border dispute.", "ACCUSE", "KEN", "SOM"),
    ("warn-of-danger", "The United Nations warned Israel of a famine in Gaza.", "ACCUSE", "org:un", "ISR"),
    ("express-concern", "Brazil expressed concern over Venezuela's election.", "ACCUSE", "BRA", "VEN"),
    ("brush-off", "Moscow brushed off the accusations from London.", "REJECT", "RUS", "GBR"),
    ("ignore-calls", "Iran ignored repeated calls from France to free the prisoners.", "REJECT", "IRN", "FRA"),
    ("block-resolution", "Russia blocked the resolution on Syria.", "REJECT", "RUS", "SYR"),
    ("dismiss-demand", "Serbia dismissed the demand from Kosovo.", "REJECT", "SRB", "XKX"),
    ("push-for", "The Philippines pushed for talks with China.", "REQUEST", "PHL", "CHN"),
    ("back-down", "Poland and Ukraine met in Warsaw. Poland later backed down.", "CONCEDE", "POL", "UKR"),
    # --- verbal cooperation: SUPPORT, AGREE, COOPERATE, CONSULT -----------------------------
    ("stand-with", "Japan stood with Taiwan against Chinese pressure.", "SUPPORT", "JPN", "TWN"),
    ("express-solidarity", "Saudi Arabia expressed solidarity with Morocco.", "SUPPORT", "SAU", "MAR"),
    ("seal-deal", "Britain and India sealed a trade deal.", "AGREE", "GBR", "IND"),
    ("hammer-out", "India and Pakistan hammered out a deal.", "AGREE", "IND", "PAK"),
    ("assure", "China assured Thailand that the men would be treated fairly.", "AGREE", "CHN", "THA"),
    ("joint-operation", "Iraq and the United States conducted a joint operation in Anbar.", "COOPERATE", "IRQ", "USA"),
    ("led-talks", "Marco Rubio led talks with Ukraine in Jeddah.", "CONSULT", "person:marco-rubio", "UKR"),
    ("consult", "Indonesia consulted Malaysia about the haze.", "CONSULT", "IDN", "MYS"),
]


@pytest.mark.parametrize(("text", "etype", "source", "target"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_news_trigger_codes_type_and_sides(text: str, etype: str, source: str, target: str) -> None:
    events = process_text(text).events
    found = [(e.type, e.source, e.target, e.modality) for e in events]
    assert any(
        e.type == etype and source in e.source and target in e.target and e.modality == "asserted" for e in events
    ), found


NOT_EVENTS = [
    # another sense of the trigger word
    ("dismiss-official", "Kenya dismissed its finance minister on Monday.", "REJECT"),
    ("release-statement", "Russia released a statement about Ukraine.", "RETREAT"),
    ("fire-official", "Pakistan fired its army chief after the talks with India.", "ASSAULT"),
    ("travel-restriction", "Travel restrictions by Cameroon and Nigeria hurt the poultry trade.", "SANCTION"),
    ("speak-with-press", "Japan's foreign minister spoke with reporters in Seoul.", "CONSULT"),
    ("warn-of-danger-no-threat", "France warned of a humanitarian catastrophe in Gaza.", "THREATEN"),
    ("disagree-alone", "Asked about the report, the Indian minister said: \"I disagree.\"", "REJECT"),
]


@pytest.mark.parametrize(("text", "etype"), [c[1:] for c in NOT_EVENTS], ids=[c[0] for c in NOT_EVENTS])
def test_other_senses_code_no_event(text: str, etype: str) -> None:
    events = process_text(text).events
    assert not [e for e in events if e.type == etype], [(e.type, e.trigger) for e in events]


SOURCE_ONLY = [
    # acts without a counterpart: the actor is enough
    ("on-alert", "Israeli troops remained on alert in the West Bank.", "MOBILIZE", "ISR"),
    ("strike", "Nigerian teachers went on strike.", "PROTEST", "NGA"),
    ("stop-work", "Dock workers in France stopped work.", "PROTEST", "FRA"),
    ("sail-through-strait", "The United States sailed a destroyer through the Taiwan Strait.", "MOBILIZE", "USA"),
    ("fly-bombers", "Russia flew bombers near Japan.", "MOBILIZE", "RUS"),
]


@pytest.mark.parametrize(("text", "etype", "source"), [c[1:] for c in SOURCE_ONLY], ids=[c[0] for c in SOURCE_ONLY])
def test_one_sided_news_trigger_codes_type_and_source(text: str, etype: str, source: str) -> None:
    events = process_text(text).events
    assert any(e.type == etype and source in e.source and e.modality == "asserted" for e in events), [
        (e.type, e.source, e.target) for e in events
    ]
