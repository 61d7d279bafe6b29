"""Fuzzing the API against its own OpenAPI document (schemathesis, in-process WSGI).

Every operation of the served document gets a bounded number of generated requests, valid ones
and invalid ones; each response must not be a server error and must match the document (status
code, content type, headers, body schema), and invalid input must be refused with a 4xx.
"""

from __future__ import annotations

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

#: Per operation and generation mode: 28 operations × 2 modes × 25 stays within a couple of minutes.
MAX_EXAMPLES = 25


def _validate(case: schemathesis.Case) -> None:
    """Run every built-in check. One exception: ``/search`` refuses pages past the first 10,000
    results (page × per_page), a bound across two parameters that JSON Schema cannot state, so a
    schema-valid request may get a 400 there, but only that 400."""
    if case.operation.path != "/api/v1/search":
        case.call_and_validate()
        return
    response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
    if response.status_code == 400 and case.meta and case.meta.generation.mode == GenerationMode.POSITIVE:
        assert response.json()["type"].endswith("#problem-page-too-deep"), response.text


@pytest.mark.slow
def test_api_conforms_to_its_document(seeded_app: Flask, request: pytest.FixtureRequest) -> None:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", seeded_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    # 6 kinds × (list, detail), search, suggest, CSV and XLSX exports; 3 curated kinds × (read, create,
    # update, workflow), which without a token (the seeded catalogue must not change) answer 401.
    assert len(operations) == 28
    counted = {"cases": 0}
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, derandomize=True,
                      phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: schemathesis.Case) -> None:
                counted["cases"] += 1
                _validate(case)

            run()
    line = f"schemathesis: {len(operations)} operations, {counted['cases']} generated cases, no failures"
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(line)
    else:
        print(line)
