//! Who takes part in a meeting: the arguments of the word that tells it, as French news writes
//! them — the subject before the verb ("X a reçu", "X, qui a rencontré", "Il s'est entretenu"),
//! the object after it ("a reçu mardi à Dakar le président Y"), "avec Y", "entre X et Y", and
//! for a meeting noun that is an adverbial of its clause ("lors d'un entretien avec Y, X a…"),
//! that clause's subject. Everyone else the sentence names is not a participant: an opposition
//! leader the talks were about, a victim, a speaker quoted, a person inside quotation marks.
//! Part of [`super::entities::find`]. Pure; byte ranges index the article's body.

use super::entities::{PersonMention, RoleGroup, SentenceView};
use super::roles::{role_groups, role_in};
use crate::dates::grammar::DateMention;
use crate::gazetteer::{Gazetteer, Gender, MentionKind, OrgKind};
use crate::lexicon::Lexicon;
use crate::text::Token;

/// One sentence as the meeting finder reads it.
pub(super) struct Reading<'a> {
    /// The sentence's text; `view.start` is its byte offset in the body.
    pub text: &'a str,
    pub words: &'a [Token<'a>],
    pub view: &'a SentenceView<'a>,
    /// The article's people; those of this sentence are `here`.
    pub people: &'a [PersonMention],
    pub here: &'a [usize],
    /// The article's dates (body offsets, sorted by start).
    pub dates: &'a [DateMention],
    /// Quoted text in the sentence (sentence offsets).
    pub quotes: Vec<(usize, usize)>,
    pub gazetteer: &'a Gazetteer,
}

/// Someone a pronoun may stand for: a person of the article, or an organisation, as the
/// subject of a recent sentence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Antecedent {
    Person(usize, Option<Gender>),
    Organisation(usize, Gender),
    /// Someone the article names by a first name alone ("Hicham, lui, marche…"): a pronoun
    /// after it stands for them, whom no list of people knows, not for someone named earlier.
    Unnamed(Option<Gender>),
}

impl Antecedent {
    /// Whether a pronoun of `gender` may stand for it.
    pub fn fits(self, gender: Gender) -> bool {
        match self {
            Antecedent::Person(_, g) => g == Some(gender),
            Antecedent::Organisation(_, g) => g == gender,
            Antecedent::Unnamed(g) => g.is_none_or(|g| g == gender),
        }
    }
}

/// The parties of a meeting mention.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct Participants {
    /// Indices into the article's people.
    pub people: Vec<usize>,
    /// Participants given by role and country: "le chef de l'État libanais", "l'ambassadeur
    /// allemand", "ses homologues allemand et chinois".
    pub groups: Vec<RoleGroup>,
    /// Countries that act as parties: "Moscou a convoqué", "la diplomatie iranienne a…".
    pub countries: Vec<usize>,
    /// Organisations that act as parties: "l'Otan se réunira".
    pub organisations: Vec<usize>,
    /// The subject was a pronoun ("Il s'est entretenu"), resolved or not.
    pub pronoun: bool,
    /// People met who are not named: "a rencontré l'ensemble des forces politiques".
    pub unnamed: bool,
}

impl Participants {
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
            && self.groups.is_empty()
            && self.countries.is_empty()
            && self.organisations.is_empty()
    }

    /// Who a pronoun resolved to `a` stands for: a person or an organisation (someone named by
    /// a first name alone is no one the lists know).
    fn add_antecedent(&mut self, a: Antecedent) {
        match a {
            Antecedent::Person(p, _) => self.add_person(p),
            Antecedent::Organisation(o, _) => self.organisations.push(o),
            Antecedent::Unnamed(_) => {}
        }
    }

    fn add_person(&mut self, p: usize) {
        if !self.people.contains(&p) {
            self.people.push(p);
        }
    }

    /// Only the people named before word `k` (a verb's subject comes before it).
    pub fn before(mut self, r: &Reading, k: usize) -> Participants {
        let at = r.at(k);
        self.people.retain(|&p| r.people[p].end <= at);
        self
    }

    pub fn take(&mut self, other: Participants) {
        for p in other.people {
            self.add_person(p);
        }
        for g in other.groups {
            if !self.groups.contains(&g) {
                self.groups.push(g);
            }
        }
        for c in other.countries {
            if !self.countries.contains(&c) {
                self.countries.push(c);
            }
        }
        for o in other.organisations {
            if !self.organisations.contains(&o) {
                self.organisations.push(o);
            }
        }
        self.pronoun |= other.pronoun;
        self.unnamed |= other.unnamed;
    }
}

/// Determiners and quantifiers before a plural of political people: "l'ensemble des", "les
/// principaux", "de nombreux".
const GROUP_QUANTIFIERS: &[&str] = &[
    "les",
    "des",
    "l",
    "ensemble",
    "plusieurs",
    "nombreux",
    "de",
    "principaux",
    "tous",
];

/// How many words may open a plural of political people before its noun.
const GROUP_OPENING_WORDS: usize = 5;

/// How many words a plural role's phrase may have: "les ministres des Affaires étrangères du
/// Ghana, du Togo et du Bénin".
const GROUP_WORDS: usize = 16;

/// How many words after a meeting's noun its "entre" may come: "une réunion de haut niveau
/// entre X et Y".
const ENTRE_WORDS: usize = 6;

/// How many words a role's noun phrase has at most: "le ministre des Affaires étrangères de
/// l'Union européenne".
const ROLE_PHRASE_WORDS: usize = 10;

/// How many words may lead to a person's noun phrase: "son homologue libanais".
const PERSON_LEAD: usize = 3;

/// How far (in bytes) an object or "avec" phrase is looked for after a meeting's word.
const OBJECT_WINDOW: usize = 120;

impl Reading<'_> {
    pub(super) fn f(&self, k: usize) -> &str {
        self.words.get(k).map_or("", |w| w.folded.as_ref())
    }

    /// Body offset of word `k`'s start.
    pub(super) fn at(&self, k: usize) -> usize {
        self.view.start + self.words[k].start
    }

    /// Whether sentence offset `byte` lies inside quotation marks.
    pub fn quoted(&self, byte: usize) -> bool {
        self.quotes.iter().any(|&(a, b)| a <= byte && byte < b)
    }

    /// The person of this sentence whose name ends with word `k`.
    fn person_ending(&self, k: usize) -> Option<usize> {
        let end = self.view.start + self.words[k].end;
        self.here
            .iter()
            .copied()
            .find(|&p| self.people[p].end == end)
    }

    /// The person of this sentence whose noun phrase (or name) starts at word `k`, or right
    /// after a few words that lead to it ("son homologue libanais X", "l'ancien X").
    pub(super) fn person_opening(&self, k: usize) -> Option<usize> {
        let mut j = k;
        while j < self.words.len() && j <= k + PERSON_LEAD {
            let at = self.at(j);
            let found = self.here.iter().copied().find(|&p| {
                let person = &self.people[p];
                (person.phrase_start == at || person.start == at)
                    && !self.quoted(person.start - self.view.start)
            });
            if found.is_some() || !self.leads_to_a_person(j) {
                return found;
            }
            j += 1;
        }
        None
    }

    /// Whether word `j` may stand before a person's name without being their role: an
    /// article, a possessive, "homologue", an adjective of country or time.
    fn leads_to_a_person(&self, j: usize) -> bool {
        let at = self.at(j);
        matches!(
            self.f(j),
            "le" | "la"
                | "l"
                | "les"
                | "son"
                | "sa"
                | "ses"
                | "leur"
                | "leurs"
                | "homologue"
                | "homologues"
                | "ancien"
                | "ancienne"
                | "nouveau"
                | "nouvelle"
                | "actuel"
                | "actuelle"
        ) || self
            .view
            .countries
            .iter()
            .any(|m| m.kind == MentionKind::Adjective && m.start == at)
    }

    /// The word where a person's noun phrase starts.
    pub(super) fn phrase_word(&self, p: usize) -> usize {
        let at = self.people[p].phrase_start - self.view.start;
        self.words.partition_point(|w| w.start < at)
    }

    /// The word after a person's name.
    pub(super) fn after_person(&self, p: usize) -> usize {
        let end = self.people[p].end - self.view.start;
        self.words.partition_point(|w| w.start < end)
    }

    /// Whether word `k` is a preposition: "à" as written, not the auxiliary "a" that folds
    /// alike (a capital "A" opening a sentence is "à", as the press often writes it).
    pub(super) fn preposition(&self, k: usize) -> bool {
        let w = self.f(k);
        if w == "a" {
            let raw = &self.text[self.words[k].start..self.words[k].end];
            return raw != "a" || (raw == "A" && k == 0);
        }
        Lexicon::get().prepositions.contains(w)
    }

    /// Whether word `k` is the preposition "à" ("à" or a sentence's opening "A").
    pub(super) fn a_preposition(&self, k: usize) -> bool {
        self.f(k) == "a" && self.preposition(k)
    }

    /// Whether a person's noun phrase follows a preposition: "avec X", "de X", "à X".
    pub(super) fn governed(&self, p: usize) -> bool {
        let k = self.phrase_word(p);
        k > 0 && {
            let before = self.f(k - 1);
            self.preposition(k - 1) || before == "selon"
        }
    }

    /// Whether the sentence gives a day or a month.
    pub(super) fn dates_a_day(&self) -> bool {
        let (start, end) = (self.view.start, self.view.end);
        let first = self.dates.partition_point(|d| d.start < start);
        self.dates[first..]
            .iter()
            .take_while(|d| d.start < end)
            .any(|d| {
                matches!(
                    d.precision,
                    crate::dates::Precision::Day | crate::dates::Precision::Month
                )
            })
    }

    /// Whether word `k` lies in a date expression of the sentence.
    pub(super) fn in_date(&self, k: usize) -> bool {
        let at = self.at(k);
        let first = self.dates.partition_point(|d| d.end <= at);
        self.dates
            .get(first)
            .is_some_and(|d| d.start <= at && at < d.end)
    }

    /// How many words a filler ("de son côté", "notamment", an auxiliary) that ends at word
    /// `k` has, if one does.
    pub(super) fn filler_ending(&self, k: usize) -> Option<usize> {
        let lexicon = Lexicon::get();
        if lexicon.verb_fillers.contains(self.f(k)) && !self.a_preposition(k)
            || self.in_date(k)
            || self.clitic_en(k)
        {
            return Some(1);
        }
        lexicon.filler_phrases.length_ending_at(self.words, k)
    }

    /// "il en débattra", "elle s'en est entretenue": "en" as the verb's clitic, after a subject
    /// pronoun or a reflexive one, not the preposition of "en Corse".
    pub(super) fn clitic_en(&self, k: usize) -> bool {
        self.f(k) == "en"
            && k > 0
            && (Gender::of_pronoun(self.f(k - 1)).is_some()
                || matches!(self.f(k - 1), "on" | "ne" | "n" | "se" | "s"))
    }

    /// How many words a filler that starts at word `k` has, if one does: a word or phrase of
    /// the fillers, a date, a time ("à 17H00"), a duration ("de deux jours").
    pub(super) fn filler_starting(&self, k: usize) -> Option<usize> {
        let lexicon = Lexicon::get();
        if self.a_preposition(k) && self.words.get(k + 1).is_some_and(|w| is_clock(&w.folded)) {
            return Some(2);
        }
        if matches!(self.f(k), "de" | "d") && self.duration_at(k + 1) {
            return Some(3);
        }
        if lexicon.verb_fillers.contains(self.f(k)) && !self.a_preposition(k) || self.in_date(k) {
            return Some(1);
        }
        lexicon.filler_phrases.length_at(self.words, k)
    }

    /// "deux jours", "48 heures", "trois semaines": a number and a unit of time at word `k`.
    fn duration_at(&self, k: usize) -> bool {
        let number = self.f(k);
        let counted = number.bytes().all(|b| b.is_ascii_digit()) && !number.is_empty()
            || Lexicon::get().number_words.contains_key(number);
        counted
            && matches!(
                self.f(k + 1),
                "jours" | "jour" | "heures" | "heure" | "semaines" | "mois"
            )
    }

    /// The words between `from` and `to` (exclusive) are only punctuation between words
    /// ("," or nothing).
    fn only_commas_between(&self, from: usize, to: usize) -> bool {
        let (a, b) = (self.words[from].end, self.words[to].start);
        a <= b
            && self.text[a..b]
                .chars()
                .all(|c| c == ',' || c.is_whitespace())
    }

    /// The subject of the verb whose group starts at word `k`: a person (with those
    /// coordinated with them), a pronoun resolved by gender, the antecedent of "qui", or else
    /// a role, a country or an organisation that acts.
    pub fn subject(&self, k: usize, antecedents: &[Antecedent]) -> Participants {
        let mut out = Participants::default();
        let mut j = k;
        // Over the verb group's auxiliaries, clitics and adverbs, and the commas around an
        // inserted phrase ("X, de son côté, a…").
        while j > 0 {
            match self.filler_ending(j - 1) {
                Some(n) => j = j.saturating_sub(n),
                None => break,
            }
        }
        if j == 0 {
            return out;
        }
        let last = j - 1;
        if let Some(gender) = Gender::of_pronoun(self.f(last)) {
            out.pronoun = true;
            // "X se trouve à Ankara, où il a rencontré Y": the sentence's own subject first.
            if let Some(p) = self.subject_before(last, gender) {
                out.add_person(p);
                return out;
            }
            if let Some(a) = resolve(antecedents, gender) {
                out.add_antecedent(a);
            }
            return out;
        }
        // "X, qui a rencontré Y": the person before the comma.
        let last = if self.f(last) == "qui" && last > 0 {
            last - 1
        } else {
            last
        };
        if let Some(p) = self.person_ending(last).filter(|&p| !self.governed(p)) {
            out.add_person(p);
            self.coordinated_before(p, &mut out);
            return out;
        }
        // "X, ministre portugaise des Affaires étrangères, a accueilli": the name before its
        // role's apposition.
        if let Some(p) = self.person_before_apposition(last) {
            out.add_person(p);
            return out;
        }
        self.acting_noun_phrase(last, &mut out);
        out
    }

    /// "X, arrivé mercredi à P": the person whose name ends right before the comma before word
    /// `k`, even governed ("le cas du ministre X, arrivé…").
    pub fn apposed_to(&self, k: usize) -> Participants {
        let mut out = Participants::default();
        let comma = k > 0 && self.text[self.words[k - 1].end..self.words[k].start].contains(',');
        if let Some(p) = self.person_ending(k.saturating_sub(1)).filter(|_| comma) {
            out.add_person(p);
        }
        out
    }

    /// The person whose name ends right before the comma that opens the role apposition ending
    /// at word `last`: "X, ministre de la Défense".
    fn person_before_apposition(&self, last: usize) -> Option<usize> {
        let end = self.words[last].end;
        let comma = self.text[..end].rfind(',')?;
        let apposition = self.text[comma + 1..end].trim();
        if !super::roles::starts_with_role(apposition, self.gazetteer)
            || apposition.split_whitespace().count() > ROLE_PHRASE_WORDS
        {
            return None;
        }
        let before = self.text[..comma].trim_end().len();
        self.here
            .iter()
            .copied()
            .find(|&p| self.people[p].end == self.view.start + before && !self.governed(p))
    }

    /// The person that no preposition governs, named before word `k` in the sentence, of
    /// `gender` or of no known gender, the nearest first: what a pronoun of a later clause of
    /// the same sentence stands for.
    fn subject_before(&self, k: usize, gender: Gender) -> Option<usize> {
        let at = self.at(k);
        self.here.iter().rev().copied().find(|&p| {
            let person = &self.people[p];
            person.end <= at
                && !self.governed(p)
                && !self.quoted(person.start - self.view.start)
                && person.gender.is_none_or(|g| g == gender)
        })
    }

    /// "X et Y se sont entretenus": the people coordinated before `p`.
    fn coordinated_before(&self, p: usize, out: &mut Participants) {
        let mut first = self.phrase_word(p);
        while first >= 2 && matches!(self.f(first - 1), "et") {
            match self.person_ending(first - 2).filter(|&q| !self.governed(q)) {
                Some(q) => {
                    out.add_person(q);
                    first = self.phrase_word(q);
                }
                None => break,
            }
        }
    }

    /// A subject without a name that ends at word `last`: the clause from its last comma (or
    /// the sentence's start) up to it, read as a role ("le chef de l'État libanais"), a
    /// country ("Moscou", "la diplomatie iranienne") or an organisation ("l'Otan").
    fn acting_noun_phrase(&self, last: usize, out: &mut Participants) {
        let end = self.words[last].end;
        let start =
            crate::text::after_last(&self.text[..end], &[',', ';', ':', '(', '«', '"', '»']);
        // "…, en rappelant que le président français avait": after the conjunction.
        let start = (0..=last)
            .rev()
            .take_while(|&k| self.words[k].start >= start)
            .find(|&k| matches!(self.f(k), "que" | "qu"))
            .map_or(start, |k| self.words[k].end);
        // "« … », a ajouté le chef de la diplomatie russe, qui…": past the inverted verb.
        let opening = self.words.partition_point(|w| w.start < start);
        let start = if opening + 1 < last
            && Lexicon::get().auxiliaries.contains(self.f(opening))
            && Lexicon::get().speech_verbs.contains(self.f(opening + 1))
        {
            self.words[opening + 1].end
        } else {
            start
        };
        let phrase = &self.text[start..end];
        // The noun phrase opens the clause: no preposition before its head ("En visite à
        // Moscou, le président…" is the president, not Moscow).
        let first = self.words.partition_point(|w| w.start < start);
        if first < self.words.len() && self.preposition(first) || !self.noun_phrase(first, last) {
            return;
        }
        if let Some(role) = role_in(phrase, start, self.gazetteer, self.view, true) {
            if let Some(country) = role.country {
                out.groups.push(RoleGroup {
                    role: role.role,
                    countries: vec![country],
                });
                return;
            }
            if let Some(org) = role.organisation {
                // "le commissaire européen a participé…": the one holder of that office named
                // so far, or the organisation itself.
                match self.sole_holder(&role.role) {
                    Some(p) => out.add_person(p),
                    None => out.organisations.push(org),
                }
                return;
            }
            // "le chef de l'État", no country: the one person of the article so far who holds
            // that office, if only one does.
            if let Some(p) = self.sole_holder(&role.role) {
                out.add_person(p);
                return;
            }
            // "les chefs d'État andins": several holders of an office, of no country named.
            if self.f(last).ends_with('s')
                || phrase.split_whitespace().any(|w| {
                    w.ends_with('s')
                        && self
                            .gazetteer
                            .role_words
                            .contains(&crate::text::fold(w.trim_end_matches('s')))
                })
            {
                out.groups.push(RoleGroup {
                    role: role.role,
                    countries: Vec::new(),
                });
                return;
            }
        }
        let (from, to) = (self.view.start + start, self.view.start + end);
        if let Some(m) = self
            .view
            .countries
            .iter()
            .find(|m| m.start >= from && m.end <= to)
        {
            out.countries.push(m.country);
            return;
        }
        if let Some(o) = self
            .view
            .organisations
            .iter()
            .find(|o| o.start >= from && o.end <= to)
        {
            let org = &self.gazetteer.organisations[o.org];
            match (org.kind, org.members.as_slice()) {
                (OrgKind::National | OrgKind::ArmedGroup, [one]) => out.countries.push(*one),
                _ => out.organisations.push(o.org),
            }
        }
    }

    /// Whether the words `first..=last` can be a noun phrase: ten words at most, no verb's
    /// auxiliary, reflexive or relative word, no person's name ("le président turc X s'est dit
    /// prêt" is a clause, not a subject).
    fn noun_phrase(&self, first: usize, last: usize) -> bool {
        let clause_word = |k: usize| {
            matches!(
                self.f(k),
                "ont"
                    | "est"
                    | "sont"
                    | "s"
                    | "se"
                    | "etait"
                    | "etaient"
                    | "avait"
                    | "avaient"
                    | "sera"
                    | "seront"
                    | "qui"
                    | "que"
                    | "qu"
                    | "dit"
            ) || (self.f(k) == "a" && !self.preposition(k))
        };
        let (from, to) = (
            self.at(first.min(last)),
            self.view.start + self.words[last].end,
        );
        last + 1 - first.min(last) <= ROLE_PHRASE_WORDS
            && !(first..=last).any(clause_word)
            && !self
                .here
                .iter()
                .any(|&p| self.people[p].start >= from && self.people[p].end <= to)
    }

    /// Where a role's noun phrase that starts at word `k` ends (a sentence offset): over its
    /// determiner, role words ("chef de la diplomatie"), complements ("des Affaires
    /// étrangères", "de l'Union européenne"), countries and their adjectives, up to the first
    /// other word (a verb, "lors", "sur"…), ten words at most.
    fn role_phrase_end(&self, k: usize) -> usize {
        let g = self.gazetteer;
        let mut end = self.words[k].end;
        let mut j = k;
        while j < self.words.len() && j < k + ROLE_PHRASE_WORDS {
            if j > k {
                let gap = &self.text[self.words[j - 1].end..self.words[j].start];
                if gap.contains([',', ';', ':', '(', ')', '«', '»', '"']) {
                    break;
                }
            }
            let w = self.f(j);
            let at = self.at(j);
            let named = self.view.names_a_country_or_body(at);
            let part = named
                || g.role_words.contains(w)
                || w.strip_suffix('s')
                    .is_some_and(|one| g.role_words.contains(one))
                || matches!(
                    w,
                    "le" | "la"
                        | "l"
                        | "les"
                        | "de"
                        | "du"
                        | "des"
                        | "d"
                        | "son"
                        | "sa"
                        | "ses"
                        | "leur"
                        | "leurs"
                        | "homologue"
                        | "homologues"
                )
                || self.words[j].capitalised;
            if !part || (j > k && self.person_opening(j).is_some()) {
                break;
            }
            end = self.words[j].end;
            j += 1;
        }
        end
    }

    /// The one person the article has named so far with a role that is `role`'s office
    /// ("chef de l'État" is "président"), if only one person has it.
    fn sole_holder(&self, role: &str) -> Option<usize> {
        let before = self.view.start + self.text.len();
        let mut holders = self.people.iter().enumerate().filter(|(_, p)| {
            p.start < before
                && p.role
                    .as_deref()
                    .is_some_and(|r| self.gazetteer.same_role(r, role))
        });
        let (first, found) = holders.next()?;
        holders
            .all(|(_, p)| p.name == found.name)
            .then_some(first)
            .map(|i| self.latest_mention(i))
    }

    /// The latest mention of the person of mention `i` (the same name), for a participant.
    fn latest_mention(&self, i: usize) -> usize {
        let name = &self.people[i].name;
        (i..self.people.len())
            .rev()
            .find(|&j| self.people[j].name == *name)
            .unwrap_or(i)
    }

    /// The direct object after word `last` (the verb's last word): the first noun phrase after
    /// the adverbials (dates, places, "pour sa part"), a person with those coordinated after
    /// them ("X et Y", "X, ainsi que Y"), or a role ("l'ambassadeur allemand").
    pub fn object(&self, last: usize) -> Participants {
        let mut out = Participants::default();
        let mut k = last + 1;
        let limit = self.view.start + self.words.get(last).map_or(0, |w| w.end) + OBJECT_WINDOW;
        while k < self.words.len() && self.at(k) < limit {
            if let Some(p) = self.person_opening(k) {
                if !self.governed(p) {
                    out.add_person(p);
                    self.coordinated_after(p, &mut out);
                }
                return out;
            }
            // A place after "à", "au", "en", "dans": "a reçu à Dakar le président" (before the
            // fillers: "à" folds like the auxiliary "a").
            if let Some(n) = self.locative_at(k) {
                k += n;
                continue;
            }
            if let Some(n) = self.filler_starting(k) {
                k += n;
                continue;
            }
            break;
        }
        if k < self.words.len() && self.at(k) < limit {
            // A plural role of several countries first: "les ministres de la Santé du Ghana et
            // du Togo"; else one role: "l'ambassadeur allemand".
            self.groups_from(k, &mut out);
            if out.is_empty() {
                self.object_noun_phrase(k, &mut out);
            }
            out.unnamed = out.is_empty() && self.political_group_at(k);
        }
        out
    }

    /// Whether a plural of political people starts at word `k`: "les dirigeants", "l'ensemble
    /// des forces politiques", "plusieurs députés".
    fn political_group_at(&self, k: usize) -> bool {
        let lexicon = Lexicon::get();
        (k..(k + GROUP_OPENING_WORDS).min(self.words.len()))
            .take_while(|&j| j == k || !self.ends_clause_before(j))
            .find(|&j| !GROUP_QUANTIFIERS.contains(&self.f(j)))
            .is_some_and(|j| lexicon.political_groups.contains(self.f(j)))
    }

    /// Participants given by a plural role from word `k` to the clause's end: "les ministres
    /// de la Santé du Rwanda et de l'Ouganda", "ses homologues allemand et chinois".
    fn groups_from(&self, k: usize, out: &mut Participants) {
        let end = (k + 1..self.words.len())
            .find(|&j| self.ends_clause_before(j) || j >= k + GROUP_WORDS)
            .unwrap_or(self.words.len());
        let until = self.view.start + self.words[end - 1].end;
        let groups = role_groups(
            self.text,
            &self.words[k..end],
            self.view,
            self.here,
            self.people,
            self.gazetteer,
            until,
        );
        for g in groups {
            if !out.groups.contains(&g) {
                out.groups.push(g);
            }
        }
    }

    /// How many words a place phrase ("à Dakar", "au palais de Carthage", "en Espagne")
    /// starting at word `k` has.
    fn locative_at(&self, k: usize) -> Option<usize> {
        let preposition = match self.f(k) {
            "a" => self.a_preposition(k),
            w => matches!(w, "au" | "aux" | "en" | "dans"),
        };
        if !preposition {
            return None;
        }
        let mut j = k + 1;
        if matches!(self.f(j), "le" | "la" | "l" | "les") {
            j += 1;
        }
        if Lexicon::get().buildings.contains(self.f(j)) {
            j += 1;
            while j < self.words.len()
                && (matches!(self.f(j), "de" | "du" | "d" | "l" | "la")
                    || self.words[j].capitalised)
            {
                j += 1;
            }
            return Some(j - k);
        }
        let at = self.at(j.min(self.words.len().saturating_sub(1)));
        let place_end = self
            .view
            .countries
            .iter()
            .filter(|m| m.kind != MentionKind::Adjective)
            .map(|m| (m.start, m.end))
            .chain(self.view.places.iter().map(|m| (m.start, m.end)))
            .find(|&(start, _)| start == at)
            .map(|(_, end)| end)?;
        let end_word = self
            .words
            .partition_point(|w| self.view.start + w.start < place_end);
        Some(end_word - k)
    }

    /// A role or a country's diplomat as an object: "l'ambassadeur allemand", "le responsable
    /// de l'ambassade suisse", "son homologue libanais".
    fn object_noun_phrase(&self, k: usize, out: &mut Participants) {
        let start = self.words[k].start;
        let end = self.role_phrase_end(k);
        let phrase = &self.text[start..end];
        if let Some(role) = role_in(phrase, start, self.gazetteer, self.view, false)
            .filter(|r| r.start - self.view.start == start)
        {
            if let Some(country) = role.country {
                out.groups.push(RoleGroup {
                    role: role.role,
                    countries: vec![country],
                });
            }
        }
    }

    /// "X et Y", "X, Y et Z", "X, ainsi que Y": the people coordinated after `p`.
    fn coordinated_after(&self, p: usize, out: &mut Participants) {
        let mut k = self.after_person(p);
        loop {
            let mut j = k;
            if self.f(j) == "ainsi" && self.f(j + 1) == "que" {
                j += 2;
            } else if self.f(j) == "et" {
                j += 1;
            } else if j < self.words.len()
                && j > 0
                && self.only_commas_between(j - 1, j)
                && self.text[self.words[j - 1].end..self.words[j].start].contains(',')
            {
                // "X, Y et Z" — but not "X, qui…": only a name right after the comma.
            } else {
                return;
            }
            match (j < self.words.len())
                .then(|| self.person_opening(j))
                .flatten()
            {
                Some(q) if !self.governed(q) || self.f(j.saturating_sub(1)) == "que" => {
                    out.add_person(q);
                    k = self.after_person(q);
                }
                _ => return,
            }
        }
    }

    /// "avec X", "avec X et Y", "avec ses homologues allemand et chinois", after word `last`,
    /// within the clause.
    pub fn with(&self, last: usize) -> Participants {
        let mut out = Participants::default();
        let limit = self.view.start + self.words.get(last).map_or(0, |w| w.end) + OBJECT_WINDOW;
        let Some(avec) = (last + 1..self.words.len())
            .take_while(|&k| self.at(k) < limit && !self.ends_clause_before(k))
            .find(|&k| self.f(k) == "avec")
        else {
            return out;
        };
        self.after_preposition(avec + 1, &mut out);
        out
    }

    /// "un entretien avec X": "avec" within the noun's own phrase after word `k` (no comma
    /// between: "après une visite de X, une conférence… avec Y" is not the visit's).
    pub fn with_close(&self, k: usize) -> Participants {
        let next_comma = (k + 1..self.words.len()).find(|&j| {
            self.text[self.words[j - 1].end..self.words[j].start].contains([',', ';', ':'])
        });
        match next_comma {
            Some(j) if !(k + 1..j).any(|i| self.f(i) == "avec") => Participants::default(),
            _ => self.with(k),
        }
    }

    /// "a été reçu par X": the agent of a passive verb at word `last`.
    pub fn agent(&self, last: usize) -> Participants {
        self.after_word(last, "par")
    }

    /// "a téléphoné à X", "a rendu visite à X": who is called or visited, after word `last`.
    pub fn to(&self, last: usize) -> Participants {
        self.after_word(last, "a")
    }

    /// Who stands after the first `preposition` that follows word `last` closely (adverbials
    /// and dates between).
    fn after_word(&self, last: usize, preposition: &str) -> Participants {
        let mut out = Participants::default();
        let mut k = last + 1;
        while k < self.words.len() && k <= last + 6 {
            if self.f(k) == preposition && (preposition != "a" || self.a_preposition(k)) {
                self.after_preposition(k + 1, &mut out);
                return out;
            }
            match self.filler_starting(k) {
                Some(n) if self.f(k) != preposition => k += n,
                _ => return out,
            }
        }
        out
    }

    /// "entre X et Y", "entre Mme X et MM. Y et Z": everyone after "entre" until the clause
    /// ends, from word `k` on.
    pub fn between(&self, k: usize) -> Participants {
        let mut out = Participants::default();
        let limit = self.view.start + self.words.get(k).map_or(0, |w| w.end) + OBJECT_WINDOW;
        // "une réunion de haut niveau entre X et Y": within the noun's phrase.
        let Some(entre) = (k + 1..self.words.len())
            .take_while(|&j| {
                self.at(j) < limit && j <= k + ENTRE_WORDS && !self.ends_clause_before(j)
            })
            .find(|&j| self.f(j) == "entre")
        else {
            return out;
        };
        let mut j = entre + 1;
        while j < self.words.len() && self.at(j) < limit + OBJECT_WINDOW {
            if let Some(p) = self.person_opening(j) {
                out.add_person(p);
                j = self.after_person(p);
                continue;
            }
            if matches!(self.f(j), "et" | "m" | "mm" | "mme" | "mmes") {
                j += 1;
                continue;
            }
            // "… et ses homologues de l'AES": a group of roles ends the list.
            self.groups_from(j, &mut out);
            break;
        }
        out
    }

    /// Who stands right after a preposition at word `k`: a person and those coordinated, or a
    /// role of one or several countries ("ses homologues allemand et chinois"), or a country.
    fn after_preposition(&self, k: usize, out: &mut Participants) {
        if k >= self.words.len() {
            return;
        }
        if let Some(p) = self.person_opening(k) {
            out.add_person(p);
            self.coordinated_after(p, out);
            return;
        }
        // A plural role of several countries first: "des ministres de la Santé du Ghana et du
        // Togo", "ses homologues allemand et chinois".
        let before = out.groups.len();
        self.groups_from(k, out);
        if out.groups.len() > before {
            return;
        }
        let start = self.words[k].start;
        let end = self.role_phrase_end(k);
        let phrase = &self.text[start..end];
        if let Some(role) = role_in(phrase, start, self.gazetteer, self.view, false)
            .filter(|r| r.start - self.view.start == start)
        {
            let (from, to) = (self.view.start + start, self.view.start + end);
            let mut countries: Vec<usize> = self
                .view
                .countries
                .iter()
                .filter(|m| m.start >= from && m.end <= to && m.kind == MentionKind::Adjective)
                .map(|m| m.country)
                .collect();
            countries.dedup();
            if countries.is_empty() {
                countries.extend(role.country);
            }
            if !countries.is_empty() {
                out.groups.push(RoleGroup {
                    role: role.role,
                    countries,
                });
            }
            return;
        }
        let at = self.at(k);
        let det = usize::from(matches!(self.f(k), "le" | "la" | "l" | "les"));
        let at_noun = self.at((k + det).min(self.words.len() - 1));
        if let Some(m) = self
            .view
            .countries
            .iter()
            .find(|m| (m.start == at || m.start == at_noun) && m.kind != MentionKind::Adjective)
        {
            out.countries.push(m.country);
        }
    }

    /// Whether a clause ends before word `k`: a semicolon, a colon, a quote, or a comma that
    /// opens a relative or another clause ("…, qui", "…, alors que").
    fn ends_clause_before(&self, k: usize) -> bool {
        if k == 0 {
            return false;
        }
        let gap = &self.text[self.words[k - 1].end..self.words[k].start];
        gap.contains([';', ':', '«', '»', '"', '('])
            || (gap.contains(',')
                && matches!(
                    self.f(k),
                    "qui"
                        | "que"
                        | "dont"
                        | "ou"
                        | "alors"
                        | "tandis"
                        | "mais"
                        | "lorsque"
                        | "quand"
                        | "selon"
                        | "a"
                ))
    }

    /// The subject of the sentence's main clause, for a meeting noun that is an adverbial of
    /// it ("Lors d'un entretien avec Y, X a…", "X a averti… lors d'une conversation avec Y"): the
    /// first person that no preposition governs, outside quotes and outside `skip` (the
    /// noun's own phrase, as word indices).
    pub fn main_subject(&self, skip: (usize, usize)) -> Participants {
        self.main_subject_until(skip, usize::MAX)
    }

    /// The main clause's subject for a verb of a clause without one, named before the verb at
    /// word `k`: "Le commissaire a participé aux livraisons avant de rencontrer Y".
    pub fn main_subject_before(&self, k: usize) -> Participants {
        self.main_subject_until((k, k), self.at(k)).before(self, k)
    }

    /// [`Self::main_subject`], with the named subject ending before byte `until`.
    fn main_subject_until(&self, skip: (usize, usize), until: usize) -> Participants {
        let mut out = Participants::default();
        let (from, to) = (
            self.view.start + self.words[skip.0].start,
            self.view.start + self.words[skip.1.min(self.words.len() - 1)].end,
        );
        let found = self.here.iter().copied().find(|&p| {
            let person = &self.people[p];
            let inside = person.start >= from && person.start < to;
            let later = person.end > until;
            !(inside || later || self.quoted(person.start - self.view.start) || self.governed(p))
        });
        if let Some(p) = found {
            out.add_person(p);
            return out;
        }
        // "Au cours d'un entretien avec Y, le chef de l'État a…": a subject without a name,
        // before the first auxiliary outside the noun's phrase.
        let auxiliary = (0..self.words.len()).find(|&k| {
            (k < skip.0 || k > skip.1 + 1)
                && matches!(
                    self.f(k),
                    "a" | "ont" | "est" | "sont" | "avait" | "avaient"
                )
                && !self.preposition(k)
                && !self.quoted(self.words[k].start)
        });
        if let Some(k) = auxiliary.filter(|&k| k > 0) {
            // "le chef du GNA s'est dit…": back over the reflexive to the noun phrase.
            let mut last = k - 1;
            while last > 0 && matches!(self.f(last), "s" | "se" | "n" | "ne" | "l" | "lui") {
                last -= 1;
            }
            // A quote's words are no subject: "« … de l'Europe », a-t-il insisté".
            if !self.quoted(self.words[last].start) {
                self.acting_noun_phrase(last, &mut out);
            }
        }
        // "Trois chefs de la diplomatie de la CAE, venus du Kenya…, sont arrivés": the noun
        // phrase that opens the sentence, before its first comma.
        if out.is_empty() {
            let first_comma = (1..self.words.len())
                .find(|&k| self.text[self.words[k - 1].end..self.words[k].start].contains(','));
            if let Some(k) =
                first_comma.filter(|&k| k <= skip.0 && !self.quoted(self.words[k - 1].start))
            {
                self.acting_noun_phrase(k - 1, &mut out);
            }
        }
        out
    }

    /// The first person named after word `k` in its clause, past an apposition ("auprès d'un
    /// de ses alliés, le président X").
    pub fn first_person_after(&self, k: usize) -> Participants {
        let mut out = Participants::default();
        let at = self.view.start + self.words[k].end;
        let found = self.here.iter().copied().find(|&p| {
            let person = &self.people[p];
            person.start >= at
                && person.start - at <= OBJECT_WINDOW
                && !self.quoted(person.start - self.view.start)
        });
        if let Some(p) = found {
            let between = self
                .words
                .partition_point(|w| self.view.start + w.start < at)
                ..self.phrase_word(p);
            if !between.clone().any(|j| self.ends_clause_before(j)) {
                out.add_person(p);
            }
        }
        out
    }

    /// "X a demandé des comptes au président Y, lors d'un entretien téléphonique": the person
    /// the clause's verb addresses ("à Y", "au président Y"), the nearest before the meeting's
    /// noun at word `k` in the same clause.
    pub fn addressee_before(&self, k: usize) -> Participants {
        let mut out = Participants::default();
        let limit = self.at(k);
        let found = self.here.iter().copied().rev().find(|&p| {
            let person = &self.people[p];
            let first = self.phrase_word(p);
            person.end <= limit
                && limit - person.end <= OBJECT_WINDOW
                && !self.quoted(person.start - self.view.start)
                && first > 0
                && (self.a_preposition(first - 1) || matches!(self.f(first - 1), "au" | "aux"))
                && !(first..=k).any(|j| self.ends_clause_before(j))
        });
        if let Some(p) = found {
            out.add_person(p);
        }
        out
    }

    /// The subject a clause gives by an inverted pronoun outside quotes ("…», a-t-il insisté",
    /// "estime-t-elle"), resolved by gender to the previous sentences' subjects.
    pub fn inverted_subject(&self, antecedents: &[Antecedent]) -> Participants {
        let mut out = Participants::default();
        let inverted = (1..self.words.len()).find_map(|j| {
            let hyphen = &self.text[self.words[j - 1].end..self.words[j].start] == "-";
            let gender = Gender::of_pronoun(self.f(j))?;
            (hyphen && !self.quoted(self.words[j].start)).then_some(gender)
        });
        if let Some(a) = inverted.and_then(|gender| resolve(antecedents, gender)) {
            out.add_antecedent(a);
        }
        out
    }

    /// The possessor of "sa visite", "son entretien", "leur rencontre": the subject of the
    /// clause, else of the previous sentences.
    pub fn possessor(&self, k: usize, antecedents: &[Antecedent]) -> Participants {
        // The subject of the nearest verb before the noun: "le président avait voulu… lors de
        // sa visite" is the president's.
        let auxiliary = (0..k).rev().find(|&j| {
            matches!(
                self.f(j),
                "a" | "ont" | "avait" | "avaient" | "est" | "sont" | "etait" | "etaient"
            ) && !self.preposition(j)
                && !self.quoted(self.words[j].start)
        });
        if let Some(j) = auxiliary {
            let group_start = (0..=j)
                .rev()
                .take_while(|&i| {
                    i == j || matches!(self.f(i), "s" | "se" | "n" | "ne" | "l" | "lui")
                })
                .last()
                .unwrap_or(j);
            let subject = self.subject(group_start, antecedents);
            if !subject.is_empty() {
                return subject;
            }
        }
        let mut out = self.main_subject((k, k));
        if out.is_empty() {
            if let Some(&a) = antecedents.last() {
                out.add_antecedent(a);
            }
        }
        out
    }

    /// "la visite du président X", "la visite de X à P", "la réunion de l'Otan": who the
    /// noun at `k` is of.
    pub fn of_noun(&self, k: usize) -> Participants {
        let mut out = Participants::default();
        let j = k + 1;
        if !matches!(self.f(j), "de" | "du" | "d" | "des") {
            return out;
        }
        self.after_preposition(j + 1, &mut out);
        if out.is_empty() {
            let (from, to) = (self.at(j), self.at(j) + 24);
            if let Some(o) = self
                .view
                .organisations
                .iter()
                .find(|o| o.start >= from && o.start <= to)
            {
                out.organisations.push(o.org);
            }
        }
        out
    }
}

impl Reading<'_> {
    /// The sentence's subject, for the pronouns of the sentences after it: the first person
    /// near its start that no preposition governs (outside quotes), or an organisation that
    /// opens it ("La Cédéao a condamné…").
    pub fn sentence_subject(&self) -> Option<Antecedent> {
        let near = |byte: usize| byte - self.view.start <= SUBJECT_WINDOW;
        let person = self.here.iter().copied().find(|&p| {
            let person = &self.people[p];
            near(person.start) && !self.quoted(person.start - self.view.start) && !self.governed(p)
        });
        if let Some(p) = person {
            return Some(Antecedent::Person(p, self.people[p].gender));
        }
        if let Some(unnamed) = self.first_name_opening() {
            return Some(unnamed);
        }
        let o = self.view.organisations.first().filter(|o| near(o.start))?;
        let k = self
            .words
            .partition_point(|w| self.view.start + w.start < o.start);
        let determiner = k.checked_sub(1).map_or("", |j| self.f(j));
        if k >= 2 && self.preposition(k - 2) {
            return None;
        }
        let gender = match determiner {
            "la" => Gender::Feminine,
            "le" => Gender::Masculine,
            "l" => {
                let name = &self.gazetteer.organisations[o.org].name;
                let head = crate::text::fold(name.split([' ', '\'', '’']).next().unwrap_or(""));
                if Lexicon::get().feminine_heads.contains(&head) {
                    Gender::Feminine
                } else {
                    Gender::Masculine
                }
            }
            _ => return None,
        };
        Some(Antecedent::Organisation(o.org, gender))
    }
}

impl Reading<'_> {
    /// A sentence opened by a first name alone, then a comma or a verb ("Hicham, lui, marche
    /// vers…", "Amina raconte…"): someone the article does not name in full.
    fn first_name_opening(&self) -> Option<Antecedent> {
        let first = self.words.first().filter(|w| w.capitalised)?;
        let names = self.gazetteer.first_names();
        if !names.contains(&first.folded) || self.words.get(1).is_some_and(|w| w.capitalised) {
            return None;
        }
        let at = self.view.start + first.start;
        let known = self.view.countries.iter().any(|m| m.start == at)
            || self.view.places.iter().any(|m| m.start == at)
            || self.view.organisations.iter().any(|m| m.start == at);
        (!known).then(|| Antecedent::Unnamed(names.gender(&first.folded)))
    }
}

/// How far (in bytes) from a sentence's start its subject is looked for.
const SUBJECT_WINDOW: usize = 100;

/// "17h00", "12h", "9h30": a time of day (folded).
fn is_clock(word: &str) -> bool {
    let Some((hours, minutes)) = word.split_once('h') else {
        return false;
    };
    (1..=2).contains(&hours.len())
        && hours.bytes().all(|b| b.is_ascii_digit())
        && minutes.len() <= 2
        && minutes.bytes().all(|b| b.is_ascii_digit())
}

/// The most recent antecedent of the pronoun's gender.
fn resolve(antecedents: &[Antecedent], gender: Gender) -> Option<Antecedent> {
    antecedents.iter().rev().copied().find(|a| a.fits(gender))
}
