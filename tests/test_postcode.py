"""Postcode against region: mismatch blocks, shared or unverified warns."""

from __future__ import annotations

from letterkit.address.postcode import check_postcode


def codes(postcode, region):
    return [i.code for i in check_postcode(postcode, region)]


def test_matching_postcode_has_no_issue():
    assert codes("693008", "Сахалинская область") == []


def test_postcode_of_another_region():
    assert codes("614990", "Сахалинская область") == ["postcode-region"]


def test_shared_range_is_a_warning():
    # 108xxx «Новая Москва» was Moscow Oblast until 2012 (data/postcodes/ru-extra.toml)
    assert codes("108811", "Московская область") == ["postcode-shared"]


def test_unverified_ranges_only_warn():
    # the ranges of the regions annexed in 2022 are not verified (data/postcodes/ru-extra.toml)
    assert codes("283000", "Донецкая Народная Республика") == []
    assert codes("283000", "Ростовская область") == ["postcode-unverified"]
    assert codes("344000", "Донецкая Народная Республика") == ["postcode-unverified"]


def test_format():
    assert codes("69300", "Сахалинская область") == ["postcode-format"]
    assert codes(None, "Сахалинская область") == ["missing-postcode"]
