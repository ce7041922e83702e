"""Legal figures and dates, with their sources (`shared/reference/regulation.md`).

A figure marked UNVERIFIED there is marked so here too: correct it here and everything follows.
"""

from __future__ import annotations

import datetime as dt

# LIL art. 45: a minor may consent alone to information-society services from 15; under 15 the minor
# and a holder of parental authority consent jointly (regulation.md §5.1).
DIGITAL_CONSENT_AGE = 15

# Loi n° 2025-594, art. 13-III: telephone prospecting needs prior consent from this day; before it, the
# Bloctel opposition list applies (Code de la consommation L223-1; regulation.md §5.4).
PHONE_CONSENT_FROM = dt.date(2026, 8, 11)

# Code de la consommation L223-1 (until 10 Aug 2026; regulation.md §5.4): a professional who prospects by phone
# habitually checks its files against the Bloctel list at least monthly; registre counts a month as 31 days.
BLOCTEL_CHECK_DAYS = 31

# CNIL délibérations 2020-091/092 and 4 July 2025: exempt audience-measurement trackers live at most
# 13 months (regulation.md §5.5).
AUDIENCE_TRACKER_MAX_MONTHS = 13

# UNVERIFIED (regulation.md §5.5 and §9 item 8): whether 13 months caps every consent-based cookie.
# A 13-month cap is common and safe, so registre warns (never errs) above it.
CONSENT_COOKIE_MAX_MONTHS = 13

# CNIL recommendation 2020-092: keeping the user's cookie choice 6 months is good practice.
COOKIE_CHOICE_MONTHS = 6
