"""English formats: one way to write a date ("2 June 2019") and a moment ("2 June 2019, 14:16") on every page.

Django's English writes a date four ways ("Dec. 10, 2026", "12/10/2026" ...) depending on the
format name a template asks for; here every name gives the same writing, and amounts are grouped
by thousands.
"""

from django.conf.locale.en.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
YEAR_MONTH_FORMAT = "F Y"
TIME_FORMAT = "H:i"
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
