"""Places, names and document numbers of the fictional provincial market (used by market.py)."""

import random

PROVINCE = "浙江"
# city -> (weight as a home city, area code, counties)
CITIES = {
    "杭州": (30, "330100", ["桐庐县", "淳安县"]),
    "宁波": (14, "330200", ["象山县", "宁海县"]),
    "温州": (10, "330300", ["永嘉县", "平阳县", "苍南县", "文成县"]),
    "嘉兴": (6, "330400", ["嘉善县", "海盐县"]),
    "湖州": (5, "330500", ["德清县", "长兴县", "安吉县"]),
    "绍兴": (6, "330600", ["新昌县"]),
    "金华": (6, "330700", ["武义县", "浦江县", "磐安县"]),
    "衢州": (3, "330800", ["常山县", "开化县", "龙游县"]),
    "舟山": (2, "330900", ["岱山县", "嵊泗县"]),
    "台州": (6, "331000", ["三门县", "天台县", "仙居县"]),
    "丽水": (3, "331100", ["青田县", "缙云县", "遂昌县", "松阳县"]),
}
# out-of-province cities: (province, weight as a home city, area code)
OUTSIDE = {
    "上海": ("上海", 4, "310100"),
    "南京": ("江苏", 2, "320100"),
    "苏州": ("江苏", 2, "320500"),
    "合肥": ("安徽", 1, "340100"),
    "上饶": ("江西", 0, "361100"),
    "黄山": ("安徽", 0, "341000"),
}

SYLLABLES = [
    ("hua", "华"), ("xin", "信"), ("zhi", "智"), ("cheng", "城"), ("shu", "数"), ("yun", "云"),
    ("heng", "恒"), ("tong", "通"), ("da", "达"), ("yuan", "远"), ("bo", "博"), ("rui", "睿"),
    ("an", "安"), ("lian", "联"), ("chuang", "创"), ("ding", "鼎"), ("hui", "汇"), ("xing", "星"),
    ("han", "瀚"), ("tian", "天"), ("hong", "宏"), ("zheng", "正"), ("ming", "明"), ("ke", "科"),
    ("tai", "泰"), ("he", "和"), ("sheng", "盛"), ("jing", "景"), ("kai", "凯"), ("lan", "蓝"),
    ("wei", "维"), ("qi", "启"), ("rong", "融"), ("tuo", "拓"), ("feng", "峰"), ("chen", "辰"),
]


def home_city(rng):
    """A home city, weighted: most firms sit in the provincial capital and the big cities."""
    names = list(CITIES) + list(OUTSIDE)
    weights = [CITIES[c][0] for c in CITIES] + [OUTSIDE[c][1] for c in OUTSIDE]
    return rng.choices(names, weights)[0]


def province_of(city):
    return PROVINCE if city in CITIES else OUTSIDE[city][0]


def area_of(city):
    return CITIES[city][1] if city in CITIES else OUTSIDE[city][2]


def counties_of(city):
    return CITIES[city][2] if city in CITIES else []


def other_city(rng, home, reach):
    """A city other than `home`: in the province, or (with a chance growing with reach) outside it."""
    if rng.random() < 0.35 * reach:
        pool = [c for c in OUTSIDE if c != home]
    else:
        pool = [c for c in CITIES if c != home]
    return rng.choice(pool)


def names(rng, count, suffixes):
    """`count` distinct (slug, Chinese stem) pairs and a suffix each."""
    seen, out = set(), []
    while len(out) < count:
        (a, ha), (b, hb) = rng.sample(SYLLABLES, 2)
        if a + b in seen:
            continue
        seen.add(a + b)
        out.append((a + b, ha + hb, rng.choice(suffixes)))
    return out


def uscc(slug, city):
    """A fictional unified social credit code."""
    r = random.Random(slug)
    body = "".join(r.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    return f"91{area_of(city)}{body}X"[:18]
