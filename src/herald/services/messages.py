"""User-facing governance messages in Turkish, Spanish and English."""

from __future__ import annotations

import os
from typing import Any

from herald.types import LANGUAGES

DEFAULT_LANG = "en"

MESSAGES: dict[str, dict[str, str]] = {
    "not_found": {
        "en": "{what} not found: {key}",
        "tr": "{what} bulunamadı: {key}",
        "es": "{what} no encontrado: {key}",
    },
    "already_exists": {
        "en": "{what} already exists: {key}",
        "tr": "{what} zaten var: {key}",
        "es": "{what} ya existe: {key}",
    },
    "invalid": {
        "en": "Invalid {what}: {detail}",
        "tr": "Geçersiz {what}: {detail}",
        "es": "{what} no válido: {detail}",
    },
    "forbidden_role": {
        "en": "Your role ({role}) may not {action} a post.",
        "tr": "Rolünüz ({role}) bir gönderiyi {action} işlemine yetkili değil.",
        "es": "Su rol ({role}) no permite {action} una publicación.",
    },
    "forbidden": {
        "en": "You may not do this: {detail}",
        "tr": "Bu işlemi yapamazsınız: {detail}",
        "es": "No puede hacer esto: {detail}",
    },
    "no_capability": {
        "en": "You have no {capability} permission on {account}.",
        "tr": "{account} hesabında {capability} yetkiniz yok.",
        "es": "No tiene permiso de {capability} en {account}.",
    },
    "invalid_transition": {
        "en": "A post in state {state} cannot be given the action {action}.",
        "tr": "{state} durumundaki bir gönderiye {action} işlemi uygulanamaz.",
        "es": "Una publicación en estado {state} no admite la acción {action}.",
    },
    "self_approval": {
        "en": "You cannot decide on your own post.",
        "tr": "Kendi gönderiniz hakkında karar veremezsiniz.",
        "es": "No puede decidir sobre su propia publicación.",
    },
    "not_an_approver": {
        "en": "You are not an approver of step {step} ({name}).",
        "tr": "{step}. adımın ({name}) onaylayıcısı değilsiniz.",
        "es": "No es aprobador del paso {step} ({name}).",
    },
    "already_decided": {
        "en": "You have already decided on step {step} of this review.",
        "tr": "Bu incelemenin {step}. adımında zaten karar verdiniz.",
        "es": "Ya decidió en el paso {step} de esta revisión.",
    },
    "blocked": {
        "en": "{count} blocking finding(s) must be overridden by a compliance officer first.",
        "tr": "Önce bir uyum sorumlusunun {count} engelleyici bulguyu geçersiz kılması gerekir.",
        "es": "Un responsable de cumplimiento debe anular antes {count} hallazgo(s) bloqueante(s).",
    },
    "content_changed": {
        "en": "The post changed since you saw it; review the new version.",
        "tr": "Gönderi siz gördükten sonra değişti; yeni sürümü inceleyin.",
        "es": "La publicación cambió desde que la vio; revise la nueva versión.",
    },
    "approval_incomplete": {
        "en": "The approvals do not cover the current content.",
        "tr": "Onaylar gönderinin şu anki içeriğini kapsamıyor.",
        "es": "Las aprobaciones no cubren el contenido actual.",
    },
    "no_approver": {
        "en": "No approver is configured for these accounts.",
        "tr": "Bu hesaplar için tanımlı bir onaylayıcı yok.",
        "es": "No hay ningún aprobador configurado para estas cuentas.",
    },
    "reason_required": {
        "en": "A written reason of at least {min} characters is required.",
        "tr": "En az {min} karakterlik yazılı bir gerekçe gerekir.",
        "es": "Se requiere un motivo escrito de al menos {min} caracteres.",
    },
    "not_blocking": {
        "en": "Finding {key} is not a blocking finding of the current content.",
        "tr": "{key} bulgusu, şu anki içeriğin engelleyici bir bulgusu değil.",
        "es": "El hallazgo {key} no es un hallazgo bloqueante del contenido actual.",
    },
    "no_policy": {
        "en": "No policy is active; run `herald policy activate`.",
        "tr": "Etkin bir politika yok; `herald policy activate` komutunu çalıştırın.",
        "es": "No hay ninguna política activa; ejecute `herald policy activate`.",
    },
    "concurrent_update": {
        "en": "Someone else changed this at the same time; please try again.",
        "tr": "Başka biri aynı anda değişiklik yaptı; lütfen yeniden deneyin.",
        "es": "Otra persona lo cambió al mismo tiempo; inténtelo de nuevo.",
    },
    "empty_text": {
        "en": "The post text is empty.",
        "tr": "Gönderi metni boş.",
        "es": "El texto de la publicación está vacío.",
    },
    "text_too_long": {
        "en": "The post text is longer than {max} characters.",
        "tr": "Gönderi metni {max} karakterden uzun.",
        "es": "El texto de la publicación supera los {max} caracteres.",
    },
    "inactive": {
        "en": "The person {email} is deactivated.",
        "tr": "{email} kişisi devre dışı.",
        "es": "La persona {email} está desactivada.",
    },
    "not_initialised": {
        "en": "Herald is not initialised here; run `herald init`.",
        "tr": "Herald burada kurulmamış; `herald init` komutunu çalıştırın.",
        "es": "Herald no está inicializado aquí; ejecute `herald init`.",
    },
    "cli_initialised": {
        "en": "Herald is ready: organisation {org}, owner {email}. Act as the owner with HERALD_USER={email}.",
        "tr": "Herald hazır: kuruluş {org}, sahibi {email}. Sahip olarak işlem yapmak için HERALD_USER={email}.",
        "es": "Herald está listo: organización {org}, propietario {email}. Actúe como propietario con HERALD_USER={email}.",
    },
    "cli_already_initialised": {
        "en": "Herald is already initialised here (organisation {org}); the database is up to date.",
        "tr": "Herald burada zaten kurulu (kuruluş {org}); veritabanı güncel.",
        "es": "Herald ya está inicializado aquí (organización {org}); la base de datos está al día.",
    },
    "cli_who": {
        "en": "Say who you are: --as EMAIL or HERALD_USER=EMAIL.",
        "tr": "Kim olduğunuzu belirtin: --as EPOSTA ya da HERALD_USER=EPOSTA.",
        "es": "Indique quién es: --as CORREO o HERALD_USER=CORREO.",
    },
    "cli_created": {
        "en": "{what} created: {key}",
        "tr": "{what} oluşturuldu: {key}",
        "es": "{what} creado: {key}",
    },
    "cli_done": {
        "en": "Done.",
        "tr": "Tamam.",
        "es": "Hecho.",
    },
    "cli_post_state": {
        "en": "Post {id} is {state}.",
        "tr": "{id} numaralı gönderi: {state}.",
        "es": "La publicación {id} está en {state}.",
    },
    "cli_policy_active": {
        "en": "Policy {name} ({version}) is now active.",
        "tr": "{name} politikası ({version}) artık etkin.",
        "es": "La política {name} ({version}) ya está activa.",
    },
    "cli_audit_ok": {
        "en": "Audit log intact: {entries} entries; head {seq} {hash}",
        "tr": "Denetim kaydı bozulmamış: {entries} kayıt; son kayıt {seq} {hash}",
        "es": "Registro de auditoría intacto: {entries} entradas; cabeza {seq} {hash}",
    },
    "cli_audit_broken": {
        "en": "Audit log TAMPERED: {count} problem(s) in {entries} entries.",
        "tr": "Denetim kaydı DEĞİŞTİRİLMİŞ: {entries} kayıtta {count} sorun.",
        "es": "Registro de auditoría MANIPULADO: {count} problema(s) en {entries} entradas.",
    },
    "cli_exported": {
        "en": "{count} entries written to {path}.",
        "tr": "{count} kayıt {path} dosyasına yazıldı.",
        "es": "{count} entradas escritas en {path}.",
    },
    "cli_escalated": {
        "en": "{count} review(s) escalated to their backup approver.",
        "tr": "{count} inceleme yedek onaylayıcıya aktarıldı.",
        "es": "{count} revisión(es) escalada(s) a su aprobador suplente.",
    },
}


def message_lang() -> str:
    """The language for CLI output: ``HERALD_LANG``, else the locale, else English."""
    for var in ("HERALD_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        code = value[:2].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT_LANG


def render(code: str, lang: str | None = None, **args: Any) -> str:
    catalogue = MESSAGES[code]
    template = catalogue.get(lang or DEFAULT_LANG, catalogue[DEFAULT_LANG])
    return template.format(**args)
