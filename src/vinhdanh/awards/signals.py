"""What the awards app tells the apps above it, which it may not import (CONTRIBUTING.md, "Layers").

Nominations, documents and the rest rank above awards: they read awards, awards never reads
them. Where a change to awards must move something of theirs, awards sends a signal and they
listen (each connects its receivers in its `AppConfig.ready`).
"""

from django.dispatch import Signal

# Sent once the issuing transaction has committed, with `decision` (an issued award decision)
# and `actor` (who issued it: the owner of any background work that follows): the documents app
# stores the decision's .docx and its certificates exactly as issued.
decision_issued = Signal()

# Sent inside the revoking transaction, once the awards are marked revoked, with `decision`
# (the revocation), `awards` (the revoked awards), `actor`, `reason` and `note` (what a flagged
# record says). The nominations app moves the nominations that produced the awards to "revoked"
# and flags the subjects' open nominations for review; each receiver returns a dict of what it
# did (lists of ids, and `told`: the awards whose subject a nomination already told), which
# the revocation records in its audit event. A receiver that raises rolls the revocation back.
awards_revoked = Signal()

# Sent when the register numbers a submission or a public notice, with `unit` and `on` (the
# day): the documents app, which keeps the units' letterheads, answers the abbreviation its
# papers print for the unit ("UBND", "STP"), so the register's symbol reads as the paper does.
letterhead_symbol = Signal()

# Sent once the transaction that entered a submission, public notice or council minutes in the
# register of outgoing documents has committed, with `entry` (the `OutgoingDocument`): the
# documents and councils apps store the numbered paper exactly as it was issued.
outgoing_registered = Signal()
