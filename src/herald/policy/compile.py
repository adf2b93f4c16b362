"""Turning validated rule specs into compiled rules, reporting problems at their place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

import regex
from pydantic import ValidationError

from herald.detectors.base import Detector, registry
from herald.policy import rules as compiled
from herald.policy.errors import Problem
from herald.policy.pydantic_problems import coded_error
from herald.policy.regex_guard import RegexProblem, compile_user_pattern
from herald.policy.schema import (
    ConditionalRule,
    DetectorRule,
    ExistenceRule,
    Lang,
    Matcher,
    OccurrenceRule,
    PatternRule,
    Rule,
    SubstitutionRule,
)
from herald.policy.yaml_source import Path as DataPath
from herald.policy.yaml_source import SourceMap
from herald.text.fold import fold_term
from herald.types import LANGUAGES, OrgSettings, Severity

_V = TypeVar("_V")

# Rules may use the organisation's lists by name instead of repeating them.
_ORG_TERM_LISTS = {
    "$codenames": "codenames",
    "$confidential_terms": "confidential_terms",
    "$company_names": "company_names",
    "$competitors": "competitors",
}


def _expand_terms(terms: list[str], org: OrgSettings) -> list[str]:
    out: list[str] = []
    for term in terms:
        attr = _ORG_TERM_LISTS.get(term)
        out.extend(getattr(org, attr) if attr else [term])
    return out


def _terms_by_lang(
    terms: list[str] | Mapping[Lang, list[str]], org: OrgSettings
) -> dict[str, list[str]]:
    per_lang = compiled.terms_by_language(_by_str(terms) if isinstance(terms, Mapping) else terms)
    return {lang: _expand_terms(values, org) for lang, values in per_lang.items()}


def _by_str(values: Mapping[Lang, _V]) -> dict[str, _V]:
    return {str(k): v for k, v in values.items()}


def _meta(spec: Rule) -> compiled.RuleMeta:
    when = spec.when

    def folded(values: list[str] | None) -> frozenset[str] | None:
        return frozenset(fold_term(v) for v in values) if values is not None else None

    return compiled.RuleMeta(
        id=spec.id,
        type=spec.type,
        category=spec.category,
        severity=spec.severity if isinstance(spec.severity, Severity) else dict(spec.severity),
        messages={str(lang): text for lang, text in spec.message.items()},
        languages=frozenset(spec.languages),
        scope=spec.scope,
        account_types=frozenset(when.account_type) if when.account_type is not None else None,
        industries=folded(when.industry),
        author_roles=folded(when.author_role),
        not_author_roles=folded(when.not_author_role),
        exceptions=tuple(spec.exceptions),
        clause=spec.clause,
        description=spec.description,
    )


class _Collector:
    def __init__(self, smap: SourceMap, path: DataPath) -> None:
        self.smap = smap
        self.path = path
        self.problems: list[Problem] = []

    def pattern(
        self, pattern: str, where: DataPath, *, case_sensitive: bool
    ) -> regex.Pattern[str] | None:
        result = compile_user_pattern(pattern, case_sensitive=case_sensitive)
        if isinstance(result, RegexProblem):
            where = (*self.path, *where)
            if result.offset is not None and result.code == "regex_invalid":
                problem = self.smap.problem(
                    where, "regex_invalid_at", **result.args, offset=result.offset
                )
            else:
                problem = self.smap.problem(where, result.code, **result.args)
            self.problems.append(problem)
            return None
        return result

    def matcher(self, spec: Matcher, where: DataPath, org: OrgSettings) -> compiled.CompiledMatcher:
        patterns = [
            p
            for i, raw in enumerate(spec.patterns)
            if (p := self.pattern(raw, (*where, "patterns", i), case_sensitive=False)) is not None
        ]
        terms = spec.terms
        expanded: list[str] | dict[str, list[str]] = (
            _expand_terms(terms, org)
            if isinstance(terms, list)
            else {str(k): _expand_terms(v, org) for k, v in terms.items()}
        )
        return compiled.compile_matcher(expanded, patterns, spec.hashtags)


DetectorPool = dict[tuple[str, str], Detector]
"""Detectors built so far for a policy, by name and parameters: rules that use the same
detector with the same parameters share one instance, so it runs once per post."""


def compile_rule(
    spec: Rule,
    org: OrgSettings,
    smap: SourceMap,
    path: DataPath,
    pool: DetectorPool | None = None,
) -> tuple[compiled.CompiledRule | None, list[Problem]]:
    """Compile one rule; on problems return None and the problems, located."""
    meta = _meta(spec)
    c = _Collector(smap, path)
    rule: compiled.CompiledRule | None = None
    if isinstance(spec, ExistenceRule):
        rule = compiled.ExistenceRule(
            meta, _terms_by_lang(spec.terms, org), inflect=spec.inflect, obfuscated=spec.obfuscation
        )
    elif isinstance(spec, SubstitutionRule):
        swaps: dict[str, dict[str, str]]
        if all(isinstance(v, str) for v in spec.swap.values()):
            flat = {k: v for k, v in spec.swap.items() if isinstance(v, str)}
            swaps = {lang: dict(flat) for lang in (*LANGUAGES, "other")}
        else:
            nested = {k: v for k, v in spec.swap.items() if isinstance(v, dict)}
            swaps = {lang: dict(nested.get(lang, {})) for lang in LANGUAGES}
            swaps["other"] = {k: v for m in nested.values() for k, v in m.items()}
        rule = compiled.SubstitutionRule(meta, swaps, inflect=spec.inflect)
    elif isinstance(spec, OccurrenceRule):
        if spec.max is not None and spec.max < spec.min:
            c.problems.append(smap.problem((*path, "max"), "max_below_min"))
        require = c.matcher(spec.require, ("require",), org)
        only_if = c.matcher(spec.only_if, ("only_if",), org) if spec.only_if else None
        rule = compiled.OccurrenceRule(
            meta,
            require,
            minimum=spec.min,
            maximum=spec.max,
            fix=_by_str(spec.fix) if spec.fix else None,
            only_if=only_if,
        )
    elif isinstance(spec, ConditionalRule):
        if_ = c.matcher(spec.if_, ("if",), org)
        then = c.matcher(spec.then, ("then",), org)
        rule = compiled.ConditionalRule(meta, if_, then, _by_str(spec.fix) if spec.fix else None)
    elif isinstance(spec, PatternRule):
        raw = spec.pattern if isinstance(spec.pattern, dict) else {"*": spec.pattern}
        patterns: dict[str, regex.Pattern[str]] = {}
        for lang, pattern in raw.items():
            where: DataPath = ("pattern", lang) if isinstance(spec.pattern, dict) else ("pattern",)
            p = c.pattern(pattern, where, case_sensitive=spec.case_sensitive)
            if p is not None:
                patterns[lang] = p
        rule = compiled.PatternRule(meta, patterns, spec.fix)
    elif isinstance(spec, DetectorRule):
        rule = _detector_rule(spec, meta, org, c, {} if pool is None else pool)
    if c.problems:
        return None, c.problems
    return rule, []


def _detector_rule(
    spec: DetectorRule,
    meta: compiled.RuleMeta,
    org: OrgSettings,
    c: _Collector,
    pool: DetectorPool,
) -> compiled.DetectorRule | None:
    detectors = registry()
    cls = detectors.get(spec.detector)
    if cls is None:
        c.problems.append(
            c.smap.problem(
                (*c.path, "detector"),
                "unknown_detector",
                detector=spec.detector,
                known=sorted(detectors),
            )
        )
        return None
    try:
        params = cls.Params.model_validate(spec.params)
    except ValidationError as exc:
        for error in exc.errors():
            where = ("params", *[p for p in error["loc"] if isinstance(p, str | int)])
            name = next((str(p) for p in reversed(where) if isinstance(p, str)), "params")
            if error["type"] == "extra_forbidden":
                problem = c.smap.problem(
                    (*c.path, *where), "unknown_parameter", name=name, detector=spec.detector
                )
            else:
                code, args = coded_error(error, name)
                problem = c.smap.problem((*c.path, *where), code, **args)
            c.problems.append(problem)
        return None
    if spec.entities is not None:
        unknown = sorted(set(spec.entities) - set(cls.entities))
        if unknown:
            c.problems.append(
                c.smap.problem(
                    (*c.path, "entities"),
                    "unknown_entities",
                    detector=spec.detector,
                    entities=unknown,
                    known=list(cls.entities),
                )
            )
            return None
    key = (spec.detector, params.model_dump_json())
    detector = pool.get(key)
    if detector is None:
        detector = pool[key] = cls(params, org)
    entities = frozenset(spec.entities) if spec.entities is not None else None
    return compiled.DetectorRule(meta, detector, entities=entities, min_score=spec.min_score)
