"""Forms, exporters and importers: the edge between the domain and its users."""
