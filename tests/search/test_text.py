"""How names become search tokens: normalised, Chinese bigrams and pinyin, and what a query looks up."""

from core.search.text import index_tokens, normalise, query_tokens, title_key


def test_normalise_folds_case_width_and_accents():
    assert normalise("  São   PAULO ") == "sao paulo"
    assert normalise("Ｑｉｎｇｄａｏ") == "qingdao"  # full-width letters, as a Chinese keyboard types them
    assert normalise("Straße") == "strasse"


def test_chinese_names_give_characters_bigrams_and_pinyin():
    tokens = index_tokens("青岛港")
    for token in ("青", "岛", "港", "青岛", "岛港", "qing", "dao", "gang", "qingdaogang", "qdg"):
        assert token in tokens
    assert " ".join(index_tokens("青岛港")) == "青 岛 港 青岛 岛港 qing dao gang qingdaogang daogang qdg"


def test_mixed_text_is_cut_into_latin_and_chinese_runs():
    tokens = index_tokens("海尔Haier集团 QD-2019-0007")
    assert {"海尔", "haier", "集团", "jituan", "qd", "2019", "0007"} <= set(tokens)


def test_queries_look_up_bigrams_and_words():
    assert query_tokens("商务") == ["商务"]
    assert query_tokens("青岛港") == ["青岛", "岛港"]
    assert query_tokens("Qingdao  Gang") == ["qingdao", "gang"]
    assert query_tokens("!!! ???") == []


def test_title_key_keeps_letters_and_digits():
    assert title_key("Siemens AG, Munich") == "siemens ag munich"
