//! A file as a header and rows of text cells: CSV in UTF-8 with or without a byte order
//! mark and with a comma, semicolon or tab between cells, or the first sheet of an XLSX
//! workbook. Bytes that are not UTF-8 become `encoding-error` problems, not panics.

use std::{io::Cursor, path::Path};

use calamine::{Data, Reader};

use super::{Code, Problems};
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

/// Reads `path` as XLSX (by its extension) or CSV, within `limits`.
pub fn read(path: &Path, limits: &FileLimits, problems: &mut Problems) -> Result<Table> {
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
        return Ok(Table::default());
    }
    let bytes = std::fs::read(path)?;
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "xlsx" | "xlsm" => Ok(read_xlsx(bytes, limits, problems)),
        "xls" | "ods" => Ok(read_workbook(bytes, problems)),
        _ => Ok(read_csv(&bytes, problems)),
    }
}

/// Checks what a zip archive declares it unzips to, before anything is unzipped.
fn unzipped_size(bytes: &[u8]) -> std::result::Result<u64, String> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a workbook: {e}"))?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| format!("not a workbook: {e}"))?;
        total = total.saturating_add(entry.size());
    }
    Ok(total)
}

/// A spreadsheet column's letters, e.g. 16384 is `XFD`.
fn column_letters(mut column: u32) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rest = (column - 1) % 26;
        letters.push(b'A' + rest as u8);
        column = (column - 1) / 26;
    }
    letters.reverse();
    String::from_utf8_lossy(&letters).into_owned()
}

/// The first sheet of an XLSX workbook, read cell by cell (a sheet's range is never
/// allocated whole), within `limits`.
fn read_xlsx(bytes: Vec<u8>, limits: &FileLimits, problems: &mut Problems) -> Table {
    let mut fail = |message: String| {
        problems.add(Code::FormatError, None, None, None, message);
        Table::default()
    };
    match unzipped_size(&bytes) {
        Ok(size) if size > limits.unzipped_bytes => {
            return fail(format!(
                "the workbook unzips to {size} bytes; the limit is {} bytes",
                limits.unzipped_bytes
            ));
        }
        Ok(_) => {}
        Err(message) => return fail(message),
    }
    let mut workbook = match calamine::Xlsx::new(Cursor::new(bytes)) {
        Ok(workbook) => workbook,
        Err(error) => return fail(format!("not readable as a spreadsheet: {error}")),
    };
    let Some(name) = workbook.sheet_names().first().cloned() else {
        return fail("the workbook has no sheet".into());
    };
    let mut reader = match workbook.worksheet_cells_reader(&name) {
        Ok(reader) => reader,
        Err(error) => return fail(format!("sheet {name:?} is not readable: {error}")),
    };
    let span = |d: calamine::Dimensions| {
        (
            d.end.0.saturating_sub(d.start.0).saturating_add(1),
            d.end.1.saturating_sub(d.start.1).saturating_add(1),
        )
    };
    let declared = reader.dimensions();
    let too_large = |what: &str, (rows, columns): (u32, u32), end: (u32, u32)| {
        format!(
            "sheet {name:?}'s {what} reaches {}{} ({rows} rows × {columns} columns); the limit is {} rows × {} columns",
            column_letters(end.1.saturating_add(1)),
            end.0.saturating_add(1),
            limits.rows,
            limits.columns
        )
    };
    let (rows, columns) = span(declared);
    if rows > limits.rows || columns > limits.columns {
        let message = too_large("declared used range", (rows, columns), declared.end);
        return fail(message);
    }
    let mut cells: std::collections::BTreeMap<u32, Vec<(u32, String)>> = Default::default();
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(error) => return fail(format!("sheet {name:?} is not readable: {error}")),
        };
        let (row, column) = cell.get_position();
        if row >= limits.rows || column >= limits.columns {
            let message = too_large("used range", (row + 1, column + 1), (row, column));
            return fail(message);
        }
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if !text.is_empty() {
            cells.entry(row).or_default().push((column, text));
        }
    }
    // Every row as wide as the used range, as a dense range would give it.
    let width = (cells.values().flatten())
        .map(|(c, _)| *c as usize + 1)
        .max()
        .unwrap_or(0);
    let mut table = Table::default();
    for (i, (row, values)) in cells.into_iter().enumerate() {
        let mut row_cells = vec![String::new(); width];
        for (column, text) in values {
            row_cells[column as usize] = text;
        }
        add_sheet_row(&mut table, i == 0, row as usize + 1, row_cells);
    }
    table
}

/// Adds one sheet row: the header (without the sheet's trailing empty width), or a
/// data row unless blank.
fn add_sheet_row(table: &mut Table, header: bool, number: usize, cells: Vec<String>) {
    if header {
        table.headers = cells.iter().map(|h| h.trim().to_owned()).collect();
        // Trailing empty header cells are the sheet's width, not columns.
        while table.headers.last().is_some_and(String::is_empty) {
            table.headers.pop();
        }
    } else if cells.iter().any(|c| !c.trim().is_empty()) {
        let mut cells = cells;
        while cells.len() > table.headers.len() && cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        table.rows.push(Row { number, cells });
    }
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
                Ok(text) => cells.push(text.to_owned()),
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

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
        Data::DateTime(d) => d
            .as_datetime()
            .map_or_else(|| d.to_string(), |t| t.format("%Y-%m-%d").to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Parses the first sheet of an older workbook (XLS, ODS).
fn read_workbook(bytes: Vec<u8>, problems: &mut Problems) -> Table {
    let mut table = Table::default();
    let mut workbook = match calamine::open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(workbook) => workbook,
        Err(error) => {
            problems.add(
                Code::FormatError,
                None,
                None,
                None,
                format!("not readable as a spreadsheet: {error}"),
            );
            return table;
        }
    };
    let Some(Ok(range)) = workbook.worksheet_range_at(0) else {
        problems.add(
            Code::FormatError,
            None,
            None,
            None,
            "the workbook has no sheet",
        );
        return table;
    };
    let start = range.start().map_or(0, |(row, _)| row as usize);
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        add_sheet_row(&mut table, i == 0, start + i + 1, cells);
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
