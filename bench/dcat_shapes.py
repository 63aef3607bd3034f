"""Validate the DCAT catalogue in every serialisation against the official DCAT-AP SHACL
shapes, and count the violations by property.

The official shapes are SEMIC's (github.com/SEMICeu/DCAT-AP, releases/3.0.1/shacl/); they
are not part of this project: give their path. The catalogue is the demo site's, served by
Django's test client from a freshly migrated SQLite database (or the PostgreSQL database
named with --database-url, which is dropped and created again).

    .venv/bin/python bench/dcat_shapes.py /tmp/dcat-ap-SHACL.ttl
    .venv/bin/python bench/dcat_shapes.py /tmp/dcat-ap-SHACL.ttl /tmp/ranges.ttl --show 5

Exit status 1 when any serialisation has a violation."""

import argparse
import os
import sys
from collections import Counter

from common import migrate, recreate_postgres_database, setup_django
from django.core.management import call_command
from django.db import connection
from django.test import Client
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import SH

SERIALISATIONS = [("ttl", "turtle"), ("rdf", "xml"), ("jsonld", "json-ld")]


def violations(data, shapes):
    """[(property path, message, focus node)] of every sh:Violation the report gives (its
    sh:result; the sh:detail of a nested shape carries that shape's own severity)."""
    _conforms, report, _text = validate(data, shacl_graph=shapes, inference="none",
                                        meta_shacl=False, advanced=True)
    found = []
    for result in report.objects(None, SH.result):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        path = report.value(result, SH.resultPath)
        found.append((str(path).rsplit("/", 1)[-1].rsplit("#", 1)[-1] if path else "(node)",
                      str(report.value(result, SH.resultMessage)),
                      str(report.value(result, SH.focusNode))))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shapes", nargs="+",
                        help="paths of the official shapes files (Turtle), read together")
    parser.add_argument("--database-url", help="PostgreSQL database to use (recreated)")
    parser.add_argument("--show", type=int, default=0,
                        help="print this many violation messages per serialisation")
    args = parser.parse_args()
    setup_django(args.database_url, "dcat-shapes-")
    if connection.vendor == "postgresql":
        connection.close()
        recreate_postgres_database(connection.settings_dict)
    migrate()
    call_command("load_demo_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    shapes = Graph()
    for path in args.shapes:
        shapes.parse(path, format="turtle")
    client = Client()
    failed = False
    for extension, rdf_format in SERIALISATIONS:
        response = client.get(f"/data/catalog.{extension}")
        assert response.status_code == 200, (extension, response.status_code)
        data = Graph().parse(data=response.content.decode(), format=rdf_format)
        found = violations(data, shapes)
        by_path = Counter(path for path, _message, _focus in found)
        detail = ", ".join(f"{path} {n}" for path, n in by_path.most_common())
        print(f"catalog.{extension}: {len(found)} violations" + (f" ({detail})" if detail else ""))
        for path, message, focus in found[:args.show]:
            print(f"    {path}: {message} [{focus}]")
        failed = failed or bool(found)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
