use super::selection::section_size;
use super::*;
use crate::corpus::scraped;
use crate::extract::extract;

fn briefing_with(texts: &[&str], since: Option<&str>) -> Briefing {
    briefing_on(texts, since, "2026-11-21")
}

fn briefing_on(texts: &[&str], since: Option<&str>, date: &str) -> Briefing {
    let articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| scraped::parse(t, false).finish(&format!("{i}.txt"), None, "text"))
        .collect();
    let g = Gazetteer::shipped();
    let extractions = extract(&articles, g);
    summarise(&Input {
        date: date.parse().unwrap(),
        since: since
            .and_then(crate::dates::parse_iso_partial)
            .map(|d| d.first_day()),
        until: None,
        undated: Undated::Keep,
        articles: &articles,
        extractions: &extractions,
        gazetteer: g,
        sizes: Sizes::default(),
        files_seen: texts.len(),
        warnings: &[],
        late: &[],
    })
}

fn briefing(texts: &[&str]) -> Briefing {
    briefing_with(texts, None)
}

#[test]
fn one_sentence_in_two_articles_is_one_fact_with_two_sources() {
    let s =
        "Le gouvernement du Tchad a signé mardi un accord de défense avec le Japon à N'Djamena.";
    let b = briefing(&[s, &format!("Autre chose encore ici.\n{s}")]);
    let chad = b.countries.iter().find(|c| c.iso3 == "TCD").unwrap();
    assert_eq!(chad.facts.len(), 1);
    assert_eq!(chad.facts[0].sources, ["S1", "S2"]);
    assert_eq!(chad.facts[0].spans.len(), 2);
    assert!(!chad.facts[0].single_source);
}

#[test]
fn spans_point_at_the_fact_text() {
    let text = "Premier paragraphe sans pays du tout, mais assez long.\n\nLe Pérou et le Chili ont conclu un traité frontalier à Lima après dix ans de négociations.";
    let article = scraped::parse(text, false).finish("a.txt", None, "text");
    let b = briefing(&[text]);
    let fact = &b.countries[0].facts[0];
    let span = &fact.spans[0];
    assert_eq!(&article.body[span.start..span.end], fact.text);
}

#[test]
fn a_bloc_gets_the_facts_about_all_its_members() {
    let b = briefing(&["12-03-2024 10:00 - Titre\n\nLe Ghana et le Togo discutent de leur frontière commune depuis des années.\nLa Mauritanie, le Mali, le Niger, le Burkina Faso et le Tchad ont dissous le G5 Sahel ce mardi à Nouakchott."]);
    let g5 = b
        .blocs
        .iter()
        .find(|x| x.short == "G5 Sahel")
        .expect("G5 Sahel section");
    assert_eq!(g5.facts.len(), 1);
    assert!(
        !b.countries.iter().any(|c| c.iso3 == "MLI"),
        "members do not repeat the bloc's fact"
    );
}

#[test]
fn the_window_keeps_events_by_their_own_date() {
    let text = "15-01-2025 09:00 - Titre\n\nLe 1er novembre 2024, une conférence sur la pêche s'est tenue à Dakar, réunissant des délégués du Sénégal et de la Gambie.";
    let kept = briefing_with(&[text], Some("2024-11"));
    assert_eq!(kept.meetings.len(), 1);
    assert_eq!(kept.meetings[0].date.unwrap().to_string(), "2024-11-01");
    assert!(kept
        .timeline
        .iter()
        .any(|e| e.date.to_string() == "2024-11-01"));
    let dropped = briefing_with(&[text], Some("2024-12"));
    assert!(dropped.meetings.is_empty());
    assert!(dropped.timeline.is_empty());
}

#[test]
fn what_an_article_before_the_period_expected_is_not_news_of_the_period() {
    // June articles expect a vote and a visit in the autumn; the briefing covers October.
    let june = "10-06-2025 09:00 - Titre\n\nLe Parlement du Ghana votera le 14 octobre sur la réforme de la Constitution, a annoncé le gouvernement ghanéen.\nLe président ghanéen Kofi Mensah se rendra le 15 octobre à Lomé pour rencontrer le président togolais Faure Amouzou.";
    let b = briefing_on(&[june], Some("2025-10"), "2025-10-20");
    let facts = b.countries.iter().flat_map(|c| &c.facts).count();
    assert_eq!(facts, 0, "{:?}", b.countries);
    assert!(b.meetings.is_empty(), "{:?}", b.meetings);
    assert!(b.timeline.is_empty(), "{:?}", b.timeline);
    assert!(b.sources.iter().all(|s| !s.referenced), "{:?}", b.sources);
    // The same expectation told in the period is the period's.
    let october = june.replace("10-06-2025", "01-10-2025");
    let b = briefing_on(&[&october], Some("2025-10"), "2025-10-20");
    assert_eq!(b.meetings.len(), 1, "{:?}", b.meetings);
    assert!(b.countries.iter().any(|c| !c.facts.is_empty()));
}

#[test]
fn a_date_after_apres_is_the_earlier_events_not_the_facts() {
    // Told on 12 August: the rescue is that day's news, the flood of the 4th only its cause.
    let text = "12-08-2025 09:00 - Titre\n\nLes secouristes ghanéens ont retrouvé vivante une fillette à Accra, après les inondations du 4 août qui ont fait 50 morts dans la capitale du Ghana.\nÀ la suite de la crue de mardi, le gouvernement du Ghana a débloqué un fonds de 20 millions de dollars pour les sinistrés d'Accra.";
    let b = briefing_on(&[text], Some("2025-08-10"), "2025-08-20");
    let ghana = b
        .countries
        .iter()
        .find(|c| c.iso3 == "GHA")
        .expect("Ghana section");
    let dates: Vec<String> = ghana
        .facts
        .iter()
        .map(|f| f.date.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(ghana.facts.len(), 2, "{:?}", ghana.facts);
    assert!(dates.iter().all(|d| d == "2025-08-12"), "{dates:?}");
    // A participle set off by a comma tells of the noun before it.
    let apposed = "12-08-2025 09:00 - Titre\n\nLes secouristes ghanéens ont découvert un charnier à Kumasi, repris le 4 août par l'armée du Ghana après deux semaines de combats.";
    let b = briefing_on(&[apposed], Some("2025-08-10"), "2025-08-20");
    let facts: Vec<String> = b
        .countries
        .iter()
        .flat_map(|c| &c.facts)
        .map(|f| f.date.map(|d| d.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(facts, ["2025-08-12"]);
    // The same date in the main clause is the fact's own day.
    let own = "12-08-2025 09:00 - Titre\n\nLe 4 août, des inondations ont fait 50 morts à Accra, la capitale du Ghana, selon le gouvernement ghanéen.";
    let b = briefing_on(&[own], Some("2025-08-10"), "2025-08-20");
    assert!(
        b.countries.iter().all(|c| c.facts.is_empty()),
        "{:?}",
        b.countries
    );
}

#[test]
fn an_announcement_past_by_the_briefing_date_is_not_on_page_one() {
    let announced = "05-08-2025 09:00 - Titre\n\nLe président ghanéen Kofi Mensah se rendra jeudi à Lomé pour rencontrer le président togolais Faure Amouzou, a annoncé la présidence du Ghana.";
    let other = "08-08-2025 09:00 - Titre\n\nLe gouvernement du Sénégal a promis jeudi à Dakar une aide de 10 millions de dollars aux pêcheurs sénégalais.";
    let points = |date: &str| -> Vec<String> {
        let b = briefing_on(&[announced, other], Some("2025-08"), date);
        b.key_points.into_iter().map(|k| k.text).collect()
    };
    // Before the visit, it is what the briefing can tell of it; once past, it is stale.
    let before = points("2025-08-06");
    assert!(before.iter().any(|t| t.contains("se rendra")), "{before:?}");
    let after = points("2025-08-20");
    assert!(!after.iter().any(|t| t.contains("se rendra")), "{after:?}");
    assert!(after.iter().any(|t| t.contains("a promis")), "{after:?}");
}

#[test]
fn a_section_only_a_stray_article_feeds_is_left_out_and_a_story_of_two_is_kept() {
    let coup = [
        "10-09-2025 09:00 - Titre\n\nDes militaires ont renversé mardi à Accra le président du Ghana Kofi Mensah, a annoncé la télévision ghanéenne.\nLa CEDEAO a condamné le coup d'État au Ghana et réclamé la libération de Kofi Mensah.",
        "11-09-2025 09:00 - Titre\n\nLa junte au pouvoir au Ghana a suspendu la Constitution mercredi à Accra, selon un communiqué lu par le colonel Yaw Boateng.\nLe colonel Yaw Boateng a promis des élections au Ghana, sans en donner la date.",
        "12-09-2025 09:00 - Titre\n\nLa CEDEAO a menacé jeudi le Ghana de sanctions si Kofi Mensah n'était pas libéré, lors d'un sommet extraordinaire à Abuja.\nLe colonel Yaw Boateng a reçu jeudi à Accra une délégation de la CEDEAO.",
        "13-09-2025 09:00 - Titre\n\nDes milliers de manifestants ont soutenu vendredi à Accra la junte du colonel Yaw Boateng, au Ghana.\nLe Togo voisin a fermé sa frontière avec le Ghana, a annoncé le gouvernement togolais.",
        "14-09-2025 09:00 - Titre\n\nLe président déchu du Ghana Kofi Mensah a été transféré samedi dans une caserne d'Accra, selon ses proches.\nLa CEDEAO a nommé un médiateur pour le Ghana, l'ancien président nigérian Musa Bello.",
    ];
    let quake = "12-09-2025 10:00 - Titre\n\nUn séisme de magnitude 6,8 a frappé jeudi le nord du Chili, près d'Antofagasta, selon l'institut sismologique chilien.\nLe gouvernement du Pérou a proposé son aide au Chili après le séisme d'Antofagasta.";
    let mut texts: Vec<&str> = coup.to_vec();
    texts.push(quake);
    let b = briefing_on(&texts, Some("2025-09"), "2025-09-15");
    let sections: Vec<&str> = b.countries.iter().map(|c| c.iso3.as_str()).collect();
    assert!(sections.contains(&"GHA"), "{sections:?}");
    assert!(
        !sections.contains(&"CHL") && !sections.contains(&"PER"),
        "{sections:?}"
    );
    assert_eq!(
        b.sources.len(),
        texts.len(),
        "the stray stays among the sources"
    );
    assert!(!b.key_points.iter().any(|k| k.text.contains("séisme")));
    // A second article on the quake makes it a story of its own.
    let aftershock = "13-09-2025 10:00 - Titre\n\nUne forte réplique a de nouveau secoué vendredi Antofagasta, dans le nord du Chili, et a été ressentie jusqu'au Pérou.";
    texts.push(aftershock);
    let b = briefing_on(&texts, Some("2025-09"), "2025-09-15");
    let sections: Vec<&str> = b.countries.iter().map(|c| c.iso3.as_str()).collect();
    assert!(sections.contains(&"CHL"), "{sections:?}");
}

#[test]
fn a_retrospective_in_the_present_is_not_to_follow_and_a_summit_is() {
    let text = "22-09-2025 09:00 - Titre\n\nLe 15 novembre, le ministre ghanéen Kwame Asante affirme avoir remis l'argent à Accra.\nDès le mois de février, le virus circule au Ghana : le Togo et le Bénin enregistrent leurs premiers cas les 13 et 14 février.\nLa crise du Ghana est au programme d'un sommet de la CEDEAO le 2 octobre à Abuja.\nAu Ghana, l'édition du festival d'Accra prévue le 20 novembre 2025 a été annulée.";
    let b = briefing_on(&[text], Some("2025-09"), "2025-09-30");
    let upcoming: Vec<String> = b.upcoming.iter().map(|e| e.date.to_string()).collect();
    assert_eq!(upcoming, ["2025-10-02"], "{:?}", b.upcoming);
}

#[test]
fn the_headline_is_the_newest_development_not_the_most_repeated_older_one() {
    let summit = "Les présidents du Ghana et du Togo ont signé mercredi à Accra un accord de défense, au terme d'un sommet de deux jours.";
    let older: Vec<String> = (10..13)
        .map(|d| format!("{d}-09-2025 09:00 - Titre\n\n{summit}"))
        .collect();
    let newest = "14-09-2025 09:00 - Titre\n\nLe Premier ministre du Ghana, Kwame Asante, a démissionné samedi à Accra après le rejet du budget par le Parlement ghanéen.";
    let mut texts: Vec<&str> = older.iter().map(String::as_str).collect();
    texts.push(newest);
    let b = briefing_on(&texts, Some("2025-09"), "2025-09-15");
    let headline = b.headline.as_ref().expect("a headline");
    assert!(headline.text.contains("a démissionné"), "{}", headline.text);
    assert!(b
        .key_points
        .iter()
        .any(|k| k.text.contains("accord de défense")));
}

#[test]
fn a_recollection_of_a_past_year_is_not_to_follow() {
    let text = "26-09-2025 09:00 - Titre\n\nL'attaque a ravivé au Ghana le souvenir de l'année 2019, marquée par les émeutes de janvier et celles du 13 novembre à Accra.\nLe Parlement du Ghana se réunira le 2 octobre à Accra.";
    let b = briefing_on(&[text], Some("2025-09"), "2025-09-30");
    let upcoming: Vec<String> = b.upcoming.iter().map(|e| e.date.to_string()).collect();
    assert!(
        !upcoming.iter().any(|d| d.ends_with("-11-13")),
        "{upcoming:?}"
    );
    assert!(upcoming.contains(&"2025-10-02".to_string()), "{upcoming:?}");
}

#[test]
fn a_fact_opening_on_a_pronoun_shows_who_it_stands_for_or_is_left_out() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLe ministre ghanéen des Affaires étrangères Kofi Mensah s'est rendu mardi à Lomé.\nIl a annoncé que le Ghana financerait une nouvelle route vers le Togo.\nIls ont ajouté que le Togo et le Ghana signeraient un accord.",
    ]);
    let facts: Vec<&Fact> = b.countries.iter().flat_map(|c| &c.facts).collect();
    let route = facts
        .iter()
        .find(|f| f.text.contains("route"))
        .expect("the pronoun's fact is told");
    let antecedent = route.antecedent.as_ref().expect("with its antecedent");
    assert_eq!(antecedent.name, "Kofi Mensah");
    assert_eq!(&route.text[..antecedent.at], "Il");
    assert!(
        route.text.starts_with("Il a annoncé"),
        "the source's words stay"
    );
    assert!(
        !facts.iter().any(|f| f.text.starts_with("Ils ont")),
        "a pronoun with no sure antecedent is no fact: {facts:?}"
    );
}

#[test]
fn a_role_alone_as_subject_shows_who_holds_it_and_a_longer_role_is_left_as_it_is() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nKofi Mensah, l'ambassadeur du Ghana au Togo, a rencontré mardi des élus à Lomé.\nLe diplomate a souligné que le Ghana soutiendrait la nouvelle route vers le Togo.\nLe président togolais a salué lundi l'accord avec le Ghana sur la route.",
    ]);
    let facts: Vec<&Fact> = b.countries.iter().flat_map(|c| &c.facts).collect();
    let diplomat = facts
        .iter()
        .find(|f| f.text.starts_with("Le diplomate"))
        .expect("the role's fact is told");
    let antecedent = diplomat
        .antecedent
        .as_ref()
        .expect("with who holds the role");
    assert_eq!(antecedent.name, "Kofi Mensah");
    assert_eq!(&diplomat.text[..antecedent.at], "Le diplomate");
    // "Le président togolais" is not the Ghanaian just named.
    assert!(facts
        .iter()
        .filter(|f| f.text.starts_with("Le président"))
        .all(|f| f.antecedent.is_none()));
}

#[test]
fn a_key_point_telling_a_meeting_is_as_sure_as_the_meeting() {
    let b = briefing(&[
        "12-05-2025 08:00 - Titre\n\nLe président ghanéen Kofi Mensah a reçu lundi à Accra le président togolais Faure Amouzou pour signer un accord sur la frontière commune.",
        "12-05-2025 09:00 - Titre\n\nKofi Mensah et Faure Amouzou se sont rencontrés lundi à Accra, où le Ghana et le Togo ont célébré la fin d'un long différend.",
        "12-05-2025 10:00 - Titre\n\nLa rencontre de lundi à Accra entre Kofi Mensah et Faure Amouzou a été saluée par le Bénin voisin du Togo.",
    ]);
    let meeting = b.meetings.first().expect("the meeting");
    assert_eq!(meeting.sources.len(), 3, "{meeting:?}");
    let point = b
        .key_points
        .iter()
        .find(|k| meeting.facts.iter().any(|f| f.text == k.text))
        .expect("a key point tells the meeting");
    assert_eq!(point.sources, meeting.sources);
    assert_eq!(point.origins, meeting.origins);
    assert!(!point.single_source);
    // Nor is that sentence listed elsewhere as resting on one source.
    assert!(!b
        .vigilance
        .iter()
        .any(|v| v.kind == VigilanceKind::SingleSource && v.subject == point.text));
}

#[test]
fn the_glossary_takes_the_name_the_articles_give_an_acronym() {
    // The shipped table knows another junta by the same initials.
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nAu Gabon, le Conseil national pour le salut du peuple (CNSP) a annoncé mardi la dissolution du gouvernement.\nLe CNSP a promis des élections au Gabon.",
    ]);
    let entry = b
        .glossary
        .iter()
        .find(|e| e.short == "CNSP")
        .expect("the acronym is in the glossary");
    assert_eq!(entry.name, "Conseil national pour le salut du peuple");
}

#[test]
fn a_country_given_by_a_role_outweighs_countries_a_sentence_happens_to_name() {
    // One article gives the role's country; two others only name another country nearby.
    let b = briefing(&[
        "13-06-2025 10:00 - Titre\n\nLe ministre ghanéen des Finances Kofi Mensah a présenté le budget.",
        "14-06-2025 10:00 - Titre\n\nLe ministre Kofi Mensah est arrivé au Togo pour une visite de deux jours.",
        "15-06-2025 10:00 - Titre\n\nLe ministre Kofi Mensah a quitté le Togo dans la soirée après ses entretiens.",
    ]);
    let mensah = b.people.iter().find(|p| p.name == "Kofi Mensah").unwrap();
    assert_eq!(mensah.country_iso3.as_deref(), Some("GHA"));
}

#[test]
fn quotes_of_a_central_speaker_come_first() {
    let b = briefing(&[
        "13-06-2025 10:00 - Titre\n\n« Nous signerons cet accord avant la fin du mois prochain », a déclaré Zoé Vidal. Zoé Vidal est la cheffe du gouvernement.",
        "14-06-2025 10:00 - Titre\n\nZoé Vidal a reçu les syndicats. « Le dialogue reste ouvert avec tous les partenaires sociaux », a déclaré Zoé Vidal.",
        "15-06-2025 10:00 - Titre\n\n« Je ne suis pas certain que ce soit une bonne idée pour le pays », a déclaré Alain Morel, un habitant.",
    ]);
    let speakers: Vec<&str> = b
        .quotes
        .iter()
        .map(|q| q.speaker.as_deref().unwrap())
        .collect();
    assert_eq!(speakers, ["Zoé Vidal", "Zoé Vidal", "Alain Morel"]);
}

#[test]
fn the_best_covered_country_gets_more_facts() {
    let topics = [
        "un accord sur les routes",
        "un budget pour les écoles",
        "une réforme des impôts",
        "un plan contre la sécheresse",
        "une loi sur les mines",
        "un programme de vaccination",
        "un partenariat pour le rail",
        "une enquête sur la corruption",
        "un fonds pour les paysans",
        "une campagne contre le paludisme",
        "un projet de barrage",
        "un recensement national",
        "un festival de musique",
        "un traité sur la pêche",
        "une réforme de la police",
        "un marché pour le cacao",
    ];
    let articles: Vec<String> = topics
        .chunks(2)
        .enumerate()
        .map(|(i, pair)| {
            format!(
                "1{}-06-2025 10:00 - Titre\n\nLe Ghana a présenté mardi {} après de longues discussions au parlement.\nLe gouvernement du Ghana prépare aussi {} pour la saison prochaine.\nLe Togo observe {} avec intérêt depuis sa frontière.",
                i + 1,
                pair[0],
                pair[1],
                pair[0]
            )
        })
        .collect();
    let texts: Vec<&str> = articles.iter().map(String::as_str).collect();
    let b = briefing(&texts);
    let facts = |iso: &str| {
        b.countries
            .iter()
            .find(|c| c.iso3 == iso)
            .map_or(0, |c| c.facts.len())
    };
    assert!(
        facts("GHA") > Sizes::default().facts_per_country,
        "{}",
        facts("GHA")
    );
    assert_eq!(section_size(6, 20, 20), 12);
    assert_eq!(section_size(6, 5, 20), 6);
    assert_eq!(section_size(6, 1, 20), 3);
}

#[test]
fn a_town_stands_for_its_country_and_is_not_a_person() {
    let b = briefing(&[
        "13-06-2025 10:00 - Titre\n\nLes combats ont repris mardi à Kati, à une quinzaine de kilomètres de la capitale.",
        "14-06-2025 10:00 - Titre\n\nLes forces sont entrées dans la ville de Porto Novo après trois jours de siège.",
    ]);
    let mali = b
        .countries
        .iter()
        .find(|c| c.iso3 == "MLI")
        .expect("Kati is in Mali");
    assert!(mali.facts[0].text.contains("Kati"));
    assert!(
        b.people.iter().all(|p| p.name != "Porto Novo"),
        "{:?}",
        b.people
    );
}

#[test]
fn history_does_not_lead_a_section() {
    let background = "Divisé depuis 2012 entre le nord et le sud, le Mali a connu trois coups d'État depuis son indépendance en 1960.";
    let news = "Le gouvernement du Mali a annoncé mardi la libération de quatre otages détenus dans le nord du pays.";
    let b = briefing(&[
        &format!("13-06-2025 10:00 - Titre\n\n{background}\n{news}"),
        &format!("14-06-2025 10:00 - Titre\n\nAutre chose encore ici.\n{background}"),
    ]);
    let mali = b.countries.iter().find(|c| c.iso3 == "MLI").unwrap();
    assert_eq!(mali.facts[0].text, news, "{:?}", mali.facts);
}

#[test]
fn an_organisation_has_its_own_section() {
    let b = briefing(&[
        "13-06-2025 10:00 - Titre\n\nAmnesty International a dénoncé mardi des exécutions sommaires commises par l'armée dans le nord du Burkina Faso.",
        "14-06-2025 10:00 - Titre\n\nSelon Amnesty International, au moins quarante civils ont été tués lors de ces opérations au Burkina Faso.",
    ]);
    let amnesty = b
        .blocs
        .iter()
        .find(|x| x.short == "Amnesty International")
        .expect("a section for Amnesty International");
    assert_eq!(amnesty.facts.len(), 2);
}

#[test]
fn a_video_meeting_has_no_city() {
    let b = briefing(&[
        "13-06-2025 10:00 - Titre\n\nMercredi, les ministres de la Santé de l'Union africaine ont tenu leur réunion annuelle par visioconférence, et le Kenya a présenté son plan.",
    ]);
    let m = &b.meetings[0];
    assert_eq!(m.place.as_deref(), Some("visioconférence"));
    assert_eq!(m.title, "Réunion en visioconférence");
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2025-06-11"));
}

#[test]
fn the_venue_is_where_they_met_with_its_companions() {
    let b = briefing(&[
        "13-06-2025 10:00 - Titre\n\nSamedi, alors que la grève paralysait le port de Kati, le ministre Paul Ngono rencontrait au Havre le président Kofi Mensah.\nIl était accompagné du ministre des Finances, Jean Traoré.\nCes responsables se sont aussi entretenus avec le Premier ministre Amina Touré.",
    ]);
    assert_eq!(b.meetings.len(), 1, "{:?}", b.meetings);
    let m = &b.meetings[0];
    assert_eq!(m.place.as_deref(), Some("Le Havre"));
    assert_eq!(m.title, "Rencontre au Havre");
    let names: Vec<&str> = m.participants.iter().map(|p| p.name.as_str()).collect();
    for who in ["Paul Ngono", "Kofi Mensah", "Jean Traoré", "Amina Touré"] {
        assert!(names.contains(&who), "{who} in {names:?}");
    }
}

#[test]
fn a_summit_told_by_its_hour_is_on_the_article_day_with_the_leaders_named_after() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLes chefs d'État andins doivent se retrouver à Lyon pour un sommet consacré à l'eau, dont l'ouverture est fixée à 18h30.\nAttendue dès midi, la présidente chilienne Carla Ibáñez y prendra la parole.\nAttendue dès midi, elle y discutera avec les présidents Julio Arce et Mateo Quispe.",
    ]);
    assert_eq!(b.meetings.len(), 1, "{:?}", b.meetings);
    let m = &b.meetings[0];
    assert_eq!(m.kind, MeetingKind::Summit);
    assert_eq!(m.status, MeetingStatus::Announced);
    assert_eq!(m.place.as_deref(), Some("Lyon"));
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2025-05-14"));
    let names: Vec<&str> = m.participants.iter().map(|p| p.name.as_str()).collect();
    for who in ["Julio Arce", "Mateo Quispe"] {
        assert!(names.contains(&who), "{who} in {names:?}");
    }
}

#[test]
fn a_pronoun_subject_before_the_clitic_en_takes_part_in_the_talks() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nUn sommet des pays de la région se tiendra jeudi à Salta, a annoncé le président argentin Martín Lozano.\nTrès attendu, il en débattra avec les dirigeants chilien Carla Ibáñez et bolivien Julio Arce.",
    ]);
    assert_eq!(b.meetings.len(), 1, "{:?}", b.meetings);
    let m = &b.meetings[0];
    assert_eq!(m.place.as_deref(), Some("Salta"));
    let names: Vec<&str> = m.participants.iter().map(|p| p.name.as_str()).collect();
    for who in ["Martín Lozano", "Carla Ibáñez", "Julio Arce"] {
        assert!(names.contains(&who), "{who} in {names:?}");
    }
}

#[test]
fn a_press_conference_given_with_a_counterpart_is_a_meeting_and_alone_is_none() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\n« Le dialogue reprendra », a déclaré mardi le président uruguayen Tomás Vidal lors d'une conférence de presse avec le président paraguayen Hugo Benítez.\n« Rien n'est décidé », a déclaré mercredi le ministre chilien Pablo Rojas lors d'une conférence de presse à Santiago.",
    ]);
    assert_eq!(b.meetings.len(), 1, "{:?}", b.meetings);
    let m = &b.meetings[0];
    assert_eq!(m.kind, MeetingKind::Bilateral);
    assert!(m.title.starts_with("Conférence de presse"), "{}", m.title);
    let names: Vec<&str> = m.participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    for who in ["Tomás Vidal", "Hugo Benítez"] {
        assert!(names.contains(&who), "{who} in {names:?}");
    }
}

#[test]
fn the_speaker_of_an_inverted_clitic_is_a_party_to_the_call_he_tells_of() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLe président uruguayen Tomás Vidal a reçu mardi à Montevideo le ministre Pablo Rojas.\n« La région doit rester unie », a-t-il insisté, précisant avoir tenu le même discours au président paraguayen Hugo Benítez lors d'un entretien téléphonique mardi après-midi.",
    ]);
    let call = b
        .meetings
        .iter()
        .find(|m| m.kind == MeetingKind::PhoneCall)
        .expect("the call is a meeting");
    let names: Vec<&str> = call.participants.iter().map(|p| p.name.as_str()).collect();
    for who in ["Tomás Vidal", "Hugo Benítez"] {
        assert!(names.contains(&who), "{who} in {names:?}");
    }
}

#[test]
fn a_conversation_one_source_says_was_by_telephone_is_one_call() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLe président uruguayen Tomás Vidal a eu mardi un entretien avec le président paraguayen Hugo Benítez.",
        "14-05-2025 09:00 - Titre\n\nLe président uruguayen Tomás Vidal s'est entretenu mardi par téléphone avec le président paraguayen Hugo Benítez.",
    ]);
    assert_eq!(b.meetings.len(), 1, "{:?}", b.meetings);
    assert_eq!(b.meetings[0].kind, MeetingKind::PhoneCall);
    assert_eq!(b.meetings[0].sources.len(), 2);
}

#[test]
fn a_call_is_a_call_and_an_interview_is_no_meeting() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLe président uruguayen Tomás Vidal s'est entretenu mardi au téléphone avec le président paraguayen Hugo Benítez.\nDans un entretien accordé au quotidien El Diario, Tomás Vidal a défendu sa politique.",
    ]);
    assert_eq!(b.meetings.len(), 1, "{:?}", b.meetings);
    let m = &b.meetings[0];
    assert_eq!(m.kind, MeetingKind::PhoneCall);
    // The title names the two who spoke, by their surnames.
    assert!(
        m.title.starts_with("Entretien téléphonique ")
            && m.title.contains("Vidal")
            && m.title.contains("Benítez"),
        "{}",
        m.title
    );
    assert_eq!(m.date.map(|d| d.to_string()).as_deref(), Some("2025-05-13"));
}

#[test]
fn this_visit_is_the_visit_just_told_not_a_new_one_on_another_day() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLa présidente Carla Ibáñez accueille mercredi à Lyon le chancelier autrichien Felix Gruber.\nLes négociations commerciales entre les deux pays ont repris lundi sans progrès.\nAu terme de cette visite, la présidente inaugurera vendredi un hôpital à Lyon.",
    ]);
    let visits: Vec<_> = b
        .meetings
        .iter()
        .filter(|m| m.participants.iter().any(|p| p.name == "Felix Gruber"))
        .collect();
    assert_eq!(visits.len(), 1, "{:?}", b.meetings);
    assert_eq!(
        visits[0].date.map(|d| d.to_string()).as_deref(),
        Some("2025-05-14")
    );
    assert!(
        !b.meetings
            .iter()
            .any(|m| m.date.map(|d| d.to_string()).as_deref() == Some("2025-05-16")),
        "no meeting on the Friday: {:?}",
        b.meetings
    );
}

#[test]
fn a_country_named_later_does_not_move_a_meeting_out_of_its_town() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLe ministre autrichien de l'Économie, Felix Gruber, est en visite mardi à Lyon.\nLes deux hommes se sont entretenus avec le Premier ministre Paul Moreau de la sécheresse au Mali.",
    ]);
    assert_eq!(b.meetings.len(), 1, "{:?}", b.meetings);
    let m = &b.meetings[0];
    assert_eq!(m.place.as_deref(), Some("Lyon"));
    assert!(m.participants.iter().any(|p| p.name == "Paul Moreau"));
}

#[test]
fn a_visit_to_an_island_state_takes_its_name() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLa Norvège souhaite un dialogue, a souligné mardi son ministre des Affaires étrangères Lars Berg, lors d'une visite à Malte.",
    ]);
    assert_eq!(b.meetings[0].place.as_deref(), Some("Malte"));
    assert_eq!(b.meetings[0].kind, MeetingKind::Visit);
}

#[test]
fn being_at_someones_side_is_a_meeting_and_meeting_resistance_is_not() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLe président bolivien Mateo Quispe a présenté samedi un plan pour l'eau devant la presse.\nJulio Arce, qui se trouvait auprès de lui à Lima, a donné son accord.\nLe plan n'a rencontré aucun succès à Quito.",
    ]);
    assert_eq!(b.meetings.len(), 1, "{:?}", b.meetings);
    let m = &b.meetings[0];
    assert_eq!(m.place.as_deref(), Some("Lima"));
    assert!(m.participants.iter().any(|p| p.name == "Julio Arce"));
}

#[test]
fn a_minister_is_heard_before_a_spokesman_named_as_often() {
    let spokesman = "Le porte-parole de l'armée, Ana Alves, a déclaré mardi: \"La situation sur le terrain reste sous contrôle de nos forces.\"";
    let minister = "Le ministre de la Défense, Rui Costa, a déclaré mardi: \"La situation sur le terrain reste très préoccupante pour nous.\"";
    let b = briefing_with(
        &[&format!(
            "14-05-2025 08:00 - Titre\n\n{spokesman}\n{minister}"
        )],
        None,
    );
    let speakers: Vec<&str> = b
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_deref())
        .collect();
    assert_eq!(speakers, ["Rui Costa", "Ana Alves"]);
}

#[test]
fn what_a_person_of_a_country_says_is_about_that_country() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLe président chilien Tomás Vidal a reçu lundi ses homologues.\nTomás Vidal a plaidé mardi à Buenos Aires pour une banque régionale de l'eau.",
    ]);
    let chile = b
        .countries
        .iter()
        .find(|c| c.iso3 == "CHL")
        .expect("a section for Chile");
    assert!(
        chile
            .facts
            .iter()
            .any(|f| f.text.contains("banque régionale")),
        "{:?}",
        chile.facts
    );
}

#[test]
fn one_quote_in_two_tenses_is_one_quote_with_both_sources() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLe ministre Rui Costa avait prévenu mardi que \"la moindre erreur peut mener à une guerre ouverte\".",
        "15-05-2025 08:00 - Titre\n\nLe ministre Rui Costa avait prévenu mardi que \"la moindre erreur pouvait mener à une guerre ouverte\".",
    ]);
    assert_eq!(b.quotes.len(), 1, "{:?}", b.quotes);
    assert_eq!(b.quotes[0].sources.len(), 2);
}

#[test]
fn a_postponed_summit_says_so_and_is_not_to_follow() {
    let b = briefing_on(
        &[
        "14-05-2025 08:00 - Titre\n\nLe sommet régional de Lyon, prévu le 20 mai, a été repoussé à l'automne faute d'accord.\nLe ministre Rui Costa se rendra le 22 mai à Lyon pour une réunion des ministres de la Défense.",
        ],
        None,
        "2025-05-15",
    );
    let summit = b
        .meetings
        .iter()
        .find(|m| m.kind == MeetingKind::Summit)
        .expect("the summit");
    assert_eq!(summit.status, MeetingStatus::Postponed);
    assert!(
        b.upcoming.iter().all(|u| !u.text.contains("repoussé")),
        "{:?}",
        b.upcoming
    );
    assert!(
        b.upcoming
            .iter()
            .any(|u| u.date.to_string() == "2025-05-22"),
        "the meeting to come: {:?}",
        b.upcoming
    );
    let headline = b.headline.as_ref().expect("a headline");
    assert!(
        b.key_points.iter().any(|k| k.text == headline.text),
        "the headline is a key point"
    );
}

#[test]
fn a_refused_meeting_is_refused() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLe président Tomás Vidal a refusé mardi une rencontre avec le chef rebelle Hugo Benítez à Lyon.",
    ]);
    assert_eq!(b.meetings[0].status, MeetingStatus::Refused);
}

#[test]
fn a_section_tells_first_what_its_country_did() {
    // Each sentence names both countries early; the one that acts is the subject.
    let by_ghana = "Le Ghana a reproché au Togo, mardi, de retenir des camions de marchandises à la frontière depuis trois semaines.";
    let by_togo = "Le Togo a demandé au Ghana, jeudi, de rouvrir un poste de douane fermé depuis le mois dernier sans explication.";
    let b = briefing(&[&format!(
        "13-06-2025 10:00 - Titre\n\n{by_ghana}\n{by_togo}"
    )]);
    let first = |iso: &str| {
        b.countries
            .iter()
            .find(|c| c.iso3 == iso)
            .map(|c| c.facts[0].text.clone())
            .unwrap()
    };
    assert_eq!(first("GHA"), by_ghana);
    assert_eq!(first("TGO"), by_togo);
}

#[test]
fn what_happened_this_week_comes_before_standing_figures() {
    let news =
        "Le Niger a expulsé mardi trois diplomates de la Côte d'Ivoire accusés d'espionnage.";
    let figures = "Le Niger exporte chaque année 40.000 tonnes d'oignons vers la Côte d'Ivoire, son premier client.";
    let b = briefing(&[&format!("13-06-2025 10:00 - Titre\n\n{figures}\n{news}")]);
    let niger = b.countries.iter().find(|c| c.iso3 == "NER").unwrap();
    assert_eq!(niger.facts[0].text, news, "{:?}", niger.facts);
}

#[test]
fn one_event_in_two_wordings_is_told_once() {
    let b = briefing(&[
        "13-06-2025 10:00 - Titre\n\nLes rebelles ont pris mardi la ville de Kidal après deux jours de combats au Mali.",
        "13-06-2025 18:00 - Titre\n\nMardi, l'armée du Mali a perdu le contrôle de Kidal, selon des sources locales.",
        "14-06-2025 10:00 - Titre\n\nLe gouvernement du Mali a nommé mercredi un nouveau gouverneur pour la région de Mopti.",
    ]);
    let mali = b.countries.iter().find(|c| c.iso3 == "MLI").unwrap();
    let kidal = mali
        .facts
        .iter()
        .filter(|f| f.text.contains("Kidal"))
        .count();
    assert_eq!(kidal, 1, "{:?}", mali.facts);
    assert!(mali.facts.iter().any(|f| f.text.contains("Mopti")));
}

#[test]
fn the_first_official_of_a_country_is_heard_before_a_fourth_word_of_another() {
    let quote = |speaker: &str, iso3: &str, text: &str| Quote {
        text: text.to_string(),
        speaker: Some(speaker.to_string()),
        speaker_role: Some("ministre des Affaires étrangères".to_string()),
        speaker_country_iso3: Some(iso3.to_string()),
        sources: vec!["S1".to_string()],
    };
    let pool = vec![
        (5.0, quote("Anne Roy", "FRA", "un")),
        (4.9, quote("Anne Roy", "FRA", "deux")),
        (4.5, quote("Luis Ortega", "ESP", "trois")),
        (4.0, quote("Ivan Petrov", "RUS", "quatre")),
    ];
    let chosen: Vec<String> = quotes::several_voices(pool, 3)
        .into_iter()
        .map(|q| q.text)
        .collect();
    assert_eq!(chosen, ["un", "trois", "quatre"]);
}

#[test]
fn a_timeline_label_starts_at_who_acted_not_at_the_opening_clause() {
    let text = "15-01-2025 09:00 - Titre\n\nAlors que les pluies reprennent, le ministre ghanéen des Finances Jean Dupont a présenté le 3 novembre 2024 un plan d'urgence.";
    let b = briefing_with(&[text], Some("2024-11"));
    let entry = b
        .timeline
        .iter()
        .find(|e| e.date.to_string() == "2024-11-03")
        .expect("the dated sentence is on the timeline");
    assert_eq!(entry.short, "Jean Dupont a présenté le 3 novembre…");
}

#[test]
fn an_organisations_official_is_listed_with_it_and_without_a_country() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLe secrétaire général de l'Otan, Jan Kowalski, a appelé mardi le Pérou et le Chili à reprendre le dialogue.\nL'Otan a annoncé une réunion de ses ministres à Bruxelles.",
    ]);
    let kowalski = b
        .people
        .iter()
        .find(|p| p.name == "Jan Kowalski")
        .expect("the official");
    assert_eq!(kowalski.country_iso3, None);
    assert_eq!(kowalski.organisation.as_deref(), Some("OTAN"));
    assert!(
        !b.countries
            .iter()
            .any(|c| c.people.iter().any(|p| p.name == "Jan Kowalski")),
        "in no country's section: {:?}",
        b.countries
    );
}

#[test]
fn a_meeting_of_no_one_nowhere_is_not_shown() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nCes avertissements interviennent après l'invitation lancée par Montevideo, et refusée mardi par Asuncion, d'assister à une réunion d'urgence sur la crise de l'Union africaine.\nLe président uruguayen Tomás Vidal s'est entretenu mardi au téléphone avec le président paraguayen Hugo Benítez.",
    ]);
    assert_eq!(b.meetings.len(), 1, "{:?}", b.meetings);
    assert_eq!(b.meetings[0].kind, MeetingKind::PhoneCall);
}

#[test]
fn counterparts_given_by_office_alone_are_listed_apart_from_the_people() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLe ministre uruguayen des Affaires étrangères Tomás Vidal s'est entretenu mardi au téléphone avec ses homologues chilien et péruvien.",
    ]);
    assert_eq!(b.meetings.len(), 1, "{:?}", b.meetings);
    let m = &b.meetings[0];
    let names: Vec<&str> = m.participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Tomás Vidal"]);
    let offices: Vec<(&str, &str)> = m
        .counterparts
        .iter()
        .map(|c| (c.role.as_str(), c.country_iso3.as_str()))
        .collect();
    assert_eq!(
        offices,
        [
            ("ministre des Affaires étrangères", "CHL"),
            ("ministre des Affaires étrangères", "PER")
        ]
    );
}

#[test]
fn an_officials_arrival_is_a_visit_a_patients_is_not() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLe secrétaire d'État adjoint chilien chargé des Amériques, Pablo Rojas, arrivé mardi à Lima, ne rencontrera que des militants.\nL'opposant bolivien Mario Vargas est arrivé mardi à Santiago à bord d'un avion médicalisé.",
    ]);
    assert_eq!(b.meetings.len(), 1, "{:?}", b.meetings);
    let m = &b.meetings[0];
    assert_eq!(m.kind, MeetingKind::Visit);
    assert_eq!(m.place.as_deref(), Some("Lima"));
    let names: Vec<&str> = m.participants.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Pablo Rojas"]);
}

#[test]
fn two_visitors_of_one_town_on_one_day_are_two_visits() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\nLe ministre péruvien des Affaires étrangères Luis Quispe est arrivé mardi à Quito.\nLe Premier ministre chilien Pablo Rojas s'est aussi rendu mardi à Quito, où il a visité le port.",
    ]);
    let visitors: Vec<Vec<&str>> = b
        .meetings
        .iter()
        .map(|m| m.participants.iter().map(|p| p.name.as_str()).collect())
        .collect();
    assert_eq!(visitors.len(), 2, "{visitors:?}");
    assert!(visitors.iter().all(|v| v.len() == 1), "{visitors:?}");
}

#[test]
fn a_visit_to_nowhere_named_is_not_shown() {
    let b = briefing(&[
        "14-05-2025 08:00 - Titre\n\n« Il y aura des allers-retours », a déclaré mardi le ministre péruvien de la Défense Luis Quispe, en visite dans une petite ville balnéaire du sud.",
    ]);
    assert!(b.meetings.is_empty(), "{:?}", b.meetings);
}

/// Three days of a story told by four articles: the first day's event, reported twice and
/// recalled later, a side reaction, and the newest day's development.
fn three_days() -> Briefing {
    briefing_on(
        &[
            "02-03-2025 09:00 - Titre\n\nLes rebelles ont pris lundi la ville de Kidal après deux jours de combats contre l'armée du Mali.\nLe ministre Rui Costa a déploré lundi à Lisbonne la chute de Kidal, selon un communiqué du Portugal.",
            "02-03-2025 18:00 - Titre\n\nLa ville de Kidal est tombée lundi aux mains des rebelles, après deux jours de combats contre l'armée du Mali.\nIl a ajouté que le Mali ne céderait rien aux rebelles et que l'armée reprendrait Kidal.",
            "04-03-2025 10:00 - Titre\n\nLe gouvernement du Mali a décrété mercredi l'état d'urgence dans tout le nord du pays, deux jours après la chute de Kidal le 2 mars.",
            "06-03-2025 10:00 - Titre\n\nLe Mali et l'Algérie ont signé vendredi à Alger un accord de cessez-le-feu avec les rebelles du nord du Mali.\nEmmanuel Macron, le 6 mars 2025 au palais de l'Élysée à Paris.",
        ],
        None,
        "2025-03-07",
    )
}

#[test]
fn page_one_tells_the_story_newest_first_one_point_per_development() {
    let b = three_days();
    let points: Vec<&str> = b.key_points.iter().map(|k| k.text.as_str()).collect();
    assert!(
        points[0].contains("cessez-le-feu"),
        "the newest development first: {points:#?}"
    );
    assert!(
        points.iter().any(|p| p.contains("état d'urgence")),
        "{points:#?}"
    );
    let fall = points
        .iter()
        .filter(|p| p.contains("rebelles") && p.contains("Kidal"))
        .count();
    assert_eq!(fall, 1, "the fall of the town is one point: {points:#?}");
    let days: Vec<_> = b.key_points.iter().filter_map(|k| k.date).collect();
    assert!(
        days.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {days:?}"
    );
}

#[test]
fn page_one_leaves_out_photo_captions_and_sentences_that_lean_on_the_one_before() {
    let b = three_days();
    for k in &b.key_points {
        assert!(!k.text.starts_with("Il "), "{}", k.text);
        assert!(!k.text.contains("palais de l'Élysée"), "{}", k.text);
    }
}

#[test]
fn a_photo_caption_is_told_from_a_dated_sentence() {
    use super::facts::caption;
    assert!(caption(
        "Le président reçoit son homologue au palais, le 22 juin 2020 à Paris."
    ));
    assert!(caption(
        "Emmanuel Macron, le 1er mars 2021 sur la base aérienne de Creil (Oise)."
    ));
    assert!(!caption(
        "Le ministre a signé un accord, le 3 janvier, avec son homologue."
    ));
    assert!(!caption(
        "Le sommet se tiendra à Dakar, le 12 mai 2025, a annoncé la présidence du Sénégal en ajoutant que tous les chefs d'État de la région y étaient invités."
    ));
}

#[test]
fn page_one_leaves_out_what_a_sentence_recalls_in_the_pluperfect() {
    let b = briefing_on(
        &[
            "05-03-2025 09:00 - Titre\n\nLe président du Niger avait annoncé lundi la fermeture de la frontière avec le Bénin, selon la radio d'État.",
            "06-03-2025 09:00 - Titre\n\nLe Bénin a rouvert jeudi le pont que le Niger avait fermé en 2023 sur le fleuve, selon le gouvernement du Bénin.",
        ],
        None,
        "2025-03-07",
    );
    let points: Vec<&str> = b.key_points.iter().map(|k| k.text.as_str()).collect();
    assert!(
        points.iter().all(|p| !p.contains("avait annoncé")),
        "{points:#?}"
    );
    assert!(
        points.iter().any(|p| p.contains("a rouvert")),
        "a pluperfect in a relative clause is no recollection: {points:#?}"
    );
}

#[test]
fn page_one_leaves_out_background_a_wire_repeats_on_several_days() {
    let background = "Ancien officier de l'armée du Mali, le colonel Amadou Diarra dirige le pays depuis le coup d'État et a déjà survécu à plusieurs attaques.";
    let b = briefing_on(
        &[
            &format!("02-03-2025 09:00 - Titre\n\nLe gouvernement du Mali a fermé lundi la frontière avec le Niger.\n{background}"),
            &format!("05-03-2025 09:00 - Titre\n\nLe Mali a rouvert jeudi sa frontière avec le Niger, selon le gouvernement du Mali.\n{background}"),
        ],
        None,
        "2025-03-07",
    );
    let points: Vec<&str> = b.key_points.iter().map(|k| k.text.as_str()).collect();
    assert!(
        points.iter().all(|p| !p.contains("Ancien officier")),
        "{points:#?}"
    );
    assert!(
        points.iter().any(|p| p.contains("a rouvert")),
        "{points:#?}"
    );
}

#[test]
fn a_quote_an_article_puts_in_its_title_ranks_first() {
    let b = briefing_on(
        &[
            "05-03-2025 09:00 - Le port de Dakar fermé pour une semaine, annonce le Sénégal\n\n« Nous fermerons le port de Dakar pendant une semaine pour des travaux urgents », a déclaré mercredi le ministre sénégalais des Transports Moussa Ndiaye.",
            "05-03-2025 10:00 - Titre sans rapport\n\n« Nous allons renforcer la coopération avec nos voisins dans tous les domaines », a déclaré mercredi le ministre sénégalais des Affaires étrangères Ibrahima Fall.",
        ],
        None,
        "2025-03-07",
    );
    assert_eq!(b.quotes.len(), 2, "{:?}", b.quotes);
    assert!(b.quotes[0].text.contains("port de Dakar"), "{:?}", b.quotes);
}

#[test]
fn page_one_asks_no_question() {
    let b = briefing_on(
        &[
            "01-03-2025 09:00 - Titre\n\nLa banque centrale du Sénégal va-t-elle relever samedi ses taux directeurs pour freiner l'inflation à Dakar?",
            "06-03-2025 09:00 - Titre\n\nLe Mali a fermé jeudi sa frontière avec le Niger, selon le gouvernement du Mali.",
        ],
        None,
        "2025-03-07",
    );
    let points: Vec<&str> = b.key_points.iter().map(|k| k.text.as_str()).collect();
    assert!(points.iter().all(|p| !p.contains('?')), "{points:#?}");
    assert!(points.iter().any(|p| p.contains("a fermé")), "{points:#?}");
}
