//! Deeply nested HTML, flattened before the HTML parser sees it.
//!
//! html5ever's tree builder checks "is there a `p` in button scope?" by walking its stack of open
//! elements at each block start tag, so a page that nests 100,000 `<div>`s takes time quadratic
//! in the depth (minutes). This pass runs html5ever's tokenizer alone (linear), keeps its own
//! stack of open elements (popping to the matching start tag, with a count per name so a stray
//! end tag costs nothing, and closing what a start tag ends implicitly — an unclosed `<p>`,
//! `<li>`, `<td>` — as the tree builder does) and, when elements nest deeper than
//! [`MAX_DEPTH`], writes the page again without the tags beyond that depth: their text stays,
//! in the element around them.

use crate::lexicon::Lexicon;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};
use std::cell::RefCell;
use std::collections::HashMap;

/// Elements nested deeper than this are flattened into the one around them.
pub const MAX_DEPTH: usize = 256;

/// How far down the stack an element whose end tag may be left out is looked for. The tree
/// builder looks further, but this is enough for real pages, and keeps the pass linear.
const IMPLIED_REACH: usize = 8;

/// What a start tag closes implicitly, as the tree builder would: the open element it ends
/// (`<li>` ends an open `li`, `<tr>` an open `tr` with the cells in it, a block an open `p`),
/// and the elements that stop the search (a nested `ul` keeps the outer `li` open).
fn implied_close(name: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match name {
        "li" => (&["li"], &["ul", "ol", "table", "td", "th", "html"]),
        "dt" | "dd" => (&["dt", "dd"], &["dl", "table", "td", "th", "html"]),
        "tr" => (&["tr"], &["table", "tbody", "thead", "tfoot", "html"]),
        "td" | "th" => (&["td", "th"], &["tr", "table", "html"]),
        "tbody" | "thead" | "tfoot" => (&["tbody", "thead", "tfoot"], &["table", "html"]),
        "option" => (&["option"], &["select", "datalist", "html"]),
        "optgroup" => (&["optgroup", "option"], &["select", "html"]),
        "rb" | "rt" | "rtc" | "rp" => (&["rb", "rt", "rtc", "rp"], &["ruby", "html"]),
        _ if Lexicon::get().closes_p_tags.contains(name) => (&["p"], BUTTON_SCOPE),
        _ => (&[], &[]),
    }
}

/// The elements that end "button scope", where the search for an open `p` stops.
const BUTTON_SCOPE: &[&str] = &[
    "button", "object", "marquee", "applet", "table", "td", "th", "caption", "html", "template",
];

/// The page without the tags nested deeper than [`MAX_DEPTH`], or `None` if it nests no deeper.
pub fn flatten(html: &str) -> Option<String> {
    let sink = Flattener::default();
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(sink, Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let state = tokenizer.sink.state.into_inner();
    (state.deepest > MAX_DEPTH).then_some(state.out)
}

#[derive(Default)]
struct Flattener {
    state: RefCell<State>,
}

#[derive(Default)]
struct State {
    /// Open elements: name, and whether its tags are written.
    stack: Vec<(String, bool)>,
    /// How many elements of each name are open.
    open: HashMap<String, usize>,
    deepest: usize,
    /// Inside a raw-text element (a script, a style) whose tags were dropped: its text too.
    dropping_raw_text: bool,
    out: String,
}

impl TokenSink for Flattener {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => return state.tag(&tag),
            Token::CharacterTokens(text) if !state.dropping_raw_text => {
                escape_text(&text, &mut state.out)
            }
            Token::DoctypeToken(_) => state.out.push_str("<!DOCTYPE html>"),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl State {
    fn tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name = tag.name.to_string();
        match tag.kind {
            TagKind::StartTag => {
                self.close_implied(&name);
                let void = Lexicon::get().void_tags.contains(name.as_str());
                let kept = self.stack.len() < MAX_DEPTH;
                if kept {
                    write_start(tag, &mut self.out);
                }
                if !void {
                    self.stack.push((name.clone(), kept));
                    *self.open.entry(name.clone()).or_default() += 1;
                    self.deepest = self.deepest.max(self.stack.len());
                }
                let state = raw_state(&name);
                self.dropping_raw_text = !kept && state != TokenSinkResult::Continue;
                state
            }
            TagKind::EndTag => {
                self.dropping_raw_text = false;
                if self.open.get(&name).copied().unwrap_or(0) == 0 {
                    self.out.push_str(&format!("</{name}>"));
                    return TokenSinkResult::Continue;
                }
                if let Some(kept) = self.pop_to(&name) {
                    if kept {
                        self.out.push_str(&format!("</{name}>"));
                    }
                }
                TokenSinkResult::Continue
            }
        }
    }
}

impl State {
    /// Pops the open elements down to the last `name` (which must be open); returns whether its
    /// tags were written.
    fn pop_to(&mut self, name: &str) -> Option<bool> {
        while let Some((open, kept)) = self.stack.pop() {
            *self.open.get_mut(&open).expect("counted when pushed") -= 1;
            if open == name {
                return Some(kept);
            }
        }
        None
    }

    /// Closes, as the tree builder would, what the start tag `name` ends implicitly (looked
    /// for among the top [`IMPLIED_REACH`] open elements only, so the pass stays linear).
    fn close_implied(&mut self, name: &str) {
        let (targets, stops) = implied_close(name);
        if targets.is_empty() {
            return;
        }
        let reach = self.stack.len().saturating_sub(IMPLIED_REACH);
        for at in (reach..self.stack.len()).rev() {
            let open = self.stack[at].0.as_str();
            if targets.contains(&open) {
                while self.stack.len() > at {
                    let (open, _) = self.stack.pop().expect("not empty");
                    *self.open.get_mut(&open).expect("counted when pushed") -= 1;
                }
                return;
            }
            if stops.contains(&open) {
                return;
            }
        }
    }
}

/// The tokenizer state the content of an element needs (as the tree builder would set it).
fn raw_state(name: &str) -> TokenSinkResult<()> {
    match name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
            TokenSinkResult::RawData(RawKind::Rawtext)
        }
        "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => TokenSinkResult::Continue,
    }
}

fn write_start(tag: &Tag, out: &mut String) {
    out.push('<');
    out.push_str(&tag.name);
    for attribute in &tag.attrs {
        out.push(' ');
        out.push_str(&attribute.name.local);
        out.push_str("=\"");
        for c in attribute.value.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '"' => out.push_str("&quot;"),
                '<' => out.push_str("&lt;"),
                c => out.push(c),
            }
        }
        out.push('"');
    }
    if tag.self_closing {
        out.push_str(" /");
    }
    out.push('>');
}

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        assert!(
            flatten("<html><body><div><p>Texte &amp; <b>gras</b></p></div></body></html>")
                .is_none()
        );
    }

    #[test]
    fn end_tags_left_out_are_not_nesting() {
        let paragraphs = "<p>Un paragraphe sans fin de balise.".repeat(2000);
        let items = format!("<ul>{}</ul>", "<li>Point".repeat(2000));
        let rows = format!("<table>{}</table>", "<tr><td>A<td>B".repeat(2000));
        for body in [paragraphs, items, rows] {
            let page = format!("<html><body>{body}</body></html>");
            assert!(flatten(&page).is_none(), "{}", &body[..60]);
        }
    }

    #[test]
    fn a_dropped_script_keeps_its_code_out_of_the_text() {
        let page = format!(
            "<html><body>{}<script>var secret = 1;</script>Texte.{}</body></html>",
            "<div>".repeat(MAX_DEPTH + 10),
            "</div>".repeat(MAX_DEPTH + 10)
        );
        let flat = flatten(&page).expect("too deep");
        assert!(
            !flat.contains("secret"),
            "script code dropped with its tags"
        );
        assert!(flat.contains("Texte."));
    }

    #[test]
    fn deep_nesting_is_flattened_and_keeps_the_text() {
        let depth = 10_000;
        let html = format!(
            "<html><body><p title=\"a&quot;b\">Avant.</p>{}Au fond &amp; loin.{}<p>Après.</p></body></html>",
            "<div>".repeat(depth),
            "</span></div>".repeat(depth)
        );
        let flat = flatten(&html).expect("too deep");
        assert!(flat.matches("<div>").count() < MAX_DEPTH);
        assert!(flat.contains("Au fond &amp; loin."));
        assert!(flat.contains("<p title=\"a&quot;b\">Avant.</p>"));
        assert!(
            flat.ends_with("<p>Après.</p></body></html>"),
            "{}",
            &flat[flat.len() - 80..]
        );
    }
}
