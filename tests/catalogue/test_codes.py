"""Code validation against real codes: USCCs of real companies, HS subheadings, CLDR countries and currencies."""

from __future__ import annotations

import pytest

from catalogue.codes import (
    CodeError,
    certification_code,
    uscc_check_character,
    validate_country,
    validate_currency,
    validate_hs_code,
    validate_uscc,
)

# Published on the companies' own licences; the check character is what GB 32100-2015 computes.
REAL_USCCS = [
    "914403001922038216",  # Huawei Technologies Co., Ltd. (Shenzhen)
    "91330100716105852F",  # Alibaba (China) Co., Ltd. (Hangzhou)
    "9144030071526726XG",  # Shenzhen Tencent Computer Systems Co., Ltd.
    "91110000802100433B",  # China Petroleum & Chemical Corporation
]


@pytest.mark.parametrize("code", REAL_USCCS)
def test_real_usccs_pass(code: str) -> None:
    assert validate_uscc(code) == code


def test_lower_case_and_spaces_are_normalised() -> None:
    assert validate_uscc(" 91330100716105852f ") == "91330100716105852F"


@pytest.mark.parametrize("code, fragment", [
    ("91330100716105852E", "should be 'F'"),          # wrong check character
    ("914403001922038217", "should be '6'"),
    ("91330100716105852", "18 characters, got 17"),
    ("9133010071610585200", "18 characters, got 19"),
    ("91330100716105852I", "not allowed"),             # I is not in the alphabet
    ("9133O100716105852F", "not allowed"),             # letter O inside the division code
    ("", "18 characters, got 0"),
])
def test_invalid_usccs_name_field_value_and_reason(code: str, fragment: str) -> None:
    with pytest.raises(CodeError) as caught:
        validate_uscc(code)
    message = str(caught.value)
    assert message.startswith("uscc: ")
    assert repr(code) in message
    assert fragment in message


def test_check_character_is_the_mod_31_complement() -> None:
    assert uscc_check_character("91330100716105852") == "F"
    assert uscc_check_character("91440300192203821") == "6"


@pytest.mark.parametrize("value, expected", [("441911", "441911"), ("4419.11", "441911"), ("8507 60", "850760")])
def test_hs_codes(value: str, expected: str) -> None:
    assert validate_hs_code(value) == expected


@pytest.mark.parametrize("value", ["44191", "4419111", "44A911", "", "4419.1"])
def test_bad_hs_codes(value: str) -> None:
    with pytest.raises(CodeError, match=r"^hs_code: .*6 digits"):
        validate_hs_code(value)


@pytest.mark.parametrize("value", ["DE", "us", "JP", "AE", "BR"])
def test_countries_known_to_cldr(value: str) -> None:
    assert validate_country(value) == value.upper()


@pytest.mark.parametrize("value", ["QQ", "EU", "001", "UK", "DEU", ""])
def test_unknown_countries(value: str) -> None:
    with pytest.raises(CodeError, match="export_markets: .* ISO 3166-1 alpha-2"):
        validate_country(value)


@pytest.mark.parametrize("value", ["CNY", "usd", "EUR", "JPY"])
def test_currencies(value: str) -> None:
    assert validate_currency(value) == value.upper()


@pytest.mark.parametrize("value", ["RMB", "XYZ", "US", ""])
def test_unknown_currencies(value: str) -> None:
    with pytest.raises(CodeError, match="currency: .* ISO 4217"):
        validate_currency(value)


def test_certification_codes() -> None:
    assert certification_code("ISO 9001") == "iso-9001"
    assert certification_code("UN38.3") == "un38-3"
    assert certification_code(" BSCI ") == "bsci"
