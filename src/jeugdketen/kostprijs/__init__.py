"""The cost-price model behind a region's tariffs, as code (no Django).

- :mod:`.model`: the arithmetic (salary, surcharges, productive hours, unit tariffs, rounding,
  indexation), in exact decimals and rationals;
- :mod:`.spec`: a region's parameters and product specifications, read from ``data/``;
- :mod:`.calibrate`: what the published tariffs imply and whether they agree;
- :mod:`.whatif`: the tariffs under changed parameters;
- :mod:`.explain`: "opbouw van het tarief", step by step with the document's lines.
"""
