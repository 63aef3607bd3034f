"""Checks on an uploaded table before it is published: encoding, header row, column counts
and agreement with the dataset's field descriptions."""

import csv
import io

from django.utils.translation import gettext as _

SAMPLE = 2 * 1024 * 1024


def detect_encoding(data):
    """"UTF-8", "Big5" or None. Strict decoding is decisive for these two: Big5 text is
    almost never valid UTF-8, and government files come in one or the other."""
    for name, codec in (("UTF-8", "utf-8-sig"), ("Big5", "cp950")):
        try:
            data.decode(codec)
        except UnicodeDecodeError as error:
            # A sample cut mid-character fails only in its last few bytes.
            if error.start < len(data) - 4:
                continue
        return name
    return None


def check_table(data, declared_encoding, field_names):
    """Problems (translated messages) found in CSV bytes; an empty list means fine."""
    sample = data[:SAMPLE]
    encoding = detect_encoding(sample)
    if encoding is None:
        return [_("The file is neither UTF-8 nor Big5 text.")]
    problems = []
    if encoding == "Big5" and declared_encoding != "Big5":
        problems.append(_("The file is encoded in Big5. Tick “convert to UTF-8” to convert it "
                          "on saving, or set the encoding to Big5."))
    text = sample.decode("utf-8-sig" if encoding == "UTF-8" else "cp950", errors="ignore")
    rows = [row for row in csv.reader(io.StringIO(text)) if row]
    if len(data) > SAMPLE and rows:
        rows.pop()  # the sample may end mid-row
    if not rows:
        return [*problems, _("The file is empty.")]
    header = [cell.strip() for cell in rows[0]]
    if not all(header) or len(set(header)) != len(header):
        problems.append(_("The first row must be a header with a distinct name in every column."))
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            problems.append(_("Row %(row)s has %(found)s columns; the header has %(expected)s.")
                            % {"row": number, "found": len(row), "expected": len(header)})
            break
    expected = [name.strip() for name in field_names if name.strip()]
    if expected and header != expected:
        problems.append(_("The columns (%(found)s) do not match the field descriptions "
                          "(%(expected)s).") % {"found": "、".join(header),
                                                 "expected": "、".join(expected)})
    return problems


def to_utf8(data):
    return data.decode("cp950").encode("utf-8")
