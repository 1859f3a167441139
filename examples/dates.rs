//! Prints the date mentions of each argument, against an optional reference: a debugging aid.
//!     cargo run --example dates -- 2016-11-07 "du 10/01 au 11/07"
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let reference = brief::dates::parse_iso_partial(&args[0]);
    for text in &args[1..] {
        for m in brief::dates::grammar::find(text, reference) {
            println!(
                "{text:?}: {:?} {} → {} {:?} {:?}",
                &text[m.start..m.end],
                m.from,
                m.to,
                m.precision,
                m.warning
            );
        }
    }
}
