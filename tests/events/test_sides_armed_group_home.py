"""An armed group the actor base ties to the state it fights in does not make the story
about that state (the story's home state is the one its own actors name)."""

from __future__ import annotations

from tests.events.helpers import sides as _sides

STORY = ("Kenya said on Monday that al-Shabaab fighters had ambushed a convoy near the border. "
         "Al-Shabaab has carried out dozens of raids, Kenya said. "
         "Al-Shabaab is based in Somalia, and al-Shabaab recruits across the region, Kenya added. "
         "Kenya also closed two border crossings with Somalia. "
         "Last year the government sent soldiers into the border region to arrest smugglers.")


def test_the_bare_government_is_the_home_state_not_the_groups_state() -> None:
    assert any(s == ["KEN"] for s, _ in _sides(STORY, "MOBILIZE"))
