"""Synthetic people: valid BSNs (elfproef) and Dutch names, reproducible from a number."""

from __future__ import annotations

FIRST = [
    "Daan",
    "Emma",
    "Sem",
    "Julia",
    "Lucas",
    "Mila",
    "Noah",
    "Tess",
    "Levi",
    "Sara",
    "Finn",
    "Zoë",
    "Milan",
    "Nora",
    "Jesse",
    "Lotte",
    "Bram",
    "Evi",
    "Luuk",
    "Anna",
    "Mees",
    "Fenna",
    "Thijs",
    "Liv",
]
LAST = [
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("", "Bakker"),
    ("van", "Dijk"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("", "Smits"),
    ("de", "Graaf"),
    ("van der", "Meer"),
    ("", "Kok"),
]
STREETS = [
    "Kerkstraat",
    "Molenweg",
    "Schoolstraat",
    "Dorpsstraat",
    "Julianastraat",
    "Beatrixlaan",
    "Esdoornlaan",
]


def bsn(n: int) -> str:
    """The n-th valid BSN of a fixed series: 8 digits from n, the ninth chosen for the elfproef."""
    base = 100_000_000 + (n * 7919) % 89_999_999
    while True:
        digits = f"{base:09d}"[:8]
        total = sum(int(d) * w for d, w in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2), strict=True))
        check = total % 11
        if check < 10 and total - check != 0:
            return digits + str(check)
        base += 10
