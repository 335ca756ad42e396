"""Names for the independent generator: its own sources and its own transliteration rules.

Nothing here reads the linker's tables (`linkage/data`): a generator that draws its spelling
variants from the tables the linker folds would only test the linker against itself. The Chinese
names are written down as characters with their Hanyu Pinyin and Jyutping readings (LSHK 1993),
and spelled by rules in the manner of Hong Kong and Macao registries and of Wade-Giles; Cyrillic
names are written in Cyrillic and transliterated by several published schemes (Ukrainian
national 2010, ICAO 9303 passports, BGN/PCGN, German Duden and French practice); Ukrainians'
given names have a Russian form some registries write instead.
"""

from __future__ import annotations

import random
import re
import unicodedata

# character: (pinyin, jyutping) — common in given names.
GIVEN_CHARACTERS: dict[str, tuple[str, str]] = {
    "偉": ("wei", "wai5"), "明": ("ming", "ming4"), "華": ("hua", "waa4"), "美": ("mei", "mei5"),
    "玲": ("ling", "ling4"), "麗": ("li", "lai6"), "芳": ("fang", "fong1"), "秀": ("xiu", "sau3"),
    "英": ("ying", "jing1"), "慧": ("hui", "wai6"), "婷": ("ting", "ting4"), "嘉": ("jia", "gaa1"),
    "欣": ("xin", "jan1"), "志": ("zhi", "zi3"), "強": ("qiang", "koeng4"), "輝": ("hui", "fai1"),
    "耀": ("yao", "jiu6"), "軍": ("jun", "gwan1"), "文": ("wen", "man4"), "國": ("guo", "gwok3"),
    "建": ("jian", "gin3"), "俊": ("jun", "zeon3"), "傑": ("jie", "git6"), "雪": ("xue", "syut3"),
    "敏": ("min", "man5"), "珍": ("zhen", "zan1"), "梅": ("mei", "mui4"), "燕": ("yan", "jin3"),
    "鳳": ("feng", "fung6"), "紅": ("hong", "hung4"), "蘭": ("lan", "laan4"), "霞": ("xia", "haa4"),
    "萍": ("ping", "ping4"), "靜": ("jing", "zing6"), "雲": ("yun", "wan4"), "海": ("hai", "hoi2"),
    "東": ("dong", "dung1"), "金": ("jin", "gam1"), "玉": ("yu", "juk6"), "德": ("de", "dak1"),
    "祥": ("xiang", "coeng4"), "思": ("si", "si1"), "穎": ("ying", "wing6"),
    "永": ("yong", "wing5"), "興": ("xing", "hing1"), "寶": ("bao", "bou2"),
    "小": ("xiao", "siu2"), "春": ("chun", "ceon1"),
    "秋": ("qiu", "cau1"), "月": ("yue", "jyut6"), "桂": ("gui", "gwai3"), "琪": ("qi", "kei4"),
    "翠": ("cui", "ceoi3"), "潔": ("jie", "git3"), "健": ("jian", "gin6"), "豪": ("hao", "hou4"),
}  # fmt: skip
# surname: (pinyin, jyutping, relative frequency).
SURNAMES: dict[str, tuple[str, str, int]] = {
    "陳": ("chen", "can4", 7), "李": ("li", "lei5", 8), "張": ("zhang", "zoeng1", 7),
    "黃": ("huang", "wong4", 4), "王": ("wang", "wong4", 8), "劉": ("liu", "lau4", 5),
    "林": ("lin", "lam4", 3), "楊": ("yang", "joeng4", 3), "吳": ("wu", "ng4", 2),
    "何": ("he", "ho4", 2), "梁": ("liang", "loeng4", 2), "鄭": ("zheng", "zeng6", 2),
    "周": ("zhou", "zau1", 2), "趙": ("zhao", "ziu6", 2), "徐": ("xu", "ceoi4", 2),
    "孫": ("sun", "syun1", 2), "馬": ("ma", "maa5", 1), "朱": ("zhu", "zyu1", 1),
    "胡": ("hu", "wu4", 1), "郭": ("guo", "gwok3", 1), "羅": ("luo", "lo4", 1),
    "高": ("gao", "gou1", 1), "鄧": ("deng", "dang6", 1), "許": ("xu", "heoi2", 1),
    "葉": ("ye", "jip6", 1), "蔡": ("cai", "coi3", 1), "曾": ("zeng", "zang1", 1),
    "謝": ("xie", "ze6", 1), "麥": ("mai", "mak6", 1), "關": ("guan", "gwaan1", 1),
    "區": ("ou", "au1", 1), "余": ("yu", "jyu4", 1), "盧": ("lu", "lou4", 1),
    "蕭": ("xiao", "siu1", 1), "潘": ("pan", "pun1", 1), "袁": ("yuan", "jyun4", 1),
}  # fmt: skip

# Ukrainian given name: its Russian form (different names, not spellings of one name).
UKRAINIAN_GIVEN = {
    "F": {
        "Олена": "Елена", "Галина": "Галина", "Юлія": "Юлия", "Наталія": "Наталья",
        "Оксана": "Оксана", "Тетяна": "Татьяна", "Ірина": "Ирина", "Ольга": "Ольга",
        "Катерина": "Екатерина", "Марія": "Мария", "Анастасія": "Анастасия",
        "Світлана": "Светлана", "Людмила": "Людмила", "Валентина": "Валентина",
        "Вікторія": "Виктория", "Надія": "Надежда",
    },
    "M": {
        "Олександр": "Александр", "Андрій": "Андрей", "Дмитро": "Дмитрий", "Сергій": "Сергей",
        "Михайло": "Михаил", "Володимир": "Владимир", "Євген": "Евгений", "Віктор": "Виктор",
        "Іван": "Иван", "Петро": "Пётр", "Микола": "Николай", "Юрій": "Юрий", "Олег": "Олег",
        "Василь": "Василий", "Григорій": "Григорий",
    },
}  # fmt: skip
RUSSIAN_GIVEN: dict[str, tuple[str, ...]] = {
    "F": ("Анна", "Елена", "Мария", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана",
          "Юлия", "Ксения", "Дарья", "Екатерина", "Алёна", "Евгения", "Людмила", "Жанна"),
    "M": ("Алексей", "Сергей", "Дмитрий", "Андрей", "Михаил", "Иван", "Николай", "Юрий",
          "Евгений", "Владимир", "Артём", "Максим", "Кирилл", "Григорий", "Игорь", "Хасан"),
}  # fmt: skip
UKRAINIAN_SURNAMES = (
    "Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Мельник", "Олійник",
    "Шевчук", "Поліщук", "Бойко", "Ковальчук", "Лисенко", "Гончаренко", "Харченко", "Руденко",
)  # fmt: skip
RUSSIAN_SURNAMES = (
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Лебедев", "Козлов", "Егоров", "Жуков",
    "Захаров", "Щербаков", "Голубев", "Яковлев",
)  # fmt: skip
MONGOLIAN_GIVEN = (
    "Батбаяр", "Энхтуяа", "Оюунчимэг", "Болормаа", "Ганбаатар", "Мөнхбат", "Сарангэрэл",
    "Түвшинбаяр", "Цэцэгмаа", "Наранцэцэг", "Хулан", "Отгонбаяр", "Батжаргал", "Ариунаа",
)  # fmt: skip

VIETNAMESE_FAMILY = (
    "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
    "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý",
)  # fmt: skip
VIETNAMESE_MIDDLE: dict[str, tuple[str, ...]] = {
    "F": ("Thị", "Thị", "Thị", "Ngọc", "Thanh", "Minh"),
    "M": ("Văn", "Văn", "Hữu", "Đức", "Minh", "Quang"),
}
VIETNAMESE_GIVEN: dict[str, tuple[str, ...]] = {
    "F": ("Hương", "Lan", "Mai", "Linh", "Trang", "Thảo", "Ngọc", "Hà", "Hoa", "Phương",
          "Thủy", "Hằng", "Nhung", "Yến", "Hạnh", "Dung", "Tuyết", "Loan"),
    "M": ("Anh", "Hùng", "Dũng", "Tuấn", "Nam", "Minh", "Long", "Quang", "Sơn", "Thắng", "Hải",
          "Phúc", "Cường", "Bình", "Khoa", "Trung"),
}  # fmt: skip
# Regional equivalents a Vietnamese family name is written as (southern / northern usage).
VIETNAMESE_EQUIVALENT = {"Hoàng": "Huỳnh", "Huỳnh": "Hoàng", "Vũ": "Võ", "Võ": "Vũ"}

# Filipino, Indonesian, Thai and Lusophone names, with the nicknames people go by.
LATIN_GIVEN: dict[str, dict[str, tuple[str, ...]]] = {
    "filipino": {
        "F": ("Maricel", "Mary Joy", "Jennifer", "Rowena", "Lorna", "Analyn", "Cristina",
              "Josephine", "Rosalie", "Marites", "Jocelyn", "Rachelle", "Mary Grace"),
        "M": ("Noel", "Rodel", "Jun", "Ramon", "Arnel", "Romeo", "Jose Mari", "Reynaldo",
              "Ferdinand", "Rolando", "Christopher", "Joel"),
    },
    "indonesian": {
        "F": ("Siti", "Sri Wahyuni", "Dewi", "Nur Aini", "Rahayu", "Indah", "Kartini",
              "Suyatmi", "Endang", "Yuliana", "Djuwita"),
        "M": ("Agus", "Budi", "Joko", "Bambang", "Slamet", "Wahyu", "Soeparman", "Hadi",
              "Yusuf", "Djoko", "Rudi"),
    },
    "thai": {
        "F": ("Siriporn", "Kanokwan", "Pornthip", "Nattaya", "Wanida", "Suphaporn", "Jintana",
              "Malee", "Chanthira"),
        "M": ("Somchai", "Somsak", "Prasert", "Thanakorn", "Wichai", "Anan", "Chaiwat",
              "Phichit", "Kittisak"),
    },
    "lusophone": {
        "F": ("Maria José", "Ana Paula", "Francisca", "Antónia", "Luíza", "Conceição",
              "Fernanda", "Gabriela", "Jéssica"),
        "M": ("João Paulo", "José", "António", "Luís Carlos", "Sebastião", "Gonçalo",
              "Thiago", "Wellington", "Raimundo"),
    },
}  # fmt: skip
LATIN_FAMILY: dict[str, tuple[str, ...]] = {
    "filipino": ("Dela Cruz", "Santos", "Reyes", "Bautista", "Ocampo", "Mendoza", "Villanueva",
                 "Aquino", "Castillo", "Manalo", "Pangilinan", "Macaraeg", "Dimaculangan"),
    "indonesian": ("Susanto", "Wijaya", "Hidayat", "Saputra", "Kurniawan", "Setiawan",
                   "Soewarno", "Hartono", "Pratama"),
    "thai": ("Saetang", "Srisuk", "Wongsawat", "Chaiyaphum", "Phromma", "Kaewkhao",
             "Thongdee", "Boonmee", "Rattanakorn"),
    "lusophone": ("da Silva", "dos Santos", "Pereira", "Ferreira", "de Oliveira", "Rodrigues",
                  "Gonçalves", "de Sousa", "Carvalho", "Lopes"),
}  # fmt: skip
NICKNAMES = {
    "Maricel": "Cel", "Mary Joy": "Joy", "Jennifer": "Jen", "Rowena": "Weng",
    "Josephine": "Joy", "Marites": "Tess", "Cristina": "Tina", "Noel": "Noy",
    "Rodel": "Del", "Ramon": "Mon", "Reynaldo": "Rey", "Ferdinand": "Andy",
    "Rolando": "Lando", "Christopher": "Topher", "Somchai": "Chai", "Siriporn": "Porn",
    "Kanokwan": "Kwan", "Wanida": "Nida", "Francisca": "Chica", "António": "Tó",
    "José": "Zé", "Sebastião": "Tião", "Raimundo": "Mundo",
}  # fmt: skip
ENGLISH_NAMES: dict[str, tuple[str, ...]] = {
    "F": ("Mandy", "Cindy", "Winnie", "Apple", "Candy", "Kitty", "Jenny", "Fiona", "Iris"),
    "M": ("Kelvin", "Ivan", "Jacky", "Tommy", "Eric", "Alvin", "Ken", "Wilson", "Dickson"),
}  # fmt: skip


# ---- transliteration rules ------------------------------------------------------------------

_TONE = re.compile(r"\d")
# Jyutping -> Hong Kong registry spelling: the first matching initial rule, then every final rule.
_JYUTPING_INITIALS = (
    (r"^si$", "sze"), (r"^zi$", "chi"), (r"^ci$", "chi"), (r"^gw", "kw"), (r"^g", "k"),
    (r"^d", "t"), (r"^b", "p"), (r"^z", "ch"), (r"^c", "ch"), (r"^jyu", "yu"), (r"^j", "y"),
)  # fmt: skip
_JYUTPING_FINALS = (
    (r"aa", "a"), (r"oe(ng|k)$", r"eu\1"), (r"eoi$", "ui"), (r"eo(n|t)$", r"u\1"),
    (r"^syu(n|t)$", r"sue\1"), (r"^yu(n|t)$", r"yue\1"), (r"ou$", "o"), (r"^lei$", "lee"),
    (r"(?<=^ch)yu$", "u"),
)  # fmt: skip
# Hong Kong spelling -> the Portuguese-influenced Macao registry spelling.
_HK_TO_MACAO = (
    (r"eung$", "eong"), (r"^w(?=o)", "v"), (r"^yue", "u"), (r"^yu", "u"), (r"^y(?=[aei])", "i"),
    (r"^ii", "i"), (r"^kw", "ku"), (r"ee$", "ei"), (r"^ho$", "hou"), (r"^lo$", "lou"),
)  # fmt: skip
# Hanyu Pinyin -> Wade-Giles (aspiration apostrophes dropped, as most registries do).
_PINYIN_INITIALS = (
    (r"^zhi$", "chih"), (r"^chi$", "chih"), (r"^shi$", "shih"), (r"^ri$", "jih"),
    (r"^zi$", "tzu"), (r"^ci$", "tzu"), (r"^si$", "ssu"), (r"^zh", "ch"), (r"^ch", "ch"),
    (r"^sh", "sh"), (r"^q", "ch"), (r"^x", "hs"), (r"^j", "ch"), (r"^z", "ts"), (r"^c", "ts"),
    (r"^r", "j"), (r"^b", "p"), (r"^d", "t"), (r"^g", "k"),
)  # fmt: skip
_PINYIN_FINALS = (
    (r"ong$", "ung"), (r"ian$", "ien"), (r"ie$", "ieh"), (r"^yan$", "yen"),
    (r"(?<=[^h])ui$", "uei"), (r"(?<=^[hk])e$", "o"), (r"^you$", "yu"), (r"^ye$", "yeh"),
    (r"ue$", "üeh"),
)  # fmt: skip


def _rewrite(text: str, rules: tuple[tuple[str, str], ...]) -> str:
    for pattern, replacement in rules:
        text = re.sub(pattern, replacement, text)
    return text


def _first(text: str, rules: tuple[tuple[str, str], ...]) -> str:
    for pattern, replacement in rules:
        if re.search(pattern, text):
            return re.sub(pattern, replacement, text)
    return text


def cantonese_spelling(jyutping: str, macao: bool = False, ts: bool = False) -> str:
    """One Jyutping syllable as a Hong Kong (or Macao) registry would spell it: wong4 -> wong.

    `ts`: z and c written ts, as many Hong Kong names are (Tsang, Tse, Tsui) beside Chang, Che.
    """
    syllable = _TONE.sub("", jyutping)
    if ts and syllable[:1] in ("z", "c") and syllable[1:] not in ("i", "yu"):
        syllable = "ts" + syllable[1:]
    spelt = _rewrite(_first(syllable, _JYUTPING_INITIALS), _JYUTPING_FINALS)
    return _rewrite(spelt, _HK_TO_MACAO) if macao else spelt


def wade_giles(pinyin: str) -> str:
    return _rewrite(_first(pinyin, _PINYIN_INITIALS), _PINYIN_FINALS)


_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "ж": "zh", "з": "z", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ъ": "", "ы": "y", "э": "e",
    "ю": "iu", "я": "ia", "е": "e", "ё": "e", "й": "i", "и": "i", "г": "g", "і": "i",
    "ї": "i", "є": "ie", "ґ": "g", "ө": "o", "ү": "u",
}  # fmt: skip
# Each scheme: letters that differ from `_COMMON`, and letters spelled differently word-first.
CYRILLIC_SCHEMES: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "ukrainian_2010": (
        {"г": "h", "и": "y", "й": "i", "ю": "iu", "я": "ia", "є": "ie", "ї": "i", "щ": "shch"},
        {"й": "y", "ю": "yu", "я": "ya", "є": "ye", "ї": "yi"},
    ),
    "icao_passport": ({"ъ": "ie", "ц": "ts"}, {}),
    "bgn_pcgn": (
        {"й": "y", "ю": "yu", "я": "ya", "ё": "ë", "ы": "y", "ө": "ö", "ү": "ü"},
        {"е": "ye"},
    ),
    "german": (
        {"в": "w", "ж": "sch", "ш": "sch", "ч": "tsch", "щ": "schtsch", "х": "ch", "ц": "z",
         "й": "j", "ю": "ju", "я": "ja", "з": "s", "у": "u", "ё": "jo", "ы": "y", "г": "g",
         "и": "i", "ө": "ö", "ү": "ü"},
        {"е": "je"},
    ),
    "french": (
        {"ж": "j", "ш": "ch", "ч": "tch", "щ": "chtch", "у": "ou", "й": "ï", "ю": "iou",
         "я": "ia", "х": "kh", "и": "i", "ы": "y"},
        {},
    ),
}  # fmt: skip


def transliterate(cyrillic: str, scheme: str) -> str:
    """`cyrillic` in Latin letters under `scheme` (see `CYRILLIC_SCHEMES`)."""
    letters, initial = CYRILLIC_SCHEMES[scheme]
    out = []
    for i, character in enumerate(cyrillic):
        lower = character.lower()
        table = initial if i == 0 and lower in initial else letters
        latin = table.get(lower, _COMMON.get(lower, lower))
        if scheme == "german" and lower == "с" and 0 < i < len(cyrillic) - 1:
            latin = "ss" if cyrillic[i - 1].lower() in "аеиоуыэюяё" else "s"
        out.append(latin.capitalize() if character.isupper() else latin)
    return "".join(out)


def feminine_surname(russian: str) -> str:
    """The woman's form of a Russian surname in -ов/-ев/-ин: Иванов -> Иванова."""
    return russian + "а" if russian.endswith(("ов", "ев", "ин", "ёв")) else russian


def strip_diacritics(text: str) -> str:
    """Vietnamese and Portuguese letters without their marks; đ becomes d (as a keyboard would)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Old (pre-1972) Indonesian spelling, still in many people's documents: Soeharto, Djoko.
_OLD_INDONESIAN = ((r"u", "oe"), (r"j", "dj"), (r"y", "j"), (r"c", "tj"))
_NEW_INDONESIAN = ((r"oe", "u"), (r"dj", "j"), (r"tj", "c"))


def indonesian_respelling(name: str, rnd: random.Random) -> str:
    """The same name in the other Indonesian spelling (EYD 1972 vs. the older Van Ophuijsen)."""
    lower = name.lower()
    rules = _NEW_INDONESIAN if any(old in lower for old, _ in _NEW_INDONESIAN) else _OLD_INDONESIAN
    old, new = rnd.choice(rules)
    return re.sub(old, new, lower, count=1).title() if old in lower else name


# Romanised Thai: Royal Thai General System vs. personal spellings with Sanskrit-style letters.
_THAI_RESPELLINGS = (
    ("porn", "phon"), ("phon", "porn"), ("th", "t"), ("ph", "p"), ("w", "v"), ("ch", "j"),
    ("kh", "k"), ("ee", "i"), ("ai", "ay"), ("oo", "u"),
)  # fmt: skip


def thai_respelling(name: str, rnd: random.Random) -> str:
    lower = name.lower()
    options = [(a, b) for a, b in _THAI_RESPELLINGS if a in lower]
    if not options:
        return name
    old, new = rnd.choice(options)
    return lower.replace(old, new, 1).title()
