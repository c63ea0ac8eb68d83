"""Simplified Chinese formats: one way to write a date ("2019年6月2日") everywhere, amounts grouped by thousands.

Django leaves Chinese figures ungrouped, which makes a ten-digit amount unreadable in a ledger;
bureau spreadsheets and statistical bulletins group them by commas every three digits. Its short
date ("2019/06/02") differs from its long one; here every format name gives the long writing.
"""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403

DATE_FORMAT = "Y年n月j日"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "Y年n月j日 H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
