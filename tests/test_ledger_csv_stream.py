"""The CSV reader streams the file (issue 19): the encoding, the sample and the line count come from
chunks, and are what the whole-file ``decode`` and ``bytes.count`` gave."""

import pytest

from sw_optimiser.ledger import csv_xlsx
from sw_optimiser.ledger.lines import ProblemLog

CASES = {
    "ascii": b"Datum;Bedrag\n01-01-2024;10,00\n",
    "utf-8": "Datum;Omschrijving\n01-01-2024;caf\u00e9 \u20ac 5\n".encode("utf-8"),
    "utf-8-sig": "\ufeffDatum;Omschrijving\n01-01-2024;\u20ac\n".encode("utf-8"),
    "bom, invalid after": b"\xef\xbb\xbfDatum;x\n01-01-2024;\xff\n",
    "cp1252": "Datum;Omschrijving\n01-01-2024;\u20ac 5 caf\u00e9\n".encode("cp1252"),
    "latin-1": b"Datum;Omschrijving\n01-01-2024;\x81\xe9\n",  # 0x81: not in Windows-1252
    "utf-16": "Datum;Bedrag\n01-01-2024;10,00\n".encode("utf-16"),
    "no final break": b"Datum;Bedrag\n01-01-2024;10,00",
}


@pytest.mark.parametrize("chunk", [3, 7, 1 << 24])
@pytest.mark.parametrize("name", list(CASES))
def test_the_streamed_encoding_and_sample_are_what_decode_gives(tmp_path, monkeypatch, name, chunk):
    monkeypatch.setattr(csv_xlsx, "_CHUNK_BYTES", chunk)  # chunk boundaries inside multi-byte characters
    raw = CASES[name]
    path = tmp_path / "l.csv"
    path.write_bytes(raw)
    whole_log, streamed_log = ProblemLog("l.csv"), ProblemLog("l.csv")
    encoding, text = csv_xlsx.decode(raw, whole_log)
    assert csv_xlsx.sniff_encoding(path, streamed_log) == (encoding, text, False)
    assert [p.describe() for p in streamed_log.problems] == [p.describe() for p in whole_log.problems]


def test_a_long_file_gives_the_first_characters_and_says_there_is_more(tmp_path):
    # 3 bytes per euro sign: the sample is counted in characters, as text[:_SAMPLE_BYTES] was
    raw = ("Datum;Omschrijving\n" + "01-01-2024;\u20ac\u20ac\u20ac\n" * 20_000).encode("utf-8")
    path = tmp_path / "l.csv"
    path.write_bytes(raw)
    text = raw.decode("utf-8")
    assert csv_xlsx.sniff_encoding(path, ProblemLog("l.csv")) == ("utf-8", text[:csv_xlsx._SAMPLE_BYTES], True)


@pytest.mark.parametrize("chunk", [1, 4, 1 << 24])
@pytest.mark.parametrize("raw, start, skip", [(b"a\nb\nc\n", 0, 1), (b"a\nb\nc", 0, 1), (b"\xef\xbb\xbfa\nb\n", 3, 1),
                                              (b"t\na\nb\nc\n", 0, 2), (b"a\n", 0, 1), (b"a\n\n\n", 0, 0),
                                              (b"\xef\xbb\xbf", 3, 0)])
def test_the_streamed_line_count_is_the_whole_file_count(tmp_path, monkeypatch, raw, start, skip, chunk):
    monkeypatch.setattr(csv_xlsx, "_CHUNK_BYTES", chunk)
    path = tmp_path / "l.csv"
    path.write_bytes(raw)
    whole = raw.count(b"\n", csv_xlsx._nth_line_end(raw, start, skip)) + (not raw.endswith(b"\n"))
    assert csv_xlsx._lines_after(path, start, skip) == whole


def test_a_file_with_fewer_line_breaks_than_skipped_lines_raises_as_before(tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes(b"Datum;Bedrag\r01-01-2024;10,00\r")  # old Mac line ends: no \n at all
    with pytest.raises(ValueError):
        csv_xlsx._nth_line_end(path.read_bytes(), 0, 1)
    with pytest.raises(ValueError):
        csv_xlsx._lines_after(path, 0, 1)
