//! Stage 2, articles → extraction: paragraphs, headings and sentences with their byte ranges
//! into each article's body, the date expressions of each paragraph resolved against the
//! article's date, and the countries each sentence names. Pure.

mod arguments;
pub mod entities;
pub mod meetings;
mod people;
pub mod quotes;
mod roles;
pub mod sentences;
pub mod venues;

use crate::corpus::Article;
use crate::dates::grammar::{self, DateMention};
use crate::gazetteer::{Gazetteer, Mention, OrgMention, PlaceMention};
use entities::{Entities, SentenceView};
use rayon::prelude::*;
use sentences::{cut_long, is_heading, paragraphs, split_sentences, MAX_SENTENCE_BYTES};
use std::ops::Range;

/// The extractor's version as the state's cache knows it: the package version and a
/// fingerprint of every source file, so that any other build extracts again.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+",
    env!("BRIEF_SOURCE_FINGERPRINT")
);

/// What was found in one article. Ranges index `Article::body`.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ArticleExtraction {
    pub headings: Vec<Range<usize>>,
    pub sentences: Vec<Sentence>,
    /// Date expressions, resolved against the article's publication date.
    pub dates: Vec<DateMention>,
    /// People, quotes and meeting mentions.
    pub entities: Entities,
    /// What the reader of this article should know (passages cut because no sentence ended).
    pub warnings: Vec<String>,
}

/// A sentence of an article body.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index of its paragraph in the body (headings not counted).
    pub paragraph: usize,
    /// Country mentions, byte ranges relative to the body.
    pub countries: Vec<Mention>,
    /// Organisation and bloc mentions, byte ranges relative to the body.
    pub organisations: Vec<OrgMention>,
    /// Cities and towns named as places, byte ranges relative to the body.
    pub places: Vec<PlaceMention>,
    /// A piece of a passage too long to be a sentence (see `sentences::cut_long`): read for
    /// what it names, never shown as a fact.
    pub cut: bool,
}

impl ArticleExtraction {
    /// The date expressions inside `sentence`, found by binary search (dates are sorted by
    /// start), so that asking for every sentence stays linear in the article.
    pub fn dates_in(&self, sentence: &Sentence) -> impl Iterator<Item = &DateMention> {
        let (start, end) = (sentence.start, sentence.end);
        let first = self.dates.partition_point(|d| d.start < start);
        let after = self.dates.partition_point(|d| d.start < end);
        self.dates[first..after]
            .iter()
            .filter(move |d| d.end <= end)
    }

    /// The people named inside `sentence` (people are found sentence by sentence, in order).
    pub fn people_in(&self, sentence: &Sentence) -> impl Iterator<Item = &entities::PersonMention> {
        let (start, end) = (sentence.start, sentence.end);
        let people = &self.entities.people;
        let first = people.partition_point(|p| p.start < start);
        let after = people.partition_point(|p| p.start < end);
        people[first..after].iter().filter(move |p| p.end <= end)
    }
}

/// Where a sentence lies in the body, before the countries it names are looked up.
#[derive(Debug, Clone)]
pub struct SentenceSpan {
    pub range: Range<usize>,
    /// Index of its paragraph in the body (headings not counted).
    pub paragraph: usize,
    /// A piece of an overlong passage.
    pub cut: bool,
}

/// Extracts every article, in corpus order (in parallel; the order of the result is the
/// articles' order).
pub fn extract(articles: &[Article], gazetteer: &Gazetteer) -> Vec<ArticleExtraction> {
    extract_some(&articles.iter().collect::<Vec<_>>(), gazetteer)
}

/// `extract` for some of the corpus's articles (those the state has no extraction of).
pub fn extract_some(articles: &[&Article], gazetteer: &Gazetteer) -> Vec<ArticleExtraction> {
    articles
        .par_iter()
        .map(|a| extract_article(a, gazetteer))
        .collect()
}

/// An article's layout: headings, sentences (with their paragraph index) and resolved dates,
/// all as byte ranges into its body. The reading-side part of the extraction.
pub struct Layout {
    pub headings: Vec<Range<usize>>,
    pub sentences: Vec<SentenceSpan>,
    /// Sorted by start.
    pub dates: Vec<DateMention>,
    pub warnings: Vec<String>,
}

/// Splits a body into headings and sentences, and finds the dates of each paragraph.
pub fn segment_and_date(article: &Article) -> Layout {
    let body = &article.body;
    let mut layout = Layout {
        headings: Vec::new(),
        sentences: Vec::new(),
        dates: Vec::new(),
        warnings: Vec::new(),
    };
    let mut paragraph = 0;
    let mut cut = 0;
    let blocks = paragraphs(body);
    // A body of one line is text, however short: a one-line article has a sentence.
    let single = blocks.len() == 1;
    for block in blocks {
        let text = &body[block.clone()];
        let found = grammar::find(text, article.published);
        layout.dates.extend(found.into_iter().map(|d| DateMention {
            start: d.start + block.start,
            end: d.end + block.start,
            ..d
        }));
        if is_heading(text) && !single {
            layout.headings.push(block);
            continue;
        }
        for range in split_sentences(text) {
            let pieces = cut_long(text, range);
            let was_cut = pieces.len() > 1;
            cut += usize::from(was_cut);
            for piece in pieces {
                layout.sentences.push(SentenceSpan {
                    range: block.start + piece.start..block.start + piece.end,
                    paragraph,
                    cut: was_cut,
                });
            }
        }
        paragraph += 1;
    }
    layout.dates.sort_by_key(|d| d.start);
    if cut > 0 {
        layout.warnings.push(format!(
            "{cut} passage(s) longer than {MAX_SENTENCE_BYTES} bytes without a sentence end: cut into pieces, which are not used as facts"
        ));
    }
    layout
}

/// Splits a body into headings and sentences, finds the countries of each sentence and the
/// dates of each paragraph.
pub fn extract_article(article: &Article, gazetteer: &Gazetteer) -> ArticleExtraction {
    let body = &article.body;
    let layout = segment_and_date(article);
    let mut out = ArticleExtraction {
        headings: layout.headings,
        dates: layout.dates,
        warnings: layout.warnings,
        ..ArticleExtraction::default()
    };
    for span in layout.sentences {
        let (start, end) = (span.range.start, span.range.end);
        let countries = gazetteer.countries_in(body, span.range.clone());
        let organisations = gazetteer.organisations_in(body, span.range.clone());
        let places = gazetteer.places_in(body, span.range);
        out.sentences.push(Sentence {
            start,
            end,
            paragraph: span.paragraph,
            countries,
            organisations,
            places,
            cut: span.cut,
        });
    }
    let views: Vec<SentenceView> = out
        .sentences
        .iter()
        .map(|s| SentenceView {
            start: s.start,
            end: s.end,
            countries: &s.countries,
            organisations: &s.organisations,
            places: &s.places,
        })
        .collect();
    let published = article
        .published
        .filter(|d| d.precision() == crate::dates::Precision::Day)
        .map(|d| d.first_day());
    let entities = entities::find(body, &views, &out.dates, published, gazetteer);
    out.entities = entities;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::scraped;

    #[test]
    fn sentence_ranges_index_the_body() {
        let article = scraped::parse(
            "Titre\n\nUn titre court\n\nLe Mali a signé. Le Niger aussi.",
            false,
        )
        .finish("a.txt", None, "text");
        let body = &article.body;
        let x = extract_article(&article, Gazetteer::shipped());
        assert_eq!(&body[x.headings[0].clone()], "Un titre court");
        let s = &x.sentences[1];
        assert_eq!(&body[s.start..s.end], "Le Niger aussi.");
        assert_eq!(&body[s.countries[0].start..s.countries[0].end], "Niger");
    }

    #[test]
    fn date_ranges_index_the_body() {
        let article = scraped::parse(
            "13-06-2025 10:00 - Titre\n\nIntro.\n\nLe sommet s'est tenu jeudi 12 juin à Lisbonne.",
            false,
        )
        .finish("a.txt", None, "text");
        let x = extract_article(&article, Gazetteer::shipped());
        let d = &x.dates[0];
        assert_eq!(&article.body[d.start..d.end], "jeudi 12 juin");
        assert_eq!(d.from.to_string(), "2025-06-12");
    }
}
