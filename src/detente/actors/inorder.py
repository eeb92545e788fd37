"""People referred to by surname, title or pronoun, resolved in text order.

A mixin of the per-document resolver (:mod:`.resolve`): it walks the items
that refer to people in document order, so "Kim" or "the Chinese leader" is
resolved against the people already mentioned (salience in :mod:`.coref`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from .base import surname
from .matchers import ALIAS, NAME, SHORT
from .people import Ref

if TYPE_CHECKING:
    from .coref import Tracker

_FULL, _SHORT, _TITLE, _PRONOUN, _UNNAMED = "full", "short", "title", "pronoun", "unnamed"


@dataclass(slots=True)
class _Item:
    """Something that refers to a person, resolved in text order."""

    kind: str
    start: int
    end: int
    person: str | None = None  # for full names
    office: str | None = None  # for titles
    qual: Ref | None = None  # the state/org qualifying a title
    hint: str | None = None  # a country or gender hint for surnames
    head: int = -1  # the token whose syntax counts for salience
    span: tuple[int, int] | None = None  # for titles: the title words alone ("ambassador")


class InOrder:
    """Text-order resolution of surnames, titles and pronouns (mixed into the resolver)."""

    # provided by the resolver
    doc: Any
    lex: Any
    base: Any
    index: Any
    date: Any
    items: list[_Item]
    new: dict[str, Any]
    tracker: Tracker
    sent_of: list[int]

    def emit(self, actor_id: str, start: int, end: int, how: str) -> None:
        raise NotImplementedError

    def actor(self, actor_id: str) -> Any:
        raise NotImplementedError

    def _resolve_in_order(self) -> None:
        self.items.sort(key=lambda it: (it.start, -it.end))
        for n, it in enumerate(self.items):
            head = self.doc[it.head]
            sent = self.sent_of[it.start]
            pid: str | None
            if it.kind == _UNNAMED:
                self.tracker.add("~" + (it.hint or "?"), head, sent)
                continue
            if it.kind == _FULL:
                pid = it.person
                how = NAME if self.doc[it.start:it.end].text == self.actor(pid or "").name else ALIAS
            elif it.kind == _SHORT:
                pid, how = self._surname(it, n, sent), "surname"
            elif it.kind == _TITLE:
                pid, how = self._title(it, sent), "title"
                if pid is None and it.office in self.lex.shared_offices and it.qual is not None and it.span:
                    # "the Russian ambassador": one of many holders, so the state it speaks for
                    self.emit(it.qual.actor, it.span[0], it.span[1], "title")
                    continue
            else:
                pid = self._pronoun(it, head, sent)
                how = "possessive" if head.tag_ == "PRP$" or head.lower_ in self.lex.possessive_pronouns else "pronoun"
            if pid:
                self.emit(pid, it.start, it.end, how)
                self.tracker.add(pid, head, sent)

    def _gender(self, pid: str) -> str | None:
        e = self.base.get(pid)
        if e is not None:
            return e.gender
        np = self.new.get(pid)
        return np.gender if np is not None else None

    def _learn_gender(self, pid: str, gender: str | None) -> None:
        """A new person referred to by "Ms X" or an unambiguous "she" is female from then on."""
        np = self.new.get(pid)
        if np is not None and np.gender is None and gender in ("m", "f"):
            np.gender = gender

    def _shorts(self, pid: str) -> list[str]:
        e = self.base.get(pid)
        if e is not None:
            return self.base.short_forms(e)
        return [surname(self.new[pid].name, self.lex.surname_first)] if pid in self.new else []

    def _roles(self, pid: str) -> list[tuple[str | None, str | None, bool]]:
        """(office class, of, leader) of the roles a person holds on the document date."""
        e = self.base.get(pid)
        if e is not None:
            return [(r.office, r.of, r.leader) for r in e.roles if r.holds(self.date) or (self.date is None and r.end is None)]
        return [(self.lex.office_of(r.title), r.of, False) for r in (self.new[pid].roles if pid in self.new else []) if r.start]

    def _is_leader(self, pid: str) -> bool:
        return any(leader for _, _, leader in self._roles(pid))

    def _surname(self, it: _Item, n: int, sent: int) -> str | None:
        text = self.doc[it.start:it.end].text
        want = it.hint if it.hint in ("m", "f") else None
        cands = [p for p in self.tracker.seen() if text in self._shorts(p) and (want is None or self._gender(p) in (None, want))]
        if cands:
            best = max(cands, key=lambda p: self.tracker.salience(p, sent, self._is_leader(p)))
            self._learn_gender(best, want)
            return best
        for later in self.items[n + 1:]:  # named in full further on ("Xi ... Xi Jinping")
            if later.kind == _FULL and later.person and text in self._shorts(later.person):
                return later.person
        keys = self.index.vocab.strings
        hits = self.index.readings.get(keys[text], ()) if text in keys else ()
        office = [h.actor for h in hits if h.how == SHORT and h.actor and any(r.holds(self.date) for r in (self.base.get(h.actor) or _NO).roles)]
        named_as_person = any(e.label_ == "PERSON" and e.start <= it.start < e.end for e in self.doc.ents)
        if len(office) == 1 and (named_as_person or it.hint):
            return office[0]
        return None

    def _title(self, it: _Item, sent: int) -> str | None:
        office, qual = it.office or "", it.qual

        def fits(pid: str) -> bool:
            for cls, of, leader in self._roles(pid):
                ok = (leader or cls in self.lex.leader_classes) if office == "leader" else cls == office
                if ok and (qual is None or of == qual.actor):
                    return True
            return False
        cands = [p for p in self.tracker.seen() if fits(p)]
        if cands:
            return max(cands, key=lambda p: self.tracker.salience(p, sent, self._is_leader(p)))
        if qual is None or office in self.lex.shared_offices:
            return None  # many ambassadors, envoys, spokespeople: never guess one from the base
        holders = self.base.holders(qual.actor, office, self.date)
        for cls in (self.lex.leader_classes if office == "leader" and not holders else ()):
            holders = holders or self.base.holders(qual.actor, cls, self.date)
        return holders[0] if holders else None

    def _pronoun(self, it: _Item, tok: Token, sent: int) -> str | None:
        want = it.hint
        scores = self.tracker.pronoun_scores(tok, sent)
        if tok.dep_ in ("dobj", "dative", "pobj"):  # "Xi told him": him is not Xi
            verb = tok.head.head if tok.dep_ == "pobj" else tok.head
            subj = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
            for r in self.tracker.records:
                if r.tok in subj:
                    scores.pop(r.ref, None)
        best, best_score, rivals = None, 0.0, 0
        for ref, score in scores.items():
            g = ref[1:] if ref.startswith("~") else self._gender(ref)
            if g not in (None, want):
                continue
            rivals += 1
            if score <= best_score:
                continue
            best, best_score = ref, score
        if best and rivals == 1:
            self._learn_gender(best, want)  # the only fitting referent: "..., she said"
        return best if best and not best.startswith("~") else None


class _NoRoles:
    roles: list = []


_NO = _NoRoles()
