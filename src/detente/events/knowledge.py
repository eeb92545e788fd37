"""What the events stage knows, built once per process: lexicon, cues, word lists.

Nothing here changes while documents are read; the per-document state lives in
:class:`detente.events.resolver.Resolver`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from ..datafiles import DataFileError, load
from ..linguistics import commentator_groups
from ..model import PLOVER_TYPES, Actor
from .lexicon import Lexicon
from .modality import Cues

WORDS_FILE = "events/words.yaml"


@dataclass(frozen=True, slots=True)
class Words:
    """The word classes of ``data/events/words.yaml`` (each documented there)."""

    role_nouns: frozenset[str]
    pronouns: frozenset[str]
    neuter_pronouns: frozenset[str]
    personal_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    possessive_pronouns: frozenset[str]
    group_nouns: frozenset[str]
    number_words: dict[str, int]
    local_nouns: frozenset[str]
    national_bodies: frozenset[str]
    armed_group_nouns: frozenset[str]
    claim_verbs: frozenset[str]
    claim_objects: frozenset[str]
    base_words: frozenset[str]
    relational_nouns: frozenset[str]
    measure_nouns: frozenset[str]
    joint_modifiers: frozenset[str]
    route_modes: frozenset[str]
    accusation_nouns: frozenset[str]
    response_verbs: frozenset[str]
    report_nouns: frozenset[str]
    request_nouns: frozenset[str]
    place_ents: frozenset[str]
    place_preps: frozenset[str]
    owner_target_verbs: frozenset[str]
    stative_passives: frozenset[str]
    own_act_verbs: frozenset[str]
    # roles of PLOVER types
    situation_types: frozenset[str]
    scene_target_types: frozenset[str]
    speech_act_types: frozenset[str]
    joint_types: frozenset[str]
    addressee_types: frozenset[str]
    home_target_types: frozenset[str]
    home_source_types: frozenset[str]
    domestic_types: frozenset[str]
    armed_speech_types: frozenset[str]
    patient_of_types: frozenset[str]
    conditional_content_types: frozenset[str]
    # particles of a counter-strike ("fought back", "hit back"): aimed at the aggressor, not the home state
    retaliation_particles: frozenset[str] = frozenset()
    # types whose object entry names who or what the act falls on, not the event (see words.yaml)
    patient_object_types: frozenset[str] = frozenset()
    # emit events whose agent neither the sentence nor the story gives (see words.yaml)
    emit_without_source: bool = True
    # ... and then only when the sentence names an agent the actor stage could not read (see words.yaml)
    sourceless_needs_agent: bool = False
    # nouns for a stretch of a state's land named by its adjective ("on Afghan soil")
    territory_nouns: frozenset[str] = frozenset()
    # nouns for one person holding an office ("the army chief"): "his" may point back to them
    person_roles: frozenset[str] = frozenset()
    # help with no recipient named goes to the home state's people
    home_beneficiary_types: frozenset[str] = frozenset()
    # a foreign state's sanction or threat with no target named presses the home state
    home_pressure_types: frozenset[str] = frozenset()
    # verbs of a struggle: without an opponent named, a foreign side's struggle falls on no one
    struggle_verbs: frozenset[str] = frozenset()
    # members of a legislature or party: a party label of one state makes them that state's
    party_member_nouns: frozenset[str] = frozenset()
    # a state's armed forces by their noun ("security forces", "troops")
    force_nouns: frozenset[str] = frozenset()
    # types whose passive force subject is its owner's act ("Kenyan troops were deployed")
    own_force_types: frozenset[str] = frozenset()
    # verbs pinning an act on someone: the act's "on" phrase is the blamed, not its target
    blame_verbs: frozenset[str] = frozenset()
    # an organisation's officials by their title ("Hamas leader X", "X, the leader of Hezbollah"):
    # the title's nouns, the words that may stand in it, and those that make it a past one
    org_official_nouns: frozenset[str] = frozenset()
    org_official_modifiers: frozenset[str] = frozenset()
    org_official_past: frozenset[str] = frozenset()
    # types whose object, an attack the story told that names no one, aims them at its attacker
    attack_target_types: frozenset[str] = frozenset()
    # offices held for a state ("envoy for Yemen"): their holder's appeals with no addressee are to it
    remit_nouns: frozenset[str] = frozenset()
    # what a plan or act "meets with" ("met with criticism"): a reception, no meeting
    reception_nouns: frozenset[str] = frozenset()
    # event nouns whose participants hold them: "warships sailed during naval drills"
    exercise_types: frozenset[str] = frozenset()
    # accusations lodged with someone "over" or "about" another's act: against whoever did it
    grievance_types: frozenset[str] = frozenset()
    # "both sides", "the two parties": the two sides of the act told just before in the sentence
    side_nouns: frozenset[str] = frozenset()


TYPE_ROLES = ("situation_types", "scene_target_types", "speech_act_types", "joint_types", "addressee_types",
              "home_target_types", "home_source_types", "domestic_types", "armed_speech_types",
              "patient_of_types", "conditional_content_types", "patient_object_types", "own_force_types",
              "home_beneficiary_types", "home_pressure_types", "attack_target_types",
              "exercise_types", "grievance_types")


@cache
def load_words() -> Words:
    """Read ``data/events/words.yaml`` (once per process); its type roles must name PLOVER types."""
    words = load(Words, WORDS_FILE)
    for key in TYPE_ROLES:
        unknown = sorted(getattr(words, key) - set(PLOVER_TYPES))
        if unknown:
            raise DataFileError(f"detente/data/{WORDS_FILE}", f"not a PLOVER type: {', '.join(unknown)}", key)
    return words


@dataclass(frozen=True, slots=True)
class Knowledge:
    """Everything the extractor reads and never writes."""

    lexicon: Lexicon
    cues: Cues
    words: Words
    # ISO3 -> state Actor, for targets implied by a place ("a visit to Pyongyang")
    state_lookup: Callable[[str], Actor | None] | None = None
    # names of unnamed commentator groups ("analysts"): their warnings are assessments
    commentator_groups: frozenset[str] = frozenset()

    @classmethod
    def build(cls, lexicon: Lexicon, cues: Cues,
              state_lookup: Callable[[str], Actor | None] | None = None) -> Knowledge:
        """The knowledge of one process: the given lexicon and cues, the shipped word lists."""
        return cls(lexicon, cues, load_words(), state_lookup, commentator_groups())
