"""Signals other apps may listen to. Declaraties sends; it never depends on who listens.

``declaration_judged`` (keyword ``declaratie``) is sent after the transaction that stored a
judged declaration, its prestaties and its bookings has committed (monitoring keeps its cost
aggregates up to date with it).
"""

from django.dispatch import Signal

declaration_judged = Signal()
