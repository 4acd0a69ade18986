"""The digest's fast paths give the answers of the general code they stand in for.

Speed-ups in the hot path (bench/digest_bench.py) replace a general form by a cheaper one
where both must agree: an ASCII twin of a Unicode regex, a cached answer. The corpus-wide
proof is `bench/digest_equivalence.py` (byte-identical digests against another tree);
these tests pin the properties it cannot reach by example, such as every ASCII character.
"""

from __future__ import annotations

import random
import re

from exporter.digest import templates

ASCII = [chr(c) for c in range(128)]


def test_ascii_separator_class_equals_the_unicode_one_on_every_ascii_character() -> None:
    general = re.compile(rf"[{templates._SEP}]")
    ascii_twin = re.compile(rf"[{templates._SEP_ASCII}]")
    assert [c for c in ASCII if bool(general.match(c)) != bool(ascii_twin.match(c))] == []
    digit = re.compile(r"\d")
    assert [c for c in ASCII if bool(digit.match(c)) != ("0" <= c <= "9")] == []


def test_ascii_digit_token_sub_equals_the_unicode_one() -> None:
    rng = random.Random(11)
    alphabet = "".join(ASCII) + "ab0c1 \t.:-_<>*"  # every ASCII character, words weighted
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        want = templates._DIGIT_TOKEN.sub("<*>", text)
        assert templates._DIGIT_TOKEN_ASCII.sub("<*>", text) == want, repr(text)


def test_mask_of_non_ascii_text_uses_the_unicode_classes() -> None:
    # U+00A0 and U+2003 are whitespace, U+0663 an Arabic-Indic digit: the general pattern
    assert templates.mask("id\u00a0\u0663 done") == "id\u00a0<*> done"
    assert templates.mask("a\u2003b7") == "a\u2003<*>"
    assert templates.mask("x\x1cy9 z") == "x\x1c<*> z"  # ASCII information separator
