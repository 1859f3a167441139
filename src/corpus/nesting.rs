//! Deeply nested HTML, flattened before the HTML parser sees it.
//!
//! html5ever's tree builder checks "is there a `p` in button scope?" by walking its stack of open
//! elements at each block start tag, so a page that nests 100,000 `<div>`s takes time quadratic
//! in the depth (minutes). This pass runs html5ever's tokenizer alone (linear), keeps its own
//! stack of open elements (popping to the matching start tag, with a count per name so a stray
//! end tag costs nothing) and, when elements nest deeper than [`MAX_DEPTH`], writes the page
//! again without the tags beyond that depth: their text stays, in the element around them.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};
use std::cell::RefCell;
use std::collections::HashMap;

/// Elements nested deeper than this are flattened into the one around them.
pub const MAX_DEPTH: usize = 256;

/// Elements that never have content (no end tag).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
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
    out: String,
}

impl TokenSink for Flattener {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => return state.tag(&tag),
            Token::CharacterTokens(text) => escape_text(&text, &mut state.out),
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
                let void = VOID.contains(&name.as_str());
                let kept = self.stack.len() < MAX_DEPTH;
                if kept {
                    write_start(tag, &mut self.out);
                }
                if !void {
                    self.stack.push((name.clone(), kept));
                    *self.open.entry(name.clone()).or_default() += 1;
                    self.deepest = self.deepest.max(self.stack.len());
                }
                raw_state(&name)
            }
            TagKind::EndTag => {
                if self.open.get(&name).copied().unwrap_or(0) == 0 {
                    self.out.push_str(&format!("</{name}>"));
                    return TokenSinkResult::Continue;
                }
                while let Some((open, kept)) = self.stack.pop() {
                    *self.open.get_mut(&open).expect("counted when pushed") -= 1;
                    if open == name {
                        if kept {
                            self.out.push_str(&format!("</{name}>"));
                        }
                        break;
                    }
                }
                TokenSinkResult::Continue
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
