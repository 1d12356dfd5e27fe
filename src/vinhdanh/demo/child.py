"""Loaded first by the demo's generator process (a fork server started afresh): Django is set
up there before the generator's code is imported. A plain `fork` of the parent would inherit
the engine's (polars') thread pool in whatever state it was, and may hang."""

import django

django.setup()
