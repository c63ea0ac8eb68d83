"""Django's Simplified Chinese formats, with amounts grouped by thousands ("6,500,000,000 CNY").

Django leaves Chinese figures ungrouped, which makes a ten-digit amount unreadable in a ledger;
bureau spreadsheets and statistical bulletins group them by commas every three digits.
"""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
