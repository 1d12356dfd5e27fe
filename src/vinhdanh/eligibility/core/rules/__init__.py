"""Rule builders per family of award codes; regimes pick and configure them."""
