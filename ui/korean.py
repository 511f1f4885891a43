"""Korean particles that depend on the word before them, chosen once the word is known, and
ordinals read the native way (1번째 → 첫 번째).

A Korean message template cannot know whether ``{name}`` ends in a consonant, so it writes both
forms, ``{name}은(는)``; that reads as a form to fill in. Once the value is in, the word before
the particle decides: 실행 3은 (삼), 실행 2는 (이), 파일을, 폴더를, 20(으)로 → 20으로 (이십).
A quoted word counts as unquoted (“폴더”를). Where the word's sound is not known (a Latin name),
both forms stay.
"""

from __future__ import annotations

import re

# Each doubled particle: the form after a final consonant, the form after a vowel.
_PAIRS = {
    "은(는)": ("은", "는"),
    "이(가)": ("이", "가"),
    "을(를)": ("을", "를"),
    "과(와)": ("과", "와"),
    "와(과)": ("과", "와"),
}
_EURO = "(으)로"  # 으로 after a consonant other than ㄹ; 로 after a vowel or ㄹ
# A quoted name takes the particle its last word takes: “교사 네트워크”를, as if unquoted.
_CLOSERS = "”’\"'」』"
_PARTICLE = re.compile(
    r"(.)([" + _CLOSERS + r"]*)(" + "|".join(map(re.escape, [*_PAIRS, _EURO])) + ")"
)

# How a number's last digit is read (Sino-Korean): 0 as the 십/백/천/만 or 영 it ends in.
_DIGIT_ENDINGS = {
    "0": "consonant",
    "1": "rieul",
    "2": "vowel",
    "3": "consonant",
    "4": "vowel",
    "5": "vowel",
    "6": "consonant",
    "7": "rieul",
    "8": "rieul",
    "9": "vowel",
}
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_FINALS = 28  # final consonants per syllable block, "none" first
_RIEUL = 8  # ㄹ's place among them


def ending(character: str) -> str | None:
    """How a word ending in ``character`` ends when read aloud: "vowel", "consonant" or
    "rieul" (ㄹ); None when it cannot be told (a Latin letter, a bracket, a quote)."""
    if character in _DIGIT_ENDINGS:
        return _DIGIT_ENDINGS[character]
    if character == "%":
        return "vowel"  # 퍼센트
    code = ord(character)
    if not _HANGUL_FIRST <= code <= _HANGUL_LAST:
        return None
    final = (code - _HANGUL_FIRST) % _FINALS
    return "vowel" if final == 0 else "rieul" if final == _RIEUL else "consonant"


def _chosen(match: re.Match) -> str:
    last, closers, particle = match.groups()
    sound = ending(last)
    if sound is None:
        return match.group(0)
    before = last + closers
    if particle == _EURO:
        return before + ("으로" if sound == "consonant" else "로")
    after_consonant, after_vowel = _PAIRS[particle]
    return before + (after_vowel if sound == "vowel" else after_consonant)


def particles(text: str) -> str:
    """``text`` with each doubled particle (은(는), 이(가), 을(를), 과(와), (으)로) reduced to the
    form the word before it takes, where that word's sound can be told."""
    return _PARTICLE.sub(_chosen, text)


# "N번째" of a small number reads the native way: 첫 번째 층, 두 번째 에포크 (not 1번째).
_NATIVE_ORDINALS = {
    "1": "첫",
    "2": "두",
    "3": "세",
    "4": "네",
    "5": "다섯",
    "6": "여섯",
    "7": "일곱",
    "8": "여덟",
    "9": "아홉",
    "10": "열",
}
# Not inside a larger number or the end of a range ("1–16번째" stays as it is).
_ORDINAL = re.compile(r"(?<![0-9.,–~-])(10|[1-9]) ?번째")


def ordinals(text: str) -> str:
    """``text`` with "1번째" to "10번째" written as Korean says them: 첫 번째 … 열 번째."""
    return _ORDINAL.sub(lambda match: f"{_NATIVE_ORDINALS[match.group(1)]} 번째", text)
