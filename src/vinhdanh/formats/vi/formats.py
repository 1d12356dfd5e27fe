"""Vietnamese number grouping in threes ("135.459"), as in our documents.

Django's own vi formats name the separators ("." and ",") but no grouping, so `intcomma` and
`floatformat:"g"` printed "135459". Django reads this module first and falls back to its own
for every other format. Plain `{{ number }}` stays ungrouped (years, codes).
"""

NUMBER_GROUPING = 3

# Dates are typed day first (17/07/2025), as the date fields show them (common/widgets.py);
# an ISO date (2025-07-17) is accepted too. Django's vi module sets none, and the fallback
# would read 07/08/2025 as 8 July.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
