"""User-facing governance messages in Turkish, Spanish and English."""

from __future__ import annotations

import os
from typing import Any

from herald.types import LANGUAGES

DEFAULT_LANG = "en"

MESSAGES: dict[str, dict[str, str]] = {
    "mail_invite_subject": {
        "en": "You are invited to Herald ({org})",
        "tr": "Herald'a davet edildiniz ({org})",
        "es": "Le invitan a Herald ({org})",
    },
    "mail_invite_body": {
        "en": "{org} invited you to Herald. Choose your password here (the link works once, for 7 days):\n\n{link}\n",
        "tr": "{org} sizi Herald'a davet etti. Parolanızı buradan belirleyin (bağlantı 7 gün boyunca bir kez çalışır):\n\n{link}\n",
        "es": "{org} le invitó a Herald. Elija su contraseña aquí (el enlace funciona una vez, durante 7 días):\n\n{link}\n",
    },
    "mail_reset_subject": {
        "en": "Reset your Herald password",
        "tr": "Herald parolanızı sıfırlayın",
        "es": "Restablezca su contraseña de Herald",
    },
    "mail_reset_body": {
        "en": "Someone asked to reset your Herald password. If it was you, choose a new one here (the link works once, for an hour):\n\n{link}\n\nIf it was not you, ignore this e-mail: nothing changes.\n",
        "tr": "Herald parolanızı sıfırlamak için bir istek geldi. Siz istediyseniz yenisini buradan seçin (bağlantı bir saat boyunca bir kez çalışır):\n\n{link}\n\nSiz istemediyseniz bu e-postayı dikkate almayın: hiçbir şey değişmez.\n",
        "es": "Alguien pidió restablecer su contraseña de Herald. Si fue usted, elija una nueva aquí (el enlace funciona una vez, durante una hora):\n\n{link}\n\nSi no fue usted, ignore este correo: nada cambia.\n",
    },
    "cli_invited": {
        "en": "Invited {email} ({role}). Their one-time link (valid 7 days): {link}",
        "tr": "{email} ({role}) davet edildi. Tek kullanımlık bağlantısı (7 gün geçerli): {link}",
        "es": "Invitación enviada a {email} ({role}). Su enlace de un solo uso (válido 7 días): {link}",
    },
    "cli_invite_mailed": {
        "en": "The invitation was e-mailed to {email}.",
        "tr": "Davet {email} adresine e-postayla gönderildi.",
        "es": "La invitación se envió por correo a {email}.",
    },
    "cli_invite_mail_failed": {
        "en": "The invitation e-mail could not be sent ({error}); give them the link yourself.",
        "tr": "Davet e-postası gönderilemedi ({error}); bağlantıyı kendiniz iletin.",
        "es": "No se pudo enviar el correo de invitación ({error}); entréguele el enlace usted.",
    },
    "cli_notification_mail_failed": {
        "en": "{count} notification e-mail(s) not sent yet; they are tried again later.",
        "tr": "{count} bildirim e-postası henüz gönderilemedi; daha sonra yeniden denenecek.",
        "es": "{count} correo(s) de notificación aún sin enviar; se reintentarán más tarde.",
    },
    "cli_unknown_org": {
        "en": "No organisation is called {org}.",
        "tr": "{org} adında bir kuruluş yok.",
        "es": "Ninguna organización se llama {org}.",
    },
    "not_found": {
        "en": "{what} not found: {key}",
        "tr": "{what} bulunamadı: {key}",
        "es": "No se encuentra ({what}): {key}",
    },
    "already_exists": {
        "en": "{what} already exists: {key}",
        "tr": "{what} zaten var: {key}",
        "es": "Ya existe ({what}): {key}",
    },
    "invalid": {
        "en": "Invalid {what}: {detail}",
        "tr": "Geçersiz {what}: {detail}",
        "es": "Valor no válido para {what}: {detail}",
    },
    "forbidden_role": {
        "en": "Your role ({role}) may not {action} a post.",
        "tr": "Rolünüz ({role}) bir gönderiyi {action} işlemine yetkili değil.",
        "es": "Su rol ({role}) no permite {action} una publicación.",
    },
    "text_too_long_for_network": {
        "en": "The text for {account} is {length} characters as {network} counts them; the limit is {max}.",
        "tr": "{account} için metin, {network} sayımına göre {length} karakter; sınır {max}.",
        "es": "El texto para {account} tiene {length} caracteres según cuenta {network}; el límite es {max}.",
    },
    "schedule_in_past": {
        "en": "{at} is in the past: choose a time from now on.",
        "tr": "{at} geçmişte kalıyor: şu andan sonraki bir zaman seçin.",
        "es": "{at} ya pasó: elija una hora a partir de ahora.",
    },
    "publication_in_flight": {
        "en": "The post is being sent right now; try again in a moment.",
        "tr": "Gönderi şu anda yayımlanıyor; biraz sonra yeniden deneyin.",
        "es": "La publicación se está enviando ahora mismo; inténtelo de nuevo en un momento.",
    },
    "hook_findings": {
        "en": "{count} finding(s). If one is not a secret, add it to the baseline: herald baseline create --update {baseline} FILE... && herald baseline audit {baseline}",
        "tr": "{count} bulgu. Biri sır değilse temel listeye ekleyin: herald baseline create --update {baseline} DOSYA... && herald baseline audit {baseline}",
        "es": "{count} hallazgo(s). Si alguno no es un secreto, añádalo a la línea base: herald baseline create --update {baseline} FICHERO... && herald baseline audit {baseline}",
    },
    "hook_rejected": {
        "en": " (marked as a real secret in the baseline: remove it)",
        "tr": " (temel listede gerçek bir sır olarak işaretli: kaldırın)",
        "es": " (marcado como secreto real en la línea base: elimínelo)",
    },
    "baseline_broken": {
        "en": "{path}: not a Herald baseline ({detail})",
        "tr": "{path}: bir Herald temel listesi değil ({detail})",
        "es": "{path}: no es una línea base de Herald ({detail})",
    },
    "baseline_missing": {
        "en": "{path} does not exist: herald baseline create first",
        "tr": "{path} yok: önce herald baseline create çalıştırın",
        "es": "{path} no existe: ejecute antes herald baseline create",
    },
    "baseline_created": {
        "en": "{count} finding(s) in {path}, {pending} to audit: herald baseline audit {path}",
        "tr": "{path} içinde {count} bulgu, {pending} tanesi denetlenecek: herald baseline audit {path}",
        "es": "{count} hallazgo(s) en {path}, {pending} por revisar: herald baseline audit {path}",
    },
    "baseline_question": {
        "en": "Is this a real secret? (r)eject it / (a)ccept as not a secret / (s)kip / (q)uit",
        "tr": "Bu gerçek bir sır mı? (r) reddet / (a) sır değil, kabul et / (s) atla / (q) çık",
        "es": "¿Es un secreto real? (r) rechazar / (a) aceptar, no es secreto / (s) saltar / (q) salir",
    },
    "baseline_nothing_to_audit": {
        "en": "Nothing to audit: every entry is judged.",
        "tr": "Denetlenecek bir şey yok: her kayıt değerlendirildi.",
        "es": "Nada que revisar: todas las entradas están valoradas.",
    },
    "baseline_tally": {
        "en": "{accepted} accepted, {rejected} rejected, {pending} pending",
        "tr": "{accepted} kabul, {rejected} ret, {pending} bekleyen",
        "es": "{accepted} aceptados, {rejected} rechazados, {pending} pendientes",
    },
    "pdf_needs_output": {
        "en": "a PDF is written to a file: give --output FILE",
        "tr": "PDF bir dosyaya yazılır: --output DOSYA verin",
        "es": "un PDF se escribe en un fichero: indique --output FICHERO",
    },
    "weak_password": {
        "en": "This password is too easy to guess: {detail}",
        "tr": "Bu parola kolay tahmin edilir: {detail}",
        "es": "Esta contraseña es demasiado fácil de adivinar: {detail}",
    },
    "password_set": {
        "en": "Password set for {email}.",
        "tr": "{email} için parola belirlendi.",
        "es": "Contraseña establecida para {email}.",
    },
    "passwords_differ": {
        "en": "The two passwords differ.",
        "tr": "İki parola birbirinden farklı.",
        "es": "Las dos contraseñas no coinciden.",
    },
    "forbidden": {
        "en": "You may not do this: {detail}",
        "tr": "Bu işlemi yapamazsınız: {detail}",
        "es": "No puede hacer esto: {detail}",
    },
    "role_needed": {
        "en": "You may not do this: {what} needs one of the roles {roles}.",
        "tr": "Bu işlemi yapamazsınız: {what} için şu rollerden biri gerekir: {roles}.",
        "es": "No puede hacer esto: {what} requiere uno de los roles {roles}.",
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
    "duty_two_steps": {
        "en": "Separation of duties: you already approved step {step} of this post; another person approves this one.",
        "tr": "Görevler ayrılığı: bu gönderinin {step}. adımını zaten onayladınız; bu adımı başka biri onaylamalı.",
        "es": "Separación de funciones: ya aprobó el paso {step} de esta publicación; este paso lo aprueba otra persona.",
    },
    "duty_override_and_approve": {
        "en": "Separation of duties: the person who overrides a finding and the person who approves the post must be different people.",
        "tr": "Görevler ayrılığı: bir bulguyu geçersiz kılan kişi ile gönderiyi onaylayan kişi farklı olmalı.",
        "es": "Separación de funciones: quien anula un hallazgo y quien aprueba la publicación deben ser personas distintas.",
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
    "share_blocked": {
        "en": "The text cannot be shared: {detail}",
        "tr": "Metin paylaşılamaz: {detail}",
        "es": "El texto no puede compartirse: {detail}",
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
    "publishing_locked": {
        "en": "Publishing is locked down on {scope}: {reason}",
        "tr": "{scope} için yayın durduruldu: {reason}",
        "es": "La publicación está bloqueada en {scope}: {reason}",
    },
    "content_mismatch": {
        "en": "The text to publish does not match the approved content; nothing was sent.",
        "tr": "Yayınlanacak metin onaylanan içerikle aynı değil; hiçbir şey gönderilmedi.",
        "es": "El texto a publicar no coincide con el contenido aprobado; no se envió nada.",
    },
    "not_connected": {
        "en": "Account {account} has no working connection to {network}: {detail}",
        "tr": "{account} hesabının {network} ile çalışan bir bağlantısı yok: {detail}",
        "es": "La cuenta {account} no tiene una conexión válida con {network}: {detail}",
    },
    "publish_failed": {
        "en": "Publishing on {account} failed: {detail}",
        "tr": "{account} hesabında yayın başarısız oldu: {detail}",
        "es": "La publicación en {account} falló: {detail}",
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
        "es": "Creado ({what}): {key}",
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
    "cli_locked": {
        "en": "Publishing locked down on {scope}.",
        "tr": "{scope} için yayın durduruldu.",
        "es": "Publicación bloqueada en {scope}.",
    },
    "cli_unlocked": {
        "en": "Publishing resumed on {scope}.",
        "tr": "{scope} için yayın yeniden başladı.",
        "es": "Publicación reanudada en {scope}.",
    },
    "cli_publish_run": {
        "en": "{count} publication(s) attempted: {summary}",
        "tr": "{count} yayın denendi: {summary}",
        "es": "{count} publicación(es) intentada(s): {summary}",
    },
    "cli_no_broker": {
        "en": "HERALD_BROKER_URL is not set: without a broker, `herald serve` publishes by itself.",
        "tr": "HERALD_BROKER_URL tanımlı değil: aracı olmadan `herald serve` yayını kendisi yapar.",
        "es": "HERALD_BROKER_URL no está definido: sin intermediario, `herald serve` publica por sí mismo.",
    },
    "cli_worker_running": {
        "en": "Worker running on {broker} ({threads} threads); Ctrl+C or SIGTERM stops it.",
        "tr": "Çalışan {broker} üzerinde ({threads} iş parçacığı); Ctrl+C ya da SIGTERM durdurur.",
        "es": "Trabajador en marcha en {broker} ({threads} hilos); Ctrl+C o SIGTERM lo detiene.",
    },
    "cli_scheduler_fired": {
        "en": "Scheduler: fired {jobs}.",
        "tr": "Zamanlayıcı: çalıştırılan {jobs}.",
        "es": "Planificador: ejecutado {jobs}.",
    },
    "cli_scheduler_nothing": {
        "en": "Scheduler: this slot was already fired.",
        "tr": "Zamanlayıcı: bu dilim zaten çalıştırılmış.",
        "es": "Planificador: este intervalo ya se ejecutó.",
    },
    "cli_escalated": {
        "en": "{count} review(s) escalated to their backup approver.",
        "tr": "{count} inceleme yedek onaylayıcıya aktarıldı.",
        "es": "{count} revisión(es) escalada(s) a su aprobador suplente.",
    },
    "inbox_line": {
        "en": "line {line}: {reason}",
        "tr": "{line}. satır: {reason}",
        "es": "línea {line}: {reason}",
    },
    "inbox_missing_field": {
        "en": "'{field}' is missing",
        "tr": "'{field}' alanı eksik",
        "es": "falta el campo '{field}'",
    },
    "inbox_not_text": {
        "en": "'{field}' must be text",
        "tr": "'{field}' metin olmalı",
        "es": "'{field}' debe ser texto",
    },
    "inbox_not_number": {
        "en": "'{field}' must be a whole number of 0 or more, not {value}",
        "tr": "'{field}' 0 ya da daha büyük bir tam sayı olmalı, {value} değil",
        "es": "'{field}' debe ser un número entero de 0 o más, no {value}",
    },
    "inbox_invalid_json": {
        "en": "invalid JSON ({reason})",
        "tr": "geçersiz JSON ({reason})",
        "es": "JSON no válido ({reason})",
    },
    "inbox_not_object": {
        "en": "expected an object with 'id' and 'text'",
        "tr": "'id' ve 'text' içeren bir nesne bekleniyordu",
        "es": "se esperaba un objeto con 'id' y 'text'",
    },
    "inbox_too_long": {
        "en": "'{field}' is longer than {limit} characters",
        "tr": "'{field}' {limit} karakterden uzun",
        "es": "'{field}' supera los {limit} caracteres",
    },
    "inbox_bad_date": {
        "en": "'created_at' is not an ISO date and time",
        "tr": "'created_at' ISO biçiminde bir tarih ve saat değil",
        "es": "'created_at' no es una fecha y hora ISO",
    },
    "inbox_not_utf8": {
        "en": "{source}: not valid UTF-8 (byte {offset})",
        "tr": "{source}: geçerli UTF-8 değil ({offset}. bayt)",
        "es": "{source}: no es UTF-8 válido (byte {offset})",
    },
    "inbox_bad_label": {
        "en": "'{field}' is {value}; expected one of {allowed}",
        "tr": "'{field}' değeri {value}; şunlardan biri olmalı: {allowed}",
        "es": "'{field}' vale {value}; se espera uno de {allowed}",
    },
    "inbox_summary": {
        "en": "{count} message(s) triaged, {errors} unreadable",
        "tr": "{count} mesaj sınıflandırıldı, {errors} mesaj okunamadı",
        "es": "{count} mensaje(s) clasificado(s), {errors} ilegible(s)",
    },
    "inbox_imported": {
        "en": "{new} new message(s) stored, {duplicates} already there, {failed} waiting for classification",
        "tr": "{new} yeni mesaj kaydedildi, {duplicates} mesaj zaten vardı, {failed} mesaj sınıflandırma bekliyor",
        "es": "{new} mensaje(s) nuevo(s) guardado(s), {duplicates} ya existían, {failed} pendiente(s) de clasificar",
    },
    "inbox_reply_not_approver": {
        "en": "Only someone else with the right to approve on this brand account may approve or reject this reply.",
        "tr": "Bu yanıtı yalnızca bu marka hesabında onay yetkisi olan başka biri onaylayabilir veya reddedebilir.",
        "es": "Solo otra persona con permiso de aprobación en esta cuenta de marca puede aprobar o rechazar esta respuesta.",
    },
    "inbox_policy_in_force": {
        "en": "Routing and replies from the organisation's active policy: {name} ({version})",
        "tr": "Yönlendirme ve yanıtlar kuruluşun etkin politikasından: {name} ({version})",
        "es": "Enrutamiento y respuestas según la política activa de la organización: {name} ({version})",
    },
    "inbox_model_missing": {
        "en": "the inbox model cannot be loaded ({reason}); run `python -m training.inbox`",
        "tr": "gelen kutusu modeli yüklenemiyor ({reason}); `python -m training.inbox` çalıştırın",
        "es": "no se puede cargar el modelo de la bandeja de entrada ({reason}); ejecute `python -m training.inbox`",
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


class Term(str):
    """A message argument that is itself translated (a key of :data:`TERMS`)."""


TERMS: dict[str, dict[str, str]] = {
    "inbox_message": {
        "en": "inbox message",
        "tr": "gelen kutusu mesajı",
        "es": "mensaje de la bandeja",
    },
    "inbox_case": {"en": "case", "tr": "kayıt", "es": "caso"},
    "inbox_reply": {"en": "reply", "tr": "yanıt", "es": "respuesta"},
    "listening_query": {
        "en": "listening query",
        "tr": "dinleme sorgusu",
        "es": "consulta de escucha",
    },
    "listening_alert": {"en": "alert", "tr": "uyarı", "es": "alerta"},
    "case_status": {"en": "case status", "tr": "kayıt durumu", "es": "estado del caso"},
    "note": {"en": "note", "tr": "not", "es": "nota"},
    "reply_blocked": {
        "en": "the reply breaks the policy",
        "tr": "yanıt politikaya aykırı",
        "es": "la respuesta incumple la política",
    },
    # what was invalid
    "network": {"en": "network", "tr": "ağ", "es": "red"},
    "handle": {"en": "handle", "tr": "kullanıcı adı", "es": "usuario"},
    "grant": {"en": "grant", "tr": "yetki", "es": "permiso"},
    "team_slug": {"en": "team slug", "tr": "ekip kısa adı", "es": "identificador de equipo"},
    "workflow": {"en": "workflow", "tr": "iş akışı", "es": "flujo de aprobación"},
    "workflow_step": {"en": "workflow step", "tr": "iş akışı adımı", "es": "paso del flujo"},
    "text": {"en": "text", "tr": "metin", "es": "texto"},
    "variant": {"en": "variant", "tr": "varyant", "es": "variante"},
    "comment": {"en": "comment", "tr": "yorum", "es": "comentario"},
    "targets": {"en": "targets", "tr": "hedef hesaplar", "es": "cuentas de destino"},
    "time": {"en": "time", "tr": "zaman", "es": "hora"},
    "organisation_name": {
        "en": "organisation name",
        "tr": "kuruluş adı",
        "es": "nombre de la organización",
    },
    "language": {"en": "language", "tr": "dil", "es": "idioma"},
    "policy_pack": {"en": "policy pack", "tr": "politika paketi", "es": "paquete de políticas"},
    "policy_version": {
        "en": "policy version",
        "tr": "politika sürümü",
        "es": "versión de la política",
    },
    "override": {"en": "override", "tr": "geçersiz kılma", "es": "anulación"},
    "email": {"en": "e-mail address", "tr": "e-posta adresi", "es": "dirección de correo"},
    "step": {"en": "step", "tr": "adım", "es": "paso"},
    "step_rule": {"en": "step rule", "tr": "adım kuralı", "es": "regla del paso"},
    "deadline": {"en": "deadline", "tr": "son tarih", "es": "plazo"},
    "person": {"en": "person", "tr": "kişi", "es": "persona"},
    "notification": {"en": "notification", "tr": "bildirim", "es": "notificación"},
    "notification_kind": {
        "en": "notification kind",
        "tr": "bildirim türü",
        "es": "tipo de notificación",
    },
    "link": {"en": "link", "tr": "bağlantı", "es": "enlace"},
    "time_zone": {"en": "time zone", "tr": "saat dilimi", "es": "zona horaria"},
    "one_time_link": {
        "en": "one-time link",
        "tr": "tek kullanımlık bağlantı",
        "es": "enlace de un solo uso",
    },
    "link_expired_or_used": {
        "en": "the link has expired or was already used",
        "tr": "bağlantının süresi dolmuş ya da daha önce kullanılmış",
        "es": "el enlace ha caducado o ya se usó",
    },
    "account": {"en": "account", "tr": "hesap", "es": "cuenta"},
    "team": {"en": "team", "tr": "ekip", "es": "equipo"},
    "team_member": {"en": "team member", "tr": "ekip üyesi", "es": "miembro del equipo"},
    "post": {"en": "post", "tr": "gönderi", "es": "publicación"},
    "connection": {"en": "connection", "tr": "bağlantı", "es": "conexión"},
    "connection_settings": {
        "en": "connection settings",
        "tr": "bağlantı ayarları",
        "es": "ajustes de conexión",
    },
    "lockdown": {"en": "lock-down", "tr": "yayın durdurma", "es": "bloqueo de publicación"},
    "whole_org": {
        "en": "the whole organisation",
        "tr": "tüm kuruluş",
        "es": "toda la organización",
    },
    # why
    "empty": {"en": "empty", "tr": "boş", "es": "vacío"},
    "one_person_or_team": {
        "en": "name exactly one person or one team",
        "tr": "tam olarak bir kişi ya da bir ekip belirtin",
        "es": "indique exactamente una persona o un equipo",
    },
    "brand_only": {
        "en": "only brand accounts have approval workflows",
        "tr": "yalnızca marka hesaplarının onay iş akışı olur",
        "es": "solo las cuentas de marca tienen flujos de aprobación",
    },
    "no_approvers": {
        "en": "a step has no approvers",
        "tr": "bir adımın onaylayıcısı yok",
        "es": "un paso no tiene aprobadores",
    },
    "deadline_positive": {
        "en": "the deadline must be positive",
        "tr": "son tarih pozitif olmalı",
        "es": "el plazo debe ser positivo",
    },
    "not_a_string": {"en": "not text", "tr": "metin değil", "es": "no es texto"},
    "lone_surrogate": {
        "en": "not valid UTF-8 (lone surrogate)",
        "tr": "geçerli UTF-8 değil (tek başına vekil karakter)",
        "es": "no es UTF-8 válido (sustituto aislado)",
    },
    "nul_char": {
        "en": "contains a NUL character",
        "tr": "NUL karakteri içeriyor",
        "es": "contiene un carácter NUL",
    },
    "target_twice": {
        "en": "an account is given twice",
        "tr": "bir hesap iki kez verilmiş",
        "es": "una cuenta aparece dos veces",
    },
    "needs_target": {
        "en": "a post needs at least one account to go to",
        "tr": "bir gönderinin en az bir hedef hesabı olmalı",
        "es": "una publicación necesita al menos una cuenta de destino",
    },
    "needs_zone": {
        "en": "a time zone is required",
        "tr": "saat dilimi gerekli",
        "es": "se requiere una zona horaria",
    },
    "not_overridable_now": {
        "en": "findings can be overridden only before approval",
        "tr": "bulgular yalnızca onaydan önce geçersiz kılınabilir",
        "es": "los hallazgos solo se pueden anular antes de la aprobación",
    },
    "cannot_rebuild": {
        "en": "cannot be rebuilt from its stored files",
        "tr": "kayıtlı dosyalarından yeniden oluşturulamıyor",
        "es": "no se puede reconstruir a partir de sus archivos guardados",
    },
    # why not allowed
    "policy_changed_read_again": {
        "en": "a new version of the policy is in force: read it, then acknowledge it",
        "tr": "politikanın yeni bir sürümü yürürlükte: önce okuyun, sonra onaylayın",
        "es": "hay una nueva versión de la política en vigor: léala y después confírmela",
    },
    "acknowledge_policy_first": {
        "en": "read and acknowledge the social media policy before drafting posts",
        "tr": "gönderi hazırlamadan önce sosyal medya politikasını okuyup onaylayın",
        "es": "lea y confirme la política de redes sociales antes de redactar publicaciones",
    },
    "take_quiz_first": {
        "en": "pass the policy quiz first, then acknowledge the policy",
        "tr": "önce politika sınavını geçin, sonra politikayı onaylayın",
        "es": "apruebe primero el cuestionario de la política y después confírmela",
    },
    "quiz": {"en": "quiz", "tr": "sınav", "es": "cuestionario"},
    "quiz_no_questions": {
        "en": "the policy has no examples to ask about in this language",
        "tr": "politikada bu dilde sorulabilecek örnek yok",
        "es": "la política no tiene ejemplos sobre los que preguntar en este idioma",
    },
    "advocacy_item": {
        "en": "advocacy item",
        "tr": "paylaşım içeriği",
        "es": "contenido para compartir",
    },
    "managing_advocacy": {
        "en": "managing the advocacy library",
        "tr": "paylaşım kütüphanesini yönetmek",
        "es": "gestionar la biblioteca de contenidos",
    },
    "advocacy_report": {
        "en": "seeing the advocacy report",
        "tr": "paylaşım raporunu görmek",
        "es": "ver el informe de difusión",
    },
    "reminding_people": {
        "en": "sending acknowledgement reminders",
        "tr": "onay hatırlatmaları göndermek",
        "es": "enviar recordatorios de confirmación",
    },
    "not_your_personal_account": {
        "en": "share from one of your own personal accounts",
        "tr": "kendi kişisel hesaplarınızdan birinden paylaşın",
        "es": "comparta desde una de sus propias cuentas personales",
    },
    "advocacy_unavailable": {
        "en": "this content has expired or was withdrawn",
        "tr": "bu içeriğin süresi doldu ya da geri çekildi",
        "es": "este contenido ha caducado o se ha retirado",
    },
    "advocacy_network": {
        "en": "this content is not meant for that network",
        "tr": "bu içerik o ağ için değil",
        "es": "este contenido no es para esa red",
    },
    "advocacy_text": {"en": "text", "tr": "metin", "es": "texto"},
    "advocacy_needs_text": {
        "en": "give the text in at least one language",
        "tr": "metni en az bir dilde yazın",
        "es": "escriba el texto en al menos un idioma",
    },
    "advocacy_title": {"en": "title", "tr": "başlık", "es": "título"},
    "advocacy_expiry": {
        "en": "expiry date",
        "tr": "son geçerlilik tarihi",
        "es": "fecha de caducidad",
    },
    "advocacy_in_past": {
        "en": "the date is in the past",
        "tr": "tarih geçmişte kalıyor",
        "es": "la fecha ya pasó",
    },
    "policy_acknowledgements": {
        "en": "seeing who acknowledged the policy",
        "tr": "politikayı kimin onayladığını görmek",
        "es": "ver quién ha confirmado la política",
    },
    "only_editor": {
        "en": "only the author or an editor may do this",
        "tr": "bunu yalnızca yazar ya da bir editör yapabilir",
        "es": "solo el autor o un editor puede hacerlo",
    },
    "another_org": {
        "en": "it belongs to another organisation",
        "tr": "başka bir kuruluşa ait",
        "es": "pertenece a otra organización",
    },
    "owner_makes_admins": {
        "en": "only an owner may make owners or admins",
        "tr": "sahip ve yönetici atamayı yalnızca bir sahip yapabilir",
        "es": "solo un propietario puede nombrar propietarios o administradores",
    },
    "owner_changes_admins": {
        "en": "only an owner may change an owner's or admin's role",
        "tr": "bir sahibin ya da yöneticinin rolünü yalnızca bir sahip değiştirebilir",
        "es": "solo un propietario puede cambiar el rol de un propietario o administrador",
    },
    "last_owner_demote": {
        "en": "the last owner cannot be demoted",
        "tr": "son sahibin rolü düşürülemez",
        "es": "no se puede degradar al último propietario",
    },
    "last_owner_deactivate": {
        "en": "the last owner cannot be deactivated",
        "tr": "son sahip devre dışı bırakılamaz",
        "es": "no se puede desactivar al último propietario",
    },
    "personal_owner_only": {
        "en": "only its owner or an admin adds a personal account",
        "tr": "kişisel hesabı yalnızca sahibi ya da bir yönetici ekler",
        "es": "solo su titular o un administrador añade una cuenta personal",
    },
    # activities that need a role
    "managing_people": {
        "en": "managing people",
        "tr": "kişileri yönetmek",
        "es": "gestionar personas",
    },
    "managing_teams": {
        "en": "managing teams",
        "tr": "ekipleri yönetmek",
        "es": "gestionar equipos",
    },
    "adding_brand_accounts": {
        "en": "adding brand accounts",
        "tr": "marka hesabı eklemek",
        "es": "añadir cuentas de marca",
    },
    "granting": {
        "en": "granting account permissions",
        "tr": "hesap yetkisi vermek",
        "es": "conceder permisos de cuenta",
    },
    "revoking": {
        "en": "revoking account permissions",
        "tr": "hesap yetkisini geri almak",
        "es": "retirar permisos de cuenta",
    },
    "activating_policy": {
        "en": "activating a policy",
        "tr": "politika etkinleştirmek",
        "es": "activar una política",
    },
    "locking_down": {
        "en": "locking down publishing",
        "tr": "yayını durdurmak",
        "es": "bloquear la publicación",
    },
    "defining_workflows": {
        "en": "defining approval workflows",
        "tr": "onay iş akışı tanımlamak",
        "es": "definir flujos de aprobación",
    },
}


def render(code: str, lang: str | None = None, **args: Any) -> str:
    lang = lang or DEFAULT_LANG
    catalogue = MESSAGES[code]
    template = catalogue.get(lang, catalogue[DEFAULT_LANG])
    values = {
        key: TERMS[value].get(lang, TERMS[value][DEFAULT_LANG])
        if isinstance(value, Term)
        else value
        for key, value in args.items()
    }
    return template.format(**values)
