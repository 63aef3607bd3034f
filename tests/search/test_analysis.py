from search.analysis import analyze, analyze_query, normalise


def matches(text, query):
    """The same rule every backend applies: every query term occurs, its tokens in a row."""
    tokens = analyze(text)
    return all(
        any(tokens[i:i + len(term)] == term for i in range(len(tokens)))
        for term in analyze_query(query)
    )


TITLE = "高雄市政府消費者保護委員會議決美耐皿餐具回收機制"


def test_words_inside_a_chinese_title_are_found():
    for word in ["消費者", "美耐皿", "委員會", "回收", "高雄市政府"]:
        assert matches(TITLE, word), word
    assert not matches(TITLE, "消保官")
    # The characters of a word, but not in a row, do not match the word.
    assert not matches("消費 費者", "消費者")


def test_two_character_and_single_character_queries():
    assert matches("高雄市與韓國釜山廣域市締結姊妹市", "釜山")
    assert matches("消費爭議調解委員會", "調解")
    assert matches("高雄市政府公報公告", "公告")
    assert matches("高雄市立美術館照片展開幕", "照片展")
    assert matches("釜山", "釜")
    assert not matches("釜山", "公")


def test_simplified_and_traditional_match_each_other():
    assert matches(TITLE, "消费者保护")
    assert matches("消费者保护委员会", "消費者保護")
    assert normalise("發髮") == normalise("发发")


def test_width_and_case_fold():
    assert analyze("ＡＢＣ１２３") == ["abc", "123"]
    assert matches("abc", "ＡＢＣ")
    assert matches("Kaohsiung CITY", "kaohsiung city")


def test_english_variants_and_mixed_queries():
    assert matches("Night markets of Kaohsiung", "night market")
    assert matches("The city was twinned in 1966", "twinning")
    assert matches("高雄夜市 Night Markets guide", "夜市 night market")
    assert not matches("高雄夜市", "夜市 museum")


def test_index_tokens():
    assert analyze("釜山 Markets 2024") == ["釜山", "釜", "山", "market", "2024"]
    assert analyze_query("消费者 the markets") == [["消费", "费者"], ["market"]]
    assert analyze_query("!!!") == []


def test_latin_letters_next_to_han_are_separate_words():
    title = "訂定高雄市政府ＯＤＦ文件格式推動作業要點"
    for query in ("odf", "ＯＤＦ文件", "ODF 格式", "文件格式"):
        assert matches(title, query), query
    assert analyze("ODF文件")[:2] == ["odf", "文件"]
