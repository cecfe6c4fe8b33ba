"""Pages a mirror site serves in Traditional characters with pinyin after some of them
(項(xiàng)目, 達(dá)標(biāo)): the pinyin is dropped before reading. Made-up texts, not r215/r109/040's."""

from __future__ import annotations

from perflint.ingest.decode import drop_mirror_pinyin
from perflint.ingest.files import load_bytes


def test_toned_annotations_after_characters_are_dropped():
    text = "農(nóng)村道路養(yǎng)護(hù)里程(km)達到120,經(jīng)費(fèi)到位"
    assert drop_mirror_pinyin(text) == "農村道路養護里程(km)達到120,經費到位"


def test_a_character_lost_with_its_bracket_leaves_no_pinyin():
    text = "受益(yì)群眾(zhòng)享受?chē)補貼(tiē)"
    assert drop_mirror_pinyin(text) == "受益群眾享受補貼"


def test_a_page_with_few_annotations_is_left_alone():
    """One or two toned notes are the form's own (a place name spelled out), not a mirror's."""
    text = "涉及馬(mǎ)家灣村和下營(yíng)村"
    assert drop_mirror_pinyin(text) == text
    assert drop_mirror_pinyin("面積(平方米)12(個)") == "面積(平方米)12(個)"


NOTICE = """某縣(xiàn)社區(qū)養(yǎng)老服務(wù)補助項(xiàng)目績(jī)效目標(biāo)公示
一、績(jī)效目標(biāo)
(一)產(chǎn)出指標(biāo)
1、數(shù)量指標(biāo):服務(wù)老人320人。
2、質(zhì)量指標(biāo):服務(wù)合格率100%達(dá)標(biāo)。
3、時(shí)效指標(biāo):補助發(fā)放及時率100%達(dá)標(biāo)。
"""


def test_a_mirrors_notice_is_read_without_its_pinyin():
    fr = load_bytes(NOTICE.encode("utf-8"), "notice.txt")
    assert "(xiàn)" not in (fr.text or "")
    rows = {(i.content, i.value) for d in fr.declarations for i in d.indicators}
    assert ("服務合格率", "100%達標") in rows
    assert ("補助發放及時率", "100%達標") in rows
