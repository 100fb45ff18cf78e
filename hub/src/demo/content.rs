//! The texts of the demo dataset: the survey in six languages, the codebook, interview
//! quotes in the partners' languages with English translations, and collaboration
//! examples. Order in every array: en, sv, lv, lt, pt, el.

/// The six languages in the order the arrays below use.
pub const LANGS: [&str; 6] = ["en", "sv", "lv", "lt", "pt", "el"];

/// Likert scale labels, levels 1 to 5, per language.
pub const SCALE: [[&str; 5]; 6] = [
    [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ],
    [
        "Instämmer inte alls",
        "Instämmer inte",
        "Varken eller",
        "Instämmer",
        "Instämmer helt",
    ],
    [
        "Pilnīgi nepiekrītu",
        "Nepiekrītu",
        "Ne piekrītu, ne nepiekrītu",
        "Piekrītu",
        "Pilnīgi piekrītu",
    ],
    [
        "Visiškai nesutinku",
        "Nesutinku",
        "Nei sutinku, nei nesutinku",
        "Sutinku",
        "Visiškai sutinku",
    ],
    [
        "Discordo totalmente",
        "Discordo",
        "Não concordo nem discordo",
        "Concordo",
        "Concordo totalmente",
    ],
    [
        "Διαφωνώ απόλυτα",
        "Διαφωνώ",
        "Ούτε συμφωνώ ούτε διαφωνώ",
        "Συμφωνώ",
        "Συμφωνώ απόλυτα",
    ],
];

/// A Likert item: code, theme, texts per language, and how much easier (positive) or
/// harder (negative) it is to agree with than the theme as a whole.
pub struct Item {
    /// Question code.
    pub code: &'static str,
    /// Theme code.
    pub theme: &'static str,
    /// Texts, en sv lv lt pt el.
    pub text: [&'static str; 6],
    /// Offset on the 1 to 5 scale.
    pub offset: f64,
}

/// The four themes of the report, in order.
pub const THEMES: [&str; 4] = [
    "SHARED_UNDERSTANDING",
    "RELATIONSHIPS_TRUST",
    "PROCESSES_BUREAUCRACY",
    "CREDIBILITY",
];

/// Theme names per language.
pub const THEME_NAMES: [[&str; 6]; 4] = [
    [
        "Shared understanding",
        "Gemensam förståelse",
        "Kopīga izpratne",
        "Bendras supratimas",
        "Entendimento comum",
        "Κοινή κατανόηση",
    ],
    [
        "Relationships and trust",
        "Relationer och tillit",
        "Attiecības un uzticēšanās",
        "Santykiai ir pasitikėjimas",
        "Relações e confiança",
        "Σχέσεις και εμπιστοσύνη",
    ],
    [
        "Processes and bureaucracy",
        "Processer och byråkrati",
        "Procesi un birokrātija",
        "Procesai ir biurokratija",
        "Processos e burocracia",
        "Διαδικασίες και γραφειοκρατία",
    ],
    [
        "Credibility",
        "Trovärdighet",
        "Uzticamība",
        "Patikimumas",
        "Credibilidade",
        "Αξιοπιστία",
    ],
];

/// Theme descriptions in English, from the report.
pub const THEME_DESCRIPTIONS: [&str; 4] = [
    "No up-to-date registry of active organisations; neither side knows the other's processes, goals or support.",
    "Relationships depend on individuals and break with political change; unrealistic expectations such as unpaid work.",
    "Few chances for dialogue, slow or missing answers, no legal or administrative framework, bureaucratic barriers, little transparency and procedures that change often.",
    "Organisations are seen as short-lived, have no capacity to grow and rely on volunteers only.",
];

/// Sub-codes per theme with English names, from the report.
pub const SUB_CODES: [(&str, &str, &str); 26] = [
    (
        "SHARED_UNDERSTANDING",
        "OUTDATED_REGISTRY",
        "No current list of active organisations",
    ),
    (
        "SHARED_UNDERSTANDING",
        "NO_COLLECTION_PLAN",
        "No plan for collecting information on organisations",
    ),
    (
        "SHARED_UNDERSTANDING",
        "REGISTRY_UNKNOWN_TO_ORGS",
        "Organisations do not know the information exists, so do not update it",
    ),
    (
        "SHARED_UNDERSTANDING",
        "UNKNOWN_PROCESSES_GOALS",
        "Each side does not know the other's processes and goals",
    ),
    (
        "SHARED_UNDERSTANDING",
        "UNKNOWN_SUPPORT",
        "Officials do not know what support exists",
    ),
    (
        "SHARED_UNDERSTANDING",
        "DOUBTED_VALUE",
        "The value of cooperation is doubted",
    ),
    (
        "SHARED_UNDERSTANDING",
        "NO_GOOD_EXAMPLES",
        "No good examples of cooperation to learn from",
    ),
    (
        "RELATIONSHIPS_TRUST",
        "TIME_AND_COMMITMENT",
        "Relationships take time and commitment",
    ),
    (
        "RELATIONSHIPS_TRUST",
        "POLITICAL_CHANGE",
        "Cooperation breaks with political change",
    ),
    (
        "RELATIONSHIPS_TRUST",
        "NO_CONTINUITY",
        "No continuity when people change",
    ),
    (
        "RELATIONSHIPS_TRUST",
        "UNREALISTIC_EXPECTATIONS",
        "Work without budget, volunteers only",
    ),
    (
        "RELATIONSHIPS_TRUST",
        "PERSONAL_TIES",
        "Cooperation rests on personal ties",
    ),
    (
        "RELATIONSHIPS_TRUST",
        "TRUST_AS_PRECONDITION",
        "Trust is a precondition of cooperation",
    ),
    (
        "PROCESSES_BUREAUCRACY",
        "FEW_DIALOGUE_CHANNELS",
        "Few chances for active dialogue",
    ),
    (
        "PROCESSES_BUREAUCRACY",
        "SLOW_OR_NO_ANSWERS",
        "Slow or missing answers",
    ),
    (
        "PROCESSES_BUREAUCRACY",
        "NO_LEGAL_FRAMEWORK",
        "No legal or administrative framework for cooperation",
    ),
    (
        "PROCESSES_BUREAUCRACY",
        "BARRIERS_AND_OPACITY",
        "Bureaucratic barriers and little transparency",
    ),
    (
        "PROCESSES_BUREAUCRACY",
        "CHANGING_PROCEDURES",
        "Complicated administrative processes that change often",
    ),
    (
        "PROCESSES_BUREAUCRACY",
        "UNSTRUCTURED_INFORMATION_FLOW",
        "Information flows without structure",
    ),
    (
        "PROCESSES_BUREAUCRACY",
        "EQUAL_TREATMENT",
        "Transparency against favouritism",
    ),
    (
        "PROCESSES_BUREAUCRACY",
        "YOUTH_ENGAGEMENT",
        "Young people are not engaged in the processes",
    ),
    (
        "CREDIBILITY",
        "NO_ROOM_TO_GROW",
        "No capacity or room to grow",
    ),
    (
        "CREDIBILITY",
        "SEEN_AS_SHORT_TERM",
        "Organisations are seen as short-lived",
    ),
    (
        "CREDIBILITY",
        "MISSED_FUNDING",
        "Funding opportunities are missed",
    ),
    (
        "CREDIBILITY",
        "NEW_SECTOR",
        "Social enterprise is a new sector",
    ),
    (
        "CREDIBILITY",
        "VOLUNTEER_DEPENDENCE",
        "Dependence on volunteers",
    ),
];

/// The twenty Likert items, five per theme.
pub const ITEMS: [Item; 20] = [
    Item {
        code: "SU1",
        theme: "SHARED_UNDERSTANDING",
        offset: 0.3,
        text: [
            "I know which youth organisations are active in my area.",
            "Jag vet vilka ungdomsorganisationer som är aktiva i mitt område.",
            "Es zinu, kuras jauniešu organizācijas darbojas manā apkaimē.",
            "Žinau, kurios jaunimo organizacijos veikia mano vietovėje.",
            "Sei que organizações de juventude estão ativas na minha zona.",
            "Γνωρίζω ποιες οργανώσεις νεολαίας είναι ενεργές στην περιοχή μου.",
        ],
    },
    Item {
        code: "SU2",
        theme: "SHARED_UNDERSTANDING",
        offset: -0.4,
        text: [
            "An up-to-date list of active organisations is easy to find.",
            "Det är lätt att hitta en aktuell förteckning över aktiva organisationer.",
            "Aktuālu aktīvo organizāciju sarakstu ir viegli atrast.",
            "Atnaujintą veikiančių organizacijų sąrašą rasti lengva.",
            "É fácil encontrar uma lista atualizada das organizações ativas.",
            "Είναι εύκολο να βρει κανείς ενημερωμένο κατάλογο των ενεργών οργανώσεων.",
        ],
    },
    Item {
        code: "SU3",
        theme: "SHARED_UNDERSTANDING",
        offset: 0.0,
        text: [
            "I understand the goals and processes of the other side.",
            "Jag förstår den andra sidans mål och processer.",
            "Es saprotu otras puses mērķus un procesus.",
            "Suprantu kitos pusės tikslus ir procesus.",
            "Compreendo os objetivos e os processos da outra parte.",
            "Κατανοώ τους στόχους και τις διαδικασίες της άλλης πλευράς.",
        ],
    },
    Item {
        code: "SU4",
        theme: "SHARED_UNDERSTANDING",
        offset: -0.1,
        text: [
            "I know what support the municipality offers to youth organisations.",
            "Jag vet vilket stöd kommunen erbjuder ungdomsorganisationer.",
            "Es zinu, kādu atbalstu pašvaldība piedāvā jauniešu organizācijām.",
            "Žinau, kokią paramą savivaldybė teikia jaunimo organizacijoms.",
            "Sei que apoios o município oferece às organizações de juventude.",
            "Γνωρίζω ποια στήριξη προσφέρει ο δήμος στις οργανώσεις νεολαίας.",
        ],
    },
    Item {
        code: "SU5",
        theme: "SHARED_UNDERSTANDING",
        offset: 0.2,
        text: [
            "Both sides share an understanding of what cooperation should achieve.",
            "Båda sidor har en gemensam förståelse av vad samarbetet ska uppnå.",
            "Abām pusēm ir kopīga izpratne par to, kas sadarbībā jāsasniedz.",
            "Abi pusės vienodai supranta, ko turėtų siekti bendradarbiavimas.",
            "Ambas as partes partilham a mesma ideia do que a cooperação deve alcançar.",
            "Και οι δύο πλευρές έχουν κοινή αντίληψη για το τι πρέπει να πετύχει η συνεργασία.",
        ],
    },
    Item {
        code: "RT1",
        theme: "RELATIONSHIPS_TRUST",
        offset: -0.3,
        text: [
            "Cooperation continues when the contact person changes.",
            "Samarbetet fortsätter när kontaktpersonen byts ut.",
            "Sadarbība turpinās, kad mainās kontaktpersona.",
            "Bendradarbiavimas tęsiasi pasikeitus kontaktiniam asmeniui.",
            "A cooperação continua quando a pessoa de contacto muda.",
            "Η συνεργασία συνεχίζεται όταν αλλάζει το πρόσωπο επικοινωνίας.",
        ],
    },
    Item {
        code: "RT2",
        theme: "RELATIONSHIPS_TRUST",
        offset: -0.4,
        text: [
            "Cooperation survives changes in political leadership.",
            "Samarbetet överlever byten av politisk ledning.",
            "Sadarbība saglabājas arī pēc politiskās vadības maiņas.",
            "Bendradarbiavimas išlieka pasikeitus politinei vadovybei.",
            "A cooperação sobrevive às mudanças de liderança política.",
            "Η συνεργασία αντέχει στις αλλαγές πολιτικής ηγεσίας.",
        ],
    },
    Item {
        code: "RT3",
        theme: "RELATIONSHIPS_TRUST",
        offset: 0.4,
        text: [
            "I trust the other side to keep its commitments.",
            "Jag litar på att den andra sidan håller sina åtaganden.",
            "Es uzticos, ka otra puse pildīs savas saistības.",
            "Pasitikiu, kad kita pusė laikysis įsipareigojimų.",
            "Confio que a outra parte cumpre os seus compromissos.",
            "Εμπιστεύομαι ότι η άλλη πλευρά τηρεί τις δεσμεύσεις της.",
        ],
    },
    Item {
        code: "RT4",
        theme: "RELATIONSHIPS_TRUST",
        offset: -0.2,
        text: [
            "Expectations on volunteers' unpaid work are realistic.",
            "Förväntningarna på volontärers obetalda arbete är realistiska.",
            "Gaidas attiecībā uz brīvprātīgo neapmaksāto darbu ir reālistiskas.",
            "Lūkesčiai dėl neapmokamo savanorių darbo yra realistiški.",
            "As expectativas sobre o trabalho não pago dos voluntários são realistas.",
            "Οι προσδοκίες για την απλήρωτη εργασία των εθελοντών είναι ρεαλιστικές.",
        ],
    },
    Item {
        code: "RT5",
        theme: "RELATIONSHIPS_TRUST",
        offset: 0.1,
        text: [
            "Enough time is set aside for building relationships.",
            "Det avsätts tillräckligt med tid för att bygga relationer.",
            "Attiecību veidošanai tiek atvēlēts pietiekami daudz laika.",
            "Santykiams kurti skiriama pakankamai laiko.",
            "É reservado tempo suficiente para construir relações.",
            "Διατίθεται αρκετός χρόνος για την οικοδόμηση σχέσεων.",
        ],
    },
    Item {
        code: "PB1",
        theme: "PROCESSES_BUREAUCRACY",
        offset: 0.1,
        text: [
            "There are regular opportunities for dialogue between the municipality and organisations.",
            "Det finns regelbundna tillfällen till dialog mellan kommunen och organisationerna.",
            "Ir regulāras iespējas dialogam starp pašvaldību un organizācijām.",
            "Yra reguliarių galimybių savivaldybei ir organizacijoms kalbėtis.",
            "Há oportunidades regulares de diálogo entre o município e as organizações.",
            "Υπάρχουν τακτικές ευκαιρίες διαλόγου μεταξύ του δήμου και των οργανώσεων.",
        ],
    },
    Item {
        code: "PB2",
        theme: "PROCESSES_BUREAUCRACY",
        offset: -0.2,
        text: [
            "Questions to the municipality get a timely answer.",
            "Frågor till kommunen får svar i rimlig tid.",
            "Jautājumi pašvaldībai saņem savlaicīgu atbildi.",
            "Į klausimus savivaldybei atsakoma laiku.",
            "As perguntas ao município recebem resposta atempada.",
            "Οι ερωτήσεις προς τον δήμο απαντώνται έγκαιρα.",
        ],
    },
    Item {
        code: "PB3",
        theme: "PROCESSES_BUREAUCRACY",
        offset: -0.3,
        text: [
            "There is a clear framework for how the municipality and organisations cooperate.",
            "Det finns en tydlig ram för hur kommunen och organisationerna samarbetar.",
            "Ir skaidrs ietvars tam, kā pašvaldība un organizācijas sadarbojas.",
            "Yra aiški tvarka, kaip savivaldybė ir organizacijos bendradarbiauja.",
            "Existe um enquadramento claro para a cooperação entre o município e as organizações.",
            "Υπάρχει σαφές πλαίσιο για το πώς συνεργάζονται ο δήμος και οι οργανώσεις.",
        ],
    },
    Item {
        code: "PB4",
        theme: "PROCESSES_BUREAUCRACY",
        offset: -0.4,
        text: [
            "Application procedures for support are simple and stable.",
            "Ansökningsförfarandena för stöd är enkla och stabila.",
            "Atbalsta pieteikšanās kārtība ir vienkārša un stabila.",
            "Paraiškų paramai teikimo tvarka yra paprasta ir pastovi.",
            "Os procedimentos de candidatura a apoios são simples e estáveis.",
            "Οι διαδικασίες αίτησης για στήριξη είναι απλές και σταθερές.",
        ],
    },
    Item {
        code: "PB5",
        theme: "PROCESSES_BUREAUCRACY",
        offset: 0.0,
        text: [
            "Decisions about support to organisations are transparent.",
            "Besluten om stöd till organisationer är transparenta.",
            "Lēmumi par atbalstu organizācijām ir caurskatāmi.",
            "Sprendimai dėl paramos organizacijoms yra skaidrūs.",
            "As decisões sobre apoios às organizações são transparentes.",
            "Οι αποφάσεις για τη στήριξη των οργανώσεων είναι διαφανείς.",
        ],
    },
    Item {
        code: "CR1",
        theme: "CREDIBILITY",
        offset: 0.2,
        text: [
            "Youth organisations are seen as reliable long-term partners.",
            "Ungdomsorganisationer ses som pålitliga och långsiktiga partner.",
            "Jauniešu organizācijas tiek uzskatītas par uzticamiem ilgtermiņa partneriem.",
            "Jaunimo organizacijos laikomos patikimais ilgalaikiais partneriais.",
            "As organizações de juventude são vistas como parceiras fiáveis a longo prazo.",
            "Οι οργανώσεις νεολαίας θεωρούνται αξιόπιστοι μακροπρόθεσμοι εταίροι.",
        ],
    },
    Item {
        code: "CR2",
        theme: "CREDIBILITY",
        offset: -0.2,
        text: [
            "Youth organisations have room to grow their activities.",
            "Ungdomsorganisationer har utrymme att växa i sin verksamhet.",
            "Jauniešu organizācijām ir iespējas paplašināt savu darbību.",
            "Jaunimo organizacijos turi galimybių plėsti savo veiklą.",
            "As organizações de juventude têm espaço para fazer crescer as suas atividades.",
            "Οι οργανώσεις νεολαίας έχουν περιθώρια να αναπτύξουν τις δραστηριότητές τους.",
        ],
    },
    Item {
        code: "CR3",
        theme: "CREDIBILITY",
        offset: -0.3,
        text: [
            "Organisations run only by volunteers can take responsibility for public tasks.",
            "Organisationer som drivs helt av volontärer kan ta ansvar för offentliga uppdrag.",
            "Organizācijas, ko vada tikai brīvprātīgie, var uzņemties atbildību par sabiedriskiem uzdevumiem.",
            "Vien savanorių valdomos organizacijos gali prisiimti atsakomybę už viešąsias užduotis.",
            "Organizações geridas só por voluntários podem assumir responsabilidade por tarefas públicas.",
            "Οργανώσεις που λειτουργούν μόνο με εθελοντές μπορούν να αναλάβουν ευθύνη για δημόσια καθήκοντα.",
        ],
    },
    Item {
        code: "CR4",
        theme: "CREDIBILITY",
        offset: -0.1,
        text: [
            "Funding opportunities for youth organisations are well known.",
            "Finansieringsmöjligheterna för ungdomsorganisationer är välkända.",
            "Finansējuma iespējas jauniešu organizācijām ir labi zināmas.",
            "Finansavimo galimybės jaunimo organizacijoms yra gerai žinomos.",
            "As oportunidades de financiamento para organizações de juventude são bem conhecidas.",
            "Οι ευκαιρίες χρηματοδότησης για οργανώσεις νεολαίας είναι γνωστές.",
        ],
    },
    Item {
        code: "CR5",
        theme: "CREDIBILITY",
        offset: 0.1,
        text: [
            "Informal youth initiatives are taken seriously by the municipality.",
            "Informella ungdomsinitiativ tas på allvar av kommunen.",
            "Pašvaldība nopietni uztver neformālas jauniešu iniciatīvas.",
            "Savivaldybė rimtai vertina neformalias jaunimo iniciatyvas.",
            "As iniciativas informais de jovens são levadas a sério pelo município.",
            "Ο δήμος παίρνει στα σοβαρά τις άτυπες πρωτοβουλίες νέων.",
        ],
    },
];

/// The multiple-choice question on how the two sides get in touch.
pub const CHANNELS_QUESTION: [&str; 6] = [
    "How do the municipality and organisations usually get in touch? (choose all that apply)",
    "Hur kommer kommunen och organisationerna oftast i kontakt? (välj alla som stämmer)",
    "Kā pašvaldība un organizācijas parasti sazinās? (izvēlieties visas atbilstošās atbildes)",
    "Kaip savivaldybė ir organizacijos dažniausiai susisiekia? (pažymėkite visus tinkamus)",
    "Como é que o município e as organizações costumam entrar em contacto? (escolha todas as opções aplicáveis)",
    "Πώς έρχονται συνήθως σε επαφή ο δήμος και οι οργανώσεις; (επιλέξτε όλα όσα ισχύουν)",
];

/// Its options: code and labels per language.
pub const CHANNELS: [(&str, [&str; 6]); 6] = [
    (
        "MEETINGS",
        [
            "Regular meetings",
            "Regelbundna möten",
            "Regulāras sanāksmes",
            "Reguliarūs susitikimai",
            "Reuniões regulares",
            "Τακτικές συναντήσεις",
        ],
    ),
    (
        "EMAIL",
        [
            "E-mail",
            "E-post",
            "E-pasts",
            "El. paštas",
            "Correio eletrónico",
            "Ηλεκτρονικό ταχυδρομείο",
        ],
    ),
    (
        "SOCIAL_MEDIA",
        [
            "Social media",
            "Sociala medier",
            "Sociālie tīkli",
            "Socialiniai tinklai",
            "Redes sociais",
            "Μέσα κοινωνικής δικτύωσης",
        ],
    ),
    (
        "PERSONAL_CONTACT",
        [
            "Personal contacts",
            "Personliga kontakter",
            "Personīgi kontakti",
            "Asmeniniai ryšiai",
            "Contactos pessoais",
            "Προσωπικές επαφές",
        ],
    ),
    (
        "CITIZEN_FORUM",
        [
            "Citizens' forums and public events",
            "Medborgardialoger och öppna möten",
            "Iedzīvotāju forumi un publiski pasākumi",
            "Gyventojų forumai ir viešieji renginiai",
            "Fóruns de cidadãos e eventos públicos",
            "Φόρουμ πολιτών και δημόσιες εκδηλώσεις",
        ],
    ),
    (
        "NONE",
        [
            "We are rarely in touch",
            "Vi har sällan kontakt",
            "Mēs reti sazināmies",
            "Retai susisiekiame",
            "Raramente estamos em contacto",
            "Σπάνια έχουμε επαφή",
        ],
    ),
];

/// The free-text question.
pub const CHANGE_QUESTION: [&str; 6] = [
    "What one change would most improve cooperation?",
    "Vilken enskild förändring skulle förbättra samarbetet mest?",
    "Kādas vienas pārmaiņas visvairāk uzlabotu sadarbību?",
    "Koks vienas pokytis labiausiai pagerintų bendradarbiavimą?",
    "Que mudança melhoraria mais a cooperação?",
    "Ποια μία αλλαγή θα βελτίωνε περισσότερο τη συνεργασία;",
];

/// Free-text answers per language (sv lv lt pt el; index = language index - 1).
pub const CHANGE_ANSWERS: [[&str; 3]; 5] = [
    [
        "En aktuell lista över föreningarna.",
        "Fasta kontaktpersoner på kommunen.",
        "Enklare ansökningar om bidrag.",
    ],
    [
        "Aktuāls organizāciju saraksts.",
        "Regulāras tikšanās ar pašvaldību.",
        "Vienkāršāki pieteikumi finansējumam.",
    ],
    [
        "Atnaujintas organizacijų sąrašas.",
        "Nuolatinis kontaktinis asmuo savivaldybėje.",
        "Paprastesnės paraiškos finansavimui.",
    ],
    [
        "Uma lista atualizada das associações.",
        "Reuniões regulares com a câmara.",
        "Candidaturas a apoios mais simples.",
    ],
    [
        "Ένας ενημερωμένος κατάλογος οργανώσεων.",
        "Ένα νομικό πλαίσιο για τις άτυπες ομάδες.",
        "Απλούστερες αιτήσεις χρηματοδότησης.",
    ],
];

/// The hint of the channels question.
pub const CHANNELS_HINT: [&str; 6] = [
    "Think of the last two years.",
    "Tänk på de senaste två åren.",
    "Domājiet par pēdējiem diviem gadiem.",
    "Prisiminkite pastaruosius dvejus metus.",
    "Pense nos últimos dois anos.",
    "Σκεφτείτε τα τελευταία δύο χρόνια.",
];

/// The form's groups: the respondent's own fields, the statements and the rest.
pub const GROUP_ABOUT: [&str; 6] = [
    "About you",
    "Om dig",
    "Par jums",
    "Apie jus",
    "Sobre si",
    "Σχετικά με εσάς",
];

/// The group of the Likert statements.
pub const GROUP_STATEMENTS: [&str; 6] = [
    "Cooperation between the municipality and youth organisations",
    "Samverkan mellan kommunen och ungdomsorganisationer",
    "Pašvaldības un jaunatnes organizāciju sadarbība",
    "Savivaldybės ir jaunimo organizacijų bendradarbiavimas",
    "Cooperação entre o município e as organizações de juventude",
    "Συνεργασία του δήμου με τις οργανώσεις νεολαίας",
];

/// The group of the channels and the free-text question.
pub const GROUP_EXPERIENCE: [&str; 6] = [
    "Your experience",
    "Dina erfarenheter",
    "Jūsu pieredze",
    "Jūsų patirtis",
    "A sua experiência",
    "Η εμπειρία σας",
];
