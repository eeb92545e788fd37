"""The state of a person or organisation the base does not know, from the words around it.

People and organisations created from the text (:mod:`.people`) get the state the text ties
them to (docs/actors.md, rule 3), first found wins:

1. the words before the name: "North Korea's army chief of staff X", "Afghan Interior
   Ministry spokesman X", "Lamu County Commissioner X", "Taliban spokesperson X", "White House
   press secretary X", "Republican Representative X" (``lexicon.yaml: title_states``);
2. a title phrase set off by a comma before it: "Former French ambassador to Ivory Coast, X";
3. an apposition or a prepositional phrase after it: "X, director of the White House National
   Economic Council", "X, C.A.R.'s territorial administration minister", "X of the Dutch think
   tank Y", "X in Quetta", "Y, a Thai rights group";
4. a copula: "X is the executive director of the Mogadishu-based group Y";
5. else the story's state (:meth:`Affiliations.story_state`): the state the document names and
   places things in most, for people and domestic-looking organisations that nothing ties to
   an international organisation.

States come from the mentions already resolved (names, demonyms, capitals, seats, state-bound
organisations), and from towns and subdivisions (``cities.tsv``, ``subdivisions.tsv``).  A
state named after "to", "on" or "about" is a host or a topic ("ambassador to Ivory Coast",
"an expert on Iran"), not the person's own; so is a state *name* before an analyst noun
("a North Korea expert").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon
from .people import Ref, Refs
from .places import LOCATIONS_KEY, place_country

# a state named after one of these is not the person's own ("ambassador to X", "expert on X")
_FOREIGN_PREPS = frozenset({"to", "on", "about", "toward", "towards", "against", "into", "over", "across", "than"})
_STOP = frozenset({",", ".", ";", ":", "(", ")", '"', "\u201c", "\u201d", "\u2014", "\u2013", "!", "?"})
_PLACE_ENTS = frozenset({"GPE", "LOC"})
_SEAT_VERBS = frozenset({"base", "headquarter", "headquartered", "locate", "register"})
_SEPARATORS = frozenset({",", "\u2014", "\u2013", ":"})

_QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d"})
_GENDERED = frozenset({"he", "him", "his", "she", "her"})


@dataclass(slots=True)
class Evidence:
    """What the text ties an actor to: a state, or an organisation without one."""

    country: str | None = None
    stateless: bool = False  # tied to the UN, NATO...: no state, and no default either

    @property
    def found(self) -> bool:
        return self.country is not None or self.stateless


_NONE = Evidence()


class Affiliations:
    """Finds the state of new people and organisations in one document."""

    def __init__(self, doc: Doc, refs: Refs, lex: Lexicon, orgs: dict[int, tuple[int, str, str | None]],
                 state_counts: Counter[str], base_orgs: frozenset[str]):
        self.doc, self.refs, self.lex, self.orgs = doc, refs, lex, orgs
        self.state_counts = state_counts
        self.base_orgs = base_orgs  # ids of the base's organisations (those without a state are international)
        self._story: tuple[bool, str | None] = (False, None)
        self.title_states: list[tuple[str, int]] = []  # (state, weight) named in the headline
        self.people: dict[int, tuple[int, Evidence]] = {}  # start -> (end, what a known person is tied to)

    # -- the story's state ------------------------------------------------------
    def story_state(self) -> str | None:
        """The state the document is about: named most, places counting double; None on a tie."""
        done, value = self._story
        if done:
            return value
        score: Counter[str] = Counter(self.state_counts)
        for code, weight in self.title_states:  # the headline says what the story is about
            score[code] += weight
        for _s, _e, _name, country, kind in self.doc.user_data.get(LOCATIONS_KEY, []):
            if country:
                score[country] += 2 if kind == "place" else 1
        ranked = score.most_common(2)
        value = None
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            value = ranked[0][0]
        self._story = (True, value)
        return value

    # -- people -------------------------------------------------------------------
    def person(self, name: Span) -> Evidence:
        """The state the words around a person's name tie them to (rules 1-4 above)."""
        doc = self.doc
        lo = self._premodifier_start(name.start)
        head = doc[name.start - 1] if name.start else None
        # only a role word right before the name makes the words before it about the person
        # ("Taliban spokesperson X"; not a headline run on: "Indian reluctance X")
        possessive = head is not None and head.lower_ in ("'s", "\u2019s", "'", "\u2019")  # "VOA's X", "Sudan's X"
        if lo < name.start and head is not None and (self._is_role(head) or head.lower_ in self.lex.title_states or possessive):
            ev = self.scan(lo, name.start, head, before_head=True)
            if ev.found:
                return ev
        if (ev := self._title_before_comma(name.start)).found:
            return ev
        if (ev := self.after(name)).found:
            return ev
        if (ev := self._copula(name)).found:
            return ev
        # "senators Ann Brook, Carl Dunn and Eve Ford": a later conjunct shares the first one's tie
        head = name.root.head
        if name.root.dep_ == "conj" and head.i < name.start and head.ent_type_ == "PERSON":
            first = next((e for e in doc.ents if e.start <= head.i < e.end), None)
            if first is not None and first.end <= name.start:
                return self.person(first)
        return _NONE

    def after(self, name: Span) -> Evidence:
        """An apposition ("X, a Thai rights group") or a phrase ("X of Y", "X in Quetta") after a name."""
        doc, n = self.doc, len(self.doc)
        j = name.end
        # up to two appositions: "X, known also as Y, an American who ..."
        for _ in range(2):
            if not (j + 1 < n and doc[j].text == "," and doc[j + 1].lower_ not in ("who", "which", "whose", "said", "says", "told")):
                break
            lo = j + 1
            hi = _phrase_end(doc, lo)
            if hi <= lo:
                break
            root = doc[lo:hi].root
            if root.pos_ in ("NOUN", "PROPN") or self._is_role(root) or root.i in self.refs.by_start:
                return self.scan(lo, hi, root)  # "X, a British national" (tagged ADJ), "X, an American"
            if root.lemma_.lower() in _SEAT_VERBS:  # "Y, headquartered in Copenhagen,"
                return self.scan(lo, hi, None)
            if root.tag_ not in ("VBN", "VBG"):
                break
            j = hi  # a participle phrase ("known also as Y"): the next apposition may say more
        if j < n and doc[j].lower_ in ("of", "in", "from", "at", "with"):
            hi = _phrase_end(doc, j, stop_at_verb=True)
            return self.scan(j, hi, None)
        return _NONE

    def _copula(self, name: Span) -> Evidence:
        """ "X is the executive director of the Mogadishu-based group Y". """
        root = name.root
        if root.dep_ != "nsubj" or root.head.lemma_ != "be":
            return _NONE
        attr = next((c for c in root.head.children if c.dep_ == "attr" and c.i > root.i), None)
        if attr is None:
            return _NONE
        return self.scan(attr.left_edge.i, attr.right_edge.i + 1, attr)

    def _title_before_comma(self, start: int) -> Evidence:
        """ "Former French ambassador to Ivory Coast, X": a title phrase, a comma, the name."""
        doc = self.doc
        if start < 2 or doc[start - 1].text not in _SEPARATORS:
            return _NONE
        hi = start - 1
        lo = hi
        # back to the punctuation or verb before the phrase ("... is a French national, X")
        while lo > 0 and hi - lo < 12 and doc[lo - 1].text not in _STOP and not doc[lo].is_sent_start \
                and doc[lo - 1].pos_ not in ("VERB", "AUX", "SCONJ", "CCONJ"):
            lo -= 1
        seg = doc[lo:hi]
        if not len(seg) or any(t.pos_ in ("VERB", "AUX", "PRON") for t in seg):
            return _NONE
        root = seg.root
        if not self._is_role(root):
            return _NONE
        return self.scan(lo, hi, root)

    def _is_role(self, tok: Token) -> bool:
        low = tok.lemma_.lower()
        lex = self.lex
        return low in lex.person_nouns or low in lex.analyst_nouns or low in lex.role_words or tok.lower_ in lex.titles

    def _premodifier_start(self, start: int) -> int:
        """First token of the words that modify a name in its noun phrase ("Lamu County Commissioner")."""
        doc = self.doc
        lo = start
        while lo > 0 and start - lo < 10:
            t = doc[lo - 1]
            if t.text in _STOP or t.ent_type_ == "PERSON":
                break
            hyphenated = lo >= 2 and doc[lo - 2].text == "-"  # "United Nations-appointed", "Mogadishu-based"
            if t.pos_ in ("PROPN", "NOUN", "ADJ", "PART", "NUM") or t.text in ("-", "'s", "\u2019s", ".") or t.lower_ in ("of", "for") or hyphenated:
                lo -= 1
                continue
            break
        while lo < start and doc[lo].lower_ in ("of", "for", "-"):
            lo += 1
        return lo

    def names_by_role(self, taken: bytearray) -> list[Span]:
        """Names spaCy missed or mislabelled, known by a role next to them.

        Two or three capitalised proper nouns after a role word ("spokesperson Randhir
        Jaiswal") or before an apposition headed by one ("Siyoka Simasiku, director at ...",
        "X Y, who heads ...") are a person's name.
        """
        doc = self.doc
        out: list[Span] = []
        seen: set[tuple[str, ...]] = set()
        candidates: list[Span] = []
        i, n = 0, len(doc)
        while i < n:
            if not self._name_word(doc[i], taken):
                i += 1
                continue
            j = i
            while j < n and j - i < 4 and self._name_word(doc[j], taken):
                j += 1
            if 2 <= j - i <= 3 and not all(t.ent_type_ == "PERSON" for t in doc[i:j]):
                candidates.append(doc[i:j])
                before = doc[i - 1] if i > 0 else None
                # a lower-case role noun ("spokesperson X Y"): "National Computing Power Grid" is no name
                by_role = (before is not None and before.pos_ in ("NOUN", "PROPN") and before.is_lower
                           and self._is_role(before))
                if before is not None and before.text == "," and i >= 2:  # "Another passenger, Allah Ditta"
                    noun = doc[i - 2]
                    by_role = by_role or (noun.pos_ == "NOUN" and noun.is_lower and self._is_role(noun))
                if by_role or self._role_follows(j) or self._speaks(doc[i:j]):
                    out.append(doc[i:j])
                    seen.add(tuple(t.text for t in doc[i:j]))
            i = j
        # the same words elsewhere in the story name the same person, whatever their context
        out += [c for c in candidates if c not in out and tuple(t.text for t in c) in seen]
        return sorted(out, key=lambda sp: sp.start)

    def _speaks(self, name: Span) -> bool:
        """Whether a name is the subject of a speech verb in a sentence that quotes someone
        ('"...," Ana Ruiz said') and a he/she follows: an organisation quoted so is never "he"."""
        root = name.root
        if not (root.dep_ == "nsubj" and root.head.pos_ == "VERB" and root.head.lemma_.lower() in self.lex.quote_verbs
                and any(t.text in _QUOTE_MARKS for t in name.sent)):
            return False
        end = name.sent.end
        if end < len(self.doc):
            end = self.doc[end].sent.end
        return any(t.lower_ in _GENDERED for t in self.doc[name.sent.start:end])

    def orgs_by_noun(self, taken: bytearray) -> list[Span]:
        """Names an organisation noun introduces: "the Mogadishu-based group Somali Public Agenda",
        "the Dutch think tank Clingendael", "the street gang Tren de Aragua"."""
        doc, lex = self.doc, self.lex
        out: list[Span] = []
        for t in doc:
            if t.pos_ != "NOUN" or not t.is_lower or t.lemma_ not in lex.org_apposition_nouns:
                continue
            j = t.i + 1
            while j < len(doc) and j - t.i <= 5 and (self._name_word(doc[j], taken) or (
                    doc[j].lower_ in ("of", "de", "for", "and") and j + 1 < len(doc) and self._name_word(doc[j + 1], taken))):
                j += 1
            while j > t.i + 1 and not doc[j - 1].text[:1].isupper():
                j -= 1
            if j > t.i + 1 and (j >= len(doc) or not doc[j].text[:1].isupper()):
                out.append(doc[t.i + 1:j])
        return out

    def _name_word(self, t: Token, taken: bytearray) -> bool:
        lex = self.lex
        if not (t.pos_ == "PROPN" and t.is_title and t.is_alpha and not taken[t.i] and t.ent_type_ not in ("NORP", "DATE", "TIME")
                and t.text not in lex.org_heads and t.lower_ not in lex.role_words and t.lower_ not in lex.titles
                and t.text not in lex.honorifics and t.i not in self.refs.by_start and t.i + 1 not in self.refs.by_end):
            return False
        # a real town is no surname spaCy took for one
        return t.ent_type_ not in _PLACE_ENTS or place_country(t.text) is None

    def _role_follows(self, j: int) -> bool:
        """Whether ", <det> <adj> role-noun" or ", who" follows token j."""
        doc = self.doc
        if j + 1 < len(doc) and doc[j].lemma_ == "be" and doc[j + 1].lower_ in ("the", "a", "an"):
            start = j + 1  # "X Y is the executive director of ..."
        elif j + 1 >= len(doc) or doc[j].text != ",":
            return False
        elif doc[j + 1].lower_ == "who":
            return True
        else:
            start = j + 1
        for t in doc[start:min(len(doc), start + 5)]:
            if t.pos_ in ("DET", "ADJ") or (t.pos_ in ("NOUN", "PROPN") and t.dep_ == "compound"):
                continue
            # lower case: "Legal Affairs, Justice and Human Rights" lists names, no role
            return t.pos_ in ("NOUN", "PROPN") and t.is_lower and self._is_role(t)
        return False

    # -- organisations ------------------------------------------------------------
    def org(self, ent: Span) -> Evidence:
        """The state of a new organisation from its premodifiers, apposition or an "in"/"based in" phrase."""
        doc = self.doc
        lo = self._premodifier_start(ent.start)
        if lo < ent.start and (ev := self.scan(lo, ent.start, None)).found:
            return ev
        if (ev := self.after(ent)).found:
            return ev
        # "the Brookings Institution research group in Washington": a place a few words on
        for k in range(ent.end, min(len(doc) - 1, ent.end + 4)):
            t = doc[k]
            if t.text in _STOP or t.pos_ in ("VERB", "AUX"):
                break
            if t.lower_ == "in":
                return self.scan(k, _phrase_end(doc, k, stop_at_verb=True), None)
        return _NONE

    def org_apposition(self, ent: Span) -> bool:
        """An entity that an apposition calls an organisation: "The Print, an Indian online publication"."""
        doc, j = self.doc, ent.end
        if j + 2 >= len(doc) or doc[j].text != "," or doc[j + 1].lower_ not in ("a", "an", "the"):
            return False
        for t in doc[j + 2:min(len(doc), j + 8)]:
            if t.lemma_.lower() in self.lex.org_apposition_nouns and t.pos_ == "NOUN":
                return t.dep_ != "compound" or t.head.lemma_.lower() in self.lex.org_apposition_nouns
            if t.pos_ not in ("ADJ", "NOUN", "PROPN", "PUNCT") or t.text == ",":
                return False
        return False

    def domestic(self, name: str, any_head: bool = False) -> bool:
        """Whether an organisation's name looks like a body of one state ("Frontier Corps", "Society").

        ``any_head``: a name with no international word is enough (a group the story introduces
        with its acronym, "Bring Back Our Girls (BBOG)").
        """
        words = name.replace("-", " ").split()
        if any(w in self.lex.international_words for w in words):
            return False
        return any_head or any(w in self.lex.domestic_org_heads for w in words)

    # -- evidence in a span ---------------------------------------------------------
    def scan(self, lo: int, hi: int, head: Token | None, before_head: bool = False) -> Evidence:
        """The state the tokens [lo, hi) give an actor whose role noun is ``head``.

        Before the head, the leftmost state wins (a nationality or the office's state); after it,
        the first one not governed by "to/on/about" (an affiliation or a place).  After a topic
        noun ("expert", "specialist"), an affiliation beats a demonym ("a North Korean expert at a
        US institute").
        """
        doc, lex = self.doc, self.lex
        hpos = hi if (head is None or before_head) else head.i
        analyst = head is not None and head.lemma_.lower() in lex.analyst_nouns
        pre, post = Evidence(), Evidence()
        i = lo
        while i < hi:
            ev: Evidence = _NONE
            nxt = i + 1
            place = False  # a state's name or a town: what "in" may govern
            ref = self.refs.by_start.get(i)
            if ref is not None and ref.end <= hi:
                ev, nxt = self._ref(ref, topic=analyst and i < hpos), ref.end
                place = ref.kind == "state" and ref.how != "demonym"
            elif i in self.people and self.people[i][0] <= hi:
                end, ev = self.people[i]  # "Guterres' spokesman, X": the person's state (or none)
                nxt = end
            elif i in self.orgs and self.orgs[i][0] <= hi:
                end, _name, country = self.orgs[i]
                ev, nxt = (Evidence(country) if country else _NONE), end
            elif self._place_word(doc[i]):
                place = True
                end = i + 1
                while end < hi and self._place_word(doc[end]) and end not in self.refs.by_start and end not in self.orgs:
                    end += 1
                code = place_country(doc[i:end].text, self.story_state())
                ev, nxt = (Evidence(code) if code else _NONE), end
            elif i < hpos and (code := lex.title_states.get(doc[i].lower_)):
                ev = Evidence(code)
            prep = self._prep(hpos, i) if i > hpos else None
            if ev.found and prep not in _FOREIGN_PREPS and (prep != "in" or place):
                target = pre if i < hpos else post
                if not target.found:
                    target.country, target.stateless = ev.country, ev.stateless
            i = max(nxt, i + 1)
        if post.found and pre.found and head is not None and head.lemma_.lower() in lex.topic_nouns and post.country:
            return post
        return pre if pre.found else post

    def _place_word(self, t: Token) -> bool:
        """A word that may name a town or a region: a proper noun that is no role word or person."""
        if t.ent_type_ in _PLACE_ENTS:
            return True
        return (t.pos_ == "PROPN" and t.is_title and t.ent_type_ not in ("PERSON", "NORP", "DATE")
                and t.lower_ not in self.lex.role_words and t.lower_ not in self.lex.titles and t.text not in self.lex.org_heads)

    def _ref(self, ref: Ref, topic: bool) -> Evidence:
        doc = self.doc
        possessive = ref.end < len(doc) and doc[ref.end].lower_ in ("'s", "\u2019s")
        if ref.kind == "state":
            if topic and ref.how in ("name", "alias") and not possessive:
                return _NONE  # "a North Korea expert": the topic, not the nationality
            return Evidence(ref.country)
        if ref.country:
            return Evidence(ref.country)
        return Evidence(None, stateless=ref.actor in self.base_orgs)

    def _prep(self, head: int, i: int) -> str | None:
        """The preposition nearest before token i after the head ("to" in "ambassador to X")."""
        for k in range(i - 1, head, -1):
            if self.doc[k].pos_ == "ADP":
                return str(self.doc[k].lower_)
        return None


def _phrase_end(doc: Doc, i: int, stop_at_verb: bool = False, limit: int = 25) -> int:
    """End of the phrase starting at token i: the next punctuation, sentence end (or verb)."""
    j = i
    while j < len(doc) and j - i < limit and doc[j].text not in _STOP and (j == i or not doc[j].is_sent_start):
        if stop_at_verb and j > i and doc[j].pos_ in ("VERB", "AUX") and doc[j].lower_ != "based":
            break
        j += 1
    return j
