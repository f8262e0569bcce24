"""The commands around coding: info, eval, dictionary-import."""

from __future__ import annotations

import argparse
import json
import sys

from .. import api
from ..errors import UsageError
from .common import EXIT_OK, Handler, dictionaries, languages


def eval_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "gold",
        nargs="+",
        help="JSON Lines of gold records {id, date, text, events}; or, with --articles, annotation files (tinkuy.evaluate.annotations)",
    )
    sub.add_argument("--articles", nargs="+", metavar="PATH", help="the annotated articles (files or folders, any input format)")
    sub.add_argument("--exhaustive", action="store_true", help="the annotation lists every event of every sentence")
    dictionaries(sub)
    languages(sub)
    sub.add_argument("--json", action="store_true", help="the figures as JSON")
    sub.add_argument("--errors", action="store_true", help="list each missed and spurious event with its sentence and rule")


def run_eval(options: argparse.Namespace) -> int:
    pipeline = api.make_pipeline(options.actors, language=options.language)
    if options.articles:
        score = api.evaluate_annotated(options.gold, options.articles, pipeline, options.exhaustive)
        if options.json:
            print(json.dumps(score.as_dict(with_errors=options.errors), indent=2, ensure_ascii=False))
        else:
            print("\n".join(score.lines(with_errors=options.errors)))
        return EXIT_OK
    if len(options.gold) > 1:
        raise UsageError("gold records come in one file; several files are annotations, which need --articles")
    evaluation = api.evaluate_gold(options.gold[0], pipeline=pipeline)
    if options.json:
        print(json.dumps(evaluation.as_dict(with_errors=options.errors), indent=2, ensure_ascii=False))
        return EXIT_OK
    print(f"records scored: {evaluation.records}")
    print(f"{'level':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'found':>6} {'gold':>6}")
    for name, counts in evaluation.levels.items():
        found = counts.true_positives + counts.false_positives
        gold = counts.true_positives + counts.false_negatives
        print(f"{name:<10} {counts.precision:>9.3f} {counts.recall:>7.3f} {counts.f1:>6.3f} {found:>6} {gold:>6}")
    print("root  missed  spurious   (root code with dyad)")
    for root in sorted(set(evaluation.missed) | set(evaluation.spurious)):
        print(f"{root:<5} {evaluation.missed[root]:>6} {evaluation.spurious[root]:>9}")
    if options.errors:
        for error in evaluation.errors:
            rule = f"  rule: {error.rule}" if error.rule else ""
            print(f"\n{error.kind} [{error.record}] {error.source} -{error.code}-> {error.target}{rule}\n  {error.sentence}")
    return EXIT_OK


def dictionary_import_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("dictionaries", nargs="+", metavar="DICT")
    sub.add_argument("-o", "--output", required=True, help="the people table to write (.tsv)")
    sub.add_argument("--until", help="close codes the dictionaries leave open at this date (YYYY-MM-DD)")


def run_dictionary_import(options: argparse.Namespace) -> int:
    count = api.import_people(options.dictionaries, options.output, until=options.until)
    print(f"{count} rows written to {options.output}", file=sys.stderr)
    return EXIT_OK


def info_arguments(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--json", action="store_true")


def run_info(options: argparse.Namespace) -> int:
    details = api.info()
    if options.json:
        print(json.dumps(details, indent=2))
        return EXIT_OK
    model = details["model"]
    print(f"tinkuy {details['tinkuy']} (Python {details['python']}, DuckDB {details['duckdb']}, spaCy {model['spacy']})")
    for described in (model, details["spanish_model"]):
        print(f"model: {described['model']} {described['version']}, pipes: {', '.join(described['pipes'])}")
        for warning in described["warnings"]:
            print(f"  warning: {warning}")
    print("dictionaries:")
    for name, size in details["dictionaries"].items():
        print(f"  {name}: {size}")
    print("Spanish dictionaries (tinkuy/data/es):")
    for name, size in details["spanish_dictionaries"].items():
        print(f"  {name}: {size}")
    return EXIT_OK


HANDLERS = {
    "eval": Handler(eval_arguments, run_eval),
    "dictionary-import": Handler(dictionary_import_arguments, run_dictionary_import),
    "info": Handler(info_arguments, run_info),
}
