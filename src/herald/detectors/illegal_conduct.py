"""Illegal conduct: an act described in everyday words, admitted, offered, planned or urged.

Real posts rarely say "tax evasion" or "bribery"; they say "no receipt no tax", "memura çay
parası verdik", "le pasamos 200 pavos al examinador". The acts below are the families
policies name (dodging tax, bribes, breaking into accounts or networks, trading before news
is public, drugs, piracy and counterfeits, forged documents, bought reviews or followers,
threats of violence, and a few everyday crimes), each as short constructions rather than
memorised sentences. A frame in the same sentence cancels an act: fiction or news ("the
series", "belgesel", "la novela"), a warning or a promise ("beware", "we will never ask",
"dikkat", "ojo con"). The finding names the construction that fired.
"""

from __future__ import annotations

from collections.abc import Iterator

from herald.detectors.base import Detection, Detector, register
from herald.detectors.constructions import CueSet, Sentences
from herald.text.document import Document
from herald.types import Category, ScanContext

_ANY = r"[^.!?\n]{0,30}?"
_ACCOUNT = r"(?:account|insta(?:gram)?|email|e-mail|mail|snap(?:chat)?|facebook|fb|whatsapp|phone|wifi|wi-fi|network|system|server|servers|router|icloud|tiktok|twitter)"

ACTS: dict[str, dict[str, str]] = {
    "en": {
        "named offence": r"insider trading|money laundering|launder(?:ing)? money|tax evasion|evade taxes|price fixing|fix prices|pirated copy|cracked software|cook the books",
        "tax: no receipt": r"(?:no|without|w/o|skip(?:ping)?(?: the)?) (?:receipts?|invoices?|vat)|no receipt no tax|not? (?:ring|put)(?:ing)? it (?:up|through the till)|(?:don'?t|dont|not) ring it up",
        "tax: off the books": r"under the table|off the books|cash in hand|(?:two|2) sets of books|shell company|cook(?:ed|ing)? the books",
        "tax: undeclared income": r"(?:didn'?t|didnt|never|not|don'?t|dont) (?:declare|report|declaring|reporting)|undercount|hides? (?:half|most|part|some)? ?(?:of )?(?:our|my|the)? ?income|write it off as a business",
        "false invoice": r"(?:fake|false) invoices?|invoice[d]? (?:the client )?for work (?:we|i) never did",
        "bribe": r"brib(?:e|ed|es|ing)|grease (?:a few |some )?palms|envelope of cash|slipped (?:the|a) \w+(?: \w+)? \$?\d+|tipped the (?:clerk|officer|cop|inspector|examiner|guard)|(?:pay|paid|paying) (?:a guy|someone|the cop|the officer|the police|the inspector|the examiner|the judge|off)|knows the judge|kickbacks?",
        "exam fraud": r"bought the (?:answers|exam|questions|test)|answers to the \w+ exam",
        "account break-in": r"(?:got|get|broke|break|hacked|hack|logged|log|snuck|sneak) (?:in)?to (?:my |his |her |their |your |someone'?s |any |an? )?(?:ex'?s |boss'?s |neighbou?rs?'? |coworker'?s |old company'?s )?"
        + _ACCOUNT
        + r"|hack(?:ed|ing)? (?:into|her|his|their|the|my|your)|can get (?:you|u) into|guessed (?:the|her|his|their) password|still have access to|brute ?forced?|ddos|crack(?:ed)? the (?:wep|wpa|wifi|password|router)|hop on the neighbou?rs?'? wifi",
        "insider trading": r"before (?:the |our |it'?s |its )?(?:\w+ )?(?:news|announcement|earnings|results|merger|deal)(?: news)?(?: \w+)? (?:drops|goes out|went out|comes out|is public|public|hits)|before it'?s public|bought calls|load(?:ing)? up on (?:shares|stock)|front-?ran|insider (?:tip|info)",
        "drugs": r"(?:weed|molly|coke|cocaine|xans?|xanax|percs?|shrooms|adderall|mdma|ecstasy|lsd|ket(?:amine)?|meth|crack rock)(?! (?:series|show))|the good stuff|(?:selling|sell|got) (?:my )?(?:adhd )?(?:meds|pills)|grow (?:my own )?weed",
        "piracy": r"crack(?:ed)? (?:photoshop|office|windows|software|version|games?|apps?)|keygen|torrent(?:ed|ing)?|(?<!no )pirated? (?:copy|software|movies?|films?|stream|version)|iptv|jailbroken|(?:download|watch|stream) (?:every|all|any)"
        + _ANY
        + r"(?:movies?|films?|shows?|series)"
        + _ANY
        + r"free|free movies",
        "counterfeit": r"replicas?|knock-?offs?|fake (?:rolex|bags?|designer|sneakers|watch(?:es)?)",
        "forgery": r"fake (?:ids?|diplomas?|degrees?|doctor'?s note|sick note|vaccination card|vaccine card|passports?|documents?|receipts?)|forg(?:ed|e|ing) (?:my|his|her|the|a)|photoshopped (?:my|the|his|her)|make (?:you|u) a (?:diploma|degree|passport|id)|fudged|copied (?:my|the) (?:whole )?(?:thesis|essay|dissertation)",
        "bought reviews": r"(?:buy|bought|paid|pay|paying)"
        + _ANY
        + r"(?:reviews?|followers|likes|click farm|stars?)\b|(?:leave|post|write) (?:a |us )?(?:fake|5.?star|five.?star) review|change your 1.?star|1 star on my competitor",
        "threat": r"i know where you live|(?:break|smash|key|slash|torch|burn) (?:your|his|her|their|this|the) (?:legs|car|face|tyres|tires|place|house|shop|store)|burn (?:this|the) (?:place|shop|store|house) down|(?:someone should|i'?ll|im gonna|i'?m gonna|gonna|i will) (?:shoot|kill|stab|beat up|hurt)|you will regret|key his car",
        "drink driving": r"drove (?:home )?(?:after|drunk)|drunk driving|driving drunk",
        "theft and fraud": r"switch(?:ed)? the price tags|launder|claim the insurance|sold the (?:list|data|database|customer)|stole (?:a|some|the|\d)|swiped (?:my|his|her) \w+'?s? card|hit and run|dumped"
        + _ANY
        + r"(?:river|lake|sea|forest|canal)|sell your vote|disability pass|sublet my council|stolen (?:bike|phone|car|goods|laptop)|ran (?:a few |the )?red lights?|changed my grades",
    },
    "tr": {
        "named offence": r"iceriden ogrenenlerin ticareti|vergi kacakcilig|kayit disi|korsan yazilim|fiyat anlasmasi|alkollu arac",
        "tax: no receipt": r"fis(?:i|e)? ?(?:kesmeden|kesmiyoruz|kesmiyorum|kesmem|yok|gerek yok)|faturasiz|fisiz|fisi yok|kasaya (?:girmeden|sokmadan|islemeden)|elden (?:ode|odersen|nakit|veril)|kdv (?:odemeyiz|yok|vermeyiz)",
        "tax: undeclared income": r"beyan etme(?:dim|dik|yiz|yorum)|beyannameye yazmi|vergi(?:yi|den)? kacir|vergi vermeyiz|vergisiz|paravan sirket|bildirmiyoruz|bildirmedim|sigortasiz calis|yarisi elden|gumruge girmedi",
        "false invoice": r"sahte fatura|yapilmayan is icin fatura",
        "bribe": r"rusvet(?! veriyor)|cay parasi|zarf verdi|cebine (?:biraz |para )?koy|torpil(?:le)?|(?:memura|polise|hocaya|gorevliye|mufettise|hakime) (?:\w+ )?(?:\d+ ?(?:lira|tl)? )?(?:verdim|verdik|sikistirdim|sikistirdik|odedim)|parayla (?:aldim|hallolur|hallettik|cikar)|sikistirdim",
        "exam fraud": r"sinav sorularini|yerine sinava girdim|kopya cektim",
        "account break-in": r"(?:instagramina|hesabina|mailine|telefonuna|sistemine|wifisini|wifi sifresini|sunucusuna) (?:girdim|girdik|girebiliyorum|kirdim|kirdik|sizdim)|hesabini calarim|(?:sitelerini|siteyi) cokert|sifreyi kirdim|kirdim artik",
        "insider trading": r"aciklanmadan (?:once )?hisse|(?:bilanco|haber) (?:cikmadan|aciklanmadan)|iceriden bilgi|iceriden duydum",
        "drugs": r"mal var|ot (?:satiyorum|var|teslimat|lazim)|esrar|kenevir yetistir|hap (?:lazim|var|satiyorum)|ritalin var|kokain|ekstazi|uyusturucu sat",
        "piracy": r"crackli|kirik (?:windows|office|program|yazilim|photoshop)|torrentten|kacak (?:iptv|yayin|mac)|(?:tum|butun) (?:diziler|filmler) bedava|bedava film|korsan (?:film|dizi|yazilim) (?:indir|izle|sat)",
        "counterfeit": r"cakma (?:canta|rolex|saat|urun|ayakkabi)|cakma\b(?! urun satiyor)",
        "forgery": r"diploma yap|sahte (?:rapor|kimlik|diploma|asi kart|belge|para|imza)|photoshopla degistir|imzasini taklit|tezimi (?:komple )?kopyaladim",
        "bought reviews": r"(?:yorum|takipci|begeni|yildiz)\w* (?:satin al|aldim|aldik|alabilece)|bot hesaplardan|sahte yorum yaz|1 yildiz verene|1 yildizi 5",
        "threat": r"seni bulurum|kafani kirarim|(?:arabasini|dukkani|evini) (?:yakacagim|yakarim|cizecegim|basiniza yikarim)|bacaklarini kirarim|basiniza yikarim|gebertirim",
        "drink driving": r"(?:bira|raki|sarap|icki)\w* (?:icip|ictikten sonra) arabayla|alkollu (?:araba|arac) kullan",
        "theft and fraud": r"kara para|kaybettim diye sigortadan|listesini sattim|laptop asirdim|kartini gizlice|carpip kactim|engelli kartini|dereye doktuk|oyunu \d+ liraya|rakamlarla oynadik|kacak elektrik|kacak kat|yasa disi bahis|calinti (?:telefon|bisiklet|araba)|kacak sigara",
    },
    "es": {
        "named offence": r"uso de informacion privilegiada|blanqueo de capitales|lavado de dinero|evasion fiscal|evadir impuestos|dinero negro|software pirata|copia pirata|pactar precios|conducir borracho",
        "tax: no receipt": r"sin (?:factura|ticket|facturar|iva|pasarlo por caja)|todo en b|(?:cobr|pag|trabaj|contrat|factur|la mitad|el resto|todo)\w*(?: \w+){0,2} en negro|no pagamos iva|en mano y sin papeles",
        "tax: undeclared income": r"no declare|no lo declaro|no las declaramos|no declaramos|sociedad pantalla|sin contrato y sin alta|cobro el paro y trabajo",
        "false invoice": r"facturas? falsas?|facturamos un trabajo que nunca",
        "bribe": r"soborn\w*|mordida|untamos|untar a|le (?:dimos|di|pasamos|pase|soltamos|solte|pague) (?:un sobre|una lana|\d+ \w+|una pasta|dinero|pasta)|enchufe en el|le pague al poli|(?:licencia|permiso)\w* (?:te la consigo )?pagando",
        "exam fraud": r"compro las respuestas|le paso el examen a quien|me presente al examen por otro",
        "account break-in": r"me meti en (?:el|la) \w+ de|te entro en|hacke\w*|hackee|entre en el correo de|entrando al servidor|tumbar su web|me cole en el sistema",
        "insider trading": r"antes de que (?:saliera|salga) la noticia|vendi todo antes de|me chivaron desde dentro|informacion privilegiada",
        "drugs": r"tengo material|vendo maria|farlopa|perico|vendo (?:mis )?pastillas|planto marihuana|marihuana|hierba|cocaina|porros? a la venta",
        "piracy": r"crackead\w*|crack de|keygen|por torrent|(?:todas las|ver) pelis gratis|futbol pirata|iptv|pirata",
        "counterfeit": r"imitacion(?:es)?|de imitacion|falsificaciones de",
        "forgery": r"te hago un titulo|justificante medico falso|retoque las nominas|dnis? falsos?|falsifique|certificado \w+ falso|copie el tfg|billetes falsos|maquillamos el informe",
        "bought reviews": r"compr\w* (?:\d+k? )?(?:rese[ñn]as|seguidores|likes|estrellas)|granja de bots|rese[ñn]a falsa|si dejas 5 estrellas|cambias tu rese[ñn]a",
        "threat": r"se donde vives|te parto la cara|le rajo las ruedas|le prendo fuego|te rompo las piernas|le rayo el coche|te mato",
        "drink driving": r"conduciendo con \d+ (?:ca[ñn]as|cervezas|copas)|conducir borracho",
        "theft and fraud": r"blanque\w* (?:dinero|pasta)|cobro el seguro|vendi la base de datos|contrabando|me lleve un par de portatiles|choque un coche aparcado y me pire|tarjeta de discapacidad de mi|tiramos \w+ \w+ vieja al rio|por el voto|nos enganchamos a la luz|sin licencia a la casa|apuestas ilegales|bici robada|lavado de dinero|le pague al poli",
    },
}

BLOCKERS: dict[str, dict[str, str]] = {
    "en": {
        "fiction or news": r"movie|film|series|show|season|episode|book|novel|thriller|documentary|doc|podcast|true crime|game|escape room|villain|heist|breaking bad|narcos|news|in the news",
        "accusation of another": r"takes bribes|bribes (?:my|his|her)|is (?:laundering|stealing|taking bribes)|launders|sells (?:knockoffs|fakes|replicas)|(?:who|he|she|they|pendejo|guy) stole",
        "warning": r"(?<!last )warning|how (?:hackers|scammers|attackers)|beware|alert|(?:we|i) will never|we'?ll never|never (?:ask|share|click|download|send)|(?:don'?t|do not) (?:download|share|click|buy)|report(?:ed)? (?:it|fake|them|a|suspicious)|is a crime|are a crime|hurts? (?:creators|everyone)|scammers|phishing|counterfeit alert|only buy|buy only|we only",
    },
    "tr": {
        "fiction or news": r"dizi\w*|film\w*|kitap\w*|roman\w*|belgesel\w*|podcast|oyun(?:da|un)|kacis odasi|haber\w*|breaking bad|behzat|ezel|cukur",
        "accusation of another": r"rusvet aliyor|para akliyor|satiyor(?!um|uz)|rusveti veriyor",
        "warning": r"virus|dikkat|(?<!son )uyari\w*|asla|(?:indirmeyin|paylasmayin|tiklamayin)|bildirin|suctur|zarar verir|dolandiricilar|oltalama|sadece resmi|garanti kapsami disinda",
    },
    "es": {
        "fiction or news": r"serie\w*|peli\w*|pelicula\w*|novela\w*|libro\w*|documental\w*|podcast|videojuego|escape room|noticias|la casa de papel|narcos|elite",
        "accusation of another": r"blanquea|vende (?:falsificaciones|imitaciones)|cobra comisiones|soborna a",
        "warning": r"atencion|alerta|ojo con|cuidado con|nunca te|no (?:descargues|compartas|pinches)|denuncia\w*|es delito|perjudica\w*|estafadores|phishing|compra solo|solo (?:en|mostramos)|no tienen garantia",
    },
}


PIRACY_NAMES_FILMS = frozenset({("piracy", "fiction or news")})
"""(act, frame) pairs that do not cancel: piracy is about films and series by nature."""


@register
class IllegalConductDetector(Detector):
    name = "illegal_conduct"
    entities = ("ILLEGAL_ACT",)
    category = Category.ILLEGAL_CONDUCT

    _acts = CueSet(ACTS)
    _blockers = CueSet(BLOCKERS)

    def analyze(self, doc: Document, ctx: ScanContext) -> Iterator[Detection]:
        view = doc.folded.folded
        sentences = Sentences(view)
        for cue in self._acts.finditer(view, doc.lang):
            lo, hi = sentences.around(cue.start)
            frames = self._blockers.finditer(view, doc.lang, lo, hi)
            if any((cue.label, f.label) not in PIRACY_NAMES_FILMS for f in frames):
                continue
            start, end = doc.to_original(cue.start, cue.end)
            yield Detection(
                "ILLEGAL_ACT",
                start,
                end,
                0.9,
                pattern=cue.label,
                message_args={"construction": cue.label},
            )
