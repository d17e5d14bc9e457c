"""Text from users and content files, made safe to store, search and write out."""

import unicodedata


def clean_text(value):
    """User text without NULs, control or private-use characters (they break SQL, XML or marks)."""
    value = "" if value is None else str(value)
    return "".join(
        " " if ch in "\t\r\n" else ch
        for ch in value
        if ch in "\t\r\n" or unicodedata.category(ch) not in {"Cc", "Cs", "Co", "Cn"}
    )
