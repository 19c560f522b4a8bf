"""Recognising one person across maps, and reading `--set`: properties over any text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acmap.analysis.whatif import FIELDS, WhatIfError, parse_set
from acmap.rules.moves import email_key, linkedin_key, name_key

slug = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=20)


@given(
    slug,
    st.sampled_from(["", "http://", "https://", "HTTPS://"]),
    st.sampled_from(["", "www.", "WWW."]),
    st.sampled_from(["", "/", "//", "/?trk=abc", "#x"]),
    st.booleans(),
)
def test_one_linkedin_profile_however_its_url_is_written(
    handle: str, scheme: str, www: str, tail: str, upper: bool
) -> None:
    url = f"{scheme}{www}linkedin.com/in/{handle.upper() if upper else handle}{tail}"
    key = linkedin_key(url)
    assert key == f"linkedin.com/in/{handle}"
    assert linkedin_key(key) == key


@given(st.text(max_size=40))
def test_keys_never_raise_and_are_stable(text: str) -> None:
    for key in (email_key, linkedin_key, name_key):
        once = key(text)
        assert once is None or key(once) == once


@given(st.text(max_size=60))
def test_any_set_text_is_an_edit_or_a_clear_error(text: str) -> None:
    try:
        edit = parse_set(text)
    except WhatIfError as exc:
        assert str(exc).startswith("--set ")
    else:
        assert edit.field in FIELDS and edit.person


def test_set_splits_at_the_first_dot_and_equals() -> None:
    assert parse_set("mlee.roles=economic_buyer,champion") == (
        "mlee",
        "roles",
        "economic_buyer,champion",
    )
    with pytest.raises(WhatIfError, match="did you mean 'stance'"):
        parse_set("mlee.stanse=blocker")
