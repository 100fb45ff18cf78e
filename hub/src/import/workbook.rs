//! A workbook's sheets as [`Table`]s: XLSX read cell by cell within the [`FileLimits`]
//! (the first sheet, or sheets by name), XLS and ODS through calamine's ranges.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::{
    Code, Problems,
    table::{FileLimits, Row, Table},
};

/// What a zip archive declares it unzips to, checked before anything is unzipped: at
/// most `limit`. An entry cannot unzip to more than it declares: the zip reader stops
/// one byte past the declared size with an error, so the declared total bounds what
/// calamine can be made to read.
fn check_unzipped_size(bytes: &[u8], limit: u64) -> Result<(), String> {
    let not_a_workbook = |e: zip::result::ZipError| format!("not a workbook: {e}");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(not_a_workbook)?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        total = total.saturating_add(archive.by_index_raw(i).map_err(not_a_workbook)?.size());
    }
    if total > limit {
        return Err(format!(
            "the workbook unzips to {total} bytes; the limit is {limit} bytes"
        ));
    }
    Ok(())
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

type Workbook = calamine::Xlsx<Cursor<Vec<u8>>>;

/// Opens an XLSX workbook once its declared unzipped size is within `limits`.
fn open_xlsx(bytes: Vec<u8>, limits: &FileLimits) -> Result<Workbook, String> {
    check_unzipped_size(&bytes, limits.unzipped_bytes)?;
    calamine::Xlsx::new(Cursor::new(bytes))
        .map_err(|error| format!("not readable as a spreadsheet: {error}"))
}

/// The first sheet of an XLSX workbook, read cell by cell (a sheet's range is never
/// allocated whole), within `limits`.
pub(super) fn read_xlsx(bytes: Vec<u8>, limits: &FileLimits, problems: &mut Problems) -> Table {
    let read = open_xlsx(bytes, limits).and_then(|mut workbook| {
        let name = (workbook.sheet_names().first().cloned())
            .ok_or_else(|| "the workbook has no sheet".to_owned())?;
        read_sheet(&mut workbook, &name, limits)
    });
    read.unwrap_or_else(|message| {
        problems.add(Code::FormatError, None, None, None, message);
        Table::default()
    })
}

/// The sheets of an XLSX workbook named `names` (in any case), each `None` when the
/// workbook has no such sheet, within `limits`; `None` for all when the workbook cannot
/// be read (the problem is reported).
pub(super) fn read_xlsx_sheets(
    bytes: Vec<u8>,
    limits: &FileLimits,
    names: &[&str],
    problems: &mut Problems,
) -> Vec<Option<Table>> {
    let read = open_xlsx(bytes, limits).and_then(|mut workbook| {
        let present = workbook.sheet_names();
        names
            .iter()
            .map(|wanted| {
                match present
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(wanted))
                {
                    Some(name) => read_sheet(&mut workbook, name, limits).map(Some),
                    None => Ok(None),
                }
            })
            .collect::<Result<Vec<_>, String>>()
    });
    read.unwrap_or_else(|message| {
        problems.add(Code::FormatError, None, None, None, message);
        names.iter().map(|_| None).collect()
    })
}

/// One sheet of a workbook, read cell by cell, within `limits`.
fn read_sheet(workbook: &mut Workbook, name: &str, limits: &FileLimits) -> Result<Table, String> {
    let mut reader = workbook
        .worksheet_cells_reader(name)
        .map_err(|error| format!("sheet {name:?} is not readable: {error}"))?;
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
        return Err(too_large(
            "declared used range",
            (rows, columns),
            declared.end,
        ));
    }
    let mut cells: std::collections::BTreeMap<u32, Vec<(u32, String)>> = Default::default();
    while let Some(cell) = reader
        .next_cell()
        .map_err(|error| format!("sheet {name:?} is not readable: {error}"))?
    {
        let (row, column) = cell.get_position();
        if row >= limits.rows || column >= limits.columns {
            return Err(too_large(
                "used range",
                (row + 1, column + 1),
                (row, column),
            ));
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
    Ok(table)
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
pub(super) fn read_workbook(bytes: Vec<u8>, problems: &mut Problems) -> Table {
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
