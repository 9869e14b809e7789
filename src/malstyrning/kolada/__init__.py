"""Kolada, the national municipal KPI database: fetch outcomes into follow-up files.

``client`` talks HTTP (paging, retries) and returns Kolada's rows; ``values`` turns
rows into typed values; ``writer`` decides what each follow-up file needs and
``yamledit`` writes it without disturbing the rest of the file; ``report`` prints the
Swedish summary; ``cli`` is the ``malstyrning kolada`` sub-command.
"""

ATTRIBUTION = "Källa: Kolada"
