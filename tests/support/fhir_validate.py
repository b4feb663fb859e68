#!/usr/bin/env python3
"""Checks Caseload's FHIR exports with an independent implementation of FHIR R4.

Usage: fhir_validate.py PATH...

A `.json` file is one resource (a Bundle, usually); a `.ndjson` file holds one resource
per line (FHIR Bulk Data). Each resource is parsed by the `fhir.resources` models of
its `resourceType` (the R4B package: its default models are R5, which has no
CarePlan.activity.detail), which catch missing required elements, unknown elements,
wrong types and bad dates. The models do not check code bindings or invariants, so
the required bindings and the invariants the export could break are checked here.

Prints one line per problem and a last line "ok: N resources" or "failed: N problems";
exits 1 when anything failed. scripts/setup.sh --e2e installs the package.
"""

import json
import sys

from fhir.resources.R4B import get_fhir_model_class

# Required bindings of the elements Caseload writes (FHIR R4 value sets).
CODES = {
    ("Patient", "gender"): {"male", "female", "other", "unknown"},
    ("CarePlan", "status"): {
        "draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown",
    },
    ("CarePlan", "intent"): {"proposal", "plan", "order", "option"},
    ("Goal", "lifecycleStatus"): {
        "proposed", "planned", "accepted", "active", "on-hold", "completed",
        "cancelled", "entered-in-error", "rejected",
    },
    ("CareTeam", "status"): {"proposed", "active", "suspended", "inactive", "entered-in-error"},
    ("Observation", "status"): {
        "registered", "preliminary", "final", "amended", "corrected", "cancelled",
        "entered-in-error", "unknown",
    },
}
ACTIVITY_KINDS = {
    "Appointment", "CommunicationRequest", "DeviceRequest", "MedicationRequest",
    "NutritionOrder", "Task", "ServiceRequest", "VisionPrescription",
}
ACTIVITY_STATUSES = {
    "not-started", "scheduled", "in-progress", "on-hold", "completed", "cancelled",
    "stopped", "unknown", "entered-in-error",
}
CLINICAL_STATUSES = {"active", "recurrence", "relapse", "inactive", "remission", "resolved"}
COMPARATORS = {"<", "<=", ">=", ">"}


def comparators(node, path, problems):
    """Every Quantity.comparator anywhere in a resource."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "comparator" and value not in COMPARATORS:
                problems.append(f"{path}.comparator: {value!r} is not a FHIR comparator")
            comparators(value, f"{path}.{key}", problems)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            comparators(value, f"{path}[{i}]", problems)


def bindings(resource):
    """Problems with the codes and invariants the models leave unchecked."""
    kind = resource.get("resourceType")
    problems = []
    for (rtype, element), allowed in CODES.items():
        if kind == rtype and element in resource and resource[element] not in allowed:
            problems.append(f"{kind}.{element}: {resource[element]!r} is not in its value set")
    if kind == "CarePlan":
        for i, activity in enumerate(resource.get("activity", [])):
            detail = activity.get("detail", {})
            if "kind" in detail and detail["kind"] not in ACTIVITY_KINDS:
                problems.append(f"CarePlan.activity[{i}].detail.kind: {detail['kind']!r}")
            if detail.get("status") not in ACTIVITY_STATUSES:
                problems.append(f"CarePlan.activity[{i}].detail.status: {detail.get('status')!r}")
    if kind == "Condition":
        for coding in resource.get("clinicalStatus", {}).get("coding", []):
            if coding.get("code") not in CLINICAL_STATUSES:
                problems.append(f"Condition.clinicalStatus: {coding.get('code')!r}")
    if kind == "Goal":
        for i, target in enumerate(resource.get("target", [])):
            has_detail = any(key.startswith("detail") for key in target)
            if has_detail and "measure" not in target:
                problems.append(f"Goal.target[{i}]: a detail without a measure (gol-1)")
    comparators(resource, kind or "?", problems)
    return problems


def check(text, where):
    """Validates one resource's JSON text; returns (resources checked, problems)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        return 0, [f"{where}: not JSON: {e}"]
    kind = data.get("resourceType") if isinstance(data, dict) else None
    if not kind:
        return 0, [f"{where}: no resourceType"]
    try:
        model = get_fhir_model_class(kind)
    except KeyError:
        return 0, [f"{where}: unknown resourceType {kind!r}"]
    problems = []
    try:
        model.model_validate_json(text)
    except Exception as e:  # pydantic's ValidationError, or a model's own check
        problems.append(f"{where}: {kind}: {e}")
    resources = [data]
    if kind == "Bundle":
        resources = [entry.get("resource", {}) for entry in data.get("entry", [])]
    count = 0
    for resource in resources:
        count += 1
        problems += [f"{where}: {p}" for p in bindings(resource)]
    return count, problems


def main(paths):
    if not paths:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    total, problems = 0, []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if path.endswith(".ndjson"):
            for n, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    problems.append(f"{path}:{n}: an empty line")
                    continue
                count, found = check(line, f"{path}:{n}")
                total += count
                problems += found
        else:
            count, found = check(text, path)
            total += count
            problems += found
    for p in problems:
        print(p)
    if problems:
        print(f"failed: {len(problems)} problems")
        return 1
    print(f"ok: {total} resources")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
