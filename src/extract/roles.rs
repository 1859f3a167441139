//! Roles and the countries they give a person: the role phrase before or after a name ("le
//! ministre malien des Affaires étrangères, X", "X, ministre nigérien de la Défense"), a demonym
//! in apposition, a national body ("le porte-parole des talibans"), the host of a capital; and
//! participants given by role ("les ministres de la Santé du Ghana et du Togo"). Quotes read
//! [`role_in`] for speakers given by role. Pure; byte ranges index the article's body.

use super::entities::{CountryEvidence, PersonMention, RoleGroup, SentenceView};
use crate::gazetteer::{Gazetteer, Gender, Mention, MentionKind, OrgKind};
use crate::lexicon::Lexicon;
use crate::text::{fold, head, tail, tokens, Token};

/// Auxiliaries and copulas: a clause with one of them is not a noun phrase.
pub(super) const FINITE_VERBS: &[&str] = &[
    "a", "ont", "est", "sont", "etait", "etaient", "avait", "avaient", "sera", "seront",
];

/// How far (in bytes) a role phrase is looked for before or after a name.
const ROLE_WINDOW: usize = 400;

/// What the words around a name tell of the person: the role, where the noun phrase starts,
/// the country (and how it is told), the organisation whose office the role is, the gender.
pub(super) struct AroundName {
    pub role: Option<String>,
    pub country: Option<(usize, CountryEvidence)>,
    pub organisation: Option<usize>,
    /// Byte offset (in the sentence) where the person's noun phrase starts.
    pub phrase_start: usize,
    pub gender: Option<Gender>,
}

/// A role phrase right before the name ("le ministre malien des Affaires étrangères, X", "le
/// président X") or right after it ("X, ministre nigérien de la Défense").
pub(super) fn role_around(
    text: &str,
    words: &[Token],
    first: usize,
    last: usize,
    g: &Gazetteer,
    s: &SentenceView,
) -> AroundName {
    let name_start = words[first].start;
    let name_end = words[last].end;
    // Before: the clause that ends at the name (or at the comma just before it), within a
    // window (a role phrase has twelve words at most).
    let window = tail(&text[..name_start], ROLE_WINDOW);
    let window_start = name_start - window.len();
    let before = window.trim_end();
    // "X, Y": the comma before the name; "la chancelière (X)": the bracket.
    let before = before
        .strip_suffix(',')
        .or_else(|| before.strip_suffix('('))
        .unwrap_or(before)
        .trim_end();
    let clause_start = before.rfind([',', ';', ':', '(', '«', '.']).map_or(0, |p| {
        p + before[p..].chars().next().map_or(1, char::len_utf8)
    });
    // "le président X et le ministre des Affaires étrangères Y": Y's role is after the "et".
    let clause_start = match before[clause_start..].rfind(" et ") {
        Some(at) if starts_with_role(&before[clause_start + at + 4..], g) => clause_start + at + 4,
        _ => clause_start,
    };
    // "X a rencontré à Dakar le président Y": Y's role starts after the verb, not at X's.
    let clause_start = clause_start + after_last_verb(&before[clause_start..]);
    let clause = &before[clause_start..];
    let before_role = role_in(clause, window_start + clause_start, g, s, true)
        .filter(|r| !names_someone_else(text, s, r.start - s.start, name_start))
        .or_else(|| {
            // "X accueille à Lyon le chancelier autrichien Y": the role after the last other
            // name or verb of the clause is Y's.
            let cut = past_other_names(text, s, window_start + clause_start, name_start);
            (cut > window_start + clause_start)
                .then(|| {
                    role_in(
                        text[cut..name_start].trim_end().trim_end_matches(','),
                        cut,
                        g,
                        s,
                        true,
                    )
                })
                .flatten()
                .filter(|r| !names_someone_else(text, s, r.start - s.start, name_start))
        });
    // After: ", [le|la|l'] ROLE …" up to the next comma, unless another name follows that comma
    // ("X, le vice-président turc, Y": the role is Y's).
    let after = head(&text[name_end..], ROLE_WINDOW);
    let after_role = after
        .strip_prefix(", ")
        .or_else(|| after.strip_prefix(" ("))
        .filter(|rest| starts_with_role(rest, g))
        .and_then(|rest| {
            let end = rest
                .find([',', ';', '.', '(', ')', '«'])
                .unwrap_or(rest.len());
            let offset = name_end + (after.len() - rest.len());
            let next_name = rest[end..].strip_prefix(", ").is_some_and(opens_a_name);
            (!next_name)
                .then(|| role_in(&rest[..end], offset, g, s, false))
                .flatten()
        });
    let apposition = apposition_country(text, name_start, name_end, s, g)
        .map(|c| (c, CountryEvidence::Apposition));
    let adjacent_gender = demonym_gender(text, name_start, s);
    // The side that also gives a country or an organisation wins ("le général X, ministre
    // burkinabè de la Défense").
    let phrase = match (before_role, after_role) {
        (Some(b), Some(a))
            if b.country.is_none()
                && b.organisation.is_none()
                && (a.country.is_some() || a.organisation.is_some()) =>
        {
            a
        }
        (Some(b), _) => b,
        (None, Some(a)) => a,
        (None, None) => {
            return AroundName {
                role: None,
                country: apposition,
                organisation: None,
                phrase_start: name_start,
                gender: adjacent_gender,
            }
        }
    };
    let phrase_start = if phrase.start - s.start < name_start {
        phrase.start - s.start
    } else {
        name_start
    };
    // An office of an international organisation: its holder belongs to it, whatever country
    // the sentence or their origin names.
    if phrase.organisation.is_some() && phrase.country.is_none() {
        return AroundName {
            role: Some(phrase.role),
            country: None,
            organisation: phrase.organisation,
            phrase_start,
            gender: phrase.gender.or(adjacent_gender),
        };
    }
    // No country in the role: a demonym by the name, the role phrase just before this one
    // ("le guide suprême iranien, l'ayatollah X"), the country whose role it is ("la France,
    // par la voix de son secrétaire d'État X"), or the host of a capital just named.
    let country = phrase
        .country
        .map(|c| (c, CountryEvidence::Role))
        .or(apposition)
        .or_else(|| {
            previous_role_country(text, phrase.start - s.start, g, s)
                .map(|c| (c, CountryEvidence::Role))
        })
        .or_else(|| {
            possessors_country(text, phrase.start - s.start, s)
                .map(|c| (c, CountryEvidence::Apposition))
        })
        .or_else(|| host_of_the_capital(text, name_start, s));
    AroundName {
        role: Some(phrase.role),
        country,
        organisation: None,
        phrase_start,
        gender: phrase.gender.or(adjacent_gender),
    }
}

/// "le guide suprême iranien, l'ayatollah X": the country of a role phrase that ends with the
/// comma right before the role phrase at `start` (sentence offsets).
fn previous_role_country(
    text: &str,
    start: usize,
    g: &Gazetteer,
    s: &SentenceView,
) -> Option<usize> {
    let before = text[..start].trim_end().strip_suffix(',')?;
    let from = crate::text::after_last(before, &[',', ';', ':', '(', '«', '.', '"']);
    let segment = &before[from..];
    if segment.split_whitespace().count() > 8 {
        return None;
    }
    role_in(segment, from, g, s, true)
        .filter(|r| r.start - s.start <= from + 4)
        .and_then(|r| r.country)
}

/// "la France, par la voix de son secrétaire d'État X", "Moscou et son ministre": a role with
/// a possessive takes the country that opens the sentence (by name or capital), when it is the
/// only one named before the role.
fn possessors_country(text: &str, start: usize, s: &SentenceView) -> Option<usize> {
    let possessive = matches!(
        fold(head(&text[start..], 5)).split(' ').next(),
        Some("son" | "sa" | "ses" | "leur")
    );
    if !possessive {
        return None;
    }
    let mut before = s
        .countries
        .iter()
        .filter(|m| m.end - s.start <= start && m.kind != MentionKind::Adjective);
    let first = before.next()?;
    let opens = first.start - s.start <= OPENING_SUBJECT;
    let only = before.all(|m| m.country == first.country);
    (opens && only).then_some(first.country)
}

/// How far (in bytes) from a sentence's start a country opens it as its subject.
const OPENING_SUBJECT: usize = 12;

/// Whether the text between a role phrase's start and a name holds another person's name
/// ("le président russe Vladimir Poutine lors d'une conversation avec Y": the role is not Y's)
/// or a word that ends a noun phrase ("lors", "avec").
fn names_someone_else(text: &str, s: &SentenceView, from: usize, name_start: usize) -> bool {
    let between = &text[from..name_start];
    let words = tokens(between);
    let lexicon = Lexicon::get();
    if words
        .iter()
        .any(|w| lexicon.role_phrase_breakers.contains(w.folded.as_ref()))
    {
        return true;
    }
    let named = |w: &Token| s.names_a_country_or_body(s.start + from + w.start);
    words.windows(2).any(|pair| {
        let gap = &between[pair[0].end..pair[1].start];
        gap == " "
            && pair
                .iter()
                .all(|w| super::people::is_name_word(between, w) && !named(w))
    })
}

/// Where the words between `from` and a name (sentence offsets) go on after the last other
/// name, word that ends a noun phrase, or verb: the start of the name's own role phrase.
fn past_other_names(text: &str, s: &SentenceView, from: usize, name_start: usize) -> usize {
    let between = &text[from..name_start];
    let words = tokens(between);
    let lexicon = Lexicon::get();
    let named = |w: &Token| s.names_a_country_or_body(s.start + from + w.start);
    let mut cut = from;
    for (i, w) in words.iter().enumerate() {
        let breaker = lexicon.role_phrase_breakers.contains(w.folded.as_ref())
            || lexicon.meeting_verbs.contains_key(w.folded.as_ref())
            || FINITE_VERBS.contains(&w.folded.as_ref()) && &between[w.start..w.end] != "à";
        let name = super::people::is_name_word(between, w)
            && !named(w)
            && (words
                .get(i + 1)
                .is_some_and(|n| super::people::is_name_word(between, n) && !named(n))
                || i > 0
                    && super::people::is_name_word(between, &words[i - 1])
                    && !named(&words[i - 1]));
        if breaker || name {
            cut = from + w.end;
        }
    }
    cut
}

/// Whether a text opens with a capitalised name (after at most a title): the next person of an
/// enumeration.
fn opens_a_name(text: &str) -> bool {
    let words = tokens(head(text, 60));
    let lexicon = Lexicon::get();
    let skip = usize::from(
        words
            .first()
            .is_some_and(|w| lexicon.person_cues.contains(w.folded.as_ref())),
    );
    words
        .get(skip)
        .is_some_and(|w| super::people::is_name_word(text, w))
        && words.get(skip + 1).is_some_and(|w| {
            super::people::is_name_word(text, w) && text[words[skip].end..w.start] == *" "
        })
}

/// The gender a demonym right before the name gives: "la Malienne X", "l'Américaine X", "le
/// Russe X" ("le président malien X" is the role's, not a demonym's).
fn demonym_gender(text: &str, name_start: usize, s: &SentenceView) -> Option<Gender> {
    let start = s.start + name_start;
    let m = s
        .countries
        .iter()
        .find(|m| m.kind == MentionKind::Adjective && m.end <= start && start - m.end <= 2)?;
    let (from, to) = (m.start - s.start, m.end - s.start);
    if !text[from..].starts_with(char::is_uppercase) {
        return None;
    }
    let determiner = fold(tail(&text[..from], 4));
    let written = fold(&text[from..to]);
    if determiner.ends_with("la ") {
        return Some(Gender::Feminine);
    }
    if determiner.ends_with("le ") {
        return Some(Gender::Masculine);
    }
    let elided = determiner.ends_with('\'') || determiner.ends_with('’');
    let feminine = ["enne", "aine", "ane", "aise", "oise", "ine", "ee"];
    let masculine = ["ien", "ain", "an", "ais", "ois", "in"];
    match () {
        _ if !elided => None,
        _ if feminine.iter().any(|e| written.ends_with(e)) => Some(Gender::Feminine),
        _ if masculine.iter().any(|e| written.ends_with(e)) => Some(Gender::Masculine),
        _ => None,
    }
}

/// Where a clause goes on after its last auxiliary and the participle that follows ("Le ministre
/// X a rencontré | samedi à Dakar le président"), or 0 without one. "à" is no auxiliary.
fn after_last_verb(clause: &str) -> usize {
    let words = tokens(clause);
    words
        .iter()
        .rposition(|w| {
            let raw = &clause[w.start..w.end];
            FINITE_VERBS.contains(&w.folded.as_ref()) && !matches!(raw, "à" | "À")
        })
        .map_or(0, |k| {
            words.get(k + 1).map_or(words[k].end, |next| next.end)
        })
}

/// "a rencontré à Dakar le président X", "reçu à Rabat par le roi X": an office holder named
/// right after a capital is its country's.
fn host_of_the_capital(
    text: &str,
    name_start: usize,
    s: &SentenceView,
) -> Option<(usize, CountryEvidence)> {
    s.countries
        .iter()
        .filter(|m| m.kind == MentionKind::Capital && m.end - s.start <= name_start)
        .max_by_key(|m| m.end)
        .filter(|m| {
            let between = &text[m.end - s.start..name_start];
            let before = fold(tail(&text[..m.start - s.start], 4));
            between.len() <= 40
                && !between.contains([',', ';', ':', '(', '.'])
                && before.trim_end().ends_with(" a")
                && matches!(
                    fold(between.trim_start()).split(' ').next(),
                    Some("le" | "la" | "par")
                )
        })
        .map(|m| (m.country, CountryEvidence::Host))
}

/// A country adjective or demonym right by the name: "l'Américaine X", "le Malien X", or in an
/// apposition that opens with a determiner, "X, le chef rebelle congolais,".
fn apposition_country(
    text: &str,
    name_start: usize,
    name_end: usize,
    s: &SentenceView,
    g: &Gazetteer,
) -> Option<usize> {
    let adjective = |m: &&Mention| m.kind == MentionKind::Adjective;
    let (start, end) = (s.start + name_start, s.start + name_end);
    if let Some(m) = s
        .countries
        .iter()
        .filter(adjective)
        .find(|m| m.end <= start && start - m.end <= 2)
    {
        return Some(m.country);
    }
    // "le Conseil présidentiel (CP) de X": the head of a national body.
    let lead = fold(tail(&text[..name_start], 24));
    if lead.ends_with(" de ") || lead.ends_with(" du ") || lead.ends_with(" d'") {
        if let Some(c) = national_body(s, start.saturating_sub(24), start, g) {
            return Some(c);
        }
    }
    let after = head(&text[name_end..], 100);
    let rest = after.strip_prefix(", ")?;
    let opens = fold(head(rest, 4));
    if !(opens.starts_with("l'")
        || opens.starts_with("l’")
        || opens.starts_with("le ")
        || opens.starts_with("la ")
        || opens.starts_with("un"))
    {
        return None;
    }
    let close = end + 2 + rest.find([',', ';', '.', '(']).unwrap_or(rest.len());
    s.countries
        .iter()
        .filter(adjective)
        .find(|m| m.start >= end && m.end <= close)
        .map(|m| m.country)
        .or_else(|| national_body(s, end, close, g))
}

/// The country of an organisation named between `start` and `end` that belongs to one country
/// (a government, an army, an armed group of one country).
fn national_body(s: &SentenceView, start: usize, end: usize, g: &Gazetteer) -> Option<usize> {
    s.organisations
        .iter()
        .filter(|o| o.start >= start && o.end <= end)
        .find_map(|o| match g.organisations[o.org].members.as_slice() {
            [one] if g.organisations[o.org].kind != crate::gazetteer::OrgKind::Bloc => Some(*one),
            _ => None,
        })
}

/// Whether `text` opens with a role, after at most a determiner and an adjective: "ministre
/// nigérien de…", "le président", "l'ancien ministre" — not "a déclaré le porte-parole".
pub(super) fn starts_with_role(text: &str, g: &Gazetteer) -> bool {
    let folded = fold(head(text, 80));
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let determiners = &Lexicon::get().role_determiners;
    let skip = usize::from(words.first().is_some_and(|w| determiners.contains(w)));
    let skip = skip + usize::from(words.get(skip).is_some_and(|w| ROLE_ADJECTIVES.contains(w)));
    let rest = words[skip.min(words.len())..].join(" ");
    g.roles.iter().any(|r| {
        rest.starts_with(r.as_str())
            && rest[r.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric() || c == 's')
    })
}

/// Adjectives before a role: "l'ancien ministre", "le nouveau président".
const ROLE_ADJECTIVES: &[&str] = &[
    "ancien", "ancienne", "nouveau", "nouvelle", "actuel", "actuelle", "premier", "puissant",
    "influent",
];

/// A role phrase as a clause gives it.
pub(super) struct RolePhrase {
    /// "ministre des Affaires étrangères": the role without its country.
    pub role: String,
    pub country: Option<usize>,
    /// The international organisation the role is an office of, when the phrase names it
    /// before any country: "secrétaire général de l'ONU", "chef de la diplomatie européenne",
    /// but "représentant de la Russie à l'ONU" is Russia's.
    pub organisation: Option<usize>,
    /// Body offset where the phrase starts: its determiner, else its role word.
    pub start: usize,
    /// As the role's form or its article tells it: "la ministre", "le président", "la Première
    /// ministre", "l'ambassadrice".
    pub gender: Option<Gender>,
}

/// The role phrase in `clause` (which starts at byte `offset` of the sentence): from its role
/// word to the end; country from an adjective or a "du/de la …" complement inside it.
pub(super) fn role_in(
    clause: &str,
    offset: usize,
    g: &Gazetteer,
    s: &SentenceView,
    at_end: bool,
) -> Option<RolePhrase> {
    let folded = fold(clause);
    // Find the earliest role word that starts a word (longest role first at each place).
    let mut best: Option<(usize, usize)> = None;
    for role in &g.roles {
        let mut from = 0;
        while let Some(found) = folded[from..].find(role.as_str()) {
            let at = from + found;
            let starts_word = at == 0
                || !folded[..at]
                    .chars()
                    .last()
                    .is_some_and(char::is_alphanumeric);
            let after = folded[at + role.len()..].chars().next();
            let ends_word = after.is_none_or(|c| !c.is_alphanumeric() || c == 's');
            if starts_word
                && ends_word
                && best.is_none_or(|(b, len)| at < b || (at == b && role.len() > len))
            {
                best = Some((at, role.len()));
            }
            from = at + role.len();
        }
    }
    let (at, role_len) = best?;
    let before_role: Vec<&str> = folded[..at]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // The word before the role, past an adjective ("l'ancien Premier ministre").
    let adjectives = usize::from(
        before_role
            .last()
            .is_some_and(|w| ROLE_ADJECTIVES.contains(w)),
    );
    let determined = before_role
        .iter()
        .rev()
        .nth(adjectives)
        .is_some_and(|w| ["le", "la", "l", "son", "sa", "leur", "du", "au", "de"].contains(w));
    if at_end && before_role.len() > 3 && !determined {
        return None;
    }
    // Byte offsets in `folded` and `clause` differ when folding changes lengths: map by chars.
    let byte_of = |folded_at: usize| {
        let char_at = folded[..folded_at].chars().count();
        clause
            .char_indices()
            .nth(char_at)
            .map_or(clause.len(), |(i, _)| i)
    };
    let byte_at = byte_of(at);
    let phrase = clause[byte_at..].trim().trim_end_matches(',');
    if phrase.split_whitespace().count() > 12 {
        return None;
    }
    let phrase_start = s.start + offset + byte_at;
    let phrase_end = phrase_start + phrase.len();
    let mut country = None;
    let mut cleaned = phrase.to_string();
    let mut removals: Vec<(usize, usize)> = Vec::new();
    let mut first_country_at = None;
    for m in s
        .countries
        .iter()
        .filter(|m| m.start >= phrase_start && m.end <= phrase_end)
    {
        let local = (m.start - phrase_start, m.end - phrase_start);
        let before = phrase[..local.0].trim_end();
        let lower_before = fold(before);
        let posting = lower_before.ends_with(" au")
            || lower_before.ends_with(" en")
            || lower_before.ends_with(" aux")
            || lower_before == "au";
        match m.kind {
            MentionKind::Adjective => {
                country.get_or_insert(m.country);
                first_country_at.get_or_insert(m.start);
                removals.push(local);
            }
            _ if posting => {}
            _ => {
                if country.is_none() {
                    country = Some(m.country);
                    first_country_at.get_or_insert(m.start);
                }
                let complement = ["du ", "de la ", "de l’", "de l'", "des ", "de "]
                    .iter()
                    .find(|c| before.to_lowercase().ends_with(c.trim_end()))
                    .map_or(0, |c| c.trim_end().len() + 1);
                removals.push((local.0.saturating_sub(complement), local.1));
            }
        }
    }
    let organisation = international_office(phrase, phrase_start, s, g)
        .filter(|(_, at)| first_country_at.is_none_or(|c| *at < c))
        .map(|(org, _)| org);
    if organisation.is_some() {
        country = None;
    }
    // "le ministre de l'Intérieur des talibans": a national body's country.
    if country.is_none() && organisation.is_none() {
        country = national_body(s, phrase_start, phrase_end, g);
    }
    removals.sort();
    for (from, to) in removals.into_iter().rev() {
        if cleaned.is_char_boundary(from) && cleaned.is_char_boundary(to) {
            cleaned.replace_range(from..to, "");
        }
    }
    let cleaned = crate::text::squeeze_spaces(&cleaned);
    let cleaned = cleaned.trim_end_matches([',', ' ']).to_string();
    let mut chars = cleaned.chars();
    let role = match chars.next() {
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
        None => return None,
    };
    // The phrase starts at its determiner and adjectives: "le nouveau Premier ministre".
    let lead = lead_of_role(&before_role);
    let start = if lead == 0 {
        phrase_start
    } else {
        let words_before: Vec<(usize, &str)> = word_starts(&folded[..at]);
        let first = words_before[words_before.len() - lead].0;
        s.start + offset + byte_of(first)
    };
    let gender = role_gender(&before_role, &folded[at..at + role_len]);
    Some(RolePhrase {
        role,
        country,
        organisation,
        start,
        gender,
    })
}

/// The folded words of a text with where each starts.
fn word_starts(folded: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in folded.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &folded[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &folded[s..]));
    }
    out
}

/// How many of the words before a role belong to its phrase: a determiner, and an adjective
/// between ("le nouveau", "l'ancien", "son homologue"), counted from the role back.
fn lead_of_role(before_role: &[&str]) -> usize {
    let lexicon = Lexicon::get();
    let n = before_role.len();
    let adjective = n >= 1 && ROLE_ADJECTIVES.contains(&before_role[n - 1]);
    let at = n - usize::from(adjective);
    let determiner = at >= 1 && lexicon.role_determiners.contains(before_role[at - 1]);
    usize::from(adjective) + usize::from(determiner)
}

/// The gender a role's form tells ("présidente", "Première ministre", "ambassadeur"), else its
/// article ("la ministre", "le porte-parole", "sa porte-parole").
fn role_gender(before_role: &[&str], role: &str) -> Option<Gender> {
    let lexicon = Lexicon::get();
    let head = role.split([' ', '-']).next().unwrap_or(role);
    let adjective = before_role.last().copied().unwrap_or("");
    lexicon
        .role_genders
        .get(head)
        .or_else(|| lexicon.role_genders.get(adjective))
        .copied()
        .or_else(|| {
            before_role.iter().rev().take(2).find_map(|w| match *w {
                "la" | "sa" | "cette" => Some(Gender::Feminine),
                "le" | "du" | "au" | "son" | "ce" => Some(Gender::Masculine),
                _ => None,
            })
        })
}

/// The international organisation a role phrase names (a bloc or an organisation, not a
/// national body), by name or by its adjective ("européen", "onusien"), with where it is named.
fn international_office(
    phrase: &str,
    phrase_start: usize,
    s: &SentenceView,
    g: &Gazetteer,
) -> Option<(usize, usize)> {
    let phrase_end = phrase_start + phrase.len();
    let named = s
        .organisations
        .iter()
        .filter(|o| o.start >= phrase_start && o.end <= phrase_end)
        .filter(|o| {
            matches!(
                g.organisations[o.org].kind,
                OrgKind::Bloc | OrgKind::Organisation
            )
        })
        .map(|o| (o.org, o.start))
        .min_by_key(|(_, at)| *at);
    let lexicon = Lexicon::get();
    let by_adjective = tokens(phrase).into_iter().find_map(|w| {
        let short = lexicon.org_adjectives.get(w.folded.as_ref())?;
        let org = g.organisations.iter().position(|o| o.short == *short)?;
        Some((org, phrase_start + w.start))
    });
    match (named, by_adjective) {
        (Some(a), Some(b)) => Some(if a.1 <= b.1 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// "les ministres des Affaires étrangères du Ghana, du Togo et du Bénin": a plural role
/// and the countries after it; "ses homologues de la CEDEAO": the role of the named host, for the
/// bloc's members. `words` are the phrase's (sentence offsets), and no country or
/// organisation after byte `until` (a body offset) counts.
pub(super) fn role_groups(
    text: &str,
    words: &[Token],
    s: &SentenceView,
    people_here: &[usize],
    people: &[PersonMention],
    g: &Gazetteer,
    until: usize,
) -> Vec<RoleGroup> {
    let mut groups = Vec::new();
    let countries_in: Vec<&Mention> = s.countries.iter().filter(|m| m.end <= until).collect();
    let organisations_in: Vec<_> = s.organisations.iter().filter(|o| o.end <= until).collect();
    for w in words {
        let word = w.folded.as_ref();
        if word == "homologues" || word == "homologue" {
            let host_role = people_here.iter().find_map(|&p| people[p].role.clone());
            let mut countries: Vec<usize> = organisations_in
                .iter()
                .filter(|o| o.start > s.start + w.start)
                .flat_map(|o| g.organisations[o.org].members.clone())
                .collect();
            countries.extend(
                countries_in
                    .iter()
                    .filter(|m| m.start > s.start + w.start && m.kind != MentionKind::Capital)
                    .map(|m| m.country),
            );
            countries.sort();
            countries.dedup();
            if let (Some(role), false) = (host_role, countries.is_empty()) {
                groups.push(RoleGroup { role, countries });
            }
            continue;
        }
        let Some(role) = g
            .roles
            .iter()
            .find(|r| word == format!("{r}s") && !r.contains(' '))
        else {
            continue;
        };
        // The role's complement up to the first country: "des Affaires étrangères".
        let rest_start = w.end;
        let first_country = countries_in
            .iter()
            .filter(|m| m.start >= s.start + rest_start)
            .min_by_key(|m| m.start);
        let Some(first_country) = first_country else {
            continue;
        };
        let between = &text[rest_start..first_country.start - s.start];
        let lead = fold(between.trim_start());
        // A ministry or office ("des Affaires étrangères", "de la Défense"), or nothing.
        let office = between.chars().any(char::is_uppercase)
            && (lead.starts_with("de") || lead.starts_with("du"));
        let bare = ["du", "de", "des", "de la", "de l'", "d'", "de l’", "d’", ""]
            .contains(&lead.trim_end());
        // An aside ("de l'UA -- présidée par le Ghana --") is no complement.
        let aside = between.contains([',', '(', ')', ';', ':', '—', '–']) || between.contains("--");
        if between.len() > 50 || aside || !(office || bare) {
            continue;
        }
        let complement = between.trim().trim_end_matches(['d', 'u']).trim();
        let complement = ["du", "de la", "de l’", "de l'", "des"].iter().fold(
            complement.to_string(),
            |acc, c| {
                acc.strip_suffix(c)
                    .map(|x| x.trim().to_string())
                    .unwrap_or(acc)
            },
        );
        let role_text = if complement.is_empty() {
            role.clone()
        } else {
            format!("{role} {complement}")
        };
        let countries: Vec<usize> = countries_in
            .iter()
            .filter(|m| m.start >= first_country.start && m.kind == MentionKind::Name)
            .take_while(|m| m.start - first_country.start < 120)
            .map(|m| m.country)
            .collect();
        if !countries.is_empty() {
            groups.push(RoleGroup {
                role: role_text,
                countries,
            });
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use crate::extract::entities::testing::{country, entities, person};
    use crate::extract::entities::CountryEvidence;
    use crate::gazetteer::Gazetteer;

    #[test]
    fn an_office_holder_right_after_a_capital_is_its_countrys() {
        let e = entities(
            "La délégation libérienne de Paul Doe a été reçue jeudi à Dakar par le président Moussa Ndiaye pour parler du port de Monrovia.",
        );
        assert_eq!(country(person(&e, "Moussa Ndiaye")), Some("SEN"));
    }

    #[test]
    fn a_role_adjective_beats_the_countries_named_near() {
        let e = entities("À Lisbonne, le ministre chilien des Finances Pablo Rojas a rencontré le président portugais Rui Costa.");
        assert_eq!(country(person(&e, "Pablo Rojas")), Some("CHL"));
        assert_eq!(country(person(&e, "Rui Costa")), Some("PRT"));
        // The role of the name before is not this one's.
        let e = entities("Cette décision risque d'aggraver la crise, a averti vendredi le président péruvien Luis Quispe lors d'une conversation téléphonique avec Paulo Neves.");
        assert_eq!(country(person(&e, "Paulo Neves")), None);
        // Nor does the one country a sentence names give it.
        let e = entities("Le consultant Paulo Neves a critiqué la politique du Pérou.");
        assert_eq!(country(person(&e, "Paulo Neves")), None);
    }

    #[test]
    fn an_organisations_official_has_no_country() {
        for text in [
            "Le secrétaire général de l'Otan, Jan Kowalski, a appelé Lima à coopérer.",
            "Le chef de la diplomatie européenne Jan Kowalski est attendu à Lima.",
        ] {
            let e = entities(text);
            let p = person(&e, "Jan Kowalski");
            assert_eq!(country(p), None, "{text}");
            let org = p
                .organisation
                .map(|o| Gazetteer::shipped().organisations[o].short.as_str());
            assert!(matches!(org, Some("OTAN" | "UE")), "{text}: {org:?}");
        }
        // A country's envoy to an organisation is the country's.
        let e = entities("L'ambassadeur du Pérou à l'ONU, Luis Quispe, a protesté.");
        assert_eq!(country(person(&e, "Luis Quispe")), Some("PER"));
    }

    #[test]
    fn an_aside_is_not_the_complement_of_a_role() {
        let e = entities(
            "Mardi, à la réunion des ministres de la Santé de l'UA --dont Accra et Lomé--, le Ghana a plaidé.",
        );
        let groups: Vec<&str> = e.meetings[0]
            .groups
            .iter()
            .map(|g| g.role.as_str())
            .collect();
        assert!(groups.iter().all(|g| !g.contains("--")), "{groups:?}");
        // Without the aside, the complement is the ministry.
        let e = entities("Mardi, à la réunion des ministres de la Santé du Ghana et du Togo, un plan a été adopté.");
        let groups: Vec<&str> = e.meetings[0]
            .groups
            .iter()
            .map(|g| g.role.as_str())
            .collect();
        assert_eq!(groups, ["ministre de la Santé"]);
    }

    #[test]
    fn a_coordinated_role_belongs_to_the_second_name() {
        let e = entities("Le président Kofi Mensah et le ministre malien des Affaires étrangères Jean Traoré sont arrivés.");
        let traore = person(&e, "Jean Traoré");
        assert_eq!(
            traore.role.as_deref(),
            Some("ministre des Affaires étrangères")
        );
        assert_eq!(country(traore), Some("MLI"));
        assert_eq!(traore.country_by, Some(CountryEvidence::Role));
    }

    #[test]
    fn a_demonym_by_the_name_gives_the_country() {
        let e = entities("L'Américaine Jane Porter a rencontré le chef de l'opposition. Paul Ngono, l'homme fort du régime camerounais, a refusé.");
        let porter = person(&e, "Jane Porter");
        assert_eq!(
            (country(porter), porter.country_by),
            (Some("USA"), Some(CountryEvidence::Apposition))
        );
        let ngono = person(&e, "Paul Ngono");
        assert_eq!(
            (country(ngono), ngono.country_by),
            (Some("CMR"), Some(CountryEvidence::Apposition))
        );
    }

    #[test]
    fn a_national_body_in_the_role_gives_the_country() {
        let e = entities("Le porte-parole des Taliban, Karim Zaki, a démenti ces informations.");
        let zaki = person(&e, "Karim Zaki");
        assert_eq!(country(zaki), Some("AFG"));
    }

    #[test]
    fn the_head_of_a_national_body_belongs_to_its_country() {
        let e = entities("Les Taliban de Karim Zaki ont pris la ville.");
        assert_eq!(country(person(&e, "Karim Zaki")), Some("AFG"));
    }

    #[test]
    fn a_statement_after_the_comma_is_not_a_role() {
        let e = entities("Il a rencontré Paul Ngono, a déclaré le porte-parole de l'ONU.");
        assert_eq!(person(&e, "Paul Ngono").role, None);
    }

    #[test]
    fn role_before_the_name_with_its_country_adjective() {
        let e =
            entities("Le ministre ghanéen des Finances, Kwame Mensah Boateng, a signé l'accord.");
        let p = &e.people[0];
        assert_eq!(p.name, "Kwame Mensah Boateng");
        assert_eq!(p.role.as_deref(), Some("ministre des Finances"));
        assert_eq!(country(p), Some("GHA"));
    }

    #[test]
    fn role_after_the_name_and_a_title_before_it() {
        let e =
            entities("Il a reçu le général Amadou Kane, ministre sénégalais des Armées, à Dakar.");
        let p = &e.people[0];
        assert_eq!(
            (p.name.as_str(), p.role.as_deref(), country(p)),
            ("Amadou Kane", Some("ministre des Armées"), Some("SEN"))
        );
    }

    #[test]
    fn country_from_a_complement_and_ambassador_postings() {
        let e = entities("Le ministre des Affaires étrangères du Togo, Koffi Agbéyomé, est arrivé. L'ambassadeur chinois au Togo, Wang Lei, l'accompagnait.");
        assert_eq!(
            (e.people[0].role.as_deref(), country(&e.people[0])),
            (Some("ministre des Affaires étrangères"), Some("TGO"))
        );
        assert_eq!(
            country(&e.people[1]),
            Some("CHN"),
            "nationality, not posting"
        );
    }
}
