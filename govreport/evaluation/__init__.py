"""How well the readers do on real reports: scores against the hand-checked tables in ``data/dev/``.

:mod:`.parts` scores the parts the parser gives the headings of the 142 corpus reports
(``headings_checked.csv``, ``reports_checked.csv``); :mod:`.quantities` scores every field of the
quantities read in the hand-checked windows (``quantities_checked.csv``); :mod:`.tables` names and
orders both scores as the book publishes them. Each table has a held-out split, never read while the
rules were written; its scores are the ones to quote.
"""
