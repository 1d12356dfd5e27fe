"""Vietnamese number grouping in threes ("135.459"), as in our documents.

Django's own vi formats name the separators ("." and ",") but no grouping, so `intcomma` and
`floatformat:"g"` printed "135459". Django reads this module first and falls back to its own
for every other format. Plain `{{ number }}` stays ungrouped (years, codes).
"""

NUMBER_GROUPING = 3
