//! Quotes and who said them, as a sieve of rules from the most precise to the least, stopping at
//! the first that answers; a quote no rule attributes keeps no speaker (better none than a wrong
//! one). Pure; byte ranges index the article's body.
//!
//! 1. A speech verb right after the quote: «…», a déclaré X / le président ghanéen / a-t-il ajouté.
//! 2. "selon X" just before or after the quote.
//! 3. A speech verb (or a colon, or "pour X,") in the clause before the quote: X a averti que «…».
//! 4. A second quote of the same sentence: the speaker of the first.
//!
//! The speaker is a person of the sentence, or a role phrase ("le chef de la diplomatie
//! allemande") resolved to the article's person with that role, or left as a role for the
//! corpus's registry to resolve; "il" and "elle" are the speaker of a quote of the last two
//! sentences, or else the previous sentence's subject.

use super::arguments::Antecedent;
use super::entities::{PersonMention, SentenceView};
use super::roles::{role_in, starts_with_role};
use crate::gazetteer::{Gazetteer, Gender};
use crate::lexicon::Lexicon;
use crate::text::{fold, head, tail, tokens, Token};
use serde::{Deserialize, Serialize};

/// Text between quotation marks, with who said it when the sentence tells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteMention {
    pub start: usize,
    pub end: usize,
    /// The speaker's name as written nearby, resolved to a full name when the article gives one.
    pub speaker: Option<String>,
    /// A speaker given only by role ("le ministre grec"), for the corpus's registry to resolve.
    pub by_role: Option<RoleRef>,
    pub sentence: usize,
}

/// A person given by role and country, not by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleRef {
    pub role: String,
    /// Index into the gazetteer's countries.
    pub country: Option<usize>,
}

/// Who the quotes of a sentence may be given to.
pub struct Context<'a> {
    /// The sentence's text; `start` is its byte offset in the body.
    pub text: &'a str,
    pub sentence: &'a SentenceView<'a>,
    pub index: usize,
    /// The people named in this sentence.
    pub people: &'a [PersonMention],
    /// The article's people so far, for roles and pronouns.
    pub article_people: &'a [PersonMention],
    /// The article's last quote (whose speaker "il" and "elle" may be), if any.
    pub last_quote: Option<&'a QuoteMention>,
    /// The previous sentence's subject (its first person), if any.
    pub previous_subject: Option<&'a str>,
    /// The subjects of the last sentences, with their gender, for "a-t-il", "a-t-elle".
    pub(super) antecedents: &'a [Antecedent],
    pub gazetteer: &'a Gazetteer,
}

/// Whether a folded word is a form of a speech verb (`data/speech_verbs.txt`).
pub fn is_speech_verb(folded: &str) -> bool {
    Lexicon::get().speech_verbs.contains(folded)
}

/// Whether word `i` is a speech verb where it stands: a form right after a determiner is a noun
/// ("le juge X", "une note", "les critiques"), unless "le", "la", "les" is an object pronoun after
/// its subject ("il le dit", "qui la juge").
fn speech_verb_at(words: &[Token], i: usize) -> bool {
    if warns_at(words, i) {
        return true;
    }
    if !is_speech_verb(&words[i].folded) {
        return false;
    }
    let Some(before) = i.checked_sub(1).map(|k| words[k].folded.as_ref()) else {
        return true;
    };
    let lexicon = Lexicon::get();
    // "X est poursuivi pour", "a été interpellé": a passive, not a speech verb ("s'est
    // exclamé" is one).
    let reflexive = i.checked_sub(2).is_some_and(|k| {
        matches!(
            words[k].folded.as_ref(),
            "s" | "se" | "me" | "m" | "nous" | "vous"
        )
    });
    if matches!(
        before,
        "est" | "sont" | "etait" | "etaient" | "ete" | "etre" | "sera" | "seront" | "fut"
    ) && !reflexive
    {
        return false;
    }
    if lexicon.noun_determiners.contains(before) {
        return false;
    }
    let object_pronoun = matches!(before, "le" | "la" | "les" | "l");
    let subject_before = i
        .checked_sub(2)
        .is_some_and(|k| lexicon.subject_words.contains(words[k].folded.as_ref()));
    !object_pronoun || subject_before
}

/// "a mis en garde", "met en garde": a speech verb of three words, told by its last one.
fn warns_at(words: &[Token], i: usize) -> bool {
    Lexicon::get().warning_phrases.ends_at(words, i)
}

/// Byte ranges of quoted text inside a sentence: « … », “ … ” and "…", four words at least.
pub fn spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (open, close) in [('«', '»'), ('“', '”')] {
        let mut from = 0;
        while let Some(o) = text[from..].find(open) {
            let start = from + o + open.len_utf8();
            let Some(c) = text[start..].find(close) else {
                break;
            };
            let end = start + c;
            push_quote(text, start, end, &mut out);
            from = end + close.len_utf8();
        }
    }
    let marks: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
    for pair in marks.chunks(2) {
        if let [a, b] = pair {
            push_quote(text, a + 1, *b, &mut out);
        }
    }
    out.sort();
    out
}

fn push_quote(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let inner = &text[start..end];
    let trimmed = inner.trim();
    if trimmed.split_whitespace().count() >= 4 {
        let lead = inner.len() - inner.trim_start().len();
        out.push((start + lead, start + lead + trimmed.len()));
    }
}

/// The quotes of a sentence, each with its speaker when a rule of the sieve finds one.
pub fn in_sentence(cx: &Context) -> Vec<QuoteMention> {
    let mut out: Vec<QuoteMention> = Vec::new();
    for (start, end) in spans(cx.text) {
        let found = after_the_quote(cx, end)
            .or_else(|| selon(cx, start, end))
            .or_else(|| before_the_quote(cx, start));
        let (speaker, by_role) = match found {
            Some(Speaker::Named(name)) => (Some(name), None),
            Some(Speaker::Role(role)) => (None, Some(role)),
            // «part 1», dit-il, «part 2»: the second part is the first one's speaker's.
            None => out
                .last()
                .map(|q| (q.speaker.clone(), q.by_role.clone()))
                .unwrap_or((None, None)),
        };
        out.push(QuoteMention {
            start: cx.sentence.start + start,
            end: cx.sentence.start + end,
            speaker,
            by_role,
            sentence: cx.index,
        });
    }
    share_with_the_next(cx, &mut out);
    out
}

/// How many words may join two parts of one quote: «part 1» concernant la bête noire du
/// régime, «part 2», a averti X.
const LINK_WORDS: usize = 8;

/// «part 1» où «part 2», a déclaré X: a quote without a speaker, a few words before the next
/// quote and no speech verb between them, is the next one's speaker's.
fn share_with_the_next(cx: &Context, quotes: &mut [QuoteMention]) {
    for i in (1..quotes.len()).rev() {
        let (before, after) = quotes.split_at_mut(i);
        let (q, next) = (&mut before[i - 1], &after[0]);
        // Quotes may nest (« … “ … ” … »): only one after the other are linked.
        let Some(gap) = cx
            .text
            .get(q.end - cx.sentence.start..next.start.max(q.end) - cx.sentence.start)
            .filter(|_| next.start >= q.end)
        else {
            continue;
        };
        let words = tokens(gap);
        let speaks = (0..words.len()).any(|k| speech_verb_at(&words, k));
        let linked = words.len() <= LINK_WORDS && !speaks && !gap.contains(['.', ';', ':']);
        if q.speaker.is_none() && q.by_role.is_none() && linked {
            q.speaker.clone_from(&next.speaker);
            q.by_role.clone_from(&next.by_role);
        }
    }
}

enum Speaker {
    Named(String),
    Role(RoleRef),
}

/// How far after a quote its speech verb is looked for, and then its speaker.
const AFTER_WINDOW: usize = 160;

/// «…», a déclaré X / a-t-il ajouté / a lancé le président ghanéen.
fn after_the_quote(cx: &Context, end: usize) -> Option<Speaker> {
    let rest = head(&cx.text[end..], AFTER_WINDOW);
    // Up to the next quote or the end of the clause.
    let clause_end = rest
        .char_indices()
        .skip(1)
        .find(|(_, c)| matches!(c, '«' | '“' | ';' | ':'))
        .map_or(rest.len(), |(i, _)| i);
    let clause = &rest[..clause_end];
    let words = tokens(clause);
    // «…» face à ses voisins, a déclaré X: a short complement may come before the verb, but the
    // verb opens its clause ("» et a accusé X de mentir" makes X an object, not the speaker).
    let verb = (0..words.len().min(8)).find(|&i| speech_verb_at(&words, i))?;
    if !opens_clause(clause, &words, verb) {
        return None;
    }
    let after_verb = &words[verb + 1..];
    // "a-t-il ajouté", "dit-elle", "estime-t-il": the pronoun sits next to the verb.
    let pronoun = words[..verb]
        .iter()
        .chain(after_verb.iter().take(2))
        .find_map(|w| {
            Gender::of_pronoun(&w.folded).filter(|_| matches!(w.folded.as_ref(), "il" | "elle"))
        });
    if let Some(gender) = pronoun {
        return cx.pronoun(Some(gender));
    }
    let from = end + words[verb].end;
    let verb_end = cx.sentence.start + from;
    let limit = cx.sentence.start + end + clause.len();
    // The speaker is the noun phrase right after the verb: a name, maybe after its role and a
    // date ("a déclaré vendredi le chef de la diplomatie malienne Jean Traoré"), never a
    // name further on, past a comma.
    // "indique X à l'issue d'un entretien avec Y": Y, governed, is not the speaker.
    let next_person = cx
        .people
        .iter()
        .filter(|p| p.start >= verb_end && p.start < limit)
        .find(|p| {
            !governed_right_before(&cx.text[..p.phrase_start.max(verb_end) - cx.sentence.start])
        })
        .filter(|p| {
            let gap = &cx.text[from..p.start - cx.sentence.start];
            // "a affirmé de son côté, le secrétaire général de l'ONU, X": an adverbial and the
            // name's own role may stand between, with their commas.
            let apposed = gap
                .trim_end()
                .strip_suffix(',')
                .and_then(|g| g.rsplit_once(','))
                .is_some_and(|(lead, role)| {
                    lead.split_whitespace().count() <= 4
                        && starts_with_role(role.trim(), cx.gazetteer)
                });
            (!gap.contains([',', ';', ':', '(']) || apposed) && gap.split_whitespace().count() <= 14
        });
    if let Some(p) = next_person {
        return Some(Speaker::Named(p.name.clone()));
    }
    let phrase = &cx.text[from..end + clause.len()];
    cx.role_speaker(phrase, from)
}

/// Whether the speech verb at `verb` opens its clause after a quote: only auxiliaries and
/// inverted pronouns stand between it and the quote's end or the last comma before it.
fn opens_clause(clause: &str, words: &[Token], verb: usize) -> bool {
    let before = &clause[..words[verb].start];
    let from = before.rfind(',').map_or(0, |c| c + 1);
    words[..verb]
        .iter()
        .filter(|w| w.start >= from)
        .all(|w| Lexicon::get().clause_openers.contains(w.folded.as_ref()))
}

/// "selon X" right before the quote, or right after it.
fn selon(cx: &Context, start: usize, end: usize) -> Option<Speaker> {
    let before = tail(&cx.text[..start], 200);
    let before_start = start - before.len();
    // ASCII lower case keeps every byte where it was, so offsets hold in the text.
    if let Some(at) = before.to_ascii_lowercase().rfind("selon ") {
        let from = cx.sentence.start + before_start + at;
        let to = cx.sentence.start + start;
        if let Some(p) = cx.people.iter().find(|p| p.start >= from && p.start < to) {
            return Some(Speaker::Named(p.name.clone()));
        }
    }
    let after = head(&cx.text[end..], 40);
    let lower = after.to_ascii_lowercase();
    let trimmed = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    if trimmed.starts_with("selon ") {
        let from = cx.sentence.start + end;
        let to = from + after.len() + 80;
        if let Some(p) = cx.people.iter().find(|p| p.start >= from && p.start < to) {
            return Some(Speaker::Named(p.name.clone()));
        }
    }
    None
}

/// X a averti que «…» / X a déclaré : «…» / X : «…» / Pour X, «…».
fn before_the_quote(cx: &Context, start: usize) -> Option<Speaker> {
    // Up to the opening mark, which is not part of the clause.
    let lead = cx.text[..start]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '«' | '"' | '“'));
    let before = tail(lead, 300);
    let before_start = lead.len() - before.len();
    // The clause that leads to the quote: after the last full stop, semicolon or earlier quote.
    let clause_start = before.rfind(['.', ';', '»', '”', '"']).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let clause = &before[clause_start..];
    let clause_offset = before_start + clause_start;
    let words = tokens(clause);
    // The verb that introduces the quote is the clause's last speech verb: in "«…», a dit X,
    // tandis que Y a répliqué : «…»", Y speaks the second quote. But an account tells what
    // others said: in "X a raconté que Y criait «…»", the quote is X's report.
    let last_verb = (0..words.len()).rev().find(|&i| speech_verb_at(&words, i));
    let account = (0..words.len()).find(|&i| {
        speech_verb_at(&words, i)
            && Some(i) != last_verb
            && matches!(
                words.get(i + 1).map(|w| w.folded.as_ref()),
                Some("que" | "qu")
            )
    });
    let verb = account.or(last_verb);
    let introduced = clause.trim_end().ends_with(':')
        || verb.is_some()
        || words.first().is_some_and(|w| w.folded == "pour");
    if !introduced {
        return None;
    }
    // The speaker is the subject, before the verb: in "Le pays accuse Paris de soutenir X et
    // d'être le « … »", X is not.
    let verb_at = verb.map_or(lead.len(), |i| clause_offset + words[i].start);
    let from = cx.sentence.start + clause_offset;
    let to = cx.sentence.start + verb_at;
    let before_verb: Vec<&PersonMention> = cx
        .people
        .iter()
        .filter(|p| p.start >= from && p.end <= to)
        .collect();
    // Right before the verb ("…, Mensah a souligné que"), or else the first name that no
    // preposition governs ("Lors de son entretien avec X, …" does not make X the speaker).
    let governed_at =
        |p: &PersonMention| governed(&cx.text[..p.phrase_start.max(from) - cx.sentence.start]);
    let adjacent = before_verb.last().filter(|p| {
        let gap = &cx.text[p.end - cx.sentence.start..verb_at];
        // "le sénateur X, proche allié de Y a menacé": Y is governed, not the subject.
        gap.len() <= 30 && !gap.contains([',', ';', '(']) && !governed_at(p)
    });
    let subject = adjacent.or_else(|| before_verb.iter().find(|p| !governed_at(p)));
    if let Some(p) = subject {
        return Some(Speaker::Named(p.name.clone()));
    }
    if words
        .first()
        .is_some_and(|w| matches!(w.folded.as_ref(), "il" | "elle"))
    {
        return cx.pronoun(Gender::of_pronoun(&words[0].folded));
    }
    // The subject is before the verb: "Le ministre ghanéen a déclaré que".
    let subject_end = (0..words.len())
        .find(|&i| speech_verb_at(&words, i) || matches!(words[i].folded.as_ref(), "a" | "ont"))
        .map_or(clause.len(), |i| words[i].start);
    cx.role_speaker(&clause[..subject_end], clause_offset)
}

impl Context<'_> {
    /// "il", "elle": the speaker of a quote of the last two sentences (none if that one had
    /// none: an organisation's spokesman is not the person named before), or else the previous
    /// sentence's subject.
    fn pronoun(&self, gender: Option<Gender>) -> Option<Speaker> {
        let fits = |name: &str| {
            gender.is_none_or(|g| {
                self.article_people
                    .iter()
                    .rev()
                    .find(|p| p.name == name)
                    .and_then(|p| p.gender)
                    .is_none_or(|known| known == g)
            })
        };
        if let Some(last) = self.last_quote.filter(|q| q.sentence + 2 >= self.index) {
            match (&last.speaker, &last.by_role) {
                (Some(name), _) if fits(name) => return Some(Speaker::Named(name.clone())),
                (None, Some(role)) => return Some(Speaker::Role(role.clone())),
                (None, None) => return None,
                _ => {}
            }
        }
        // The last subject of the pronoun's gender: a person, or an organisation ("la
        // Cédéao… a-t-elle précisé"), which then speaks.
        if let Some(g) = gender {
            let subject = self.antecedents.iter().rev().find(|a| a.fits(g));
            match subject {
                Some(Antecedent::Person(p, _)) => {
                    return Some(Speaker::Named(self.article_people[*p].name.clone()))
                }
                Some(Antecedent::Organisation(o, _)) => {
                    return Some(Speaker::Named(
                        self.gazetteer.organisations[*o].short.clone(),
                    ))
                }
                // Someone named by a first name alone: no speaker the briefing can name.
                Some(Antecedent::Unnamed(_)) => return None,
                None => {}
            }
        }
        self.previous_subject
            .filter(|s| fits(s))
            .map(|s| Speaker::Named(s.to_string()))
    }

    /// A role phrase ("le président ghanéen", "le chef de la diplomatie") at `offset` in the
    /// sentence: the article's person with that role (and country), or the role itself.
    fn role_speaker(&self, phrase: &str, offset: usize) -> Option<Speaker> {
        let phrase = &phrase[..role_phrase_end(phrase)];
        let found = role_in(phrase, offset, self.gazetteer, self.sentence, false)?;
        let (role, country) = (found.role, found.country);
        let holder = self
            .article_people
            .iter()
            .rev()
            .take(ROLE_LOOKBACK)
            .find(|p| {
                p.role
                    .as_deref()
                    .is_some_and(|r| self.gazetteer.same_role(r, &role))
                    && (country.is_none() || p.country == country)
                    && p.name.contains(' ')
            });
        match holder {
            Some(p) => Some(Speaker::Named(p.name.clone())),
            None => Some(Speaker::Role(RoleRef { role, country })),
        }
    }
}

/// How many of the article's latest person mentions a role given for a speaker is looked for
/// among: the holder is named nearby, and a long article costs no more per quote.
const ROLE_LOOKBACK: usize = 200;

/// Whether a preposition governs what follows `before` (within its last three words):
/// "avec le général", "de M.", "contre".
fn governed(before: &str) -> bool {
    // Within the name's own clause: "Devant les éleveurs réunis à Cork, X a dit" is X's.
    let clause = &before[crate::text::after_last(before, &[',', ';', ':', '(', '«', '»', '"'])..];
    let folded = fold(tail(clause, 40));
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let prepositions = &Lexicon::get().prepositions;
    words.iter().rev().take(3).any(|w| prepositions.contains(w))
}

/// Whether a preposition stands right before a noun phrase (past one determiner): "avec le",
/// "à", "de". Looser than [`governed`], so that "a déclaré à l'AFP le ministre X" keeps X.
fn governed_right_before(before: &str) -> bool {
    let folded = fold(tail(before, 30));
    let mut words = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .peekable();
    if words
        .peek()
        .is_some_and(|w| Lexicon::get().role_determiners.contains(w))
    {
        words.next();
    }
    words
        .next()
        .is_some_and(|w| Lexicon::get().prepositions.contains(w))
}

/// Where a role phrase ends: at a word that ends one (`data/fr/role_enders.txt`, a weekday) after
/// its first word, or a comma.
fn role_phrase_end(phrase: &str) -> usize {
    let comma = phrase.find([',', '(', ')']).unwrap_or(phrase.len());
    tokens(&phrase[..comma])
        .iter()
        .skip(1)
        .find(|w| Lexicon::get().ends_role(&w.folded))
        .map_or(comma, |w| w.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_verbs_in_their_forms() {
        for form in [
            "declare",
            "declaree",
            "a",
            "ajoute",
            "annoncait",
            "jugeait",
            "dit",
            "previent",
            "felicite",
            "inquiete",
            "rappelle",
            "reconnu",
        ] {
            if form == "a" {
                assert!(!is_speech_verb(form), "the auxiliary is not a speech verb");
                continue;
            }
            assert!(is_speech_verb(form), "{form}");
        }
        assert!(!is_speech_verb("declaration"));
        assert!(!is_speech_verb("ministre"));
    }

    /// Each quote of a constructed article with its speaker (or "-").
    fn speakers(body: &str) -> Vec<(String, String)> {
        let article = crate::corpus::scraped::parse(&format!("Titre\n\n{body}"), false)
            .finish("a.txt", None, "text");
        let x = crate::extract::extract_article(&article, Gazetteer::shipped());
        x.entities
            .quotes
            .iter()
            .map(|q| {
                let who = q
                    .speaker
                    .clone()
                    .or_else(|| q.by_role.as_ref().map(|r| format!("role: {}", r.role)))
                    .unwrap_or_else(|| "-".into());
                (article.body[q.start..q.end].to_string(), who)
            })
            .collect()
    }

    fn speaker_of(body: &str, quote_start: &str) -> String {
        speakers(body)
            .into_iter()
            .find(|(q, _)| q.starts_with(quote_start))
            .map(|(_, who)| who)
            .unwrap_or_else(|| panic!("no quote starting {quote_start:?} in {body:?}"))
    }

    #[test]
    fn two_parts_of_one_quote_joined_by_a_few_words_share_the_speaker() {
        let body = "« Fixer des délais n'aide personne, mais si rien ne change » concernant la bête noire du régime voisin, « alors nous devrons en discuter avec nos partenaires », a averti le ministre ghanéen de la Défense Kofi Mensah.";
        assert_eq!(speaker_of(body, "Fixer des délais"), "Kofi Mensah");
        // A speech verb between the parts gives the first its own speaker, or none.
        let body = "« Nous ne céderons sur aucun point de ce texte », a déclaré un diplomate, « et nous le dirons à nos partenaires », a averti le ministre ghanéen de la Défense Kofi Mensah.";
        assert_ne!(speaker_of(body, "Nous ne céderons"), "Kofi Mensah");
    }

    #[test]
    fn the_name_after_the_verb_even_past_a_role_and_a_date() {
        let body = "« Nous ne céderons sur aucun point », a déclaré vendredi le ministre ghanéen de la Défense Kofi Mensah lors d'une conférence de presse.";
        assert_eq!(speaker_of(body, "Nous ne céderons"), "Kofi Mensah");
    }

    #[test]
    fn a_name_further_on_is_not_the_speaker_but_the_role_is() {
        let body = "Le président ghanéen Kofi Mensah est arrivé à Dakar. « Vous n'avez pas fini d'entendre parler de nous », a lancé le président ghanéen, en s'en prenant à son homologue Paul Martin.";
        assert_eq!(speaker_of(body, "Vous n'avez pas"), "Kofi Mensah");
    }

    #[test]
    fn a_pronoun_is_the_last_speaker() {
        let body = "« Nous irons jusqu'au bout de cette réforme », a déclaré Amina Touré. « Rien ne nous arrêtera désormais », a-t-elle ajouté.";
        assert_eq!(speaker_of(body, "Rien ne nous"), "Amina Touré");
    }

    #[test]
    fn a_pronoun_after_an_organisation_is_nobody_named_before() {
        let body = "Karim Benali est arrivé à Dakar mardi. « C'est un acte tout à fait inacceptable », a dénoncé le gouvernement dans un communiqué. « Nous ne céderons pas sur ce point », a-t-il ajouté.";
        assert_eq!(speaker_of(body, "Nous ne céderons"), "-");
    }

    #[test]
    fn the_subject_not_a_name_after_a_preposition() {
        let body = "Lors de sa rencontre avec le général Paul Martin, Olga Ivanova a affirmé que « la coopération entre nos pays va se renforcer ».";
        assert_eq!(speaker_of(body, "la coopération"), "Olga Ivanova");
    }

    #[test]
    fn an_accused_person_is_not_the_speaker() {
        let body = "La France accuse le Ghana de soutenir Karim Benali et d'être « le complice de certains pays de la région ».";
        assert_eq!(speaker_of(body, "le complice"), "-");
    }

    #[test]
    fn the_object_of_a_verb_after_the_quote_is_not_the_speaker() {
        let body = "Le président a dénoncé une « ingérence inacceptable dans nos affaires » et a accusé Karim Benali de mentir.";
        assert_ne!(speaker_of(body, "ingérence"), "Karim Benali");
    }

    #[test]
    fn a_second_quote_is_the_second_speaker_s() {
        let body = "« Nous ne céderons rien sur ce point », a dit Karim Benali, tandis que Paul Martin a répliqué : « nous verrons bien qui aura raison ».";
        assert_eq!(speaker_of(body, "Nous ne céderons"), "Karim Benali");
        assert_eq!(speaker_of(body, "nous verrons"), "Paul Martin");
    }

    #[test]
    fn a_verb_form_after_a_determiner_is_a_noun() {
        let body = "Le juge Karim Benali a estimé que « la procédure doit aller à son terme ».";
        assert_eq!(speaker_of(body, "la procédure"), "Karim Benali");
    }

    #[test]
    fn an_inverted_clitic_may_stand_for_an_organisation() {
        let body = "Le colonel Amadou Sidibé a pris le pouvoir samedi. La Cédéao a condamné ce coup de force. « Nous ne reconnaîtrons aucun régime issu d'un coup d'État », a-t-elle précisé.";
        assert_eq!(speaker_of(body, "Nous ne reconnaîtrons"), "CEDEAO");
    }

    #[test]
    fn a_witness_account_is_not_the_words_of_who_it_tells_of() {
        let body = "Deux témoins ont raconté que Marie Dubois criait « laissez-moi partir, je n'ai rien fait ».";
        assert_ne!(speaker_of(body, "laissez-moi"), "Marie Dubois");
        let body = "L'avocat de Marie Dubois a déclaré : « ma cliente est innocente de tout ce qu'on lui reproche ».";
        assert_ne!(speaker_of(body, "ma cliente"), "Marie Dubois");
    }

    #[test]
    fn a_pronoun_after_someone_named_by_a_first_name_alone_is_not_an_earlier_man() {
        let body = "Le général Pablo Ortega a repris la ville. Ses troupes n'ont pas commenté. Rachid, lui, rentre chez lui à pied. « Je reconstruirai ma maison pierre par pierre », dit-il.";
        assert_ne!(speaker_of(body, "Je reconstruirai"), "Pablo Ortega");
    }

    #[test]
    fn a_passive_participle_is_no_speech_verb() {
        let body =
            "Le banquier Karim Benali est poursuivi pour « abus de biens sociaux et blanchiment ».";
        assert_eq!(speaker_of(body, "abus de biens"), "-");
    }

    #[test]
    fn a_name_governed_after_the_verb_is_not_the_speaker() {
        let body = "« Nous resterons fermes sur nos positions », a indiqué la présidence à l'issue d'un entretien avec le président ghanéen Kofi Mensah.";
        assert_ne!(speaker_of(body, "Nous resterons"), "Kofi Mensah");
    }

    #[test]
    fn selon_gives_the_speaker() {
        let body =
            "Selon Jean Dupont, « les négociations reprendront la semaine prochaine à Genève ».";
        assert_eq!(speaker_of(body, "les négociations"), "Jean Dupont");
    }

    #[test]
    fn quotes_of_four_words_or_more() {
        let text = "Il a dit « oui » puis « nous irons jusqu'au bout » et \"cela suffit bien maintenant\".";
        let found: Vec<&str> = spans(text).iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(
            found,
            ["nous irons jusqu'au bout", "cela suffit bien maintenant"]
        );
    }
}
