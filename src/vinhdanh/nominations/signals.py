"""What the nominations app asks of the apps above it, which it may not import
(CONTRIBUTING.md, "Layers").

Councils rank above nominations: they read nominations and move them to "voted" when a vote
passes. The workflow itself only knows that "voted" needs the council's word, so it asks.
"""

from django.dispatch import Signal

# Sent inside the transition's transaction before a nomination becomes "voted", with
# `nomination` (locked). The councils app raises `WorkflowError` unless the council's latest
# closed vote passed it; the transition is then refused.
marking_voted = Signal()
