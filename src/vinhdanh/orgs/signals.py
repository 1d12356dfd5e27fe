"""What the units app tells the apps above it, which it may not import (CONTRIBUTING.md, "Layers").

People's posts belong to units, but people rank above orgs: when units merge, split or end,
orgs sends these signals inside its transaction and the people app moves or closes the posts.
"""

from django.dispatch import Signal

# With `units` (those whose open posts move), `to` (the unit they move to) and
# `effective_date` (the first day in the new unit).
posts_moving = Signal()

# With `units` (the units that end) and `last_day` (their last day): their open posts close.
units_ending = Signal()
