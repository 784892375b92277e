"""Differential testing of :mod:`jeugdketen.ijw` against the official iJw 3.2 rule stylesheet.

The official stylesheet (``ijw/validatie/alle-regels-jw-3.2.xsl`` in the shared material, run
by lxml) is the oracle. :mod:`.oracle` runs both sides on the same bytes and reduces each
report to a set of findings in one canonical form; :mod:`.mutate` draws messages of all 14
types and mutates them with hypothesis; ``python -m tests.ijw.differential`` runs the wide
search outside pytest and keeps every case that differs.

A finding is ``(rule code, locations)``: the locations sorted, each an absolute path of local
element names from the root (``/Bericht/Client/Verzoek/NieuweProducten/NieuwProduct/Einddatum``)
with a 1-based ``[n]`` only on an element that has element siblings of the same local name.
That is how the official report writes its ``Locatie`` elements and how
:attr:`jeugdketen.ijw.report.Issue.locations` is written.
"""
