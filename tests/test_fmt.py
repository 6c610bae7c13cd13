"""The one formatter (sw_optimiser/fmt.py) for euros, percentages, SE and seconds, per language."""

from sw_optimiser import fmt


def test_euros_percentages_se_and_seconds_read_the_dutch_or_english_way():
    assert fmt.euro(-3_324_700.6, 0, "nl") == "−€ 3.324.701"
    assert fmt.euro(17_917_538.1678, 0, "en") == "€17,917,538"
    assert fmt.percent(0.0578, 2, "nl") == "5,78 %"  # 0.0578 * 100 = 5.78
    assert fmt.percent(0.7057, 1, "en") == "70.6 %"
    assert fmt.percent(None) == "–"
    assert fmt.se(12.375, "nl") == "12,4 SE"  # 12.375 is exact in binary; one decimal rounds up
    assert fmt.se(2.5, "nl", 2) == "2,50 SE"
    assert fmt.seconds(0.61, "nl") == "0,6 s" and fmt.seconds(0.61, "en") == "0.6 s"
    assert fmt.seconds(39.4) == "39 s"
    assert fmt.seconds(60) == "1 min" and fmt.seconds(77) == "1 min 17 s"  # 77 = 60 + 17
    assert fmt.seconds(177) == "2 min 57 s"  # 177 = 120 + 57


def test_the_table_editor_shows_shares_as_percentages_and_euros_as_euros():
    from sw_optimiser.explorer import edit
    from sw_optimiser.schema import TABLE_BY_KEY

    def formats(key):
        return {k: v["type_config"].get("format") for k, v in edit.column_config(TABLE_BY_KEY[key], "nl").items()
                if v.get("type_config", {}).get("type") == "number"}
    company = formats("company")
    assert company["Loonindexatie"] == "percent"  # 0.03 shows as 3 %, the value stays 0.03
    assert company["Basisjaar"] == "%d"  # 2025, not 2.025
    groups = formats("groups")
    assert groups["Uitstroom"] == "percent" and groups["Loonkosten per SE"] == "euro"
    assert groups["SE basisjaar"] == "localized"
