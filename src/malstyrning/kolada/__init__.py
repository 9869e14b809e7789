"""Kolada, the national municipal KPI database: fetch outcomes into follow-up files.

``client`` talks HTTP (paging, retries) and returns Kolada's rows; ``values`` turns
rows into typed values; ``writer`` decides what each follow-up file needs,
``entryedit`` turns that into text edits (``yamledit``: positions and edits) that leave
the rest of the file byte-identical, and ``files`` writes it (links, lock, atomic
replacement); ``report`` prints the Swedish summary; ``cli`` is the ``malstyrning
kolada`` sub-command.
"""

ATTRIBUTION = "Källa: Kolada"
# The KPI catalogue `kolada check` writes and the Kolada rules read (MS603–MS606).
METADATA_FILE = "kolada/nyckeltal.json"
