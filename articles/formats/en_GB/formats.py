"""One way of writing times across the newsroom: "1 Dec 2026, 18:33" (24-hour clock).

Django's en-GB default mixes "6:33 p.m." in lists with "18:33" elsewhere.
"""

DATE_FORMAT = "j M Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
