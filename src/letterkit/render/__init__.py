"""PDF rendering: envelopes, the postcode stencil, letters, label sheets."""
