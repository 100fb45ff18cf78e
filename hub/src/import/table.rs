//! A file as a header and rows of text cells: CSV in UTF-8 with or without a byte order
//! mark and with a comma, semicolon or tab between cells, or the first sheet of an XLSX
//! workbook. Bytes that are not UTF-8 become `encoding-error` problems, not panics.

use std::path::Path;

use super::{Code, Problems, workbook};
use crate::error::Result;

/// One data row: its number in the file (the header is row 1) and its cells.
#[derive(Debug, Clone)]
pub struct Row {
    /// Row number in the file.
    pub number: usize,
    /// The cells, as text.
    pub cells: Vec<String>,
}

/// A file's header and rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Column names, trimmed.
    pub headers: Vec<String>,
    /// The data rows (blank rows left out).
    pub rows: Vec<Row>,
}

impl Table {
    /// The position of column `name`, if the file has it.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

/// Which delimiter the first line uses most, outside quotes.
fn detect_delimiter(text: &[u8]) -> u8 {
    let line_end = text.iter().position(|b| *b == b'\n').unwrap_or(text.len());
    let mut counts = [(b',', 0_usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in &text[..line_end] {
        if *byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (delimiter, count) in &mut counts {
                if byte == delimiter {
                    *count += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, count)| *count)
        .map_or(b',', |(d, _)| *d)
}

/// What a file may hold before it is read: each limit is checked before the body of the
/// file is, so that a small hostile file cannot make the hub allocate without bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileLimits {
    /// The largest file, in bytes.
    pub bytes: u64,
    /// The most a workbook may hold once unzipped, in bytes.
    pub unzipped_bytes: u64,
    /// The most rows a sheet's used range may span.
    pub rows: u32,
    /// The most columns a sheet's used range may span.
    pub columns: u32,
}

impl Default for FileLimits {
    fn default() -> Self {
        Self {
            bytes: 100 << 20,
            unzipped_bytes: 1 << 30,
            rows: 2_000_000,
            columns: 2_000,
        }
    }
}

/// The bytes of `path`, or `None` when it is larger than `limits` allow (reported).
fn read_bytes(
    path: &Path,
    limits: &FileLimits,
    problems: &mut Problems,
) -> Result<Option<Vec<u8>>> {
    let size = std::fs::metadata(path)?.len();
    if size > limits.bytes {
        problems.add(
            Code::FormatError,
            None,
            None,
            None,
            format!(
                "the file is {size} bytes; the limit is {} bytes",
                limits.bytes
            ),
        );
        return Ok(None);
    }
    Ok(Some(std::fs::read(path)?))
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Reads `path` as XLSX (by its extension) or CSV, within `limits`.
pub fn read(path: &Path, limits: &FileLimits, problems: &mut Problems) -> Result<Table> {
    let Some(bytes) = read_bytes(path, limits, problems)? else {
        return Ok(Table::default());
    };
    match extension(path).as_str() {
        "xlsx" | "xlsm" => Ok(workbook::read_xlsx(bytes, limits, problems)),
        "xls" | "ods" => Ok(workbook::read_workbook(bytes, problems)),
        _ => Ok(read_csv(&bytes, problems)),
    }
}

/// Reads the sheets `names` of the XLSX workbook `path`, within `limits`: one table per
/// name, `None` where the workbook has no such sheet.
pub fn read_sheets(
    path: &Path,
    limits: &FileLimits,
    names: &[&str],
    problems: &mut Problems,
) -> Result<Vec<Option<Table>>> {
    let none = || names.iter().map(|_| None).collect();
    if !matches!(extension(path).as_str(), "xlsx" | "xlsm") {
        problems.add(
            Code::FormatError,
            None,
            None,
            None,
            "not an .xlsx workbook; save the form as Excel Workbook (.xlsx)",
        );
        return Ok(none());
    }
    let Some(bytes) = read_bytes(path, limits, problems)? else {
        return Ok(none());
    };
    Ok(workbook::read_xlsx_sheets(bytes, limits, names, problems))
}

/// Parses CSV bytes.
pub fn read_csv(bytes: &[u8], problems: &mut Problems) -> Table {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(detect_delimiter(bytes))
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut table = Table::default();
    let mut record = csv::ByteRecord::new();
    let mut first = true;
    let mut records_read = 0;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                let row = Some(records_read + 1);
                problems.add(
                    Code::FormatError,
                    row,
                    None,
                    None,
                    format!("not readable as CSV: {error}"),
                );
                break;
            }
        }
        // Rows are counted as records, the header being row 1, as Frictionless counts
        // them (a quoted cell may span lines, so this is not the line number).
        records_read += 1;
        let number = records_read;
        let mut cells = Vec::with_capacity(record.len());
        for (i, field) in record.iter().enumerate() {
            match std::str::from_utf8(field) {
                // A cell the hub's export defused (`'=...`) is read as the text it was.
                Ok(text) => cells.push(dashboard::csv::undefuse(text).to_owned()),
                Err(_) => {
                    let column = if first {
                        format!("column {}", i + 1)
                    } else {
                        table
                            .headers
                            .get(i)
                            .cloned()
                            .unwrap_or_else(|| format!("column {}", i + 1))
                    };
                    let lossy = String::from_utf8_lossy(field).into_owned();
                    problems.add(
                        Code::EncodingError,
                        Some(number),
                        Some((&column, i + 1)),
                        Some(&lossy),
                        "the bytes are not UTF-8; save the file as UTF-8 (CSV UTF-8 in Excel)",
                    );
                    cells.push(lossy);
                }
            }
        }
        if first {
            table.headers = cells.iter().map(|h| h.trim().to_owned()).collect();
            first = false;
        } else if cells.iter().any(|c| !c.trim().is_empty()) {
            table.rows.push(Row { number, cells });
        }
    }
    table
}

/// Checks the header against the columns an import knows: reports blank, duplicate and
/// unknown columns, and missing required ones. `ignored` columns (tool metadata such as
/// KoboToolbox's `_submission_time`) are allowed and not read.
pub fn check_header(
    table: &Table,
    required: &[&str],
    optional: &dyn Fn(&str) -> bool,
    ignored: &dyn Fn(&str) -> bool,
    problems: &mut Problems,
) {
    for (i, header) in table.headers.iter().enumerate() {
        if header.is_empty() {
            problems.add(
                Code::BlankLabel,
                Some(1),
                Some(("", i + 1)),
                None,
                "a column has no name",
            );
        } else if table.headers[..i].contains(header) {
            problems.add(
                Code::DuplicateLabel,
                Some(1),
                Some((header, i + 1)),
                Some(header),
                format!("column {header:?} appears more than once"),
            );
        } else if !required.contains(&header.as_str()) && !optional(header) && !ignored(header) {
            problems.add(
                Code::ExtraLabel,
                Some(1),
                Some((header, i + 1)),
                Some(header),
                format!("unknown column {header:?}"),
            );
        }
    }
    for name in required {
        if table.column(name).is_none() {
            problems.add(
                Code::MissingLabel,
                Some(1),
                Some((name, 0)),
                None,
                format!("the required column {name:?} is missing"),
            );
        }
    }
}

/// Checks that every row has as many cells as the header.
pub fn check_widths(table: &Table, problems: &mut Problems) -> Vec<bool> {
    let width = table.headers.len();
    table
        .rows
        .iter()
        .map(|row| {
            if row.cells.len() > width {
                problems.add(
                    Code::ExtraCell,
                    Some(row.number),
                    None,
                    row.cells.get(width).map(String::as_str),
                    format!(
                        "the row has {} cells but the header {width}",
                        row.cells.len()
                    ),
                );
                false
            } else if row.cells.len() < width {
                problems.add(
                    Code::MissingCell,
                    Some(row.number),
                    None,
                    None,
                    format!(
                        "the row has {} cells but the header {width}",
                        row.cells.len()
                    ),
                );
                false
            } else {
                true
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems() -> Problems {
        Problems::new(Path::new("t.csv"), 100)
    }

    #[test]
    fn the_delimiter_is_the_one_the_header_uses_most() {
        assert_eq!(detect_delimiter(b"a;b;c\n1,5;2;3"), b';');
        assert_eq!(detect_delimiter(b"a\tb\tc\n"), b'\t');
        assert_eq!(detect_delimiter(b"\"x;y\",b,c\n"), b',');
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_column() {
        let mut p = problems();
        let table = read_csv(b"\xEF\xBB\xBFid;name\r\n1;Talsi\r\n\r\n", &mut p);
        assert_eq!(table.headers, ["id", "name"]);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].number, 2);
        assert!(p.is_empty());
    }

    #[test]
    fn bytes_that_are_not_utf8_are_reported_with_row_and_column() {
        let mut p = problems();
        let table = read_csv(b"id,name\n1,ok\n2,Tra\xEFkai\n", &mut p);
        assert_eq!(table.rows.len(), 2);
        let (list, _) = p.into_parts();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].code, Code::EncodingError);
        assert_eq!(list[0].row, Some(3));
        assert_eq!(list[0].column.as_deref(), Some("name"));
    }
}
