"""The social media policy as a document people read, generated from the pack the engine runs.

Every rule of the active pack appears under the section of the policy it belongs to, with the
rule's own examples (which are also its golden tests), so the written policy and the enforced
one cannot disagree. The fixed text of each section says what a good policy says; the
organisation adds its own words per section and language in the pack's ``document:`` block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from herald.policy.model import Policy
from herald.policy.schema import DOCUMENT_SECTIONS, ExampleSpec, Rule
from herald.services import accounts, teams
from herald.store.enums import AccountKind
from herald.store.models import Person
from herald.types import LANGUAGES, Category, Severity

_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")

# Which rules each section lists (the rest of the sections are prose and directory data).
SECTION_CATEGORIES: dict[str, tuple[Category, ...]] = {
    "minimum_rules": (
        Category.CONFIDENTIAL,
        Category.PERSONAL_DATA,
        Category.CREDENTIALS,
        Category.OFFENSIVE,
        Category.ILLEGAL_CONDUCT,
        Category.DISPARAGEMENT,
    ),
    "brand_voice": (Category.BRAND_VOICE,),
    "personal_accounts": (Category.DISCLAIMER,),
    "legal": (Category.ATTRIBUTION, Category.REGULATED_CLAIM),
    "security": (Category.RISKY_LINK,),
}

TITLES: dict[str, dict[str, str]] = {
    "document": {
        "en": "Social media policy",
        "tr": "Sosyal medya politikası",
        "es": "Política de redes sociales",
    },
    "purpose": {"en": "Purpose", "tr": "Amaç", "es": "Propósito"},
    "who_speaks": {
        "en": "Who may speak for the company",
        "tr": "Şirket adına kim konuşabilir",
        "es": "Quién puede hablar en nombre de la empresa",
    },
    "minimum_rules": {
        "en": "The minimum rules",
        "tr": "Temel kurallar",
        "es": "Las reglas mínimas",
    },
    "brand_voice": {
        "en": "Brand guidelines and etiquette",
        "tr": "Marka kuralları ve görgü",
        "es": "Pautas de marca y etiqueta",
    },
    "conflict": {
        "en": "A plan for conflict: who handles what",
        "tr": "Çatışma planı: kim neyle ilgilenir",
        "es": "Un plan para los conflictos: quién se ocupa de qué",
    },
    "personal_accounts": {
        "en": "Personal accounts",
        "tr": "Kişisel hesaplar",
        "es": "Cuentas personales",
    },
    "legal": {"en": "Legal risks", "tr": "Hukuki riskler", "es": "Riesgos legales"},
    "security": {"en": "Security", "tr": "Güvenlik", "es": "Seguridad"},
    "consequences": {"en": "Consequences", "tr": "Sonuçlar", "es": "Consecuencias"},
}

PROSE: dict[str, dict[str, tuple[str, ...]]] = {
    "purpose": {
        "en": (
            "One careless post can hurt the brand, leak a secret or break a law. This policy "
            "says what may be published on the company's accounts and, where it concerns the "
            "company, on employees' own accounts.",
            "Herald checks every post against the rules below before it goes out; the rules in "
            "this document are the very rules the software enforces.",
        ),
        "tr": (
            "Tek bir dikkatsiz paylaşım markaya zarar verebilir, bir sırrı sızdırabilir ya da "
            "yasayı çiğneyebilir. Bu politika şirket hesaplarında ve şirketle ilgili olduğunda "
            "çalışanların kendi hesaplarında neyin yayımlanabileceğini belirler.",
            "Herald her gönderiyi yayımlanmadan önce aşağıdaki kurallara göre denetler; bu "
            "belgedeki kurallar yazılımın uyguladığı kuralların ta kendisidir.",
        ),
        "es": (
            "Una publicación descuidada puede dañar la marca, filtrar un secreto o infringir la "
            "ley. Esta política dice qué puede publicarse en las cuentas de la empresa y, cuando "
            "se trata de la empresa, en las cuentas personales de la plantilla.",
            "Herald comprueba cada publicación con las reglas siguientes antes de que salga; las "
            "reglas de este documento son exactamente las que aplica el software.",
        ),
    },
    "who_speaks": {
        "en": (
            "Only the people and teams granted an account may draft, approve or publish on it. "
            "Ordinary employees do not answer complaints on brand channels: they pass them to "
            "the team that handles them.",
        ),
        "tr": (
            "Bir hesapta yalnızca o hesap için yetki verilen kişiler ve ekipler taslak "
            "hazırlayabilir, onay verebilir ya da yayımlayabilir. Diğer çalışanlar marka "
            "kanallarındaki şikâyetlere yanıt vermez; onları ilgili ekibe iletir.",
        ),
        "es": (
            "Solo las personas y los equipos autorizados en una cuenta pueden redactar, aprobar o "
            "publicar en ella. El resto de la plantilla no responde a quejas en los canales de "
            "la marca: las pasa al equipo que se ocupa de ellas.",
        ),
    },
    "minimum_rules": {
        "en": (
            "No post, on any account, may contain confidential or proprietary company "
            "information, personal data of customers or colleagues, secrets or credentials, "
            "defamatory, derogatory or inflammatory content, or anything that implies illegal "
            "conduct.",
        ),
        "tr": (
            "Hiçbir hesaptaki hiçbir gönderi gizli ya da şirkete ait bilgi, müşterilerin veya "
            "çalışma arkadaşlarının kişisel verilerini, sır ya da kimlik bilgilerini, "
            "karalayıcı, aşağılayıcı ya da kışkırtıcı içerik veya yasa dışı bir davranışı ima "
            "eden bir şey içeremez.",
        ),
        "es": (
            "Ninguna publicación, en ninguna cuenta, puede contener información confidencial o "
            "propia de la empresa, datos personales de clientes o compañeros, secretos o "
            "credenciales, contenido difamatorio, despectivo o incendiario, ni nada que sugiera "
            "una conducta ilegal.",
        ),
    },
    "brand_voice": {
        "en": (
            "Write as the brand speaks: the preferred words, the brand's names spelt as the "
            "brand spells them, a courteous tone even with angry people.",
        ),
        "tr": (
            "Markanın konuştuğu gibi yazın: tercih edilen sözcükler, marka adlarının doğru "
            "yazımı, öfkeli kişilere karşı bile nazik bir üslup.",
        ),
        "es": (
            "Escriba como habla la marca: las palabras preferidas, los nombres de la marca tal "
            "como ella los escribe y un tono cortés incluso con personas enfadadas.",
        ),
    },
    "conflict": {
        "en": (
            "Negative comments, complaints and crises reach trained people fast: the crisis "
            "team first in a crisis, then PR for the press, customer service for customers' "
            "problems and the engagement team for everything else. Answers start from the "
            "pre-approved replies, and every reply is checked like a post.",
        ),
        "tr": (
            "Olumsuz yorumlar, şikâyetler ve krizler hızla eğitimli kişilere ulaşır: kriz "
            "anında önce kriz ekibine, basın için halkla ilişkilere, müşteri sorunları için "
            "müşteri hizmetlerine, geri kalan her şey için etkileşim ekibine. Yanıtlar önceden "
            "onaylanmış yanıtlarla başlar ve her yanıt bir gönderi gibi denetlenir.",
        ),
        "es": (
            "Los comentarios negativos, las quejas y las crisis llegan rápido a personas "
            "formadas: primero al equipo de crisis en una crisis, a relaciones públicas para la "
            "prensa, a atención al cliente para sus problemas y al equipo de interacción para "
            "todo lo demás. Las respuestas parten de las respuestas preaprobadas y cada "
            "respuesta se revisa como una publicación.",
        ),
    },
    "personal_accounts": {
        "en": (
            "On your own accounts you speak for yourself: check facts, respect the law and "
            "copyright, avoid negative remarks about the company or other companies, and when "
            "you write about the company or its industry say that the views are your own.",
        ),
        "tr": (
            "Kendi hesaplarınızda kendi adınıza konuşursunuz: bilgileri doğrulayın, yasaya ve "
            "telif haklarına uyun, şirket ya da başka şirketler hakkında olumsuz sözlerden "
            "kaçının; şirket ya da sektörü hakkında yazarken görüşlerin size ait olduğunu "
            "belirtin.",
        ),
        "es": (
            "En sus cuentas habla en su propio nombre: compruebe los datos, respete la ley y los "
            "derechos de autor, evite comentarios negativos sobre la empresa u otras empresas y, "
            "cuando escriba sobre la empresa o su sector, diga que las opiniones son suyas.",
        ),
    },
    "legal": {
        "en": (
            "Credit your sources; never disclose what the company has not made public; carry "
            "the disclaimers and disclosures the law asks for (advertising, sponsorship); in a "
            "regulated industry make no promise the regulator forbids.",
        ),
        "tr": (
            "Kaynaklarınızı belirtin; şirketin kamuya açıklamadığı hiçbir şeyi açıklamayın; "
            "yasanın istediği uyarı ve açıklamaları (reklam, sponsorluk) ekleyin; düzenlenen "
            "bir sektörde düzenleyicinin yasakladığı hiçbir vaatte bulunmayın.",
        ),
        "es": (
            "Cite sus fuentes; no revele nada que la empresa no haya hecho público; incluya los "
            "avisos y las menciones que exige la ley (publicidad, patrocinio); en un sector "
            "regulado no haga promesas que el regulador prohíbe.",
        ),
    },
    "security": {
        "en": (
            "Use a strong, unique password and two-factor sign-in for Herald and every "
            "connected account. Treat unexpected links and requests for codes as phishing. If "
            "an account is breached: tell the security administrator at once, who locks "
            "publishing, revokes sessions and reviews the audit trail.",
        ),
        "tr": (
            "Herald ve bağlı her hesap için güçlü ve benzersiz bir parola ile iki adımlı "
            "doğrulama kullanın. Beklenmedik bağlantıları ve kod isteklerini oltalama sayın. "
            "Bir hesap ele geçirilirse hemen güvenlik yöneticisine haber verin; yönetici "
            "yayımlamayı kilitler, oturumları kapatır ve denetim kaydını inceler.",
        ),
        "es": (
            "Use una contraseña robusta y única y el inicio de sesión en dos pasos en Herald y "
            "en cada cuenta conectada. Trate los enlaces inesperados y las peticiones de "
            "códigos como phishing. Si una cuenta se ve comprometida, avise enseguida al "
            "administrador de seguridad, que bloquea la publicación, cierra las sesiones y "
            "revisa el registro de auditoría.",
        ),
    },
    "consequences": {
        "en": (
            "A post that breaks a blocking rule does not go out until it is fixed or a "
            "compliance officer overrides the finding with a reason. Breaking this policy "
            "knowingly may lead to disciplinary measures.",
        ),
        "tr": (
            "Engelleyici bir kuralı çiğneyen gönderi düzeltilene ya da bir uyum sorumlusu "
            "gerekçe yazarak bulguyu geçersiz kılana kadar yayımlanmaz. Bu politikayı bilerek "
            "çiğnemek disiplin önlemlerine yol açabilir.",
        ),
        "es": (
            "Una publicación que incumple una regla bloqueante no sale hasta que se corrige o "
            "un responsable de cumplimiento anula el hallazgo con un motivo. Incumplir esta "
            "política a sabiendas puede dar lugar a medidas disciplinarias.",
        ),
    },
}

TERMS: dict[str, dict[str, str]] = {
    "version": {"en": "Version", "tr": "Sürüm", "es": "Versión"},
    "breaks": {
        "en": "Breaks the rule",
        "tr": "Kurala aykırı",
        "es": "Incumple la regla",
    },
    "fine": {"en": "Fine", "tr": "Uygun", "es": "Correcto"},
    "accounts": {"en": "Brand accounts", "tr": "Marka hesapları", "es": "Cuentas de marca"},
    "teams": {"en": "Teams", "tr": "Ekipler", "es": "Equipos"},
    "no_rules": {
        "en": "The active pack has no rule of this kind.",
        "tr": "Etkin pakette bu türde kural yok.",
        "es": "El paquete activo no tiene reglas de este tipo.",
    },
    Severity.BLOCK.value: {"en": "blocks", "tr": "engeller", "es": "bloquea"},
    Severity.REVIEW.value: {
        "en": "needs review",
        "tr": "inceleme gerekir",
        "es": "requiere revisión",
    },
    Severity.WARN.value: {"en": "warns", "tr": "uyarır", "es": "avisa"},
    Severity.INFO.value: {"en": "informs", "tr": "bilgi verir", "es": "informa"},
    "on_personal": {
        "en": "on a personal account",
        "tr": "kişisel hesapta",
        "es": "en una cuenta personal",
    },
    "industry": {"en": "industry", "tr": "sektör", "es": "sector"},
    "brand": {"en": "brand accounts", "tr": "marka hesapları", "es": "cuentas de marca"},
    "personal": {
        "en": "personal accounts",
        "tr": "kişisel hesaplar",
        "es": "cuentas personales",
    },
}


@dataclass(frozen=True, slots=True)
class Directory:
    """Who may speak, as the organisation's database says (None in a pack-only document)."""

    accounts: tuple[str, ...] = ()
    """"network handle: who may draft / approve / publish", one line each."""
    teams: tuple[str, ...] = ()
    """"team name: members", one line each."""


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    context: str
    """Where it was posted, when that decides ("on a personal account"), or ""."""


@dataclass(frozen=True, slots=True)
class RuleEntry:
    id: str
    clause: str | None
    text: str
    severity: str
    breaks: tuple[Example, ...]
    fine: tuple[Example, ...]


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    company_text: str | None
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Titled lists (accounts, teams)."""
    rules: tuple[RuleEntry, ...] = ()
    lists_rules: bool = False


@dataclass(frozen=True, slots=True)
class PolicyDocument:
    lang: str
    title: str
    organisation: str
    version: str
    sections: tuple[Section, ...]

    def term(self, key: str) -> str:
        return TERMS[key][self.lang]


CAPABILITIES: dict[str, dict[str, str]] = {
    "draft": {"en": "drafts", "tr": "taslak", "es": "redacta"},
    "approve": {"en": "approves", "tr": "onaylar", "es": "aprueba"},
    "publish": {"en": "publishes", "tr": "yayımlar", "es": "publica"},
}


def directory(session: Session, actor: Person, lang: str) -> Directory:
    """Who may speak for the organisation, from its brand accounts, grants and teams."""
    team_names = {team.id: team.name for team in teams.list_teams(session, actor)}
    account_lines = []
    for account in accounts.list_accounts(session, actor):
        if account.kind is not AccountKind.BRAND:
            continue
        by_capability: dict[str, list[str]] = {}
        for grant in accounts.grants(session, account):
            if grant.person_id is not None:
                holder = session.get_one(Person, grant.person_id).name
            else:
                holder = team_names.get(grant.team_id or 0, "?")
            by_capability.setdefault(grant.capability.value, []).append(holder)
        who = "; ".join(
            f"{CAPABILITIES[capability][lang]}: {', '.join(sorted(set(names)))}"
            for capability, names in sorted(by_capability.items())
        )
        account_lines.append(f"{account.network} {account.handle}" + (f" — {who}" if who else ""))
    team_lines = [
        f"{team.name}: {', '.join(sorted(p.name or p.email for p in teams.members(session, team)))}"
        for team in teams.list_teams(session, actor)
    ]
    return Directory(accounts=tuple(account_lines), teams=tuple(team_lines))


def _in(texts: dict[str, str] | None, lang: str) -> str | None:
    if not texts:
        return None
    return texts.get(lang)


def _severity(spec: Rule, lang: str) -> str:
    if isinstance(spec.severity, dict):
        return "; ".join(
            f"{TERMS[account.value][lang]}: {TERMS[level.value][lang]}"
            for account, level in spec.severity.items()
        )
    return TERMS[Severity(spec.severity).value][lang]


def _shown(example: ExampleSpec, lang: str) -> Example:
    """The example, with where it was posted when that decides (a personal account, a sector)."""
    context = []
    if example.account_type.value == "personal":
        context.append(TERMS["on_personal"][lang])
    if example.industry:
        context.append(f"{TERMS['industry'][lang]}: {example.industry}")
    return Example(example.text, ", ".join(context))


def _examples(examples: Sequence[ExampleSpec], lang: str, verdict: str) -> tuple[Example, ...]:
    """The rule's examples in the reader's language; in English when it has none in it."""
    chosen = [e for e in examples if e.verdict == verdict and e.lang == lang]
    if not chosen:
        chosen = [e for e in examples if e.verdict == verdict and e.lang == "en"]
    return tuple(_shown(e, lang) for e in chosen[:2])


def rule_text(spec: Rule, lang: str) -> str:
    """What the rule asks, in ``lang`` (English when it has no message in it)."""
    messages = {str(k): v for k, v in spec.message.items()}
    message = messages.get(lang) or messages.get("en") or next(iter(messages.values()))
    return _PLACEHOLDER.sub("…", message)


def section_of(spec: Rule) -> str:
    """The document section a rule is listed under ("" when none lists it)."""
    return next((s for s, cats in SECTION_CATEGORIES.items() if spec.category in cats), "")


def _rule_entry(spec: Rule, lang: str) -> RuleEntry:
    return RuleEntry(
        id=spec.id,
        clause=spec.clause,
        text=rule_text(spec, lang),
        severity=_severity(spec, lang),
        breaks=_examples(spec.examples, lang, "fail"),
        fine=_examples(spec.examples, lang, "pass"),
    )


def build(policy: Policy, lang: str, directory: Directory | None = None) -> PolicyDocument:
    """The document of ``policy`` in ``lang`` (``tr``, ``es`` or ``en``)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    company = policy.document
    sections = []
    for section_id in DOCUMENT_SECTIONS:
        categories = SECTION_CATEGORIES.get(section_id, ())
        rules = tuple(
            _rule_entry(spec, lang)
            for category in categories
            for spec in policy.specs
            if spec.category is category and lang in spec.languages
        )
        lists: tuple[tuple[str, tuple[str, ...]], ...] = ()
        if directory is not None and section_id == "who_speaks" and directory.accounts:
            lists = ((TERMS["accounts"][lang], directory.accounts),)
        if directory is not None and section_id == "conflict" and directory.teams:
            lists = ((TERMS["teams"][lang], directory.teams),)
        sections.append(
            Section(
                id=section_id,
                title=TITLES[section_id][lang],
                paragraphs=PROSE[section_id][lang],
                company_text=_in(dict(company.get(section_id, {})), lang),
                lists=lists,
                rules=rules,
                lists_rules=bool(categories),
            )
        )
    title = _in(dict(company.get("title", {})), lang) or TITLES["document"][lang]
    return PolicyDocument(
        lang=lang,
        title=title,
        organisation=policy.org.name or policy.name,
        version=policy.label or policy.version,
        sections=tuple(sections),
    )
