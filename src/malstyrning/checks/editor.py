"""The editor schemas in the plan repository (the findings come from
:mod:`malstyrning.editorschemas`, run by the pipeline after the cross-file checks)."""

from malstyrning.checks.base import declare
from malstyrning.findings import Severity

declare("MS025", "inaktuellt-schema", Severity.WARNING,
        "Ett JSON-schema för editorn i planrepot stämmer inte med styrmodellen, eller saknas.",
        scope="repo",
        explanation="`malstyrning schema` skriver scheman efter planrepots egen "
        "malstyrning.yaml till `scheman/`, som editorn (VS Code med YAML-tillägget) och "
        "check-jsonschema läser. Ändras målkedjan eller uppdateras malstyrning blir de "
        "inaktuella, och editorn visar då fel som inte är fel eller missar riktiga. "
        "Scheman som `.vscode/settings.json` pekar ut (`yaml.schemas`) kontrolleras också.",
        good="malstyrning schema   # efter varje ändring av malstyrning.yaml",
        bad="(målkedjan i malstyrning.yaml fick en ny nivå; scheman/ skrevs före ändringen)")
