//! People across the corpus: every mention of a name merged into one person, whatever the
//! accents or transliteration (Keïta/Keita, Daouda/Dauda), with the roles and country the articles
//! give.

use crate::extract::entities::{CountryEvidence, PersonMention};
use crate::extract::ArticleExtraction;
use crate::gazetteer::Gazetteer;
use crate::text::fold;
use std::collections::{BTreeMap, HashMap};

/// A person of the registry: their place in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonId(usize);

/// One person as the whole corpus knows them.
#[derive(Debug, Clone, Default)]
pub struct Person {
    /// The most written form, accented forms first on ties.
    pub name: String,
    pub roles: BTreeMap<String, usize>,
    pub countries: BTreeMap<usize, usize>,
    /// The international organisations whose office a mention's role names, with the weight
    /// of those mentions: its officials belong to it, not to a country.
    pub organisations: BTreeMap<usize, usize>,
    /// Whether a mention shows a person: a given name, a title or a role. A run of capitals
    /// never so shown (a company, a medium, a place) is no one.
    pub typed: bool,
    /// Articles (indices) that name them.
    pub articles: Vec<usize>,
    variants: BTreeMap<String, usize>,
}

impl Person {
    /// The most frequent role, the longer on ties.
    pub fn role(&self) -> Option<&str> {
        self.roles
            .iter()
            .max_by_key(|(r, n)| (**n, r.len()))
            .map(|(r, _)| r.as_str())
    }

    /// The country the articles give most weight to, unless the person is the official of an
    /// international organisation by as much.
    pub fn country(&self) -> Option<usize> {
        let best = self
            .countries
            .iter()
            .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)));
        match (best, self.organisation_weight()) {
            (Some((_, n)), official) if official >= *n => None,
            (best, _) => best.map(|(c, _)| *c),
        }
    }

    /// The international organisation the person is an official of, when the articles say so
    /// at least as much as they give a country.
    pub fn organisation(&self) -> Option<usize> {
        let country = self.countries.values().max().copied().unwrap_or(0);
        self.organisations
            .iter()
            .max_by_key(|(o, n)| (**n, std::cmp::Reverse(**o)))
            .filter(|(_, n)| **n >= country)
            .map(|(o, _)| *o)
    }

    fn organisation_weight(&self) -> usize {
        self.organisations.values().max().copied().unwrap_or(0)
    }

    /// Whether one of their roles is `role` or a more precise one ("ministre de la Défense"
    /// matches "ministre de la Défense et des Anciens combattants"; "chef de la diplomatie"
    /// matches "ministre des Affaires étrangères").
    pub fn holds(&self, g: &Gazetteer, role: &str) -> bool {
        self.roles.keys().any(|r| g.holds_role(r, role))
    }
}

/// Words for a country's leader, whoever holds its head office.
const LEADER_WORDS: &[&str] = &["dirigeant", "dirigeants", "leader", "leaders", "chef"];

/// The head offices of a state or a government.
const HEAD_OFFICES: &[&str] = &[
    "président",
    "premier ministre",
    "chancelier",
    "roi",
    "reine",
    "émir",
];

/// All people, and for each (article, mention) the person it names.
#[derive(Debug, Default)]
pub struct Registry {
    people: Vec<Person>,
    by_mention: HashMap<(usize, usize), PersonId>,
    by_variant: HashMap<String, PersonId>,
    /// The people of each country (their main one), and those each article names: a role is
    /// looked for among them, not among everyone.
    by_country: HashMap<usize, Vec<PersonId>>,
    by_article: HashMap<usize, Vec<PersonId>>,
}

impl Person {
    /// Counts one mention of the person, in article `a`.
    fn take(&mut self, mention: &PersonMention, a: usize) {
        *self.variants.entry(mention.name.clone()).or_default() += 1;
        if let Some(role) = &mention.role {
            *self.roles.entry(role.clone()).or_default() += 1;
        }
        // A country given by a role outweighs one only the sentence names; a mention that
        // repeats an earlier one's country does not vote again.
        if let (Some(c), Some(by)) = (mention.country, mention.country_by) {
            *self.countries.entry(c).or_default() += by.weight();
        }
        // A mention with its own role votes for the organisation that role is an office of.
        if let (Some(o), Some(_)) = (mention.organisation, mention.typed_by) {
            *self.organisations.entry(o).or_default() += CountryEvidence::Role.weight();
        }
        self.typed |= mention.typed_by.is_some();
        // Mentions come article by article, so a person's last article is the only one to
        // compare with.
        if self.articles.last() != Some(&a) {
            self.articles.push(a);
        }
    }

    /// The name to show: the most written full form, the most accented then the longest on
    /// ties; else the most written form.
    fn shown_name(&self) -> String {
        let accents = |s: &str| s.chars().filter(|c| !c.is_ascii()).count();
        self.variants
            .iter()
            .filter(|(v, _)| v.contains(' ') || v.contains('-'))
            .max_by_key(|(v, n)| (**n, accents(v), v.len()))
            .or_else(|| self.variants.iter().max_by_key(|(v, n)| (**n, v.len())))
            .map(|(v, _)| v.clone())
            .unwrap_or_default()
    }
}

impl Registry {
    pub fn build(extractions: &[ArticleExtraction]) -> Registry {
        let mut registry = Registry::default();
        // Within a surname, the names that are the same person: same first name, or a full name
        // at most two letters apart.
        for mentions in by_surname(extractions).values() {
            let mut clusters: Vec<(String, PersonId)> = Vec::new();
            for (folded, a, m) in mentions {
                let found = clusters
                    .iter()
                    .find(|(name, _)| same_person(name, folded))
                    .map(|(_, id)| *id);
                let id = found.unwrap_or_else(|| {
                    registry.people.push(Person::default());
                    let id = PersonId(registry.people.len() - 1);
                    clusters.push((folded.clone(), id));
                    id
                });
                registry.by_mention.insert((*a, *m), id);
                registry.people[id.0].take(&extractions[*a].entities.people[*m], *a);
            }
        }
        for person in &mut registry.people {
            person.name = person.shown_name();
            person.articles.sort();
        }
        registry.index();
        registry
    }

    /// Fills the lookups by written form, by country and by article.
    fn index(&mut self) {
        for (id, person) in self.people.iter().enumerate() {
            let id = PersonId(id);
            for variant in person.variants.keys() {
                self.by_variant.entry(fold(variant)).or_insert(id);
            }
            if let Some(country) = person.country() {
                self.by_country.entry(country).or_default().push(id);
            }
            for &a in &person.articles {
                self.by_article.entry(a).or_default().push(id);
            }
        }
    }

    /// Everyone, in the registry's order.
    pub fn people(&self) -> impl Iterator<Item = &Person> {
        self.people.iter()
    }

    /// Everyone with their place in the registry, in its order.
    pub fn ids(&self) -> impl Iterator<Item = (PersonId, &Person)> {
        self.people
            .iter()
            .enumerate()
            .map(|(k, p)| (PersonId(k), p))
    }

    pub fn person(&self, id: PersonId) -> &Person {
        &self.people[id.0]
    }

    /// The person an article's mention names.
    pub fn of(&self, article: usize, mention: usize) -> Option<PersonId> {
        self.by_mention.get(&(article, mention)).copied()
    }

    /// The one person who holds `role` for `country`, if exactly one does; among several, the
    /// one named by the given articles, if exactly one is.
    pub fn by_role(
        &self,
        g: &Gazetteer,
        role: &str,
        country: usize,
        articles: &std::collections::BTreeSet<usize>,
    ) -> Option<PersonId> {
        // "les dirigeants de l'Allemagne", "le chef du Canada": who holds the country's head
        // office (of state or government).
        let leader = LEADER_WORDS.contains(&crate::text::fold(role).as_str());
        let holds = |p: PersonId| {
            let person = self.person(p);
            if leader {
                HEAD_OFFICES.iter().any(|office| person.holds(g, office))
            } else {
                person.holds(g, role)
            }
        };
        let holders: Vec<PersonId> = self
            .by_country
            .get(&country)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&p| holds(p))
            .collect();
        match holders.as_slice() {
            [one] => Some(*one),
            [] => None,
            many => {
                let local: Vec<PersonId> = many
                    .iter()
                    .copied()
                    .filter(|&p| self.person(p).articles.iter().any(|a| articles.contains(a)))
                    .collect();
                (local.len() == 1).then(|| local[0])
            }
        }
    }

    /// The one person of `article` who holds `role`, if exactly one does.
    pub fn in_article_by_role(
        &self,
        g: &Gazetteer,
        role: &str,
        article: usize,
    ) -> Option<PersonId> {
        let mut holders = self
            .by_article
            .get(&article)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&p| self.person(p).holds(g, role));
        let first = holders.next();
        first.filter(|_| holders.next().is_none())
    }

    /// The person whose name (any written form) is `name`.
    pub fn by_name(&self, name: &str) -> Option<PersonId> {
        self.by_variant.get(&fold(name)).copied()
    }
}

/// Every mention of a person, (folded name, article, mention), grouped by folded surname, in
/// corpus order.
fn by_surname(extractions: &[ArticleExtraction]) -> BTreeMap<String, Vec<(String, usize, usize)>> {
    let mut by_surname: BTreeMap<String, Vec<(String, usize, usize)>> = BTreeMap::new();
    for (a, x) in extractions.iter().enumerate() {
        for (m, p) in x.entities.people.iter().enumerate() {
            let folded = fold(&p.name);
            let surname = folded.rsplit([' ', '-']).next().unwrap_or(&folded);
            by_surname
                .entry(skeleton(surname))
                .or_default()
                .push((folded.clone(), a, m));
        }
    }
    by_surname
}

/// A surname's skeleton, so that transliterations of one name meet: its first letter and
/// its consonants, doubled ones once ("Karaev" and "Karaïev" are "krv", "Rohani" and
/// "Rouhani" are "rhn").
fn skeleton(surname: &str) -> String {
    let mut out = String::new();
    for (i, c) in surname.chars().enumerate() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if (i == 0 || !vowel) && !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

fn same_person(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let first = |s: &str| s.split([' ', '-']).next().unwrap_or("").to_string();
    let surname = |s: &str| s.rsplit([' ', '-']).next().unwrap_or("").to_string();
    let single = |s: &str| !s.contains(' ') && !s.contains('-');
    // Names of one skeleton are compared: their surnames must be one spelling ("Keïta" and
    // "Keita", "Karaev" and "Karaïev"), not two names ("Touré" and "Traoré").
    let apart = levenshtein(&surname(a), &surname(b));
    // A surname alone joins the full name that carries it.
    if single(a) || single(b) {
        return apart <= 1;
    }
    if first(a) == first(b) {
        return apart <= 1;
    }
    // Spelling variants of the whole name ("Daouda"/"Dauda").
    a.len() >= 8 && levenshtein(a, b) <= 2 && apart <= 1
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_one_name_are_one_person() {
        assert!(same_person(&fold("Moussa Keïta"), &fold("Moussa Keita")));
        assert!(same_person(
            &fold("Ibrahim Daouda Koné"),
            &fold("Ibrahim Dauda Kone")
        ));
        assert!(!same_person(&fold("Amadou Touré"), &fold("Ousmane Touré")));
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        // Transliterations of a surname share a skeleton and so are compared.
        assert_eq!(skeleton("karaev"), skeleton(&fold("Karaïev")));
        assert_eq!(skeleton("rohani"), skeleton("rouhani"));
        assert!(!same_person(&fold("Amadou Touré"), &fold("Amadou Traoré")));
        assert!(same_person(&fold("Petar Karaev"), &fold("Petar Karaïev")));
    }
}
