"""What changed between two policy versions, in words, section by section.

Not a diff of the YAML: each rule is compared field by field and the change is said the way
a reader needs it ("stricter: now blocks, it used to need review", "new rule", "3 terms
added"). Confidential lists (codenames, confidential terms) are counted, never listed, since
everyone may read the diff.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.policy.model import Policy
from herald.policy.schema import DOCUMENT_SECTIONS, Rule
from herald.services import policies
from herald.services.permissions import require_active
from herald.services.policy_document import TERMS as DOC_TERMS
from herald.services.policy_document import TITLES, rule_text, section_of
from herald.services.scoping import get_owned, owned_by
from herald.store.models import Person, PolicyAcknowledgement, PolicyActivation, PolicyVersion
from herald.types import LANGUAGES, AccountType, Category, Severity

# Fields that say what a rule looks for (compared as data; the rest are compared one by one).
_DESCRIPTIVE = {"id", "category", "severity", "message", "languages", "when", "clause"}
_DESCRIPTIVE |= {"description", "examples", "type"}

WORDS: dict[str, dict[str, str]] = {
    "added": {"en": "New rule", "tr": "Yeni kural", "es": "Regla nueva"},
    "removed": {"en": "Rule removed", "tr": "Kaldırılan kural", "es": "Regla eliminada"},
    "stricter": {
        "en": "Stricter: now {now} (was: {was})",
        "tr": "Daha sıkı: artık {now} (önceden: {was})",
        "es": "Más estricta: ahora {now} (antes: {was})",
    },
    "looser": {
        "en": "Looser: now {now} (was: {was})",
        "tr": "Daha esnek: artık {now} (önceden: {was})",
        "es": "Más flexible: ahora {now} (antes: {was})",
    },
    "severity": {
        "en": "What happens changed: now {now} (was: {was})",
        "tr": "Sonucu değişti: artık {now} (önceden: {was})",
        "es": "Cambia lo que ocurre: ahora {now} (antes: {was})",
    },
    "langs_added": {
        "en": "Now also applies to posts in: {langs}",
        "tr": "Artık şu dillerdeki gönderilere de uygulanır: {langs}",
        "es": "Ahora también se aplica a publicaciones en: {langs}",
    },
    "langs_removed": {
        "en": "No longer applies to posts in: {langs}",
        "tr": "Artık şu dillerdeki gönderilere uygulanmaz: {langs}",
        "es": "Ya no se aplica a publicaciones en: {langs}",
    },
    "when": {
        "en": "Where it applies changed (accounts, industries or roles)",
        "tr": "Uygulandığı yer değişti (hesaplar, sektörler ya da roller)",
        "es": "Cambia dónde se aplica (cuentas, sectores o roles)",
    },
    "terms_added": {
        "en": "Now also catches: {terms}",
        "tr": "Artık şunları da yakalar: {terms}",
        "es": "Ahora también detecta: {terms}",
    },
    "terms_removed": {
        "en": "No longer catches: {terms}",
        "tr": "Artık şunları yakalamaz: {terms}",
        "es": "Ya no detecta: {terms}",
    },
    "terms_counted": {
        "en": "Its confidential list changed: {added} added, {removed} removed",
        "tr": "Gizli listesi değişti: {added} eklendi, {removed} çıkarıldı",
        "es": "Cambia su lista confidencial: {added} añadidos, {removed} quitados",
    },
    "content": {
        "en": "What it looks for changed",
        "tr": "Neye baktığı değişti",
        "es": "Cambia lo que busca",
    },
    "wording": {
        "en": "Wording changed; it now reads: {text}",
        "tr": "İfadesi değişti; artık şöyle: {text}",
        "es": "Cambia la redacción; ahora dice: {text}",
    },
    "company_added": {
        "en": "The company added its own text to this section.",
        "tr": "Şirket bu bölüme kendi metnini ekledi.",
        "es": "La empresa añadió su propio texto a esta sección.",
    },
    "company_removed": {
        "en": "The company's own text in this section was removed.",
        "tr": "Şirketin bu bölümdeki metni kaldırıldı.",
        "es": "Se quitó el texto propio de la empresa en esta sección.",
    },
    "company_changed": {
        "en": "The company's own text in this section changed.",
        "tr": "Şirketin bu bölümdeki metni değişti.",
        "es": "Cambia el texto propio de la empresa en esta sección.",
    },
    "draft_required": {
        "en": "Acknowledging the policy is now required before drafting posts.",
        "tr": "Gönderi hazırlamadan önce politikayı onaylamak artık zorunlu.",
        "es": "Ahora hay que confirmar la política antes de redactar publicaciones.",
    },
    "draft_not_required": {
        "en": "Acknowledging the policy is no longer required before drafting posts.",
        "tr": "Gönderi hazırlamadan önce politikayı onaylamak artık zorunlu değil.",
        "es": "Ya no hace falta confirmar la política antes de redactar publicaciones.",
    },
    "quiz": {
        "en": "The quiz changed: {questions} questions, pass mark {mark}% (was {old_questions}, {old_mark}%)",
        "tr": "Sınav değişti: {questions} soru, geçme notu %{mark} (önceden {old_questions}, %{old_mark})",
        "es": "Cambia el cuestionario: {questions} preguntas, nota mínima {mark} % (antes {old_questions}, {old_mark} %)",
    },
    "organisation": {
        "en": "The company's details changed: {fields}",
        "tr": "Şirket bilgileri değişti: {fields}",
        "es": "Cambian los datos de la empresa: {fields}",
    },
    "other": {"en": "Other rules", "tr": "Diğer kurallar", "es": "Otras reglas"},
    "settings": {"en": "Acknowledgement", "tr": "Onay", "es": "Confirmación"},
    "none": {"en": "does not apply", "tr": "uygulanmaz", "es": "no se aplica"},
}
ORG_FIELDS: dict[str, dict[str, str]] = {
    "name": {"en": "name", "tr": "ad", "es": "nombre"},
    "company_names": {"en": "company names", "tr": "şirket adları", "es": "nombres de la empresa"},
    "competitors": {"en": "competitors", "tr": "rakipler", "es": "competidores"},
    "domains": {"en": "domains", "tr": "alan adları", "es": "dominios"},
    "codenames": {"en": "codenames", "tr": "kod adları", "es": "nombres en clave"},
    "confidential_terms": {
        "en": "confidential terms",
        "tr": "gizli terimler",
        "es": "términos confidenciales",
    },
    "industry": {"en": "industry", "tr": "sektör", "es": "sector"},
    "handles": {"en": "official handles", "tr": "resmî hesaplar", "es": "cuentas oficiales"},
}
SECRET_CATEGORIES = frozenset({Category.CONFIDENTIAL})


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    """added, removed, stricter, looser, severity, scope, content, wording, company, settings."""
    rule_id: str | None
    rule: str
    """What the rule asks (in the reader's language), or "" for a change that is no rule."""
    says: tuple[str, ...]
    """The change in words, one sentence each."""


@dataclass(frozen=True, slots=True)
class SectionChanges:
    id: str
    title: str
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class PolicyDiff:
    lang: str
    old: str
    new: str
    sections: tuple[SectionChanges, ...]

    @property
    def count(self) -> int:
        return sum(len(s.changes) for s in self.sections)


def _levels(spec: Rule) -> dict[AccountType, Severity | None]:
    if isinstance(spec.severity, dict):
        return {t: spec.severity.get(t) for t in AccountType}
    return dict.fromkeys(AccountType, Severity(spec.severity))


def _level_words(levels: dict[AccountType, Severity | None], lang: str) -> str:
    said = {
        t: DOC_TERMS[s.value][lang] if s is not None else WORDS["none"][lang]
        for t, s in levels.items()
    }
    if len(set(said.values())) == 1:
        return next(iter(said.values()))
    return "; ".join(f"{DOC_TERMS[t.value][lang]}: {w}" for t, w in said.items())


def _severity_change(old: Rule, new: Rule, lang: str) -> tuple[str, str] | None:
    before, after = _levels(old), _levels(new)
    if before == after:
        return None

    def rank(s: Severity | None) -> int:
        return -1 if s is None else s.rank

    up = any(rank(after[t]) > rank(before[t]) for t in AccountType)
    down = any(rank(after[t]) < rank(before[t]) for t in AccountType)
    kind = "stricter" if up and not down else "looser" if down and not up else "severity"
    words = WORDS[kind][lang].format(now=_level_words(after, lang), was=_level_words(before, lang))
    return kind, words


def _terms(value: Any) -> set[str]:
    """Every term a rule's matcher field lists, flattened over languages."""
    if isinstance(value, list):
        return {str(v) for v in value}
    if isinstance(value, dict):
        return {t for v in value.values() for t in _terms(v)}
    return set()


def _shown(terms: set[str]) -> str:
    listed = sorted(terms)
    return ", ".join(listed[:8]) + (" …" if len(listed) > 8 else "")


def _content_changes(old: Rule, new: Rule, lang: str) -> list[str]:
    before = old.model_dump(mode="json", exclude=_DESCRIPTIVE, by_alias=True)
    after = new.model_dump(mode="json", exclude=_DESCRIPTIVE, by_alias=True)
    if before == after:
        return []
    if set(before) == set(after) and {k for k in after if before[k] != after[k]} == {"terms"}:
        added = _terms(after["terms"]) - _terms(before["terms"])
        removed = _terms(before["terms"]) - _terms(after["terms"])
        if new.category in SECRET_CATEGORIES:
            counted = WORDS["terms_counted"][lang]
            return [counted.format(added=len(added), removed=len(removed))]
        said = []
        if added:
            said.append(WORDS["terms_added"][lang].format(terms=_shown(added)))
        if removed:
            said.append(WORDS["terms_removed"][lang].format(terms=_shown(removed)))
        return said
    return [WORDS["content"][lang]]


def _rule_change(old: Rule, new: Rule, lang: str) -> Change | None:
    kind = ""
    says: list[str] = []
    severity = _severity_change(old, new, lang)
    if severity is not None:
        kind, words = severity
        says.append(words)
    langs_added = [x for x in new.languages if x not in old.languages]
    langs_removed = [x for x in old.languages if x not in new.languages]
    if langs_added:
        says.append(WORDS["langs_added"][lang].format(langs=", ".join(langs_added)))
    if langs_removed:
        says.append(WORDS["langs_removed"][lang].format(langs=", ".join(langs_removed)))
    if old.when != new.when:
        says.append(WORDS["when"][lang])
    if type(old) is not type(new):
        says.append(WORDS["content"][lang])
    else:
        says.extend(_content_changes(old, new, lang))
    reworded = rule_text(old, lang) != rule_text(new, lang)
    if reworded:
        says.append(WORDS["wording"][lang].format(text=rule_text(new, lang)))
    if not says:
        return None
    if not kind:
        kind = "wording" if reworded and len(says) == 1 else "scope"
    return Change(kind, new.id, rule_text(new, lang), tuple(says))


def _company_change(old: Policy, new: Policy, section: str, lang: str) -> Change | None:
    before = dict(old.document.get(section, {})).get(lang)
    after = dict(new.document.get(section, {})).get(lang)
    if before == after:
        return None
    key = "company_added" if before is None else "company_removed" if after is None else None
    return Change("company", None, "", (WORDS[key or "company_changed"][lang],))


def _settings_changes(old: Policy, new: Policy, lang: str) -> list[Change]:
    out = []
    a, b = old.acknowledgement, new.acknowledgement
    if a.required_to_draft != b.required_to_draft:
        key = "draft_required" if b.required_to_draft else "draft_not_required"
        out.append(Change("settings", None, "", (WORDS[key][lang],)))
    if (a.quiz_questions, a.quiz_pass_mark) != (b.quiz_questions, b.quiz_pass_mark):
        words = WORDS["quiz"][lang].format(
            questions=b.quiz_questions,
            mark=round(b.quiz_pass_mark * 100),
            old_questions=a.quiz_questions,
            old_mark=round(a.quiz_pass_mark * 100),
        )
        out.append(Change("settings", None, "", (words,)))
    fields = [f for f in ORG_FIELDS if getattr(old.org, f) != getattr(new.org, f)]
    if fields:
        named = ", ".join(ORG_FIELDS[f][lang] for f in fields)
        out.append(
            Change("settings", None, "", (WORDS["organisation"][lang].format(fields=named),))
        )
    return out


def compare(old: Policy, new: Policy, lang: str) -> PolicyDiff:
    """What changed from ``old`` to ``new``, in ``lang``, grouped by document section."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    before = {s.id: s for s in old.specs}
    after = {s.id: s for s in new.specs}
    by_section: dict[str, list[Change]] = {}
    for rule_id, spec in after.items():
        previous = before.get(rule_id)
        if previous is None:
            change: Change | None = Change(
                "added", rule_id, rule_text(spec, lang), (WORDS["added"][lang],)
            )
        else:
            change = _rule_change(previous, spec, lang)
        if change is not None:
            by_section.setdefault(section_of(spec), []).append(change)
    for rule_id, spec in before.items():
        if rule_id not in after:
            removed = Change("removed", rule_id, rule_text(spec, lang), (WORDS["removed"][lang],))
            by_section.setdefault(section_of(spec), []).append(removed)
    sections = []
    for section in DOCUMENT_SECTIONS:
        changes = by_section.get(section, [])
        company = _company_change(old, new, section, lang)
        if company is not None:
            changes.insert(0, company)
        if changes:
            sections.append(SectionChanges(section, TITLES[section][lang], tuple(changes)))
    if by_section.get(""):
        sections.append(SectionChanges("other", WORDS["other"][lang], tuple(by_section[""])))
    settings = _settings_changes(old, new, lang)
    if settings:
        sections.append(SectionChanges("settings", WORDS["settings"][lang], tuple(settings)))
    return PolicyDiff(
        lang=lang,
        old=old.label or old.version,
        new=new.label or new.version,
        sections=tuple(sections),
    )


def versions(session: Session, actor: Person) -> list[PolicyVersion]:
    """The organisation's versions in the order they were first put in force, newest last."""
    require_active(actor)
    seen: dict[int, PolicyVersion] = {}
    for activation in session.scalars(
        owned_by(PolicyActivation, actor.org_id).order_by(PolicyActivation.id)
    ):
        seen.pop(activation.policy_version_id, None)
        seen[activation.policy_version_id] = activation.policy_version
    return list(seen.values())


def between(session: Session, actor: Person, old_id: int, new_id: int, lang: str) -> PolicyDiff:
    """The changes from one of the organisation's versions to another."""
    require_active(actor)
    old = get_owned(session, PolicyVersion, old_id, actor.org_id, "policy_version")
    new = get_owned(session, PolicyVersion, new_id, actor.org_id, "policy_version")
    return compare(policies.engine_for(old).policy, policies.engine_for(new).policy, lang)


def since_acknowledged(session: Session, person: Person, lang: str) -> PolicyDiff | None:
    """What changed since the last version ``person`` acknowledged, when that is not the
    version in force (None: nothing acknowledged before, or the version in force is)."""
    current = policies.active_version(session, person.org_id)
    if current is None:
        return None
    last = session.scalar(
        select(PolicyAcknowledgement.policy_version_id)
        .where(PolicyAcknowledgement.person_id == person.id)
        .order_by(PolicyAcknowledgement.acknowledged_at.desc(), PolicyAcknowledgement.id.desc())
        .limit(1)
    )
    if last is None or last == current.id:
        return None
    return between(session, person, last, current.id, lang)
