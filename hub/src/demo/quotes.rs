//! Synthetic interview quotes, one per sub-code, in en sv lv lt pt el: the finding
//! stores the quote in the interview's language and the English one as its translation.

/// Sub-code and its quote per language (en sv lv lt pt el).
pub const QUOTES: [(&str, [&str; 6]); 20] = [
    (
        "OUTDATED_REGISTRY",
        [
            "Nobody knows which of the registered organisations still exist.",
            "Ingen vet vilka av de registrerade föreningarna som fortfarande finns.",
            "Neviens nezina, kuras no reģistrētajām organizācijām vēl pastāv.",
            "Niekas nežino, kurios iš registruotų organizacijų dar veikia.",
            "Ninguém sabe quais das associações registadas ainda existem.",
            "Κανείς δεν ξέρει ποιες από τις εγγεγραμμένες οργανώσεις υπάρχουν ακόμα.",
        ],
    ),
    (
        "REGISTRY_UNKNOWN_TO_ORGS",
        [
            "We did not know the municipality keeps a list, so we never updated our details.",
            "Vi visste inte att kommunen har en förteckning, så vi har aldrig uppdaterat våra uppgifter.",
            "Mēs nezinājām, ka pašvaldība uztur sarakstu, tāpēc nekad neatjaunojām savus datus.",
            "Nežinojome, kad savivaldybė turi sąrašą, todėl niekada neatnaujinome savo duomenų.",
            "Não sabíamos que a câmara tem uma lista, por isso nunca atualizámos os nossos dados.",
            "Δεν ξέραμε ότι ο δήμος τηρεί κατάλογο, γι' αυτό δεν ενημερώσαμε ποτέ τα στοιχεία μας.",
        ],
    ),
    (
        "UNKNOWN_PROCESSES_GOALS",
        [
            "We do not understand how decisions are made at the municipality.",
            "Vi förstår inte hur besluten fattas på kommunen.",
            "Mēs nesaprotam, kā pašvaldībā tiek pieņemti lēmumi.",
            "Nesuprantame, kaip savivaldybėje priimami sprendimai.",
            "Não percebemos como são tomadas as decisões na câmara.",
            "Δεν καταλαβαίνουμε πώς λαμβάνονται οι αποφάσεις στον δήμο.",
        ],
    ),
    (
        "UNKNOWN_SUPPORT",
        [
            "Even my colleagues do not know what support we can offer to associations.",
            "Inte ens mina kollegor vet vilket stöd vi kan erbjuda föreningarna.",
            "Pat mani kolēģi nezina, kādu atbalstu varam piedāvāt biedrībām.",
            "Net mano kolegos nežino, kokią paramą galime pasiūlyti asociacijoms.",
            "Nem os meus colegas sabem que apoios podemos oferecer às associações.",
            "Ούτε οι συνάδελφοί μου ξέρουν ποια στήριξη μπορούμε να προσφέρουμε στους συλλόγους.",
        ],
    ),
    (
        "NO_GOOD_EXAMPLES",
        [
            "We have no good examples to show what cooperation could look like.",
            "Vi har inga goda exempel som visar hur ett samarbete kan se ut.",
            "Mums nav labu piemēru, kas parādītu, kā varētu izskatīties sadarbība.",
            "Neturime gerų pavyzdžių, kurie parodytų, kaip galėtų atrodyti bendradarbiavimas.",
            "Não temos bons exemplos que mostrem como pode ser a cooperação.",
            "Δεν έχουμε καλά παραδείγματα που να δείχνουν πώς μπορεί να είναι η συνεργασία.",
        ],
    ),
    (
        "POLITICAL_CHANGE",
        [
            "After the election everything started again from zero.",
            "Efter valet började allt om från noll.",
            "Pēc vēlēšanām viss sākās no nulles.",
            "Po rinkimų viskas prasidėjo iš naujo.",
            "Depois das eleições tudo recomeçou do zero.",
            "Μετά τις εκλογές όλα ξεκίνησαν από το μηδέν.",
        ],
    ),
    (
        "PERSONAL_TIES",
        [
            "It works because I know the person at the youth department, not because of a system.",
            "Det fungerar för att jag känner personen på fritidsförvaltningen, inte för att det finns ett system.",
            "Tas darbojas, jo es pazīstu cilvēku jaunatnes nodaļā, nevis tāpēc, ka ir sistēma.",
            "Tai veikia todėl, kad pažįstu žmogų jaunimo skyriuje, o ne dėl sistemos.",
            "Funciona porque conheço a pessoa do departamento de juventude, não porque haja um sistema.",
            "Λειτουργεί επειδή γνωρίζω τον άνθρωπο στο τμήμα νεολαίας, όχι επειδή υπάρχει σύστημα.",
        ],
    ),
    (
        "NO_CONTINUITY",
        [
            "When our contact at the municipality left, the cooperation stopped.",
            "När vår kontakt på kommunen slutade upphörde samarbetet.",
            "Kad mūsu kontaktpersona pašvaldībā aizgāja, sadarbība apstājās.",
            "Kai mūsų kontaktinis asmuo išėjo iš savivaldybės, bendradarbiavimas nutrūko.",
            "Quando a nossa pessoa de contacto saiu da câmara, a cooperação parou.",
            "Όταν έφυγε ο άνθρωπός μας στον δήμο, η συνεργασία σταμάτησε.",
        ],
    ),
    (
        "UNREALISTIC_EXPECTATIONS",
        [
            "They expect us to run activities for free, as if volunteers had unlimited time.",
            "De förväntar sig att vi ska driva verksamhet gratis, som om volontärer hade obegränsat med tid.",
            "Viņi sagaida, ka mēs rīkosim aktivitātes bez maksas, it kā brīvprātīgajiem būtu neierobežots laiks.",
            "Jie tikisi, kad veiklą vykdysime nemokamai, lyg savanoriai turėtų neribotai laiko.",
            "Esperam que façamos atividades de graça, como se os voluntários tivessem tempo ilimitado.",
            "Περιμένουν να κάνουμε δραστηριότητες δωρεάν, σαν να είχαν οι εθελοντές απεριόριστο χρόνο.",
        ],
    ),
    (
        "TRUST_AS_PRECONDITION",
        [
            "Without trust between us, no agreement on paper will help.",
            "Utan tillit mellan oss hjälper inga avtal på papper.",
            "Bez savstarpējas uzticēšanās nepalīdzēs neviena vienošanās uz papīra.",
            "Be tarpusavio pasitikėjimo nepadės jokie susitarimai popieriuje.",
            "Sem confiança entre nós, nenhum acordo no papel vai ajudar.",
            "Χωρίς εμπιστοσύνη μεταξύ μας, καμία συμφωνία στα χαρτιά δεν θα βοηθήσει.",
        ],
    ),
    (
        "FEW_DIALOGUE_CHANNELS",
        [
            "There is no regular place where we can talk to the municipality.",
            "Det finns ingen regelbunden mötesplats där vi kan prata med kommunen.",
            "Nav regulāras vietas, kur mēs varētu runāt ar pašvaldību.",
            "Nėra nuolatinės vietos, kur galėtume pasikalbėti su savivaldybe.",
            "Não há um espaço regular onde possamos falar com a câmara.",
            "Δεν υπάρχει τακτικός χώρος όπου μπορούμε να μιλήσουμε με τον δήμο.",
        ],
    ),
    (
        "SLOW_OR_NO_ANSWERS",
        [
            "We sent the proposal in spring and are still waiting for an answer.",
            "Vi skickade förslaget i våras och väntar fortfarande på svar.",
            "Mēs nosūtījām priekšlikumu pavasarī un joprojām gaidām atbildi.",
            "Pasiūlymą išsiuntėme pavasarį ir vis dar laukiame atsakymo.",
            "Enviámos a proposta na primavera e ainda esperamos resposta.",
            "Στείλαμε την πρόταση την άνοιξη και ακόμα περιμένουμε απάντηση.",
        ],
    ),
    (
        "NO_LEGAL_FRAMEWORK",
        [
            "As an informal group we cannot sign any agreement with the municipality.",
            "Som informell grupp kan vi inte skriva något avtal med kommunen.",
            "Kā neformāla grupa mēs nevaram parakstīt nekādu līgumu ar pašvaldību.",
            "Būdami neformali grupė negalime pasirašyti jokios sutarties su savivaldybe.",
            "Como grupo informal não podemos assinar nenhum acordo com a câmara.",
            "Ως άτυπη ομάδα δεν μπορούμε να υπογράψουμε καμία συμφωνία με τον δήμο.",
        ],
    ),
    (
        "BARRIERS_AND_OPACITY",
        [
            "Nobody explains why one application is funded and another is not.",
            "Ingen förklarar varför en ansökan beviljas och en annan inte.",
            "Neviens nepaskaidro, kāpēc viens pieteikums tiek finansēts, bet cits ne.",
            "Niekas nepaaiškina, kodėl viena paraiška finansuojama, o kita ne.",
            "Ninguém explica porque uma candidatura é financiada e outra não.",
            "Κανείς δεν εξηγεί γιατί μια αίτηση χρηματοδοτείται και μια άλλη όχι.",
        ],
    ),
    (
        "CHANGING_PROCEDURES",
        [
            "Every year the forms and the rules are different.",
            "Varje år är blanketterna och reglerna annorlunda.",
            "Katru gadu veidlapas un noteikumi ir citādi.",
            "Kasmet formos ir taisyklės vis kitokios.",
            "Todos os anos os formulários e as regras são diferentes.",
            "Κάθε χρόνο τα έντυπα και οι κανόνες είναι διαφορετικοί.",
        ],
    ),
    (
        "SEEN_AS_SHORT_TERM",
        [
            "The municipality sees us as a project that will be gone next year.",
            "Kommunen ser oss som ett projekt som är borta nästa år.",
            "Pašvaldība mūs uztver kā projektu, kura nākamgad vairs nebūs.",
            "Savivaldybė mus laiko projektu, kurio kitais metais nebebus.",
            "A câmara vê-nos como um projeto que no próximo ano já não existe.",
            "Ο δήμος μας βλέπει σαν ένα έργο που του χρόνου δεν θα υπάρχει.",
        ],
    ),
    (
        "NO_ROOM_TO_GROW",
        [
            "We could do much more, but there is no way to grow beyond small grants.",
            "Vi skulle kunna göra mycket mer, men det finns inget sätt att växa bortom små bidrag.",
            "Mēs varētu izdarīt daudz vairāk, bet nav iespēju izaugt pāri mazajiem grantiem.",
            "Galėtume nuveikti daug daugiau, bet nėra galimybių augti toliau mažų dotacijų.",
            "Podíamos fazer muito mais, mas não há forma de crescer para além de pequenos apoios.",
            "Θα μπορούσαμε να κάνουμε πολλά περισσότερα, αλλά δεν υπάρχει τρόπος να ξεπεράσουμε τις μικρές επιχορηγήσεις.",
        ],
    ),
    (
        "MISSED_FUNDING",
        [
            "We found out about the funding call after the deadline.",
            "Vi fick reda på utlysningen efter att sista ansökningsdag hade passerat.",
            "Par finansējuma konkursu uzzinājām pēc termiņa beigām.",
            "Apie finansavimo kvietimą sužinojome jau pasibaigus terminui.",
            "Soubemos do concurso de financiamento depois do prazo.",
            "Μάθαμε για την πρόσκληση χρηματοδότησης μετά την προθεσμία.",
        ],
    ),
    (
        "NEW_SECTOR",
        [
            "Social enterprises are still new here and officials do not know where to place us.",
            "Sociala företag är fortfarande nya här och tjänstepersonerna vet inte var de ska placera oss.",
            "Sociālie uzņēmumi šeit vēl ir jauni, un ierēdņi nezina, kur mūs ierindot.",
            "Socialinės įmonės čia dar naujos, ir valdininkai nežino, kur mus priskirti.",
            "As empresas sociais ainda são novas aqui e os técnicos não sabem onde nos enquadrar.",
            "Οι κοινωνικές επιχειρήσεις είναι ακόμα καινούργιες εδώ και οι υπάλληλοι δεν ξέρουν πού να μας κατατάξουν.",
        ],
    ),
    (
        "VOLUNTEER_DEPENDENCE",
        [
            "Everything depends on three volunteers; if one of us moves away, the group stops.",
            "Allt hänger på tre volontärer; om en av oss flyttar stannar gruppen.",
            "Viss balstās uz trim brīvprātīgajiem; ja kāds no mums aizbrauc, grupa apstājas.",
            "Viskas priklauso nuo trijų savanorių; jei vienas iš mūsų išvyksta, grupė sustoja.",
            "Tudo depende de três voluntários; se um de nós se muda, o grupo para.",
            "Όλα εξαρτώνται από τρεις εθελοντές· αν φύγει ένας από εμάς, η ομάδα σταματά.",
        ],
    ),
];

/// Collaboration templates: title, description, themes, outcomes.
pub const COLLABORATIONS: [(&str, &str, &[&str], &[&str]); 10] = [
    (
        "Youth council advising the municipality",
        "Young people elected by schools and organisations meet the municipal board four times a year and comment on decisions that concern them.",
        &["SHARED_UNDERSTANDING", "RELATIONSHIPS_TRUST"],
        &["LOCAL_CAPACITY_KNOWLEDGE", "NEW_IDEAS"],
    ),
    (
        "Shared register of active youth organisations",
        "The municipality and the organisations keep one list of active groups; each organisation confirms its entry once a year.",
        &["SHARED_UNDERSTANDING", "PROCESSES_BUREAUCRACY"],
        &["LOCAL_CAPACITY_KNOWLEDGE"],
    ),
    (
        "Summer jobs with local associations",
        "The municipality pays summer jobs for young people that local associations supervise.",
        &["CREDIBILITY", "RELATIONSHIPS_TRUST"],
        &["SOCIAL_INCLUSION"],
    ),
    (
        "Open call for youth-led micro-projects",
        "A small fund with a one-page application and an answer within three weeks, open to informal groups.",
        &["PROCESSES_BUREAUCRACY", "CREDIBILITY"],
        &["NEW_IDEAS"],
    ),
    (
        "Democracy festival",
        "Organisations and officials run a festival of debates and workshops together, planned in a joint working group.",
        &["RELATIONSHIPS_TRUST", "SHARED_UNDERSTANDING"],
        &["NEW_IDEAS", "SOCIAL_INCLUSION"],
    ),
    (
        "Incubator for youth social enterprises",
        "Coaching, office space and a first contract with the municipality for young founders of social enterprises.",
        &["CREDIBILITY", "PROCESSES_BUREAUCRACY"],
        &["NEW_IDEAS", "LOCAL_CAPACITY_KNOWLEDGE"],
    ),
    (
        "Activities for newcomer youth",
        "Associations and the municipal youth centre run weekly activities for young people who recently moved to the area.",
        &["RELATIONSHIPS_TRUST", "CREDIBILITY"],
        &["SOCIAL_INCLUSION"],
    ),
    (
        "Joint application for EU funding",
        "The municipality and three organisations wrote one application together, sharing the administrative work.",
        &["CREDIBILITY", "PROCESSES_BUREAUCRACY"],
        &["LOCAL_CAPACITY_KNOWLEDGE"],
    ),
    (
        "Mobile youth work in rural villages",
        "A youth worker and volunteers visit villages without a youth centre, with a van and a programme chosen by local young people.",
        &["SHARED_UNDERSTANDING", "RELATIONSHIPS_TRUST"],
        &["SOCIAL_INCLUSION"],
    ),
    (
        "Multilingual youth club",
        "A club run together by the municipality and a minority-language association, open in two languages.",
        &["RELATIONSHIPS_TRUST"],
        &["SOCIAL_INCLUSION", "NEW_IDEAS"],
    ),
];
