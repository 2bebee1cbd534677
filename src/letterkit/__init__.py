"""letterkit: letters and envelopes for Russian political prisoners.

The library is usable without the command line::

    from letterkit.store import Store
    from letterkit.render.envelope import render_envelope
"""

__version__ = "0.1.0"
