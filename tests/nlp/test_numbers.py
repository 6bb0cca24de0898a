from decimal import Decimal

import pytest

from nlp.numbers import parse_number, plain


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("14.000", Decimal("14000")),
        ("4.750", Decimal("4750")),
        ("10,95", Decimal("10.95")),
        ("55,041", Decimal("55.041")),
        ("1.234.567,8", Decimal("1234567.8")),
        ("1.5", Decimal("1.5")),
        ("1,000,000", Decimal("1000000")),
        ("100", Decimal("100")),
    ],
)
def test_parse_number(raw, value):
    assert parse_number(raw) == value


def test_not_a_number():
    assert parse_number("1.2.3,4,5") is None


def test_plain_keeps_whole_values_exact():
    assert plain(Decimal("55.041") * 10**9) == 55041000000
    assert isinstance(plain(Decimal("55.041") * 10**9), int)
    assert plain(Decimal("10.95")) == 10.95
