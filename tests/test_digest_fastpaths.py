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


# --- regex twins and anchored searches (exporter.digest.fastre, signals) ------------------
_FRAGMENTS = (
    "status", "Status", "STATUS", "code", "Code", "http", "_", ".", " ", "  ", "\t", "\x1c",
    "\x1f", "=", ":", '"', "500", "503", "200", "99", "1234", "2.5", "0", "ms", "s", "sec",
    "seconds", "us", "ns", "in ", "took", "time", "total", "latency_ms", "duration", "->",
    "=>", "Returning", "returned", "responded with", "Completed", "response", "resp",
    "Unavailable", "OK", "a", "Z", "x", "/", "(", ")", ",", "-", "|", "GET ", "done",
    "response_status", "Response Code", "responsecode", "http.status", "HTTPStatus",
    "resp_status", "status_code", "StatusCode", "code = ", "status: ", "=500", ": 404",
    "Responded 503", "responding with 500", "Returning 502", "returns 404", "-> 500",
    "=> 404", "Completed 500", "code=Unavailable", "grpc code = Internal", "resp=500",
    "Resp: 502",
)  # fmt: skip


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    noise = "".join(ASCII)
    out = []
    for _ in range(n):
        parts = [
            rng.choice(_FRAGMENTS) if rng.random() < 0.85 else rng.choice(noise)
            for _ in range(rng.randrange(1, 14))
        ]
        out.append("".join(parts))
    return out


def _found(m: re.Match[str] | None) -> object:
    return None if m is None else (m.span(), m.groups())


def test_twins_match_like_their_originals_on_ascii_text() -> None:
    from exporter.digest import signals
    from exporter.digest.fastre import twin

    originals = (
        signals._KEYED,
        signals._IN_UNIT,
        signals._WITH_UNIT,
        signals._STATUS_VERB,
        signals._GRPC,
    )
    pairs = [(rx, twin(rx)) for rx in originals]
    for text in _texts(6000, 5):
        for rx, tw in pairs:
            for pos in (0, len(text) // 2):
                assert _found(tw.search(text, pos)) == _found(rx.search(text, pos)), (rx, text)
        low = text.lower()
        assert _found(twin(signals._KEYED).search(low)) == _found(signals._KEYED.search(low))


def test_anchored_searches_find_what_search_finds() -> None:
    from exporter.digest import signals

    for text in _texts(20_000, 6):
        want = _found(signals._STATUS_KEYED.search(text))
        got = signals._search_from(signals._STATUS_KEYED_LOW, text.lower(), signals._KEYED_AT)
        assert _found(got) == want, text
        got = signals._search_from(signals._STATUS_VERB, text, signals._VERB_AT)
        assert _found(got) == _found(signals._STATUS_VERB.search(text)), text
        got = signals._search_from(signals._GRPC, text, signals._GRPC_AT)
        assert _found(got) == _found(signals._GRPC.search(text)), text


def test_unit_gate_from_the_s_finds_the_number_the_digit_led_gate_finds() -> None:
    """`_unit_number_at` (the search from each `s`) stands in for `_UNIT_GATE` on ASCII
    text: same answer, and the same start (the digit), which the duration finder uses."""
    from exporter.digest import signals

    rng = random.Random(7)
    alphabet = "0123456789 smnuecodS/_.:=-ax\t"
    texts = _texts(6000, 8) + [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 16))) for _ in range(60_000)
    ]
    for text in texts:
        m = signals._UNIT_GATE.search(text)
        assert signals._unit_number_at(text) == (-1 if m is None else m.start()), text
        assert signals.has_unit_number(text) is (m is not None), text
    assert signals._UNIT_GATE.pattern == r"\d ?(?:[nuµμm]?s|secs?|seconds)(?![\w/])"


def test_token_number_match_is_the_digit_scan_on_ascii_tokens() -> None:
    from exporter.digest import signals

    def scan(tok: str) -> tuple[int, int] | None:  # duration_at's loops for other tokens
        i, n = 0, len(tok)
        while i < n and not tok[i].isdigit():
            i += 1
        j = i
        while j < n and (tok[j].isdigit() or tok[j] == "."):
            j += 1
        return None if i == j else (i, j)

    rng = random.Random(9)
    alphabet = "".join(ASCII) + "0123456789....msx"
    for _ in range(30_000):
        tok = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        m = signals._TOKEN_NUMBER.match(tok)
        assert (None if m is None else m.span(1)) == scan(tok), repr(tok)


def test_spelled_spaces_keep_classes_and_escapes() -> None:
    from exporter.digest.fastre import ASCII_SPACE, _spell_spaces

    assert _spell_spaces(r"a\sb") == rf"a[{ASCII_SPACE}]b"
    assert _spell_spaces(r"[^\"\s<>]\S") == rf"[^\"{ASCII_SPACE}<>][^{ASCII_SPACE}]"
    assert _spell_spaces(r"[]\s]\\s") == rf"[]{ASCII_SPACE}]\\s"


def test_anchored_patterns_are_the_ones_the_anchors_were_derived_for() -> None:
    """`_search_from` is exact only while every match holds an anchor at its offset: a
    change to one of these patterns must come with its anchors (signals._KEYED_AT, …)."""
    from exporter.digest import signals

    assert signals._STATUS_KEYED.pattern == (
        r"(?i)\b(?:status(?:[_ ]?code)?|http[._]?status|response[_ ]?code|resp(?:onse)?[_ ]status"
        r"|code|resp)\s*[=:]\s*\"?([1-5]\d\d)\b"
    )
    assert signals._KEYED_AT == (("status", 9), ("code", 9), ("resp", 0))
    assert signals._STATUS_VERB.pattern == (
        r"(?:->|=>|\b[Rr]eturn(?:ing|ed|s)?|\b[Rr]espon(?:ded|ding|se)(?: with)?|\b[Cc]ompleted)"
        r"\s+:?\s*([1-5]\d\d)(?=$|[\s,;:)\]])(?!\s+[a-z])"
    )
    assert signals._VERB_AT == (
        ("->", 0), ("=>", 0), ("eturn", 1), ("espon", 1), ("ompleted", 1)
    )  # fmt: skip
    assert signals._GRPC.pattern == r"\bcode\s*=\s*([A-Z][A-Za-z]+)"
    assert signals._GRPC_AT == (("code", 0),)
