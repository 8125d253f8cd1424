"""Text normalisation: one place that turns published text into comparable text.

NFKC folds Kangxi radicals (⼀ U+2F00), full-width digits and compatibility ideographs, but it
leaves the CJK Radicals Supplement block (⺠ U+2EA0, ⻓, ⻔ …) alone, so those get an explicit
map. We keep Chinese full-width punctuation as printed (NFKC would turn ，into ,) because
sentence splitting and quotes read better with it; parsers accept both spellings.
"""

from __future__ import annotations

import re
import unicodedata

# CJK Radicals Supplement characters that PDF text layers emit for ordinary hanzi.
RADICALS_SUPPLEMENT = {
    "⺀": "冫", "⺁": "厂", "⺇": "几", "⺈": "刀", "⺊": "卜", "⺋": "卩", "⺌": "小", "⺍": "小",
    "⺎": "兀", "⺏": "尢", "⺐": "尢", "⺑": "尢", "⺒": "巳", "⺓": "幺", "⺔": "彑", "⺖": "心",
    "⺗": "心", "⺘": "手", "⺙": "攵", "⺛": "旡", "⺜": "日", "⺝": "月", "⺞": "歹", "⺟": "母",
    "⺠": "民", "⺡": "水", "⺢": "水", "⺣": "火", "⺤": "爪", "⺥": "爪", "⺦": "丬", "⺧": "牛",
    "⺨": "犬", "⺩": "王", "⺪": "疋", "⺫": "目", "⺬": "示", "⺭": "示", "⺮": "竹", "⺯": "糸",
    "⺰": "纟", "⺱": "网", "⺲": "网", "⺳": "网", "⺴": "网", "⺵": "网", "⺶": "羊", "⺷": "羊",
    "⺸": "羊", "⺹": "老", "⺺": "聿", "⺻": "聿", "⺼": "肉", "⺽": "臼", "⺾": "艸", "⺿": "艸",
    "⻀": "艸", "⻁": "虎", "⻂": "衣", "⻃": "西", "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角",
    "⻈": "讠", "⻉": "贝", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "邑", "⻐": "钅",
    "⻑": "長", "⻒": "長", "⻓": "长", "⻔": "门", "⻕": "阜", "⻖": "阜", "⻗": "雨", "⻘": "青",
    "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻞": "食", "⻟": "食", "⻠": "饣",
    "⻡": "首", "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦",
    "⻩": "黄", "⻪": "黾", "⻫": "齐", "⻬": "齐", "⻭": "齿", "⻮": "齿", "⻯": "龙", "⻰": "龙",
    "⻱": "龟", "⻲": "龟", "⻳": "龟",
}

# NFKC turns Kangxi radicals (U+2F00–U+2FD5) into the traditional character (⼾ → 戶, ⾨ → 門).
# These reports are in simplified Chinese, so a radical becomes its simplified form.
KANGXI_SIMPLIFIED = {
    "戶": "户", "門": "门", "長": "长", "頁": "页", "風": "风", "飛": "飞", "馬": "马", "魚": "鱼", "鳥": "鸟",
    "麥": "麦", "黃": "黄", "見": "见", "貝": "贝", "車": "车", "齒": "齿", "龍": "龙", "龜": "龟", "韋": "韦",
    "麼": "么", "黽": "黾", "齊": "齐", "鹵": "卤", "釒": "钅",
}

# Full-width punctuation we keep as printed (NFKC would fold these to ASCII).
_KEEP = set("，。：；！？（）【】《》“”‘’、～")


def _char(c: str) -> str:
    if c in _KEEP:
        return c
    mapped = RADICALS_SUPPLEMENT.get(c)
    if mapped is not None:
        return mapped
    if c == "\u3000" or c == "\xa0":
        return " "
    if "\u2f00" <= c <= "\u2fdf":
        n = unicodedata.normalize("NFKC", c)
        return KANGXI_SIMPLIFIED.get(n, n)
    return unicodedata.normalize("NFKC", c) if not c.isascii() else c


def normalize(text: str) -> str:
    return "".join(_char(c) for c in text)


def normalize_with_map(raw: str) -> tuple[str, list[int]]:
    """Normalised text plus, for each of its characters, the offset in `raw` it came from."""
    out: list[str] = []
    offsets: list[int] = []
    for i, c in enumerate(raw):
        n = _char(c)
        out.append(n)
        offsets.extend([i] * len(n))
    return "".join(out), offsets


# --- numbers ---------------------------------------------------------------------------

# A printed figure: 1,960 / 2,157.936 / -101 / 236773.9469.
NUMBER_RE = re.compile(r"(?<![\d.,])[-−]?\d+(?:,\d{3})*(?:\.\d+)?")
_CJK = re.compile(r"[\u3400-\u9fff]")


def parse_number(token: str) -> float | int:
    t = token.replace(",", "").replace("−", "-").strip()
    if "." in t:
        return float(t)
    return int(t)


def format_number(v) -> str:
    """A figure for notes and messages: 64, 2157.936; '?' for an unknown one."""
    if v is None:
        return "?"
    return str(int(v)) if float(v).is_integer() else str(v)


def is_list_marker(text: str, end: int) -> bool:
    """True when the digits ending at `end` are a list marker such as '2.' or '1、' before a label."""
    rest = text[end:end + 3].lstrip(" \t")
    return bool(rest) and rest[0] in ".、．" and not (len(rest) > 1 and rest[1].isdigit())


def figure_tokens(text: str) -> list[re.Match]:
    """The printed figures in a stretch of table text: numbers that are not list markers
    ('2.其他…') and not glued to a Chinese word ('保留4位小数', '711号')."""
    out = []
    for m in NUMBER_RE.finditer(text):
        nxt = text[m.end():m.end() + 1]
        prv = text[m.start() - 1:m.start()] if m.start() else ""
        if is_list_marker(text, m.end()):
            continue
        if nxt and (_CJK.match(nxt) or nxt in "%％"):
            continue
        if prv and prv in "第":
            continue
        out.append(m)
    return out


def compact(text: str) -> tuple[str, list[int]]:
    """Text without whitespace, with each character's offset in the original: labels broken
    over lines ('三安全\\n一稳定') become matchable again."""
    chars, offs = [], []
    for i, c in enumerate(text):
        if not c.isspace():
            chars.append(c)
            offs.append(i)
    return "".join(chars), offs
