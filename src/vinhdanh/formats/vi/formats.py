"""Django's Vietnamese formats, with thousands grouped in threes ("135.459") as in our documents.

Django's own vi formats name the separators but no grouping, so `intcomma` and
`floatformat:"g"` printed "135459". Plain `{{ number }}` stays ungrouped (years, codes).
"""

from django.conf.locale.vi.formats import *  # noqa: F403

NUMBER_GROUPING = 3
