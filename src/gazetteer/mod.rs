//! The countries of the world as data (`data/countries.tsv`): names with their French articles,
//! adjectives in all genders and numbers, capitals used as metonyms, other names, ISO codes. It
//! finds the countries a sentence speaks of, with the byte range of each mention.

pub mod cities;
pub mod city_names;
pub mod names;

pub use cities::{Cities, City, PlaceMention};
pub use names::{FirstNames, Gender};

use crate::text::{fold, tokens, Token};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A country and how French names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    pub iso3: String,
    /// French short name without article: "Mali", "Burkina Faso".
    pub name: String,
    /// "le", "la", "l", "les" or "" for none.
    pub article: String,
    pub name_en: String,
    pub capital: Option<String>,
}

/// A place a name stands for: a country or a town (indexes into the gazetteer's countries and
/// its city data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedPlace {
    Country(usize),
    City(usize),
}

impl Country {
    /// Its short name in a briefing's language: "Russie" or "Russia".
    pub fn name_in(&self, lang: crate::settings::Lang) -> &str {
        match lang {
            crate::settings::Lang::Fr => &self.name,
            crate::settings::Lang::En => &self.name_en,
        }
    }

    /// "au Mali", "en Russie", "en Ukraine", "aux Comores", "à Cuba".
    pub fn with_a(&self) -> String {
        match self.article.as_str() {
            "le" => format!("au {}", self.name),
            "la" | "l" => format!("en {}", self.name),
            "les" => format!("aux {}", self.name),
            _ => format!("à {}", self.name),
        }
    }

    /// "du Mali", "de la Russie", "de l'Ukraine", "des Comores", "de Cuba".
    pub fn with_de(&self) -> String {
        match self.article.as_str() {
            "le" => format!("du {}", self.name),
            "la" => format!("de la {}", self.name),
            "l" => format!("de l’{}", self.name),
            "les" => format!("des {}", self.name),
            _ => format!("de {}", self.name),
        }
    }
}

/// How a country was named in a sentence.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum MentionKind {
    /// Its name or another name ("Mali", "RDC").
    Name,
    /// Its capital, standing for its government ("Nairobi a promis").
    Capital,
    /// An adjective or demonym ("malien", "Maliennes").
    Adjective,
}

/// One mention of a country: which, how, and where (byte range into the text searched).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    pub country: usize,
    pub kind: MentionKind,
    pub start: usize,
    pub end: usize,
}

struct Alias {
    /// Folded words of the alias.
    words: Vec<String>,
    /// For each word, whether the text must capitalise it.
    capitalised: Vec<bool>,
    /// For each word, whether the text must write it in capitals: a two-letter acronym ("UN",
    /// "UE"), which written "Un" is a French word. Longer ones match capitalised too ("Onu").
    upper: Vec<bool>,
    target: usize,
    kind: MentionKind,
}

/// Aliases by their first word, longest first: finds names in text with their byte ranges.
#[derive(Default)]
struct AliasIndex {
    by_first_word: HashMap<String, Vec<Alias>>,
}

impl AliasIndex {
    fn add(&mut self, alias: &str, target: usize, kind: MentionKind, keep_case: bool) {
        let words = tokens(alias);
        if words.is_empty() {
            return;
        }
        let entry = Alias {
            capitalised: words.iter().map(|w| keep_case && w.capitalised).collect(),
            upper: words
                .iter()
                .map(|w| keep_case && w.upper && w.folded.chars().count() <= 2)
                .collect(),
            words: words.iter().map(|w| w.folded.to_string()).collect(),
            target,
            kind,
        };
        let list = self
            .by_first_word
            .entry(entry.words[0].clone())
            .or_default();
        if !list
            .iter()
            .any(|a| a.words == entry.words && a.target == target)
        {
            list.push(entry);
        }
    }

    /// Longest first, so that "Guinée équatoriale" wins over "Guinée".
    fn seal(&mut self) {
        for aliases in self.by_first_word.values_mut() {
            aliases.sort_by_key(|a| std::cmp::Reverse(a.words.len()));
        }
    }

    /// (target, kind, start, end) of every alias in `words`, left to right, without overlaps.
    fn find(&self, words: &[Token]) -> Vec<(usize, MentionKind, usize, usize)> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.match_at(&words[i..]) {
                Some(alias) => {
                    let last = &words[i + alias.words.len() - 1];
                    found.push((alias.target, alias.kind, words[i].start, last.end));
                    i += alias.words.len();
                }
                None => i += 1,
            }
        }
        found
    }

    fn match_at(&self, words: &[Token]) -> Option<&Alias> {
        let candidates = self.by_first_word.get(words[0].folded.as_ref())?;
        candidates.iter().find(|alias| {
            alias.words.len() <= words.len()
                && alias
                    .words
                    .iter()
                    .zip(alias.capitalised.iter().zip(&alias.upper))
                    .zip(words)
                    .all(|((want, (must_cap, must_upper)), word)| {
                        *want == word.folded
                            && (!must_cap || word.capitalised)
                            && (!must_upper || word.upper)
                    })
        })
    }
}

/// What an organisation is, as `data/organisations.tsv` writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgKind {
    /// A group of countries whose decisions are its own: "bloc".
    Bloc,
    /// An international body, agency or NGO: "organisation".
    Organisation,
    /// "armed group".
    ArmedGroup,
    /// A government or army of one country: "national".
    National,
}

impl OrgKind {
    fn parse(word: &str) -> Option<OrgKind> {
        match word {
            "bloc" => Some(OrgKind::Bloc),
            "organisation" => Some(OrgKind::Organisation),
            "armed group" => Some(OrgKind::ArmedGroup),
            "national" => Some(OrgKind::National),
            _ => None,
        }
    }
}

/// An organisation or bloc, and its members when it has some.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// Its usual short form in French: "AES", "CEDEAO", "ONU".
    pub short: String,
    /// Its name in French: "Organisation des Nations unies".
    pub name: String,
    /// Its short form in English: "AES", "ECOWAS", "UN".
    pub short_en: String,
    /// Its name in English: "United Nations".
    pub name_en: String,
    pub kind: OrgKind,
    /// Indices into `Gazetteer::countries`.
    pub members: Vec<usize>,
}

impl Organisation {
    /// Its short form in a briefing's language: "ONU" or "UN".
    pub fn short_in(&self, lang: crate::settings::Lang) -> &str {
        match lang {
            crate::settings::Lang::Fr => &self.short,
            crate::settings::Lang::En => &self.short_en,
        }
    }

    /// Its name in a briefing's language: "Organisation des Nations unies" or "United Nations".
    pub fn name_in(&self, lang: crate::settings::Lang) -> &str {
        match lang {
            crate::settings::Lang::Fr => &self.name,
            crate::settings::Lang::En => &self.name_en,
        }
    }
}

/// A mention of an organisation: which, and where (byte range into the text searched).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct OrgMention {
    pub org: usize,
    pub start: usize,
    pub end: usize,
}

/// All countries and organisations, with the indexes that find them in text.
pub struct Gazetteer {
    pub countries: Vec<Country>,
    pub organisations: Vec<Organisation>,
    country_index: AliasIndex,
    org_index: AliasIndex,
    /// Folded role words ("ministre", "chef de la diplomatie"), longest first.
    pub roles: Vec<String>,
    /// Folded roles that name the same office as another ("chef de l'etat" → "president"),
    /// longest first.
    pub role_equivalents: Vec<(String, String)>,
    /// Every folded word of the roles ("chef", "diplomatie", "affaires", "etrangeres"): the words
    /// a role phrase is made of.
    pub role_words: std::collections::HashSet<String>,
    /// Folded roles marked `*` in `data/roles.txt`: the offices that lead (heads of state and
    /// government, ministers).
    leading: Vec<String>,
    /// The cities and towns, parsed on first use.
    cities: OnceLock<Cities>,
    /// The given names, parsed on first use.
    first_names: OnceLock<FirstNames>,
}

const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");
const ORGANISATIONS_TSV: &str = include_str!("../data/organisations.tsv");
const ROLES: &str = include_str!("../data/roles.txt");

fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

impl Gazetteer {
    /// The gazetteer shipped with the binary, parsed once.
    pub fn shipped() -> &'static Gazetteer {
        static SHIPPED: OnceLock<Gazetteer> = OnceLock::new();
        SHIPPED.get_or_init(|| {
            Gazetteer::parse(COUNTRIES_TSV, ORGANISATIONS_TSV, ROLES)
                .expect("shipped gazetteer is valid")
        })
    }

    /// Parses the tables; see the headers of `data/countries.tsv` and `data/organisations.tsv`.
    pub fn parse(
        countries_tsv: &str,
        organisations_tsv: &str,
        roles: &str,
    ) -> Result<Gazetteer, String> {
        let mut g = Gazetteer {
            countries: Vec::new(),
            organisations: Vec::new(),
            country_index: AliasIndex::default(),
            org_index: AliasIndex::default(),
            roles: Vec::new(),
            role_equivalents: Vec::new(),
            role_words: std::collections::HashSet::new(),
            leading: Vec::new(),
            cities: OnceLock::new(),
            first_names: OnceLock::new(),
        };
        for (n, line) in data_lines(countries_tsv) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [iso3, name, article, name_en, adjective, capital, others] = cols[..] else {
                return Err(format!("countries.tsv line {}: expected 7 columns", n + 1));
            };
            let index = g.countries.len();
            let capital = (!capital.is_empty()).then(|| capital.to_string());
            g.countries.push(Country {
                iso3: iso3.to_string(),
                name: name.to_string(),
                article: if article == "-" {
                    String::new()
                } else {
                    article.to_string()
                },
                name_en: name_en.to_string(),
                capital: capital.clone(),
            });
            for alias in [name, name_en]
                .into_iter()
                .chain(others.split(';'))
                .filter(|a| !a.is_empty())
            {
                g.country_index.add(alias, index, MentionKind::Name, true);
            }
            if let Some(capital) = capital.as_deref().filter(|c| *c != name) {
                g.country_index
                    .add(capital, index, MentionKind::Capital, true);
            }
            if adjective != "-" {
                for form in adjective_forms(adjective) {
                    g.country_index
                        .add(&form, index, MentionKind::Adjective, false);
                }
            }
        }
        for (n, line) in data_lines(organisations_tsv) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [short, name, short_en, name_en, kind, members, others] = cols[..] else {
                return Err(format!(
                    "organisations.tsv line {}: expected 7 columns",
                    n + 1
                ));
            };
            if g.organisations.iter().any(|o| o.short == short) {
                return Err(format!(
                    "organisations.tsv line {}: {short} is listed twice",
                    n + 1
                ));
            }
            let members = members
                .split(',')
                .filter(|m| *m != "-")
                .map(|m| {
                    g.countries.iter().position(|c| c.iso3 == m).ok_or(format!(
                        "organisations.tsv line {}: unknown ISO code {m}",
                        n + 1
                    ))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let kind = OrgKind::parse(kind).ok_or(format!(
                "organisations.tsv line {}: unknown kind {kind}",
                n + 1
            ))?;
            let index = g.organisations.len();
            g.organisations.push(Organisation {
                short: short.to_string(),
                name: name.to_string(),
                short_en: short_en.to_string(),
                name_en: name_en.to_string(),
                kind,
                members,
            });
            for alias in [short, name]
                .into_iter()
                .chain(others.split(';'))
                .filter(|a| !a.is_empty() && *a != "-")
            {
                g.org_index.add(alias, index, MentionKind::Name, true);
            }
        }
        g.country_index.seal();
        g.org_index.seal();
        for (_, line) in data_lines(roles) {
            let (line, leads) = match line.trim_end().strip_suffix(" *") {
                Some(role) => (role, true),
                None => (line, false),
            };
            if leads {
                g.leading.push(crate::text::fold(line.trim()));
            }
            let (role, same_as) = match line.split_once(" = ") {
                Some((role, same_as)) => (role, Some(same_as)),
                None => (line, None),
            };
            let role = crate::text::fold(role.trim());
            if let Some(same_as) = same_as {
                g.role_equivalents
                    .push((role.clone(), crate::text::fold(same_as.trim())));
            }
            g.roles.push(role);
        }
        g.roles.sort_by_key(|r| std::cmp::Reverse(r.len()));
        g.role_words = g
            .roles
            .iter()
            .chain(g.role_equivalents.iter().map(|(_, same)| same))
            .flat_map(|r| tokens(r).into_iter().map(|w| w.folded.into_owned()))
            .collect();
        g.role_equivalents
            .sort_by_key(|(r, _)| std::cmp::Reverse(r.len()));
        Ok(g)
    }

    /// Whether two role phrases name the same office: one is the other with more words
    /// ("ministre" and "ministre de la Défense"), or both are one of the equivalent offices of
    /// `data/roles.txt` ("chef de l'État" and "président").
    pub fn same_role(&self, a: &str, b: &str) -> bool {
        let (a, b) = (self.canonical_role(a), self.canonical_role(b));
        a.starts_with(&b) || b.starts_with(&a)
    }

    /// Whether a person's role `held` is the office `wanted` or a more precise one ("ministre
    /// des Affaires étrangères et de la Coopération" holds "chef de la diplomatie").
    /// A body after a bare office makes another office: "président du Parlement" does not hold
    /// "président" (but "président de la République" does).
    pub fn holds_role(&self, held: &str, wanted: &str) -> bool {
        let (held, wanted) = (self.canonical_role(held), self.canonical_role(wanted));
        let Some(rest) = held.strip_prefix(&wanted) else {
            return false;
        };
        let bare =
            !wanted.contains(" de ") && !wanted.contains(" du ") && !wanted.contains(" des ");
        let of_a_body = [" de ", " du ", " des ", " d'", " d’"]
            .iter()
            .any(|p| rest.starts_with(p))
            && !rest.starts_with(" de la republique");
        !(bare && of_a_body)
    }

    /// Whether a role is a leading office of `data/roles.txt` (marked `*`) or a more precise
    /// one ("ministre de la Défense" leads, as "ministre" does).
    pub fn leads(&self, role: &str) -> bool {
        let role = self.canonical_role(role);
        // The office itself or a complement of it ("ministre de la Défense"), not a longer
        // word ("chef d'état-major" is no "chef d'état").
        self.leading.iter().any(|l| {
            role.strip_prefix(l.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
    }

    /// A role, folded, with its equivalents written one way.
    fn canonical_role(&self, role: &str) -> String {
        let folded = crate::text::fold(role);
        for (variant, canonical) in &self.role_equivalents {
            if let Some(rest) = folded.strip_prefix(variant.as_str()) {
                return format!("{canonical}{rest}");
            }
        }
        folded
    }

    /// Every country mention in `text`, in order, longest names first where they overlap.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.find_in(&tokens(text))
    }

    /// Country mentions among already tokenised words.
    pub fn find_in(&self, words: &[Token]) -> Vec<Mention> {
        self.country_index
            .find(words)
            .into_iter()
            .map(|(country, kind, start, end)| Mention {
                country,
                kind,
                start,
                end,
            })
            .collect()
    }

    /// Every organisation mention in `text`.
    pub fn find_organisations(&self, text: &str) -> Vec<OrgMention> {
        self.org_index
            .find(&tokens(text))
            .into_iter()
            .map(|(org, _, start, end)| OrgMention { org, start, end })
            .collect()
    }

    /// Country mentions in `body[range]`, with byte ranges into `body`.
    pub fn countries_in(&self, body: &str, range: std::ops::Range<usize>) -> Vec<Mention> {
        let offset = range.start;
        self.find(&body[range])
            .into_iter()
            .map(|m| Mention {
                start: m.start + offset,
                end: m.end + offset,
                ..m
            })
            .collect()
    }

    /// Organisation mentions in `body[range]`, with byte ranges into `body`.
    pub fn organisations_in(&self, body: &str, range: std::ops::Range<usize>) -> Vec<OrgMention> {
        let offset = range.start;
        self.find_organisations(&body[range])
            .into_iter()
            .map(|m| OrgMention {
                start: m.start + offset,
                end: m.end + offset,
                ..m
            })
            .collect()
    }

    /// The cities and towns (parsed on first use: the table is large).
    pub fn cities(&self) -> &Cities {
        self.cities.get_or_init(Cities::shipped)
    }

    /// The given names and their gender (parsed on first use).
    pub fn first_names(&self) -> &FirstNames {
        self.first_names
            .get_or_init(|| FirstNames::parse(names::FIRST_NAMES_TSV))
    }

    /// Places named as places in `body[range]`, with byte ranges into `body`.
    pub fn places_in(&self, body: &str, range: std::ops::Range<usize>) -> Vec<PlaceMention> {
        let offset = range.start;
        self.cities()
            .find(&body[range])
            .into_iter()
            .map(|m| PlaceMention {
                start: m.start + offset,
                end: m.end + offset,
                ..m
            })
            .collect()
    }

    /// What a place name as written names: a country (by its French or English name), else a
    /// town of the city data.
    pub fn place(&self, written: &str) -> Option<NamedPlace> {
        let country = self
            .countries
            .iter()
            .position(|c| c.name == written || c.name_en == written);
        match country {
            Some(country) => Some(NamedPlace::Country(country)),
            None => self.cities().by_name(written).map(NamedPlace::City),
        }
    }

    pub fn by_iso3(&self, iso3: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso3 == iso3)
    }

    /// The organisation whose French short form is `short` ("ONU").
    pub fn organisation(&self, short: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.short == short)
    }
}

/// "malien" → malien, malienne, maliens, maliennes; "grec/grecque" gives the feminine.
fn adjective_forms(spec: &str) -> Vec<String> {
    let (masc, fem) = match spec.split_once('/') {
        Some((m, f)) => (m.to_string(), f.to_string()),
        None => (spec.to_string(), feminine(spec)),
    };
    let plural = |w: &str| {
        if w.ends_with('s') || w.ends_with('x') {
            w.to_string()
        } else {
            format!("{w}s")
        }
    };
    let mut forms = vec![plural(&masc), plural(&fem), masc, fem];
    forms.sort();
    forms.dedup();
    forms
}

fn feminine(masc: &str) -> String {
    let folded = fold(masc);
    if folded.ends_with('e') {
        masc.to_string()
    } else if folded.ends_with("en") || folded.ends_with("on") {
        format!("{masc}ne")
    } else {
        format!("{masc}e")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn isos(text: &str) -> Vec<String> {
        let g = Gazetteer::shipped();
        g.find(text)
            .iter()
            .map(|m| g.countries[m.country].iso3.clone())
            .collect()
    }

    #[test]
    fn a_leading_office_is_matched_by_whole_words() {
        let g = Gazetteer::shipped();
        assert!(g.leads("ministre de la Défense"));
        assert!(g.leads("chef de l'État"));
        assert!(!g.leads("chef d'état-major des armées"));
        assert!(!g.leads("porte-parole"));
    }

    #[test]
    fn a_two_letter_acronym_must_be_in_capitals() {
        let g = Gazetteer::shipped();
        let shorts = |text: &str| -> Vec<String> {
            g.find_organisations(text)
                .iter()
                .map(|m| g.organisations[m.org].short.clone())
                .collect()
        };
        assert!(shorts("Un consulat pourrait ouvrir bientôt.").is_empty());
        assert_eq!(shorts("Le UN Security Council et l'Onu."), ["ONU", "ONU"]);
    }

    #[test]
    fn every_line_of_the_shipped_table_parses() {
        assert!(Gazetteer::shipped().countries.len() >= 195);
    }

    #[test]
    fn organisations_are_named_in_each_language() {
        use crate::settings::Lang;
        let g = Gazetteer::shipped();
        let org = |short: &str| g.organisations.iter().find(|o| o.short == short).unwrap();
        let un = org("ONU");
        assert_eq!(
            (un.short_in(Lang::Fr), un.name_in(Lang::Fr)),
            ("ONU", "Organisation des Nations unies")
        );
        assert_eq!(
            (un.short_in(Lang::En), un.name_in(Lang::En)),
            ("UN", "United Nations")
        );
        assert_eq!(org("CEDEAO").short_in(Lang::En), "ECOWAS");
        assert_eq!(
            org("CEDEAO").name_in(Lang::En),
            "Economic Community of West African States"
        );
        assert_eq!(org("Wagner").name_in(Lang::En), "Wagner Group");
        // No English name is left in French: none holds a French word of the table's names.
        for o in &g.organisations {
            let words: Vec<String> = o.name_en.split(' ').map(fold).collect();
            for french in [
                "des",
                "du",
                "de",
                "communaute",
                "groupe",
                "conseil",
                "unies",
                "etats",
            ] {
                assert!(
                    !words.contains(&french.to_string()),
                    "{}: {}",
                    o.short,
                    o.name_en
                );
            }
        }
    }

    #[test]
    fn an_organisation_listed_twice_or_without_english_is_refused() {
        let countries = "MLI\tMali\tle\tMali\tmalien\tBamako\t-\n";
        let line = "ONU\tOrganisation des Nations unies\tUN\tUnited Nations\torganisation\t-\t-\n";
        assert!(Gazetteer::parse(countries, line, "").is_ok());
        let twice = format!("{line}{line}");
        let error = Gazetteer::parse(countries, &twice, "").err().unwrap();
        assert!(error.contains("ONU is listed twice"), "{error}");
        let old = "ONU\tOrganisation des Nations unies\torganisation\t-\t-\n";
        let error = Gazetteer::parse(countries, old, "").err().unwrap();
        assert!(error.contains("expected 7 columns"), "{error}");
    }

    #[test]
    fn names_with_articles_and_contractions() {
        assert_eq!(
            isos("le Mali, du Niger et au Burkina Faso"),
            ["MLI", "NER", "BFA"]
        );
        assert_eq!(isos("la Côte d’Ivoire et la Côte d'Ivoire"), ["CIV", "CIV"]);
    }

    #[test]
    fn adjectives_in_every_gender_and_number() {
        assert_eq!(isos("malien maliens malienne maliennes"), ["MLI"; 4]);
        assert_eq!(isos("Les Burkinabè et la partie turque"), ["BFA", "TUR"]);
    }

    #[test]
    fn near_collisions_are_told_apart() {
        assert_eq!(isos("le ministre nigérien"), ["NER"]);
        assert_eq!(isos("le ministre nigérian"), ["NGA"]);
        assert_eq!(
            isos("Guinée, Guinée-Bissau, Guinée équatoriale"),
            ["GIN", "GNB", "GNQ"]
        );
        assert_eq!(isos("le Soudan et le Soudan du Sud"), ["SDN", "SSD"]);
        assert_eq!(
            isos("le Congo et la République démocratique du Congo, la RDC"),
            ["COG", "COD", "COD"]
        );
    }

    #[test]
    fn capitals_stand_for_their_country_only_when_capitalised() {
        assert_eq!(isos("Nairobi a promis"), ["KEN"]);
        assert_eq!(isos("du sucre et de la paz"), Vec::<String>::new());
    }

    #[test]
    fn mentions_carry_byte_ranges() {
        let text = "À Accra, l’armée ghanéenne";
        let found = Gazetteer::shipped().find(text);
        assert_eq!(&text[found[0].start..found[0].end], "Accra");
        assert_eq!(&text[found[1].start..found[1].end], "ghanéenne");
        assert_eq!(found[0].kind, MentionKind::Capital);
        assert_eq!(found[1].kind, MentionKind::Adjective);
    }
}
