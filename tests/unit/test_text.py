"""Masking personal data and search keys for Vietnamese text."""

import pytest

from postal_service.text import mask_id, mask_name, mask_phone, search_key


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("Nguyễn Văn An", "Nguyễn V. A."),
        ("Lê Thị Ánh Tuyết", "Lê T. Á. T."),
        ("Hà", "Hà"),
        ("", ""),
    ],
)
def test_names_keep_the_family_name_and_initials(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_phones_show_only_their_last_three_digits() -> None:
    assert mask_phone("+84912345678") == "********678"


def test_id_numbers_are_never_shown_whole() -> None:
    assert mask_id("1234") == "••••1234"
    assert mask_id(None) is None


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Cấp đổi giấy phép lái xe", "cap doi giay phep lai xe"),
        ("ĐĂNG KÝ  Khai sinh", "dang ky khai sinh"),
    ],
)
def test_search_keys_drop_diacritics_case_and_extra_spaces(text: str, key: str) -> None:
    assert search_key(text) == key
