"""acmap.load's door: decoding with the encoding remembered, the guard, the limits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from acmap.load import (
    MAX_BYTES,
    CannotEncode,
    Encoding,
    OutsideProject,
    Rejected,
    Unreadable,
    load_file,
    read_map,
)
from acmap.load.read import decode

TEXT = "acmap: 1\naccount: {id: acme, name: Åcme Straße}\n"
MARKS = [
    ("utf-8", False, b""),
    ("utf-8", True, b"\xef\xbb\xbf"),
    ("utf-16-le", True, b"\xff\xfe"),
    ("utf-16-be", True, b"\xfe\xff"),
    ("utf-32-le", True, b"\xff\xfe\x00\x00"),
    ("utf-32-be", True, b"\x00\x00\xfe\xff"),
]


@pytest.mark.parametrize(("codec", "bom", "mark"), MARKS)
def test_each_encoding_is_read_and_written_back_byte_for_byte(
    tmp_path: Path, codec: str, bom: bool, mark: bytes
) -> None:
    data = mark + TEXT.encode(codec)
    path = tmp_path / "acme.yaml"
    path.write_bytes(data)

    source = read_map(path, tmp_path)

    assert source.text == TEXT
    assert source.encoding == Encoding(codec, bom)
    assert source.encode(source.text) == data
    assert load_file(path, "acme.yaml", tmp_path).ok


def test_utf32_le_is_not_mistaken_for_utf16_le() -> None:
    # FF FE 00 00 is also the UTF-16 LE mark followed by U+0000; the longer mark wins, as in YAML.
    text, encoding = decode(b"\xff\xfe\x00\x00" + "a: 1\n".encode("utf-32-le"))
    assert (text, encoding.codec) == ("a: 1\n", "utf-32-le")


def test_broken_utf16_is_e001() -> None:
    with pytest.raises(Rejected) as caught:
        decode(b"\xff\xfe" + b"\x00\xd8a\x00")  # a lone high surrogate
    assert (caught.value.code, caught.value.message) == ("E001", "not valid UTF-16 LE text")


def test_a_bad_utf8_byte_after_a_bom_is_placed_in_the_file() -> None:
    with pytest.raises(Rejected) as caught:
        decode(b"\xef\xbb\xbfa: 1\nb: \xe9\n")
    assert (caught.value.line, caught.value.col) == (2, 4)
    assert "byte 0xe9 at offset 11" in caught.value.message


def test_new_text_the_encoding_cannot_hold_is_refused() -> None:
    with pytest.raises(CannotEncode, match=r"cannot be written as UTF-16 LE with BOM"):
        Encoding("utf-16-le", True).encode("name: \ud800\n", "maps/acme.yaml")


def test_a_symlink_out_of_the_root_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(TEXT, encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    link = project / "acme.yaml"
    link.symlink_to(secret)

    with pytest.raises(OutsideProject, match=r"^acme\.yaml: symlink to a file outside"):
        read_map(link, project, "acme.yaml")
    with pytest.raises(OutsideProject):
        load_file(link, "acme.yaml", project)


def test_a_symlink_inside_the_root_is_read_and_written_to_its_target(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    real = tmp_path / "shared" / "acme.yaml"
    real.write_text(TEXT, encoding="utf-8")
    link = tmp_path / "acme.yaml"
    link.symlink_to(Path("shared") / "acme.yaml")

    source = read_map(link, tmp_path)

    assert (source.path, source.real, source.display) == (link, real, str(link))


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(Unreadable, match="not a regular file"):
        read_map(fifo, tmp_path, "pipe.yaml")


def test_a_file_over_the_limit_is_e011_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)
    with pytest.raises(Rejected) as caught:
        read_map(big, tmp_path)
    assert caught.value.code == "E011"
    assert [f.code for f in load_file(big, "big.yaml", tmp_path).findings] == ["E011"]
