//! CSV that spreadsheets open safely: RFC 4180 quoting, and text cells that a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
//! return) prefixed with an apostrophe, as OWASP recommends.
//!
//! A cell that is a plain number (`-0.25`) is not a formula and stays a number, so that
//! negative gaps stay numbers for R, pandas and Excel.

use crate::chart::{Cell, Table};

/// Whether `text` is a plain decimal number (sign, digits, one point, exponent).
fn is_plain_number(text: &str) -> bool {
    !text.is_empty()
        && text.parse::<f64>().is_ok_and(f64::is_finite)
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
}

/// `text` with an apostrophe in front if a spreadsheet would run it as a formula, or if
/// it already starts with an apostrophe: so a reader that takes one apostrophe off
/// (`hub import datapackage`) gets exactly the stored text back, never a live formula.
pub fn defuse(text: &str) -> std::borrow::Cow<'_, str> {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(text);
    if formula || text.starts_with('\'') {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The text a [`defuse`]d cell stood for: the apostrophe is taken off only where
/// `defuse` would have put one, so `'cause` stays as it is.
pub fn undefuse(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if defuse(rest) == text => rest,
        _ => text,
    }
}

/// A text cell made safe to open in a spreadsheet and quoted where CSV needs it.
pub fn escape(text: &str) -> String {
    let text = defuse(text);
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

fn format_cell(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => escape(text),
        Cell::Int(v) => v.to_string(),
        // Shortest text that reads back as the same f64: exactly the number drawn.
        Cell::Num(v) if v.is_finite() => format!("{v}"),
        Cell::Num(_) | Cell::Empty => String::new(),
        Cell::Bool(v) => v.to_string(),
    }
}

/// One CSV line (ending in `\n`) of already formatted cells.
pub fn line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(cell.as_ref());
    }
    out.push('\n');
    out
}

/// The table as CSV with a header line.
pub fn write_table(table: &Table) -> String {
    let mut out = String::new();
    let header: Vec<String> = table.columns.iter().map(|c| escape(c)).collect();
    out.push_str(&line(&header));
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(format_cell).collect();
        out.push_str(&line(&cells));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_is_escaped_but_a_negative_number_is_not() {
        assert_eq!(escape("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(escape("+1+1"), "'+1+1");
        assert_eq!(escape("-2+3"), "'-2+3");
        assert_eq!(escape("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(escape("\tcmd"), "'\tcmd");
        assert_eq!(escape("-0.25"), "-0.25");
        assert_eq!(escape("-1e-3"), "-1e-3");
        assert_eq!(escape("Talsi, Latvija"), "\"Talsi, Latvija\"");
        assert_eq!(escape("plain"), "plain");
    }

    #[test]
    fn cells_keep_their_exact_value() {
        let table = Table {
            columns: vec!["a", "b", "c", "d"],
            rows: vec![vec![
                Cell::Num(0.1 + 0.2),
                Cell::Int(-3),
                Cell::Empty,
                Cell::Text("-x".into()),
            ]],
        };
        assert_eq!(
            write_table(&table),
            "a,b,c,d\n0.30000000000000004,-3,,'-x\n"
        );
    }
}
