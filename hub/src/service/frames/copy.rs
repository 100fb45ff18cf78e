//! PostgreSQL's binary `COPY ... TO STDOUT` format, read as its chunks arrive:
//! PostgreSQL's bulk export (one message per row, no row decoded into a model). <https://www.postgresql.org/docs/current/sql-copy.html>

use futures_util::StreamExt;

use crate::error::{Error, Result};

/// A failure of the connection that copies, as an error of the read.
pub(super) fn failed(error: sea_orm::sqlx::Error) -> Error {
    Error::Analytics(format!("reading the answers: {error}"))
}

/// Runs `COPY (select) TO STDOUT (FORMAT binary)` on `conn`, handing each row's `N`
/// fields to `row` as they arrive; the async worker is handed back between chunks when
/// the task has run for long.
pub(super) async fn rows<const N: usize>(
    conn: &mut sea_orm::sqlx::PgConnection,
    select: &str,
    mut row: impl FnMut([Option<&[u8]>; N]) -> Result<()>,
) -> Result<()> {
    let mut rows = BinaryCopy::default();
    let mut stream = (conn.copy_out_raw(&format!("COPY ({select}) TO STDOUT (FORMAT binary)")))
        .await
        .map_err(failed)?;
    while let Some(chunk) = stream.next().await {
        rows.feed(&chunk.map_err(failed)?, &mut row)?;
        tokio::task::consume_budget().await;
    }
    rows.finished()
}

/// An integer field of the binary COPY format (2, 4 or 8 bytes, big-endian) as `T`.
pub(super) fn int<T: TryFrom<i64>>(field: Option<&[u8]>) -> Result<T> {
    let bad = || Error::Analytics(format!("an unexpected integer field in COPY: {field:?}"));
    let value = match *field.ok_or_else(bad)? {
        [a, b] => i64::from(i16::from_be_bytes([a, b])),
        [a, b, c, d] => i64::from(i32::from_be_bytes([a, b, c, d])),
        [a, b, c, d, e, f, g, h] => i64::from_be_bytes([a, b, c, d, e, f, g, h]),
        _ => return Err(bad()),
    };
    T::try_from(value).map_err(|_| bad())
}

/// A reader of PostgreSQL's binary COPY format, fed the chunks as they come: a row may
/// be split between chunks. <https://www.postgresql.org/docs/current/sql-copy.html>
#[derive(Debug, Default)]
struct BinaryCopy {
    /// Bytes of a row (or of the header) not yet whole.
    pending: Vec<u8>,
    header_read: bool,
    ended: bool,
}

/// The binary COPY format's signature, then the flags and the header extension's length.
const COPY_SIGNATURE: &[u8] = b"PGCOPY\n\xff\r\n\0";

impl BinaryCopy {
    /// Hands each whole row of `chunk` (after what was pending) to `row`, as its `N`
    /// fields (`None` for NULL).
    fn feed<const N: usize>(
        &mut self,
        chunk: &[u8],
        mut row: impl FnMut([Option<&[u8]>; N]) -> Result<()>,
    ) -> Result<()> {
        if self.pending.is_empty() {
            let used = self.rows(chunk, &mut row)?;
            self.pending.extend_from_slice(&chunk[used..]);
        } else {
            let mut pending = std::mem::take(&mut self.pending);
            pending.extend_from_slice(chunk);
            let used = self.rows(&pending, &mut row)?;
            pending.drain(..used);
            self.pending = pending;
        }
        Ok(())
    }

    /// The bytes of `data` that were whole rows (or the header, or the trailer).
    fn rows<const N: usize>(
        &mut self,
        data: &[u8],
        row: &mut impl FnMut([Option<&[u8]>; N]) -> Result<()>,
    ) -> Result<usize> {
        let bad = |what: &str| Error::Analytics(format!("COPY's binary format: {what}"));
        let mut at = 0;
        if !self.header_read {
            let Some(extension) = data.get(COPY_SIGNATURE.len() + 4..COPY_SIGNATURE.len() + 8)
            else {
                return Ok(0);
            };
            if !data.starts_with(COPY_SIGNATURE) {
                return Err(bad("no signature"));
            }
            let extension = usize::try_from(u32::from_be_bytes([
                extension[0],
                extension[1],
                extension[2],
                extension[3],
            ]))
            .map_err(|_| bad("header extension"))?;
            at = COPY_SIGNATURE.len() + 8 + extension;
            if data.len() < at {
                return Ok(0);
            }
            self.header_read = true;
        }
        while !self.ended {
            let Some(&[a, b]) = data.get(at..at + 2) else {
                break;
            };
            let count = i16::from_be_bytes([a, b]);
            if count == -1 {
                self.ended = true;
                at += 2;
                break;
            }
            if usize::try_from(count).ok() != Some(N) {
                return Err(bad(&format!("{count} fields in a row, not {N}")));
            }
            let mut fields = [None; N];
            let mut next = at + 2;
            let mut whole = true;
            for field in &mut fields {
                let Some(&[a, b, c, d]) = data.get(next..next + 4) else {
                    whole = false;
                    break;
                };
                next += 4;
                let length = i32::from_be_bytes([a, b, c, d]);
                if length >= 0 {
                    let end = next + usize::try_from(length).map_err(|_| bad("length"))?;
                    let Some(value) = data.get(next..end) else {
                        whole = false;
                        break;
                    };
                    *field = Some(value);
                    next = end;
                }
            }
            if !whole {
                break;
            }
            row(fields)?;
            at = next;
        }
        Ok(at)
    }

    /// Whether the data ended with the trailer, and nothing after it.
    fn finished(&self) -> Result<()> {
        if self.ended && self.pending.is_empty() {
            Ok(())
        } else {
            Err(Error::Analytics(
                "COPY's binary format: the data ended before its trailer".into(),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of (int4, int4, int2 or NULL) in the binary COPY format, as PostgreSQL's
    /// documentation lays it out, with a header extension of 3 bytes.
    fn copied(rows: &[(i32, i32, Option<i16>)]) -> Vec<u8> {
        let mut bytes = b"PGCOPY\n\xff\r\n\0".to_vec();
        bytes.extend(0_i32.to_be_bytes());
        bytes.extend(3_u32.to_be_bytes());
        bytes.extend([7, 7, 7]);
        for (respondent, question, value) in rows {
            bytes.extend(3_i16.to_be_bytes());
            bytes.extend(4_i32.to_be_bytes());
            bytes.extend(respondent.to_be_bytes());
            bytes.extend(4_i32.to_be_bytes());
            bytes.extend(question.to_be_bytes());
            match value {
                Some(v) => {
                    bytes.extend(2_i32.to_be_bytes());
                    bytes.extend(v.to_be_bytes());
                }
                None => bytes.extend((-1_i32).to_be_bytes()),
            }
        }
        bytes.extend((-1_i16).to_be_bytes());
        bytes
    }

    fn read_copy(chunks: &[&[u8]]) -> Result<Vec<(i32, i32, Option<i16>)>> {
        let mut copy = BinaryCopy::default();
        let mut rows = vec![];
        for chunk in chunks {
            copy.feed(chunk, |[r, q, v]| {
                rows.push((int(r)?, int(q)?, v.map(|v| int(Some(v))).transpose()?));
                Ok(())
            })?;
        }
        copy.finished()?;
        Ok(rows)
    }

    #[test]
    fn the_binary_copy_format_is_read_wherever_its_chunks_are_cut() {
        let rows = [(1, 10, Some(3)), (2, 10, None), (70_000, -4, Some(-2))];
        let bytes = copied(&rows);
        assert_eq!(read_copy(&[&bytes]).unwrap(), rows);
        for cut in 0..=bytes.len() {
            let (a, b) = bytes.split_at(cut);
            assert_eq!(read_copy(&[a, b]).unwrap(), rows, "cut at byte {cut}");
        }
        let singles: Vec<&[u8]> = bytes.chunks(1).collect();
        assert_eq!(read_copy(&singles).unwrap(), rows);
        assert_eq!(read_copy(&[&copied(&[])]).unwrap(), []);
    }

    #[test]
    fn a_binary_copy_that_is_cut_short_or_of_other_rows_is_an_error() {
        let bytes = copied(&[(1, 10, Some(3))]);
        let short = read_copy(&[&bytes[..bytes.len() - 2]]).unwrap_err();
        assert!(short.to_string().contains("before its trailer"), "{short}");
        let unsigned = read_copy(&[&bytes[1..]]).unwrap_err();
        assert!(unsigned.to_string().contains("no signature"), "{unsigned}");
        let mut two_fields = bytes.clone();
        two_fields[22..24].copy_from_slice(&2_i16.to_be_bytes());
        let other = read_copy(&[&two_fields]).unwrap_err();
        assert!(
            other.to_string().contains("2 fields in a row, not 3"),
            "{other}"
        );
        assert!(int::<i16>(Some(&70_000_i32.to_be_bytes())).is_err());
        assert!(int::<i32>(Some(&[1, 2, 3])).is_err());
        assert!(int::<i32>(None).is_err());
    }
}
