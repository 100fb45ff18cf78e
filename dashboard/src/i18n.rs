//! The interface texts in the six languages of the project; any text missing in a
//! language falls back to English.

/// The languages of the interface are the project's languages.
pub use analytics::Lang;

/// The interface texts of a language; any text missing in it falls back to English.
pub trait Texts: Copy {
    /// The interface text `key` in this language (English where it has none). An
    /// unknown key is a programming error; it shows as `?`.
    fn t(self, key: &str) -> &'static str;

    /// Like [`Texts::t`], with `{k}` replaced.
    fn t_k(self, key: &str, k: u64) -> String {
        self.t(key).replace("{k}", &k.to_string())
    }

    /// Like [`Texts::t`], with each `{name}` replaced by its value.
    fn fill(self, key: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
        let mut text = self.t(key).to_owned();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), &value.to_string());
        }
        text
    }

    /// The name of a role, kind, status, outcome or country code; empty where there is
    /// none.
    fn term(self, code: &str) -> &'static str;

    /// [`Texts::term`], or the code itself where there is no name for it.
    fn term_or_code(self, code: &str) -> &str {
        match self.term(code) {
            "" => code,
            name => name,
        }
    }
}

impl Texts for Lang {
    fn t(self, key: &str) -> &'static str {
        match TEXTS.binary_search_by(|(k, _)| (*k).cmp(key)) {
            Ok(i) => {
                let texts = &TEXTS[i].1;
                let text = texts[self.index()];
                if text.is_empty() { texts[0] } else { text }
            }
            Err(_) => {
                debug_assert!(false, "no interface text {key:?}");
                "?"
            }
        }
    }

    fn term(self, code: &str) -> &'static str {
        match TERMS.binary_search_by(|(k, _)| (*k).cmp(code)) {
            Ok(i) => {
                let texts = &TERMS[i].1;
                let text = texts[self.index()];
                if text.is_empty() { texts[0] } else { text }
            }
            Err(_) => "",
        }
    }
}

/// Every interface text in every language, for checks such as font coverage.
pub fn all_texts() -> impl Iterator<Item = &'static str> {
    TEXTS
        .iter()
        .chain(TERMS)
        .flat_map(|(_, texts)| texts.iter().copied())
        .chain(Lang::ALL.iter().map(|l| l.name()))
}

/// Interface texts, sorted by key: en, sv, lv, lt, pt, el.
static TEXTS: &[(&str, [&str; 6])] = &[
    (
        "accept",
        [
            "Accept",
            "Godkänn",
            "Pieņemt",
            "Priimti",
            "Aceitar",
            "Αποδοχή",
        ],
    ),
    (
        "accept_as",
        [
            "Accept as",
            "Godkänn som",
            "Pieņemt kā",
            "Priimti kaip",
            "Aceitar como",
            "Αποδοχή ως",
        ],
    ),
    (
        "account_name",
        ["Name", "Namn", "Vārds", "Vardas", "Nome", "Όνομα"],
    ),
    (
        "across_themes",
        [
            "Across themes",
            "Över alla teman",
            "Visām tēmām",
            "Visoms temoms",
            "Transversais",
            "Για όλα τα θέματα",
        ],
    ),
    (
        "active_orgs",
        [
            "Active organisations",
            "Aktiva organisationer",
            "Aktīvās organizācijas",
            "Veikiančios organizacijos",
            "Organizações ativas",
            "Ενεργές οργανώσεις",
        ],
    ),
    (
        "active_per_10k",
        [
            "Active organisations per 10,000 inhabitants",
            "Aktiva organisationer per 10 000 invånare",
            "Aktīvās organizācijas uz 10 000 iedzīvotājiem",
            "Veikiančios organizacijos 10 000 gyventojų",
            "Organizações ativas por 10 000 habitantes",
            "Ενεργές οργανώσεις ανά 10.000 κατοίκους",
        ],
    ),
    (
        "agreement",
        [
            "Agreement",
            "Överenskommelse",
            "Vienošanās",
            "Susitarimas",
            "Acordo",
            "Συμφωνία",
        ],
    ),
    ("all", ["All", "Alla", "Visi", "Visi", "Todos", "Όλα"]),
    (
        "all_quotes",
        [
            "All quotes",
            "Alla citat",
            "Visi citāti",
            "Visos citatos",
            "Todas as citações",
            "Όλα τα αποσπάσματα",
        ],
    ),
    (
        "apply",
        ["Show", "Visa", "Rādīt", "Rodyti", "Mostrar", "Εμφάνιση"],
    ),
    (
        "area",
        [
            "Area",
            "Område",
            "Teritorija",
            "Teritorija",
            "Área",
            "Περιοχή",
        ],
    ),
    (
        "areas",
        [
            "Areas (regions and municipalities)",
            "Områden (regioner och kommuner)",
            "Teritorijas (reģioni un pašvaldības)",
            "Teritorijos (regionai ir savivaldybės)",
            "Áreas (regiões e municípios)",
            "Περιοχές (περιφέρειες και δήμοι)",
        ],
    ),
    ("audience", ["For", "För", "Kam", "Kam", "Para", "Για"]),
    (
        "bad_request",
        [
            "The request cannot be shown",
            "Förfrågan kan inte visas",
            "Pieprasījumu nevar parādīt",
            "Užklausos parodyti negalima",
            "O pedido não pode ser mostrado",
            "Το αίτημα δεν μπορεί να εμφανιστεί",
        ],
    ),
    (
        "carries_out",
        [
            "Carries out",
            "Genomför",
            "Īsteno",
            "Įgyvendina",
            "Concretiza",
            "Υλοποιεί",
        ],
    ),
    (
        "change_axis",
        [
            "Change from {from} to {to} (mean, 95 % interval)",
            "Förändring från {from} till {to} (medel, 95 % intervall)",
            "Izmaiņas no {from} līdz {to} (vidējais, 95 % intervāls)",
            "Pokytis nuo {from} iki {to} (vidurkis, 95 % intervalas)",
            "Variação de {from} para {to} (média, intervalo de 95 %)",
            "Μεταβολή από {from} σε {to} (μέσος, διάστημα 95 %)",
        ],
    ),
    (
        "choices_title",
        [
            "Answers to a multiple-choice question, by country",
            "Svar på en flervalsfråga, per land",
            "Atbildes uz jautājumu ar vairākām izvēlēm, pa valstīm",
            "Atsakymai į klausimą su keliais pasirinkimais, pagal šalį",
            "Respostas a uma pergunta de escolha múltipla, por país",
            "Απαντήσεις σε ερώτηση πολλαπλής επιλογής, ανά χώρα",
        ],
    ),
    (
        "closed_per_year",
        [
            "Closed",
            "Nedlagda",
            "Slēgtas",
            "Uždarytos",
            "Encerradas",
            "Έκλεισαν",
        ],
    ),
    (
        "closed_year",
        [
            "Year closed",
            "År nedlagd",
            "Slēgšanas gads",
            "Uždarymo metai",
            "Ano de encerramento",
            "Έτος διακοπής",
        ],
    ),
    (
        "closure_rate",
        [
            "Share of registered organisations closed",
            "Andel registrerade organisationer som lagts ned",
            "Slēgto reģistrēto organizāciju daļa",
            "Uždarytų registruotų organizacijų dalis",
            "Parte das organizações registadas encerradas",
            "Ποσοστό καταχωρισμένων οργανώσεων που έκλεισαν",
        ],
    ),
    (
        "closure_reason",
        [
            "Why it closed",
            "Varför den lades ned",
            "Slēgšanas iemesls",
            "Uždarymo priežastis",
            "Motivo do encerramento",
            "Λόγος διακοπής",
        ],
    ),
    (
        "codebook",
        [
            "Codebook",
            "Kodbok",
            "Kodu grāmata",
            "Kodų knyga",
            "Livro de códigos",
            "Βιβλίο κωδικών",
        ],
    ),
    (
        "collaborations",
        [
            "Collaborations",
            "Samarbeten",
            "Sadarbības piemēri",
            "Bendradarbiavimas",
            "Colaborações",
            "Συνεργασίες",
        ],
    ),
    (
        "column",
        [
            "Column",
            "Kolumn",
            "Kolonna",
            "Stulpelis",
            "Coluna",
            "Στήλη",
        ],
    ),
    (
        "conclusions",
        [
            "Conclusions",
            "Slutsatser",
            "Secinājumi",
            "Išvados",
            "Conclusões",
            "Συμπεράσματα",
        ],
    ),
    (
        "cooccurrence_title",
        [
            "Themes coded in the same interview",
            "Teman som kodats i samma intervju",
            "Tēmas, kas kodētas vienā intervijā",
            "Temos, užkoduotos tame pačiame interviu",
            "Temas codificados na mesma entrevista",
            "Θέματα κωδικοποιημένα στην ίδια συνέντευξη",
        ],
    ),
    (
        "count",
        ["Number", "Antal", "Skaits", "Skaičius", "Número", "Αριθμός"],
    ),
    (
        "country",
        ["Country", "Land", "Valsts", "Šalis", "País", "Χώρα"],
    ),
    (
        "country_differences_title",
        [
            "Differences between countries",
            "Skillnader mellan länder",
            "Atšķirības starp valstīm",
            "Skirtumai tarp šalių",
            "Diferenças entre países",
            "Διαφορές μεταξύ χωρών",
        ],
    ),
    (
        "country_sheet",
        [
            "Country sheet",
            "Landsblad",
            "Valsts lapa",
            "Šalies lapas",
            "Ficha do país",
            "Δελτίο χώρας",
        ],
    ),
    (
        "country_sheets",
        [
            "Country sheets",
            "Landsblad",
            "Valstu lapas",
            "Šalių lapai",
            "Fichas dos países",
            "Δελτία χωρών",
        ],
    ),
    (
        "current_value",
        ["Now", "Nu", "Tagad", "Dabar", "Agora", "Τώρα"],
    ),
    (
        "data_version",
        [
            "data version",
            "dataversion",
            "datu versija",
            "duomenų versija",
            "versão dos dados",
            "έκδοση δεδομένων",
        ],
    ),
    (
        "desc.choices",
        [
            "Share of respondents choosing each option, by country: {parts}; {hidden} groups with fewer than {k} responses are not shown.",
            "Andel svarande som valt varje alternativ, per land: {parts}; {hidden} grupper med färre än {k} svar visas inte.",
            "Respondentu daļa, kas izvēlējušies katru variantu, pa valstīm: {parts}; {hidden} grupas ar mazāk nekā {k} atbildēm netiek rādītas.",
            "Respondentų, pasirinkusių kiekvieną variantą, dalis pagal šalį: {parts}; {hidden} grupės, turinčios mažiau nei {k} atsakymų, nerodomos.",
            "Proporção de inquiridos que escolheram cada opção, por país: {parts}; {hidden} grupos com menos de {k} respostas não são mostrados.",
            "Ποσοστό ερωτηθέντων που επέλεξαν κάθε επιλογή, ανά χώρα: {parts}· {hidden} ομάδες με λιγότερες από {k} απαντήσεις δεν εμφανίζονται.",
        ],
    ),
    (
        "desc.cooccurrence",
        [
            "Interviews coded with both themes of each pair, out of {n} interviews with coded findings.",
            "Intervjuer kodade med båda teman i varje par, av {n} intervjuer med kodade fynd.",
            "Intervijas, kas kodētas ar abām katra pāra tēmām, no {n} intervijām ar kodētiem atzinumiem.",
            "Interviu, užkoduoti abiem kiekvienos poros temomis, iš {n} interviu su užkoduotomis išvadomis.",
            "Entrevistas codificadas com ambos os temas de cada par, em {n} entrevistas com resultados codificados.",
            "Συνεντεύξεις κωδικοποιημένες και με τα δύο θέματα κάθε ζεύγους, από {n} συνεντεύξεις με κωδικοποιημένα ευρήματα.",
        ],
    ),
    (
        "desc.cooccurrence.top",
        [
            "Most often together: {a} and {b}, in {n} interviews ({share}).",
            "Oftast tillsammans: {a} och {b}, i {n} intervjuer ({share}).",
            "Visbiežāk kopā: {a} un {b}, {n} intervijās ({share}).",
            "Dažniausiai kartu: {a} ir {b}, {n} interviu ({share}).",
            "Mais frequentemente juntos: {a} e {b}, em {n} entrevistas ({share}).",
            "Συχνότερα μαζί: {a} και {b}, σε {n} συνεντεύξεις ({share}).",
        ],
    ),
    (
        "desc.country-differences",
        [
            "Kruskal–Wallis tests of whether answers differ between countries, for {items} questions and themes, with the effect size ε² (0 for no difference, 1 for complete separation) as bars; {significant} differ at p < 0.05. Largest: {top}.",
            "Kruskal–Wallis-test av om svaren skiljer sig mellan länder, för {items} frågor och teman, med effektstorleken ε² (0 för ingen skillnad, 1 för fullständig åtskillnad) som staplar; {significant} skiljer sig vid p < 0,05. Störst: {top}.",
            "Kruskala–Volisa testi par to, vai atbildes atšķiras starp valstīm, {items} jautājumiem un tēmām, ar efekta lielumu ε² (0 – nav atšķirību, 1 – pilnīga nošķirtība) kā joslām; {significant} atšķiras pie p < 0,05. Lielākā: {top}.",
            "Kruskalo–Walliso testai, ar atsakymai skiriasi tarp šalių, {items} klausimams ir temoms, su poveikio dydžiu ε² (0 – jokio skirtumo, 1 – visiškas atskyrimas) kaip stulpeliais; {significant} skiriasi esant p < 0,05. Didžiausias: {top}.",
            "Testes de Kruskal–Wallis sobre se as respostas diferem entre países, para {items} perguntas e temas, com a dimensão do efeito ε² (0 sem diferença, 1 separação total) em barras; {significant} diferem a p < 0,05. Maior: {top}.",
            "Έλεγχοι Kruskal–Wallis για το αν οι απαντήσεις διαφέρουν μεταξύ χωρών, για {items} ερωτήσεις και θέματα, με το μέγεθος επίδρασης ε² (0 καμία διαφορά, 1 πλήρης διαχωρισμός) ως ράβδους· {significant} διαφέρουν σε p < 0,05. Μεγαλύτερη: {top}.",
        ],
    ),
    (
        "desc.freshness",
        [
            "How fresh the registry is, per area: shares of the organisations not closed. {parts}.",
            "Hur aktuellt registret är, per område: andelar av de organisationer som inte är nedlagda. {parts}.",
            "Cik aktuāls ir reģistrs, pa teritorijām: daļas no organizācijām, kas nav slēgtas. {parts}.",
            "Kiek registras naujas, pagal teritoriją: neuždarytų organizacijų dalys. {parts}.",
            "Atualidade do registo, por área: proporções das organizações não encerradas. {parts}.",
            "Πόσο επίκαιρο είναι το μητρώο, ανά περιοχή: ποσοστά των οργανώσεων που δεν έχουν κλείσει. {parts}.",
        ],
    ),
    (
        "desc.freshness.part",
        [
            "{name}: {n} organisations not closed, {verified} checked in the last 12 months, {linked} sent a private link, {opened} opened it, {answered} answered",
            "{name}: {n} organisationer som inte är nedlagda, {verified} kontrollerade de senaste 12 månaderna, {linked} fick en privat länk, {opened} öppnade den, {answered} svarade",
            "{name}: {n} organizācijas, kas nav slēgtas, {verified} pārbaudītas pēdējos 12 mēnešos, {linked} nosūtīta privāta saite, {opened} to atvēra, {answered} atbildēja",
            "{name}: {n} neuždarytos organizacijos, {verified} patikrinta per paskutinius 12 mėnesių, {linked} išsiųsta asmeninė nuoroda, {opened} ją atidarė, {answered} atsakė",
            "{name}: {n} organizações não encerradas, {verified} verificadas nos últimos 12 meses, {linked} receberam uma ligação privada, {opened} abriram-na, {answered} responderam",
            "{name}: {n} οργανώσεις που δεν έχουν κλείσει, {verified} ελέγχθηκαν τους τελευταίους 12 μήνες, {linked} έλαβαν ιδιωτικό σύνδεσμο, {opened} τον άνοιξαν, {answered} απάντησαν",
        ],
    ),
    (
        "desc.likert",
        [
            "Shares of the five answers by group: {parts}; {hidden} groups with fewer than {k} responses are not shown.",
            "Andelar av de fem svaren per grupp: {parts}; {hidden} grupper med färre än {k} svar visas inte.",
            "Piecu atbilžu daļas pa grupām: {parts}; {hidden} grupas ar mazāk nekā {k} atbildēm netiek rādītas.",
            "Penkių atsakymų dalys pagal grupę: {parts}; {hidden} grupės, turinčios mažiau nei {k} atsakymų, nerodomos.",
            "Proporções das cinco respostas por grupo: {parts}; {hidden} grupos com menos de {k} respostas não são mostrados.",
            "Ποσοστά των πέντε απαντήσεων ανά ομάδα: {parts}· {hidden} ομάδες με λιγότερες από {k} απαντήσεις δεν εμφανίζονται.",
        ],
    ),
    (
        "desc.likert.part",
        [
            "{group} {share} agree",
            "{group} {share} instämmer",
            "{group} {share} piekrīt",
            "{group} {share} sutinka",
            "{group} {share} concordam",
            "{group} {share} συμφωνούν",
        ],
    ),
    (
        "desc.likert.question",
        [
            "Shares of the five answers to {code} ({text}) by group: {parts}; {hidden} groups with fewer than {k} responses are not shown.",
            "Andelar av de fem svaren på {code} ({text}) per grupp: {parts}; {hidden} grupper med färre än {k} svar visas inte.",
            "Piecu atbilžu uz {code} ({text}) daļas pa grupām: {parts}; {hidden} grupas ar mazāk nekā {k} atbildēm netiek rādītas.",
            "Penkių atsakymų į {code} ({text}) dalys pagal grupę: {parts}; {hidden} grupės, turinčios mažiau nei {k} atsakymų, nerodomos.",
            "Proporções das cinco respostas a {code} ({text}) por grupo: {parts}; {hidden} grupos com menos de {k} respostas não são mostrados.",
            "Ποσοστά των πέντε απαντήσεων στο {code} ({text}) ανά ομάδα: {parts}· {hidden} ομάδες με λιγότερες από {k} απαντήσεις δεν εμφανίζονται.",
        ],
    ),
    (
        "desc.registry",
        [
            "Active organisations per 10,000 inhabitants and the share of registered organisations that have closed, by country. {parts}.",
            "Aktiva organisationer per 10 000 invånare och andelen registrerade organisationer som har lagts ned, per land. {parts}.",
            "Aktīvās organizācijas uz 10 000 iedzīvotājiem un reģistrēto organizāciju daļa, kas slēgtas, pa valstīm. {parts}.",
            "Veikiančios organizacijos 10 000 gyventojų ir uždarytų registruotų organizacijų dalis pagal šalį. {parts}.",
            "Organizações ativas por 10 000 habitantes e proporção das organizações registadas que encerraram, por país. {parts}.",
            "Ενεργές οργανώσεις ανά 10.000 κατοίκους και ποσοστό των καταχωρισμένων οργανώσεων που έχουν κλείσει, ανά χώρα. {parts}.",
        ],
    ),
    (
        "desc.registry-years",
        [
            "Organisations founded and closed per year from {from} to {to}, one line per country. {parts}.",
            "Organisationer grundade och nedlagda per år från {from} till {to}, en linje per land. {parts}.",
            "Organizācijas, kas dibinātas un slēgtas katru gadu no {from} līdz {to}, viena līnija katrai valstij. {parts}.",
            "Per metus įsteigtos ir uždarytos organizacijos nuo {from} iki {to}, viena linija kiekvienai šaliai. {parts}.",
            "Organizações fundadas e encerradas por ano de {from} a {to}, uma linha por país. {parts}.",
            "Οργανώσεις που ιδρύθηκαν και έκλεισαν ανά έτος από {from} έως {to}, μία γραμμή ανά χώρα. {parts}.",
        ],
    ),
    (
        "desc.registry-years.part",
        [
            "{country}: {founded} founded, {closed} closed",
            "{country}: {founded} grundade, {closed} nedlagda",
            "{country}: {founded} dibinātas, {closed} slēgtas",
            "{country}: {founded} įsteigtos, {closed} uždarytos",
            "{country}: {founded} fundadas, {closed} encerradas",
            "{country}: {founded} ιδρύθηκαν, {closed} έκλεισαν",
        ],
    ),
    (
        "desc.registry.part",
        [
            "{country}: {per10k} active per 10,000 inhabitants, {closed} closed",
            "{country}: {per10k} aktiva per 10 000 invånare, {closed} nedlagda",
            "{country}: {per10k} aktīvas uz 10 000 iedzīvotājiem, {closed} slēgtas",
            "{country}: {per10k} veikiančios 10 000 gyventojų, {closed} uždarytos",
            "{country}: {per10k} ativas por 10 000 habitantes, {closed} encerradas",
            "{country}: {per10k} ενεργές ανά 10.000 κατοίκους, {closed} έκλεισαν",
        ],
    ),
    (
        "desc.role-gap",
        [
            "Difference between the mean score of municipal officials and of organisation representatives, with 95 % Welch intervals, for {pairs} theme and country pairs: officials higher in {higher}, lower in {lower}; {hidden} pairs with a group of fewer than {k} responses are not shown.",
            "Skillnad mellan medelvärdet för kommunala tjänstepersoner och för organisationsföreträdare, med 95 % Welch-intervall, för {pairs} par av tema och land: tjänstepersonerna högre i {higher}, lägre i {lower}; {hidden} par med en grupp med färre än {k} svar visas inte.",
            "Atšķirība starp pašvaldību darbinieku un organizāciju pārstāvju vidējo vērtējumu ar 95 % Velča intervāliem {pairs} tēmu un valstu pāriem: darbiniekiem augstāks {higher}, zemāks {lower}; {hidden} pāri, kuros kādā grupā ir mazāk nekā {k} atbildes, netiek rādīti.",
            "Savivaldybių darbuotojų ir organizacijų atstovų vidutinio balo skirtumas su 95 % Welcho intervalais {pairs} temų ir šalių poroms: darbuotojų aukštesnis {higher}, žemesnis {lower}; {hidden} poros, kurių grupėje mažiau nei {k} atsakymų, nerodomos.",
            "Diferença entre a pontuação média dos técnicos municipais e dos representantes das organizações, com intervalos de Welch a 95 %, para {pairs} pares de tema e país: técnicos mais alto em {higher}, mais baixo em {lower}; {hidden} pares com um grupo de menos de {k} respostas não são mostrados.",
            "Διαφορά μεταξύ της μέσης βαθμολογίας των δημοτικών υπαλλήλων και των εκπροσώπων οργανώσεων, με διαστήματα Welch 95 %, για {pairs} ζεύγη θέματος και χώρας: υψηλότερη των υπαλλήλων σε {higher}, χαμηλότερη σε {lower}· {hidden} ζεύγη με ομάδα λιγότερων από {k} απαντήσεων δεν εμφανίζονται.",
        ],
    ),
    (
        "desc.theme-frequency",
        [
            "Number of coded interview findings per theme and country, shaded by the share of the country's findings. {parts}.",
            "Antal kodade intervjufynd per tema och land, skuggade efter andelen av landets fynd. {parts}.",
            "Kodēto interviju atzinumu skaits pa tēmām un valstīm, iekrāsots pēc daļas no valsts atzinumiem. {parts}.",
            "Užkoduotų interviu išvadų skaičius pagal temą ir šalį, nuspalvintas pagal šalies išvadų dalį. {parts}.",
            "Número de resultados codificados das entrevistas por tema e país, sombreado pela proporção dos resultados do país. {parts}.",
            "Αριθμός κωδικοποιημένων ευρημάτων συνεντεύξεων ανά θέμα και χώρα, σκιασμένος κατά το ποσοστό των ευρημάτων της χώρας. {parts}.",
        ],
    ),
    (
        "desc.theme-frequency.part",
        [
            "{country}: {n} findings, most often {theme}",
            "{country}: {n} fynd, oftast {theme}",
            "{country}: {n} atzinumi, visbiežāk {theme}",
            "{country}: {n} išvados, dažniausiai {theme}",
            "{country}: {n} resultados, mais frequente {theme}",
            "{country}: {n} ευρήματα, συχνότερα {theme}",
        ],
    ),
    (
        "desc.theme-scores",
        [
            "Mean scores from 1 to 5 with 95 % confidence intervals for {groups} groups of respondents (theme, country and role) across {themes} themes; {hidden} groups with fewer than {k} responses are not shown.",
            "Medelvärden från 1 till 5 med 95 % konfidensintervall för {groups} grupper av svarande (tema, land och roll) över {themes} teman; {hidden} grupper med färre än {k} svar visas inte.",
            "Vidējie vērtējumi no 1 līdz 5 ar 95 % ticamības intervāliem {groups} respondentu grupām (tēma, valsts un loma) {themes} tēmās; {hidden} grupas ar mazāk nekā {k} atbildēm netiek rādītas.",
            "Vidutiniai balai nuo 1 iki 5 su 95 % pasikliautinaisiais intervalais {groups} respondentų grupėms (tema, šalis ir vaidmuo) {themes} temose; {hidden} grupės, turinčios mažiau nei {k} atsakymų, nerodomos.",
            "Pontuações médias de 1 a 5 com intervalos de confiança de 95 % para {groups} grupos de inquiridos (tema, país e papel) em {themes} temas; {hidden} grupos com menos de {k} respostas não são mostrados.",
            "Μέσες βαθμολογίες από 1 έως 5 με διαστήματα εμπιστοσύνης 95 % για {groups} ομάδες ερωτηθέντων (θέμα, χώρα και ρόλος) σε {themes} θέματα· {hidden} ομάδες με λιγότερες από {k} απαντήσεις δεν εμφανίζονται.",
        ],
    ),
    (
        "desc.wave-change",
        [
            "Change of the mean theme score from survey {from} to survey {to}, with 95 % Welch intervals, for {pairs} theme and country pairs: higher in {higher}, lower in {lower}, the rest within the interval's reach of no change; {hidden} pairs with a wave of fewer than {k} responses are not shown.",
            "Förändring av temats medelvärde från enkät {from} till enkät {to}, med 95 % Welch-intervall, för {pairs} par av tema och land: högre i {higher}, lägre i {lower}, resten inom intervallets räckvidd från ingen förändring; {hidden} par med en omgång med färre än {k} svar visas inte.",
            "Tēmas vidējā vērtējuma izmaiņas no aptaujas {from} līdz aptaujai {to} ar 95 % Velča intervāliem {pairs} tēmu un valstu pāriem: augstāks {higher}, zemāks {lower}, pārējie intervāla robežās bez izmaiņām; {hidden} pāri, kuros kādā kārtā ir mazāk nekā {k} atbildes, netiek rādīti.",
            "Temos vidutinio balo pokytis nuo apklausos {from} iki apklausos {to} su 95 % Welcho intervalais {pairs} temų ir šalių poroms: aukštesnis {higher}, žemesnis {lower}, kiti intervalo ribose be pokyčio; {hidden} poros, kurių bangoje mažiau nei {k} atsakymų, nerodomos.",
            "Variação da pontuação média do tema do inquérito {from} para o inquérito {to}, com intervalos de Welch a 95 %, para {pairs} pares de tema e país: mais alta em {higher}, mais baixa em {lower}, as restantes sem alteração dentro do intervalo; {hidden} pares com uma vaga de menos de {k} respostas não são mostrados.",
            "Μεταβολή της μέσης βαθμολογίας θέματος από την έρευνα {from} στην έρευνα {to}, με διαστήματα Welch 95 %, για {pairs} ζεύγη θέματος και χώρας: υψηλότερη σε {higher}, χαμηλότερη σε {lower}, οι υπόλοιπες χωρίς μεταβολή εντός του διαστήματος· {hidden} ζεύγη με κύμα λιγότερων από {k} απαντήσεων δεν εμφανίζονται.",
        ],
    ),
    (
        "description",
        [
            "What was done and how",
            "Vad som gjordes och hur",
            "Kas tika darīts un kā",
            "Kas buvo padaryta ir kaip",
            "O que foi feito e como",
            "Τι έγινε και πώς",
        ],
    ),
    (
        "download",
        [
            "Download",
            "Ladda ner",
            "Lejupielādēt",
            "Atsisiųsti",
            "Descarregar",
            "Λήψη",
        ],
    ),
    (
        "draft",
        [
            "Draft",
            "Utkast",
            "Melnraksts",
            "Juodraštis",
            "Rascunho",
            "Προσχέδιο",
        ],
    ),
    ("due", ["When", "När", "Kad", "Kada", "Quando", "Πότε"]),
    (
        "edit",
        [
            "Edit",
            "Redigera",
            "Labot",
            "Redaguoti",
            "Editar",
            "Επεξεργασία",
        ],
    ),
    (
        "edit_conflict",
        [
            "Someone else changed this organisation while you were editing it. Their values are saved; yours are in the form below: check them and save again to replace theirs.",
            "Någon annan ändrade organisationen medan du redigerade den. Deras värden är sparade; dina står i formuläret nedan: kontrollera dem och spara igen för att ersätta deras.",
            "Kāds cits mainīja šo organizāciju, kamēr jūs to labojāt. Viņu vērtības ir saglabātas; jūsējās ir zemāk esošajā veidlapā: pārbaudiet tās un saglabājiet vēlreiz, lai aizstātu viņējās.",
            "Kol redagavote, kažkas kitas pakeitė šią organizaciją. Jo reikšmės išsaugotos; jūsų – toliau esančioje formoje: patikrinkite jas ir išsaugokite dar kartą, kad pakeistumėte jo reikšmes.",
            "Outra pessoa alterou esta organização enquanto a editava. Os valores dela estão guardados; os seus estão no formulário abaixo: verifique-os e guarde de novo para substituir os dela.",
            "Κάποιος άλλος άλλαξε αυτή την οργάνωση ενώ την επεξεργαζόσασταν. Οι τιμές του έχουν αποθηκευτεί· οι δικές σας είναι στη φόρμα παρακάτω: ελέγξτε τες και αποθηκεύστε ξανά για να αντικαταστήσετε τις δικές του.",
        ],
    ),
    (
        "effect_size",
        [
            "Effect size ε² (0 = none, 1 = complete)",
            "Effektstorlek ε² (0 = ingen, 1 = fullständig)",
            "Efekta lielums ε² (0 = nav, 1 = pilnīgs)",
            "Poveikio dydis ε² (0 = nėra, 1 = visiškas)",
            "Dimensão do efeito ε² (0 = nenhum, 1 = total)",
            "Μέγεθος επίδρασης ε² (0 = καμία, 1 = πλήρης)",
        ],
    ),
    (
        "end_year",
        [
            "Year ended",
            "Slutår",
            "Beigu gads",
            "Pabaigos metai",
            "Ano de fim",
            "Έτος λήξης",
        ],
    ),
    (
        "evidence",
        [
            "Evidence",
            "Underlag",
            "Pierādījumi",
            "Įrodymai",
            "Evidência",
            "Τεκμήρια",
        ],
    ),
    (
        "facts",
        ["Facts", "Fakta", "Fakti", "Faktai", "Factos", "Στοιχεία"],
    ),
    (
        "fewer_than_k",
        [
            "fewer than {k} responses",
            "färre än {k} svar",
            "mazāk nekā {k} atbildes",
            "mažiau nei {k} atsakymai",
            "menos de {k} respostas",
            "λιγότερες από {k} απαντήσεις",
        ],
    ),
    (
        "field",
        ["Field", "Fält", "Lauks", "Laukas", "Campo", "Πεδίο"],
    ),
    (
        "fields_of_activity",
        [
            "Fields of activity",
            "Verksamhetsområden",
            "Darbības jomas",
            "Veiklos sritys",
            "Áreas de atividade",
            "Πεδία δράσης",
        ],
    ),
    (
        "figure.AGREE_SHARE",
        [
            "Share agreeing with {item} in {country}",
            "Andel som instämmer i {item} i {country}",
            "Piekrītošo daļa jautājumā {item}, {country}",
            "Sutinkančiųjų dalis klausime {item}, {country}",
            "Proporção que concorda com {item}, {country}",
            "Ποσοστό που συμφωνεί με το {item} στην {country}",
        ],
    ),
    (
        "figure.ROLE_GAP",
        [
            "Role gap (officials − organisations) on {item} in {country}",
            "Skillnad mellan roller (tjänstepersoner − organisationer) för {item} i {country}",
            "Lomu atšķirība (darbinieki − organizācijas) tēmā {item}, {country}",
            "Vaidmenų skirtumas (darbuotojai − organizacijos) temoje {item}, {country}",
            "Diferença entre papéis (técnicos − organizações) em {item}, {country}",
            "Διαφορά ρόλων (υπάλληλοι − οργανώσεις) για {item} στην {country}",
        ],
    ),
    (
        "figure.THEME_SCORE",
        [
            "Mean score on {item} in {country}",
            "Medelvärde för {item} i {country}",
            "Vidējais vērtējums tēmā {item}, {country}",
            "Vidutinis balas temoje {item}, {country}",
            "Pontuação média em {item}, {country}",
            "Μέση βαθμολογία για {item} στην {country}",
        ],
    ),
    (
        "file",
        [
            "File (CSV or XLSX)",
            "Fil (CSV eller XLSX)",
            "Fails (CSV vai XLSX)",
            "Failas (CSV arba XLSX)",
            "Ficheiro (CSV ou XLSX)",
            "Αρχείο (CSV ή XLSX)",
        ],
    ),
    (
        "file_kind",
        [
            "What the file holds",
            "Vad filen innehåller",
            "Faila saturs",
            "Failo turinys",
            "O que o ficheiro contém",
            "Τι περιέχει το αρχείο",
        ],
    ),
    (
        "findings",
        [
            "Interview findings",
            "Intervjuresultat",
            "Interviju atziņas",
            "Interviu įžvalgos",
            "Resultados das entrevistas",
            "Ευρήματα συνεντεύξεων",
        ],
    ),
    (
        "form_problems",
        [
            "Some values need correcting",
            "Några värden behöver rättas",
            "Dažas vērtības jālabo",
            "Kai kurias reikšmes reikia pataisyti",
            "Alguns valores precisam de ser corrigidos",
            "Ορισμένες τιμές χρειάζονται διόρθωση",
        ],
    ),
    (
        "founded",
        [
            "Founded",
            "Grundad",
            "Dibināta",
            "Įkurta",
            "Fundada",
            "Ίδρυση",
        ],
    ),
    (
        "founded_per_year",
        [
            "Founded",
            "Grundade",
            "Dibinātas",
            "Įsteigtos",
            "Fundadas",
            "Ιδρύθηκαν",
        ],
    ),
    (
        "frequent_sub_codes",
        [
            "Most frequent sub-codes in the interviews",
            "Vanligaste underkoderna i intervjuerna",
            "Biežākie apakškodi intervijās",
            "Dažniausi subkodai interviu",
            "Subcódigos mais frequentes nas entrevistas",
            "Συχνότεροι υποκωδικοί στις συνεντεύξεις",
        ],
    ),
    (
        "fresh_answered",
        [
            "Answered",
            "Svarat",
            "Atbildējušas",
            "Atsakė",
            "Responderam",
            "Απάντησαν",
        ],
    ),
    (
        "fresh_linked",
        [
            "Sent a private link",
            "Fått en privat länk",
            "Saņēmušas privātu saiti",
            "Gavo privačią nuorodą",
            "Receberam uma ligação privada",
            "Έλαβαν ιδιωτικό σύνδεσμο",
        ],
    ),
    (
        "fresh_opened",
        [
            "Opened it",
            "Öppnat den",
            "To atvērušas",
            "Ją atidarė",
            "Abriram-na",
            "Τον άνοιξαν",
        ],
    ),
    (
        "freshness_title",
        [
            "How fresh the registry is",
            "Hur aktuellt registret är",
            "Cik aktuāls ir reģistrs",
            "Kiek registras aktualus",
            "Quão atualizado está o registo",
            "Πόσο ενημερωμένο είναι το μητρώο",
        ],
    ),
    (
        "freshness_unit",
        [
            "Share of the organisations not closed",
            "Andel av organisationerna som inte har upphört",
            "Daļa no organizācijām, kas nav slēgtas",
            "Neuždarytų organizacijų dalis",
            "Parte das organizações não encerradas",
            "Ποσοστό των οργανισμών που δεν έχουν κλείσει",
        ],
    ),
    (
        "funding",
        [
            "Funding",
            "Finansiering",
            "Finansējums",
            "Finansavimas",
            "Financiamento",
            "Χρηματοδότηση",
        ],
    ),
    (
        "gap_axis",
        [
            "Officials minus organisations (mean, 95 % interval)",
            "Tjänstepersoner minus organisationer (medel, 95 % intervall)",
            "Ierēdņi mīnus organizācijas (vidējais, 95 % intervāls)",
            "Valdininkai minus organizacijos (vidurkis, 95 % intervalas)",
            "Funcionários menos organizações (média, intervalo de 95 %)",
            "Υπάλληλοι μείον οργανώσεις (μέσος, διάστημα 95 %)",
        ],
    ),
    (
        "hidden_note",
        [
            "groups with fewer than {k} responses are not shown",
            "grupper med färre än {k} svar visas inte",
            "grupas ar mazāk nekā {k} atbildēm netiek rādītas",
            "grupės, turinčios mažiau nei {k} atsakymus, nerodomos",
            "grupos com menos de {k} respostas não são mostrados",
            "ομάδες με λιγότερες από {k} απαντήσεις δεν εμφανίζονται",
        ],
    ),
    (
        "import_refused",
        [
            "Nothing was written: the file has problems",
            "Inget skrevs: filen har problem",
            "Nekas netika ierakstīts: failā ir problēmas",
            "Niekas neįrašyta: faile yra problemų",
            "Nada foi escrito: o ficheiro tem problemas",
            "Δεν γράφτηκε τίποτα: το αρχείο έχει προβλήματα",
        ],
    ),
    (
        "import_written",
        [
            "Imported",
            "Importerat",
            "Importēts",
            "Importuota",
            "Importado",
            "Εισήχθη",
        ],
    ),
    (
        "imports",
        [
            "Upload a file",
            "Ladda upp en fil",
            "Augšupielādēt failu",
            "Įkelti failą",
            "Carregar um ficheiro",
            "Μεταφόρτωση αρχείου",
        ],
    ),
    ("inserted", ["New", "Nya", "Jauni", "Nauji", "Novos", "Νέα"]),
    (
        "interviews",
        [
            "Interviews",
            "Intervjuer",
            "Intervijas",
            "Interviu",
            "Entrevistas",
            "Συνεντεύξεις",
        ],
    ),
    (
        "kind",
        [
            "Organisation kind",
            "Typ av organisation",
            "Organizācijas veids",
            "Organizacijos rūšis",
            "Tipo de organização",
            "Είδος οργάνωσης",
        ],
    ),
    (
        "lang",
        ["Language", "Språk", "Valoda", "Kalba", "Língua", "Γλώσσα"],
    ),
    (
        "languages",
        [
            "Languages",
            "Språk",
            "Valodas",
            "Kalbos",
            "Línguas",
            "Γλώσσες",
        ],
    ),
    (
        "last_verified",
        [
            "Last checked",
            "Senast kontrollerad",
            "Pēdējo reizi pārbaudīts",
            "Paskutinį kartą tikrinta",
            "Última verificação",
            "Τελευταίος έλεγχος",
        ],
    ),
    (
        "lessons",
        [
            "Lessons learned",
            "Lärdomar",
            "Gūtās atziņas",
            "Išmoktos pamokos",
            "Lições aprendidas",
            "Διδάγματα",
        ],
    ),
    (
        "likert_title",
        [
            "Answers to one question, by country",
            "Svar på en fråga, per land",
            "Atbildes uz vienu jautājumu, pa valstīm",
            "Atsakymai į vieną klausimą, pagal šalį",
            "Respostas a uma pergunta, por país",
            "Απαντήσεις σε μία ερώτηση, ανά χώρα",
        ],
    ),
    (
        "links_answered",
        [
            "Answered",
            "Besvarade",
            "Atbildētas",
            "Atsakytos",
            "Respondidas",
            "Απαντήθηκαν",
        ],
    ),
    (
        "links_days",
        [
            "Days the links work",
            "Dagar som länkarna fungerar",
            "Dienas, cik ilgi saites darbojas",
            "Kiek dienų nuorodos veikia",
            "Dias de validade das ligações",
            "Ημέρες ισχύος των συνδέσμων",
        ],
    ),
    (
        "links_intro",
        [
            "Make a private link for every organisation of a region that is not closed, as a CSV file for a mail merge. The links are shown only in this file: keep it private. Each organisation can confirm its entry, report that it closed or propose corrections, which wait here for review.",
            "Skapa en privat länk för varje organisation i en region som inte har upphört, som en CSV-fil för koppling av brev. Länkarna visas bara i den filen: håll den privat. Varje organisation kan bekräfta sina uppgifter, meddela att den upphört eller föreslå rättelser, som väntar här på granskning.",
            "Izveidojiet privātu saiti katrai reģiona organizācijai, kas nav slēgta, kā CSV failu sapludināšanai. Saites redzamas tikai šajā failā: glabājiet to privāti. Katra organizācija var apstiprināt savu ierakstu, ziņot, ka tā slēgta, vai ierosināt labojumus, kas šeit gaida pārskatīšanu.",
            "Sukurkite privačią nuorodą kiekvienai regiono neuždarytai organizacijai kaip CSV failą laiškų suliejimui. Nuorodos rodomos tik šiame faile: laikykite jį privačiai. Kiekviena organizacija gali patvirtinti savo įrašą, pranešti, kad užsidarė, arba pasiūlyti pataisymus, kurie čia laukia peržiūros.",
            "Crie uma ligação privada para cada organização de uma região que não esteja encerrada, como ficheiro CSV para impressão em série. As ligações só aparecem neste ficheiro: mantenha-o privado. Cada organização pode confirmar o seu registo, comunicar que encerrou ou propor correções, que aguardam aqui revisão.",
            "Δημιουργήστε έναν ιδιωτικό σύνδεσμο για κάθε οργανισμό μιας περιφέρειας που δεν έχει κλείσει, ως αρχείο CSV για συγχώνευση αλληλογραφίας. Οι σύνδεσμοι εμφανίζονται μόνο σε αυτό το αρχείο: κρατήστε το ιδιωτικό. Κάθε οργανισμός μπορεί να επιβεβαιώσει την εγγραφή του, να δηλώσει ότι έκλεισε ή να προτείνει διορθώσεις, που περιμένουν εδώ για έλεγχο.",
        ],
    ),
    (
        "links_opened",
        [
            "Opened",
            "Öppnade",
            "Atvērtas",
            "Atidarytos",
            "Abertas",
            "Ανοίχτηκαν",
        ],
    ),
    (
        "links_sent",
        [
            "Links sent",
            "Länkar skickade",
            "Nosūtītas saites",
            "Išsiųstos nuorodos",
            "Ligações enviadas",
            "Σύνδεσμοι που στάλθηκαν",
        ],
    ),
    (
        "links_title",
        [
            "Private links for the listed organisations",
            "Privata länkar till de listade organisationerna",
            "Privātas saites uzskaitītajām organizācijām",
            "Privačios nuorodos įtrauktoms organizacijoms",
            "Ligações privadas para as organizações listadas",
            "Ιδιωτικοί σύνδεσμοι για τους καταχωρισμένους οργανισμούς",
        ],
    ),
    (
        "list_hint",
        [
            "Codes separated by ;",
            "Koder åtskilda med ;",
            "Kodi, atdalīti ar ;",
            "Kodai, atskirti ;",
            "Códigos separados por ;",
            "Κωδικοί χωρισμένοι με ;",
        ],
    ),
    (
        "make_links",
        [
            "Make links (CSV file)",
            "Skapa länkar (CSV-fil)",
            "Izveidot saites (CSV fails)",
            "Sukurti nuorodas (CSV failas)",
            "Criar ligações (ficheiro CSV)",
            "Δημιουργία συνδέσμων (αρχείο CSV)",
        ],
    ),
    (
        "mean_axis",
        [
            "Mean score, 1 to 5, with 95 % interval",
            "Medelvärde, 1 till 5, med 95 % intervall",
            "Vidējais vērtējums no 1 līdz 5 ar 95 % intervālu",
            "Vidutinis įvertis nuo 1 iki 5 su 95 % intervalu",
            "Pontuação média de 1 a 5, com intervalo de 95 %",
            "Μέση βαθμολογία 1 έως 5, με διάστημα 95 %",
        ],
    ),
    (
        "mean_score",
        [
            "Mean score (1–5)",
            "Medelpoäng (1–5)",
            "Vidējais vērtējums (1–5)",
            "Vidutinis įvertis (1–5)",
            "Pontuação média (1–5)",
            "Μέση βαθμολογία (1–5)",
        ],
    ),
    (
        "more_problems",
        [
            "More problems not listed",
            "Fler problem visas inte",
            "Vairāk problēmu nav parādītas",
            "Daugiau problemų nerodoma",
            "Mais problemas não listados",
            "Περισσότερα προβλήματα δεν εμφανίζονται",
        ],
    ),
    (
        "municipalities",
        [
            "Municipalities",
            "Kommuner",
            "Pašvaldības",
            "Savivaldybės",
            "Municípios",
            "Δήμοι",
        ],
    ),
    (
        "municipality",
        [
            "Municipality",
            "Kommun",
            "Pašvaldība",
            "Savivaldybė",
            "Município",
            "Δήμος",
        ],
    ),
    (
        "name",
        ["Name", "Namn", "Nosaukums", "Pavadinimas", "Nome", "Όνομα"],
    ),
    (
        "next",
        ["Next", "Nästa", "Nākamie", "Kiti", "Seguinte", "Επόμενα"],
    ),
    (
        "no_municipality",
        [
            "No municipality given",
            "Ingen kommun angiven",
            "Pašvaldība nav norādīta",
            "Savivaldybė nenurodyta",
            "Município não indicado",
            "Δεν δηλώθηκε δήμος",
        ],
    ),
    (
        "no_results",
        [
            "Nothing matches.",
            "Inget matchar.",
            "Nekas neatbilst.",
            "Nieko nerasta.",
            "Nada corresponde.",
            "Δεν βρέθηκε τίποτα.",
        ],
    ),
    (
        "note",
        [
            "Note",
            "Anteckning",
            "Piezīme",
            "Pastaba",
            "Nota",
            "Σημείωση",
        ],
    ),
    (
        "officials",
        [
            "Officials",
            "Tjänstepersoner",
            "Ierēdņi",
            "Valdininkai",
            "Funcionários",
            "Υπάλληλοι",
        ],
    ),
    (
        "org_ids_hint",
        [
            "Registry ids of the organisations, separated by ;",
            "Registrets id för organisationerna, åtskilda med ;",
            "Organizāciju reģistra identifikatori, atdalīti ar ;",
            "Organizacijų registro identifikatoriai, atskirti ;",
            "Identificadores das organizações no registo, separados por ;",
            "Αναγνωριστικά μητρώου των οργανισμών, χωρισμένα με ;",
        ],
    ),
    (
        "organisations",
        [
            "Organisations",
            "Organisationer",
            "Organizācijas",
            "Organizacijos",
            "Organizações",
            "Οργανώσεις",
        ],
    ),
    (
        "outcome",
        [
            "Outcome",
            "Resultat",
            "Rezultāts",
            "Rezultatas",
            "Resultado",
            "Αποτέλεσμα",
        ],
    ),
    (
        "outcomes",
        [
            "Outcomes",
            "Resultat",
            "Rezultāti",
            "Rezultatai",
            "Resultados",
            "Αποτελέσματα",
        ],
    ),
    (
        "overview",
        [
            "Overview",
            "Översikt",
            "Pārskats",
            "Apžvalga",
            "Visão geral",
            "Επισκόπηση",
        ],
    ),
    (
        "password",
        [
            "Password",
            "Lösenord",
            "Parole",
            "Slaptažodis",
            "Palavra-passe",
            "Κωδικός πρόσβασης",
        ],
    ),
    (
        "place",
        [
            "Town or village",
            "Ort",
            "Apdzīvota vieta",
            "Gyvenvietė",
            "Localidade",
            "Τοποθεσία",
        ],
    ),
    (
        "population",
        [
            "Population",
            "Befolkning",
            "Iedzīvotāji",
            "Gyventojai",
            "População",
            "Πληθυσμός",
        ],
    ),
    (
        "problem",
        [
            "Problem",
            "Problem",
            "Problēma",
            "Problema",
            "Problema",
            "Πρόβλημα",
        ],
    ),
    (
        "problem_code",
        ["Code", "Kod", "Kods", "Kodas", "Código", "Κωδικός"],
    ),
    (
        "proposed_value",
        [
            "Proposed",
            "Föreslaget",
            "Ierosināts",
            "Pasiūlyta",
            "Proposto",
            "Προτεινόμενο",
        ],
    ),
    (
        "question",
        [
            "Question",
            "Fråga",
            "Jautājums",
            "Klausimas",
            "Pergunta",
            "Ερώτηση",
        ],
    ),
    (
        "quotes",
        [
            "Quotes",
            "Citat",
            "Citāti",
            "Citatos",
            "Citações",
            "Αποσπάσματα",
        ],
    ),
    (
        "recommendations",
        [
            "Recommendations",
            "Rekommendationer",
            "Ieteikumi",
            "Rekomendacijos",
            "Recomendações",
            "Συστάσεις",
        ],
    ),
    (
        "recommendations_title",
        [
            "Conclusions, recommendations, toolkit and roadmap",
            "Slutsatser, rekommendationer, verktygslåda och färdplan",
            "Secinājumi, ieteikumi, rīku kopa un ceļvedis",
            "Išvados, rekomendacijos, priemonių rinkinys ir veiksmų planas",
            "Conclusões, recomendações, kit de ferramentas e roteiro",
            "Συμπεράσματα, συστάσεις, εργαλειοθήκη και χάρτης πορείας",
        ],
    ),
    (
        "region",
        [
            "Region",
            "Region",
            "Reģions",
            "Regionas",
            "Região",
            "Περιοχή",
        ],
    ),
    (
        "registry",
        [
            "Registry",
            "Register",
            "Reģistrs",
            "Registras",
            "Registo",
            "Μητρώο",
        ],
    ),
    (
        "registry_title",
        [
            "Local organisations by country",
            "Lokala organisationer per land",
            "Vietējās organizācijas pa valstīm",
            "Vietos organizacijos pagal šalį",
            "Organizações locais por país",
            "Τοπικές οργανώσεις ανά χώρα",
        ],
    ),
    (
        "registry_years_title",
        [
            "Organisations founded and closed per year",
            "Organisationer grundade och nedlagda per år",
            "Dibinātās un slēgtās organizācijas pa gadiem",
            "Įsteigtos ir uždarytos organizacijos pagal metus",
            "Organizações fundadas e encerradas por ano",
            "Οργανισμοί που ιδρύθηκαν και έκλεισαν ανά έτος",
        ],
    ),
    (
        "reject",
        [
            "Reject",
            "Avslå",
            "Noraidīt",
            "Atmesti",
            "Rejeitar",
            "Απόρριψη",
        ],
    ),
    (
        "removed",
        [
            "Removed",
            "Borttagna",
            "Dzēsti",
            "Pašalinti",
            "Removidos",
            "Αφαιρέθηκαν",
        ],
    ),
    (
        "respondents",
        [
            "Survey respondents",
            "Enkätsvarande",
            "Aptaujas respondenti",
            "Apklausos respondentai",
            "Inquiridos",
            "Ερωτηθέντες",
        ],
    ),
    (
        "review_note",
        [
            "Your note (optional)",
            "Din anteckning (valfri)",
            "Jūsu piezīme (nav obligāta)",
            "Jūsų pastaba (neprivaloma)",
            "A sua nota (opcional)",
            "Η σημείωσή σας (προαιρετική)",
        ],
    ),
    (
        "reviews",
        [
            "Proposed corrections",
            "Föreslagna rättelser",
            "Ierosinātie labojumi",
            "Pasiūlyti pataisymai",
            "Correções propostas",
            "Προτεινόμενες διορθώσεις",
        ],
    ),
    (
        "roadmap",
        [
            "Roadmap",
            "Färdplan",
            "Ceļvedis",
            "Veiksmų planas",
            "Roteiro",
            "Χάρτης πορείας",
        ],
    ),
    (
        "role",
        ["Role", "Roll", "Loma", "Vaidmuo", "Papel", "Ρόλος"],
    ),
    (
        "role_gap_title",
        [
            "Gap between officials and organisations, by theme",
            "Skillnad mellan tjänstepersoner och organisationer, per tema",
            "Atšķirība starp ierēdņiem un organizācijām, pa tēmām",
            "Skirtumas tarp valdininkų ir organizacijų, pagal temą",
            "Diferença entre funcionários e organizações, por tema",
            "Διαφορά υπαλλήλων και οργανώσεων, ανά θέμα",
        ],
    ),
    ("row", ["Row", "Rad", "Rinda", "Eilutė", "Linha", "Γραμμή"]),
    (
        "save",
        [
            "Save",
            "Spara",
            "Saglabāt",
            "Išsaugoti",
            "Guardar",
            "Αποθήκευση",
        ],
    ),
    (
        "search",
        [
            "Search by name",
            "Sök på namn",
            "Meklēt pēc nosaukuma",
            "Ieškoti pagal pavadinimą",
            "Procurar pelo nome",
            "Αναζήτηση με όνομα",
        ],
    ),
    (
        "self_check_confirm",
        [
            "This is right",
            "Detta stämmer",
            "Tas ir pareizi",
            "Tai teisinga",
            "Está correto",
            "Είναι σωστό",
        ],
    ),
    (
        "self_check_done",
        [
            "Thank you: the registry now notes that your entry was checked today.",
            "Tack: registret anger nu att uppgifterna kontrollerades i dag.",
            "Paldies: reģistrā tagad norādīts, ka jūsu ieraksts šodien pārbaudīts.",
            "Ačiū: registre dabar pažymėta, kad jūsų įrašas patikrintas šiandien.",
            "Obrigado: o registo indica agora que a sua entrada foi verificada hoje.",
            "Ευχαριστούμε: το μητρώο σημειώνει πλέον ότι η καταχώρισή σας ελέγχθηκε σήμερα.",
        ],
    ),
    (
        "self_check_gone",
        [
            "This link no longer works: it has expired or was withdrawn. Ask your region's contact for a new one.",
            "Länken fungerar inte längre: den har gått ut eller dragits tillbaka. Be din regions kontaktperson om en ny.",
            "Šī saite vairs nedarbojas: tai beidzies derīgums vai tā atsaukta. Lūdziet jaunu sava reģiona kontaktpersonai.",
            "Ši nuoroda nebeveikia: baigėsi jos galiojimas arba ji atšaukta. Paprašykite naujos savo regiono kontaktinio asmens.",
            "Esta ligação já não funciona: expirou ou foi retirada. Peça uma nova ao contacto da sua região.",
            "Αυτός ο σύνδεσμος δεν λειτουργεί πια: έληξε ή ανακλήθηκε. Ζητήστε νέο από τον υπεύθυνο επικοινωνίας της περιοχής σας.",
        ],
    ),
    (
        "self_check_intro",
        [
            "This is what the registry of local organisations says about your organisation. If it is right, confirm it: the registry notes that it was checked today.",
            "Så här beskriver registret över lokala organisationer er organisation. Stämmer det, bekräfta det: registret anger då att uppgifterna kontrollerades i dag.",
            "Tā vietējo organizāciju reģistrā ir aprakstīta jūsu organizācija. Ja tas ir pareizi, apstipriniet to: reģistrā tiks norādīts, ka ieraksts šodien pārbaudīts.",
            "Taip vietos organizacijų registre aprašyta jūsų organizacija. Jei tai teisinga, patvirtinkite: registre bus pažymėta, kad įrašas patikrintas šiandien.",
            "É isto que o registo de organizações locais diz sobre a sua organização. Se estiver correto, confirme: o registo indica que foi verificado hoje.",
            "Αυτό αναφέρει το μητρώο τοπικών οργανώσεων για την οργάνωσή σας. Αν είναι σωστό, επιβεβαιώστε το: το μητρώο θα σημειώσει ότι ελέγχθηκε σήμερα.",
        ],
    ),
    (
        "self_check_propose",
        [
            "Something is not right? Propose corrections",
            "Stämmer något inte? Föreslå rättelser",
            "Kaut kas nav pareizi? Ierosiniet labojumus",
            "Kažkas neteisinga? Pasiūlykite pataisymus",
            "Algo não está certo? Proponha correções",
            "Κάτι δεν είναι σωστό; Προτείνετε διορθώσεις",
        ],
    ),
    (
        "self_check_proposed",
        [
            "Thank you: an editor of your region will review your corrections.",
            "Tack: en redaktör i din region granskar dina rättelser.",
            "Paldies: jūsu reģiona redaktors izskatīs jūsu labojumus.",
            "Ačiū: jūsų regiono redaktorius peržiūrės jūsų pataisymus.",
            "Obrigado: um editor da sua região vai rever as suas correções.",
            "Ευχαριστούμε: ένας επιμελητής της περιοχής σας θα εξετάσει τις διορθώσεις σας.",
        ],
    ),
    (
        "send",
        ["Send", "Skicka", "Nosūtīt", "Siųsti", "Enviar", "Αποστολή"],
    ),
    (
        "share",
        ["Share", "Andel", "Daļa", "Dalis", "Parte", "Ποσοστό"],
    ),
    (
        "sign_in",
        [
            "Sign in",
            "Logga in",
            "Pieteikties",
            "Prisijungti",
            "Iniciar sessão",
            "Σύνδεση",
        ],
    ),
    (
        "sign_in_failed",
        [
            "The name or the password is wrong.",
            "Fel namn eller lösenord.",
            "Nepareizs vārds vai parole.",
            "Neteisingas vardas arba slaptažodis.",
            "O nome ou a palavra-passe estão errados.",
            "Λάθος όνομα ή κωδικός πρόσβασης.",
        ],
    ),
    (
        "sign_in_slowed",
        [
            "Too many failed sign-ins: try again in {k} seconds.",
            "För många misslyckade inloggningar: försök igen om {k} sekunder.",
            "Pārāk daudz neveiksmīgu pieteikšanos: mēģiniet vēlreiz pēc {k} sekundēm.",
            "Per daug nesėkmingų bandymų prisijungti: bandykite dar kartą po {k} sekundžių.",
            "Demasiadas tentativas falhadas: tente novamente dentro de {k} segundos.",
            "Πάρα πολλές αποτυχημένες συνδέσεις: δοκιμάστε ξανά σε {k} δευτερόλεπτα.",
        ],
    ),
    (
        "sign_out",
        [
            "Sign out",
            "Logga ut",
            "Izrakstīties",
            "Atsijungti",
            "Terminar sessão",
            "Αποσύνδεση",
        ],
    ),
    (
        "signed_in_as",
        [
            "Signed in as",
            "Inloggad som",
            "Pieteicies kā",
            "Prisijungta kaip",
            "Sessão iniciada como",
            "Συνδεδεμένος ως",
        ],
    ),
    (
        "site_title",
        [
            "Youth collaboration hub",
            "Ungdomssamverkan: datahubb",
            "Jauniešu sadarbības datu centrs",
            "Jaunimo bendradarbiavimo duomenų centras",
            "Centro de dados da colaboração juvenil",
            "Κόμβος δεδομένων συνεργασίας νέων",
        ],
    ),
    (
        "start_year",
        [
            "Year started",
            "Startår",
            "Sākuma gads",
            "Pradžios metai",
            "Ano de início",
            "Έτος έναρξης",
        ],
    ),
    (
        "status",
        [
            "Status",
            "Status",
            "Statuss",
            "Būsena",
            "Estado",
            "Κατάσταση",
        ],
    ),
    (
        "sub_code",
        [
            "Sub-code",
            "Underkod",
            "Apakškods",
            "Subkodas",
            "Subcódigo",
            "Υποκωδικός",
        ],
    ),
    (
        "sub_codes_by_country",
        [
            "Sub-codes in the interviews, by country",
            "Underkoder i intervjuerna, per land",
            "Apakškodi intervijās pa valstīm",
            "Subkodai interviu, pagal šalį",
            "Subcódigos nas entrevistas, por país",
            "Υποκωδικοί στις συνεντεύξεις, ανά χώρα",
        ],
    ),
    (
        "successor",
        [
            "Work taken over by",
            "Verksamheten övertagen av",
            "Darbu pārņēma",
            "Veiklą perėmė",
            "Trabalho continuado por",
            "Το έργο ανέλαβε",
        ],
    ),
    (
        "survey",
        [
            "Survey",
            "Enkät",
            "Aptauja",
            "Apklausa",
            "Inquérito",
            "Έρευνα",
        ],
    ),
    (
        "synthetic",
        [
            "Synthetic demo data, not real responses",
            "Syntetiska demodata, inte verkliga svar",
            "Sintētiski demonstrācijas dati, nevis īstas atbildes",
            "Sintetiniai demonstraciniai duomenys, ne tikri atsakymai",
            "Dados sintéticos de demonstração, não respostas reais",
            "Συνθετικά δεδομένα επίδειξης, όχι πραγματικές απαντήσεις",
        ],
    ),
    (
        "target_groups",
        [
            "Target groups",
            "Målgrupper",
            "Mērķgrupas",
            "Tikslinės grupės",
            "Públicos-alvo",
            "Ομάδες-στόχοι",
        ],
    ),
    (
        "their_value",
        [
            "Saved by the other person",
            "Sparat av den andra personen",
            "Saglabāja otra persona",
            "Išsaugojo kitas asmuo",
            "Guardado pela outra pessoa",
            "Αποθηκεύτηκε από τον άλλο",
        ],
    ),
    ("theme", ["Theme", "Tema", "Tēma", "Tema", "Tema", "Θέμα"]),
    (
        "theme_frequency_title",
        [
            "Interview findings by theme and country",
            "Intervjuresultat per tema och land",
            "Interviju atziņas pa tēmām un valstīm",
            "Interviu įžvalgos pagal temą ir šalį",
            "Resultados das entrevistas por tema e país",
            "Ευρήματα συνεντεύξεων ανά θέμα και χώρα",
        ],
    ),
    (
        "theme_pages",
        [
            "Each theme on its own page",
            "Varje tema på en egen sida",
            "Katra tēma savā lapā",
            "Kiekviena tema atskirame puslapyje",
            "Cada tema na sua página",
            "Κάθε θέμα στη δική του σελίδα",
        ],
    ),
    (
        "theme_questions",
        [
            "Survey questions on this theme",
            "Enkätfrågor om temat",
            "Aptaujas jautājumi par šo tēmu",
            "Apklausos klausimai šia tema",
            "Perguntas do inquérito sobre este tema",
            "Ερωτήσεις της έρευνας για το θέμα",
        ],
    ),
    (
        "theme_scores_title",
        [
            "Theme scores by country and role",
            "Temapoäng per land och roll",
            "Tēmu vērtējumi pa valstīm un lomām",
            "Temų įverčiai pagal šalį ir vaidmenį",
            "Pontuações por tema, país e papel",
            "Βαθμολογίες θεμάτων ανά χώρα και ρόλο",
        ],
    ),
    (
        "themes",
        ["Themes", "Teman", "Tēmas", "Temos", "Temas", "Θέματα"],
    ),
    (
        "title",
        [
            "Title",
            "Titel",
            "Nosaukums",
            "Pavadinimas",
            "Título",
            "Τίτλος",
        ],
    ),
    (
        "toolkit",
        [
            "Toolkit",
            "Verktygslåda",
            "Rīku kopa",
            "Priemonių rinkinys",
            "Kit de ferramentas",
            "Εργαλειοθήκη",
        ],
    ),
    (
        "translation",
        [
            "English translation",
            "Engelsk översättning",
            "Tulkojums angļu valodā",
            "Vertimas į anglų kalbą",
            "Tradução inglesa",
            "Αγγλική μετάφραση",
        ],
    ),
    (
        "unchanged",
        [
            "Unchanged",
            "Oförändrade",
            "Nemainīti",
            "Nepakeisti",
            "Inalterados",
            "Αμετάβλητα",
        ],
    ),
    (
        "updated",
        [
            "Changed",
            "Ändrade",
            "Mainīti",
            "Pakeisti",
            "Alterados",
            "Αλλαγμένα",
        ],
    ),
    (
        "upload",
        [
            "Upload and import",
            "Ladda upp och importera",
            "Augšupielādēt un importēt",
            "Įkelti ir importuoti",
            "Carregar e importar",
            "Μεταφόρτωση και εισαγωγή",
        ],
    ),
    (
        "upload_limit",
        [
            "The file is checked as a whole, with the same rules as the command line: if any row has a problem, nothing is written. Largest file, in megabytes:",
            "Filen kontrolleras som helhet med samma regler som kommandoraden: har någon rad ett problem skrivs inget. Största fil, i megabyte:",
            "Fails tiek pārbaudīts kopumā ar tiem pašiem noteikumiem kā komandrindā: ja kādā rindā ir problēma, nekas netiek ierakstīts. Lielākais fails megabaitos:",
            "Failas tikrinamas visas, tomis pačiomis taisyklėmis kaip komandinėje eilutėje: jei kurioje nors eilutėje yra problema, niekas neįrašoma. Didžiausias failas megabaitais:",
            "O ficheiro é verificado como um todo, com as mesmas regras da linha de comandos: se alguma linha tiver um problema, nada é escrito. Ficheiro máximo, em megabytes:",
            "Το αρχείο ελέγχεται ως σύνολο, με τους ίδιους κανόνες με τη γραμμή εντολών: αν κάποια γραμμή έχει πρόβλημα, δεν γράφεται τίποτα. Μέγιστο αρχείο, σε megabyte:",
        ],
    ),
    (
        "valid_values",
        [
            "Valid values",
            "Giltiga värden",
            "Derīgās vērtības",
            "Galimos reikšmės",
            "Valores válidos",
            "Έγκυρες τιμές",
        ],
    ),
    (
        "value",
        ["Value", "Värde", "Vērtība", "Reikšmė", "Valor", "Τιμή"],
    ),
    (
        "verified_share",
        [
            "Checked in the last 12 months",
            "Kontrollerade de senaste 12 månaderna",
            "Pārbaudītas pēdējos 12 mēnešos",
            "Patikrintos per pastaruosius 12 mėnesių",
            "Verificadas nos últimos 12 meses",
            "Ελέγχθηκαν τους τελευταίους 12 μήνες",
        ],
    ),
    (
        "voices_by_country",
        [
            "Scores and voices by country",
            "Poäng och röster per land",
            "Vērtējumi un balsis pa valstīm",
            "Įverčiai ir balsai pagal šalį",
            "Pontuações e vozes por país",
            "Βαθμολογίες και φωνές ανά χώρα",
        ],
    ),
    (
        "wave_change_title",
        [
            "Change between survey waves, by theme",
            "Förändring mellan enkätomgångar, per tema",
            "Izmaiņas starp aptaujas kārtām, pa tēmām",
            "Pokytis tarp apklausos bangų, pagal temą",
            "Variação entre vagas do inquérito, por tema",
            "Μεταβολή μεταξύ κύκλων της έρευνας, ανά θέμα",
        ],
    ),
    (
        "website",
        [
            "Website",
            "Webbplats",
            "Tīmekļa vietne",
            "Svetainė",
            "Sítio web",
            "Ιστότοπος",
        ],
    ),
    ("who", ["Who", "Vem", "Kas", "Kas", "Quem", "Ποιος"]),
    (
        "withheld",
        [
            "withheld (too few responses)",
            "visas inte (för få svar)",
            "netiek rādīts (pārāk maz atbilžu)",
            "nerodoma (per mažai atsakymų)",
            "não mostrado (poucas respostas)",
            "δεν εμφανίζεται (πολύ λίγες απαντήσεις)",
        ],
    ),
    (
        "your_value",
        ["Yours", "Ditt", "Jūsu", "Jūsų", "O seu", "Δικό σας"],
    ),
];

/// Names of codes (roles, kinds, statuses, outcomes, countries), sorted by code.
static TERMS: &[(&str, [&str; 6])] = &[
    (
        "ACTIVE",
        ["Active", "Aktiv", "Aktīva", "Veikianti", "Ativa", "Ενεργή"],
    ),
    (
        "CHECKLIST",
        [
            "Checklist",
            "Checklista",
            "Kontrolsaraksts",
            "Kontrolinis sąrašas",
            "Lista de verificação",
            "Λίστα ελέγχου",
        ],
    ),
    (
        "CLOSED",
        [
            "Closed",
            "Nedlagd",
            "Slēgta",
            "Uždaryta",
            "Encerrada",
            "Κλειστή",
        ],
    ),
    (
        "CONTACT_POINT",
        [
            "Contact point",
            "Kontaktpunkt",
            "Kontaktpunkts",
            "Kontaktinis punktas",
            "Ponto de contacto",
            "Σημείο επαφής",
        ],
    ),
    (
        "CONTRACT",
        [
            "Contract",
            "Avtal",
            "Līgums",
            "Sutartis",
            "Contrato",
            "Σύμβαση",
        ],
    ),
    (
        "CY",
        ["Cyprus", "Cypern", "Kipra", "Kipras", "Chipre", "Κύπρος"],
    ),
    (
        "DORMANT",
        [
            "Dormant",
            "Vilande",
            "Neaktīva",
            "Neveikli",
            "Inativa",
            "Αδρανής",
        ],
    ),
    (
        "GUIDE",
        [
            "Guide",
            "Vägledning",
            "Ceļvedis",
            "Vadovas",
            "Guia",
            "Οδηγός",
        ],
    ),
    (
        "INFORMAL",
        [
            "Informal understanding",
            "Informell överenskommelse",
            "Neformāla vienošanās",
            "Neformalus susitarimas",
            "Entendimento informal",
            "Άτυπη συνεννόηση",
        ],
    ),
    (
        "INFORMAL_INITIATIVE",
        [
            "Informal initiative",
            "Informellt initiativ",
            "Neformāla iniciatīva",
            "Neformali iniciatyva",
            "Iniciativa informal",
            "Άτυπη πρωτοβουλία",
        ],
    ),
    (
        "LOCAL_CAPACITY_KNOWLEDGE",
        [
            "Knowledge of local capacity",
            "Kunskap om lokal kapacitet",
            "Zināšanas par vietējām spējām",
            "Vietos gebėjimų pažinimas",
            "Conhecimento da capacidade local",
            "Γνώση των τοπικών δυνατοτήτων",
        ],
    ),
    (
        "LT",
        [
            "Lithuania",
            "Litauen",
            "Lietuva",
            "Lietuva",
            "Lituânia",
            "Λιθουανία",
        ],
    ),
    (
        "LV",
        [
            "Latvia",
            "Lettland",
            "Latvija",
            "Latvija",
            "Letónia",
            "Λετονία",
        ],
    ),
    (
        "MUNICIPALITIES",
        [
            "Municipalities",
            "Kommuner",
            "Pašvaldības",
            "Savivaldybės",
            "Municípios",
            "Δήμοι",
        ],
    ),
    (
        "MUNICIPAL_OFFICIAL",
        [
            "Municipal official",
            "Kommunal tjänsteperson",
            "Pašvaldības ierēdnis",
            "Savivaldybės valdininkas",
            "Funcionário municipal",
            "Δημοτικός υπάλληλος",
        ],
    ),
    (
        "MUNICIPAL_UNIT",
        [
            "Municipal unit",
            "Kommunal enhet",
            "Pašvaldības struktūrvienība",
            "Savivaldybės padalinys",
            "Unidade municipal",
            "Δημοτική μονάδα",
        ],
    ),
    (
        "NEW_IDEAS",
        [
            "New ideas",
            "Nya idéer",
            "Jaunas idejas",
            "Naujos idėjos",
            "Novas ideias",
            "Νέες ιδέες",
        ],
    ),
    (
        "NGO",
        ["NGO", "Ideell organisation", "NVO", "NVO", "ONG", "ΜΚΟ"],
    ),
    (
        "NONE",
        [
            "No agreement",
            "Ingen överenskommelse",
            "Nav vienošanās",
            "Jokio susitarimo",
            "Sem acordo",
            "Καμία συμφωνία",
        ],
    ),
    (
        "ORGANISATIONS",
        [
            "Youth organisations",
            "Ungdomsorganisationer",
            "Jauniešu organizācijas",
            "Jaunimo organizacijos",
            "Organizações de juventude",
            "Οργανώσεις νεολαίας",
        ],
    ),
    (
        "ORGANISATION_REPRESENTATIVE",
        [
            "Organisation representative",
            "Företrädare för organisation",
            "Organizācijas pārstāvis",
            "Organizacijos atstovas",
            "Representante de organização",
            "Εκπρόσωπος οργάνωσης",
        ],
    ),
    ("OTHER", ["Other", "Annat", "Cits", "Kita", "Outro", "Άλλο"]),
    (
        "POLICY_MAKERS",
        [
            "Policy makers",
            "Beslutsfattare",
            "Politikas veidotāji",
            "Politikos formuotojai",
            "Decisores políticos",
            "Υπεύθυνοι χάραξης πολιτικής",
        ],
    ),
    (
        "PT",
        [
            "Portugal",
            "Portugal",
            "Portugāle",
            "Portugalija",
            "Portugal",
            "Πορτογαλία",
        ],
    ),
    (
        "SE",
        [
            "Sweden",
            "Sverige",
            "Zviedrija",
            "Švedija",
            "Suécia",
            "Σουηδία",
        ],
    ),
    (
        "SOCIAL_ENTERPRISE",
        [
            "Social enterprise",
            "Socialt företag",
            "Sociālais uzņēmums",
            "Socialinė įmonė",
            "Empresa social",
            "Κοινωνική επιχείρηση",
        ],
    ),
    (
        "SOCIAL_INCLUSION",
        [
            "Social inclusion",
            "Social inkludering",
            "Sociālā iekļaušana",
            "Socialinė įtrauktis",
            "Inclusão social",
            "Κοινωνική ένταξη",
        ],
    ),
    (
        "TEMPLATE",
        [
            "Template",
            "Mall",
            "Veidne",
            "Šablonas",
            "Modelo",
            "Πρότυπο",
        ],
    ),
    (
        "WRITTEN",
        [
            "Written agreement",
            "Skriftlig överenskommelse",
            "Rakstiska vienošanās",
            "Rašytinis susitarimas",
            "Acordo escrito",
            "Γραπτή συμφωνία",
        ],
    ),
    (
        "YOUNG_PERSON",
        [
            "Young person",
            "Ung person",
            "Jaunietis",
            "Jaunas žmogus",
            "Jovem",
            "Νέος/Νέα",
        ],
    ),
    (
        "YOUTH_ASSOCIATION",
        [
            "Youth association",
            "Ungdomsförening",
            "Jauniešu biedrība",
            "Jaunimo asociacija",
            "Associação juvenil",
            "Σύλλογος νέων",
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_sorted_so_lookups_find_every_key() {
        for table in [TEXTS, TERMS] {
            for pair in table.windows(2) {
                assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
            }
        }
    }

    #[test]
    fn every_text_exists_in_every_language() {
        for (key, texts) in TEXTS.iter().chain(TERMS) {
            for (lang, text) in Lang::ALL.iter().zip(texts) {
                assert!(!text.trim().is_empty(), "{key} has no {lang:?} text");
            }
        }
    }

    /// The `{name}`s of a text, in order.
    fn placeholders(text: &str) -> Vec<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_language_fills_the_same_placeholders() {
        for (key, texts) in TEXTS {
            let mut english = placeholders(texts[0]);
            english.sort_unstable();
            for (lang, text) in Lang::ALL.iter().zip(texts) {
                let mut names = placeholders(text);
                names.sort_unstable();
                assert_eq!(names, english, "{key} in {lang:?}");
            }
        }
        let filled = Lang::Sv.fill(
            "desc.registry-years.part",
            &[("country", &"Sverige"), ("founded", &3), ("closed", &1)],
        );
        assert_eq!(filled, "Sverige: 3 grundade, 1 nedlagda");
    }

    #[test]
    fn a_text_is_found_in_the_language_asked_for() {
        assert_eq!(Lang::Lv.t("country"), "Valsts");
        assert_eq!(Lang::El.term("CY"), "Κύπρος");
        assert_eq!(Lang::Sv.t_k("fewer_than_k", 5), "färre än 5 svar");
        assert_eq!(Lang::Pt.term_or_code("XX"), "XX");
    }
}
