"""Reading files as users have them: encodings, line ends, and one-line refusals."""
from __future__ import annotations

import codecs
import os

import pytest

from govreport.inputs import InputError, decode_bytes, read_text

TEXT = "一、2023年工作总结\r\n一是全年GDP增长５%。\u00a0\u3000\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.replace("\u00a0", " ").encode("gbk"), "gb18030"),
    ],
)
def test_encodings_decode_to_the_same_text(data, encoding):
    text, enc = decode_bytes(data)
    assert enc == encoding
    assert text.replace("\u00a0", " ") == TEXT.replace("\u00a0", " ")


def test_text_is_not_normalised():
    text, _ = decode_bytes(TEXT.encode("utf-8"))
    assert "\r\n" in text and "\u3000" in text and "５" in text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n", "only whitespace"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04\x14\x00", ".docx"),
        (b"\x00\x01\x02\x03binary\x00", "binary"),
    ],
)
def test_bad_bytes_are_refused_with_a_reason(data, message):
    with pytest.raises(InputError, match=message) as info:
        decode_bytes(data, name="x.txt")
    assert "\n" not in str(info.value)


def test_missing_folder_and_unreadable(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path)
    f = tmp_path / "secret.txt"
    f.write_text("一、工作总结\n", encoding="utf-8")
    f.chmod(0)
    if os.geteuid() != 0:  # root reads anything
        with pytest.raises(InputError, match="permission denied"):
            read_text(f)


def test_size_limit(tmp_path):
    f = tmp_path / "big.txt"
    f.write_bytes("工作。".encode() * 100)
    with pytest.raises(InputError, match="larger than"):
        read_text(f, max_bytes=100)


def test_sha256_is_of_the_bytes(tmp_path):
    import hashlib

    f = tmp_path / "r.txt"
    data = codecs.BOM_UTF8 + "工作总结".encode()
    f.write_bytes(data)
    text, enc, sha = read_text(f)
    assert text == "工作总结" and enc == "utf-8-sig" and sha == hashlib.sha256(data).hexdigest()
