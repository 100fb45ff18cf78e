//! The answers a set of frames counts, kept to take away those of respondents changed
//! later: in parts shared between the frames of successive versions, so that a change
//! copies only the parts that hold a changed respondent's rows, not every answer (a
//! copy of a million answers took 80-168 ms of each build under load).

use std::sync::Arc;

use super::{AnswerColumns, IdSet};

/// Rows (answers and chosen options) a part is made with at most: 16,384 answers are
/// 196 KiB, a copy of well under a millisecond.
const PART: usize = 1 << 14;

/// The answers counted, in parts of at most [`PART`] rows; two parts side by side always
/// hold more than a part's rows together, so there are at most twice as many parts as
/// full ones would make, plus one.
#[derive(Debug, Clone)]
pub struct Kept {
    parts: Vec<Arc<AnswerColumns>>,
    part: usize,
}

impl Kept {
    /// `columns` in parts.
    pub(in crate::service::frames) fn of(columns: &AnswerColumns) -> Self {
        Self::in_parts(columns, PART)
    }

    /// `columns` in parts of `part` rows.
    fn in_parts(columns: &AnswerColumns, part: usize) -> Self {
        let mut kept = Self {
            parts: Vec::new(),
            part,
        };
        kept.append(columns);
        kept
    }

    /// Appends `columns` as parts of at most a part's rows each: its answers, then its
    /// chosen options.
    fn append(&mut self, columns: &AnswerColumns) {
        let (answers, rows) = (columns.respondent.len(), columns.rows());
        let mut from = 0;
        while from < rows {
            let to = (from + self.part).min(rows);
            let chosen = from.saturating_sub(answers)..to.saturating_sub(answers);
            (self.parts).push(Arc::new(
                columns.slice(from.min(answers)..to.min(answers), chosen),
            ));
            from = to;
        }
    }

    /// The answers and chosen options held, as many as a count of every one would see.
    pub fn rows(&self) -> usize {
        self.parts.iter().map(|p| p.rows()).sum()
    }

    /// The rows of the respondents in `who`, as they were counted, and the answers kept
    /// once `then` replaces them. Parts without any of their rows are shared, not
    /// copied.
    pub(in crate::service::frames) fn replaced(
        &self,
        who: &IdSet,
        then: &AnswerColumns,
    ) -> (AnswerColumns, Self) {
        let mut theirs = AnswerColumns::default();
        let mut kept = Self {
            parts: Vec::with_capacity(self.parts.len() + 1),
            part: self.part,
        };
        for part in &self.parts {
            if part.holds_any_of(who) {
                let (gone, stays) = part.split(who);
                theirs.extend(&gone);
                kept.parts.push(Arc::new(stays));
            } else {
                kept.parts.push(Arc::clone(part));
            }
        }
        kept.append(then);
        kept.compact();
        (theirs, kept)
    }

    /// Drops empty parts and joins each part to the one before it while both fit in
    /// one: a part shared with an earlier version is copied first, at most a part's rows.
    fn compact(&mut self) {
        let mut parts: Vec<Arc<AnswerColumns>> = Vec::with_capacity(self.parts.len());
        for part in self.parts.drain(..) {
            match parts.last_mut() {
                _ if part.rows() == 0 => {}
                Some(last) if last.rows() + part.rows() <= self.part => {
                    Arc::make_mut(last).extend(&part);
                }
                _ => parts.push(part),
            }
        }
        self.parts = parts;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Row = (i32, i32, Option<i16>);

    fn columns(rows: &[Row], chosen: &[(i32, &str)]) -> AnswerColumns {
        AnswerColumns {
            respondent: rows.iter().map(|r| r.0).collect(),
            question: rows.iter().map(|r| r.1).collect(),
            value: rows.iter().map(|r| r.2).collect(),
            chosen: (
                chosen.iter().map(|c| c.0).collect(),
                chosen.iter().map(|_| 9).collect(),
                chosen.iter().map(|c| c.1.to_owned()).collect(),
            ),
        }
    }

    /// Every answer and chosen option held, in order.
    fn rows(kept: &Kept) -> (Vec<Row>, Vec<(i32, String)>) {
        let mut all = AnswerColumns::default();
        for part in &kept.parts {
            all.extend(part);
        }
        listed(&all)
    }

    fn listed(all: &AnswerColumns) -> (Vec<Row>, Vec<(i32, String)>) {
        let answers = (0..all.respondent.len())
            .map(|i| (all.respondent[i], all.question[i], all.value[i]))
            .collect();
        let chosen = (all.chosen.0.iter().copied())
            .zip(all.chosen.2.iter().cloned())
            .collect();
        (answers, chosen)
    }

    #[test]
    fn a_change_takes_its_respondents_rows_and_keeps_the_others_in_order() {
        let held = columns(
            &[
                (1, 1, Some(3)),
                (2, 1, None),
                (1, 2, Some(5)),
                (3, 1, Some(1)),
            ],
            &[(1, "A"), (3, "B"), (2, "C")],
        );
        let now = columns(&[(2, 1, Some(4))], &[(2, "D")]);
        let (theirs, kept) = Kept::in_parts(&held, 2).replaced(&IdSet::of([2]), &now);
        assert_eq!(theirs.respondent, [2]);
        assert_eq!(theirs.value, [None]);
        assert_eq!(theirs.chosen.2, ["C"]);
        let (answers, chosen) = rows(&kept);
        assert_eq!(
            answers,
            [
                (1, 1, Some(3)),
                (1, 2, Some(5)),
                (3, 1, Some(1)),
                (2, 1, Some(4))
            ]
        );
        let options: Vec<&str> = chosen.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(options, ["A", "B", "D"]);
    }

    /// Many changes in turn, each of a few respondents, against the same changes made
    /// to one list of every row: the same rows, in the same order, parts without a
    /// changed respondent shared with the version before, and never more parts than
    /// twice the full ones plus one.
    #[test]
    fn changes_in_turn_keep_what_one_list_keeps_and_copy_only_the_parts_they_touch() {
        let part = 50;
        // 200 respondents, each with five answers, read together; every fourth chose.
        let read: Vec<Row> = (0..1_000)
            .map(|i| (i / 5, i % 5, Some((i % 7) as i16)))
            .collect();
        let chosen: Vec<(i32, String)> = (0..200)
            .filter(|r| r % 4 == 0)
            .map(|r| (r, format!("o{r}")))
            .collect();
        let named: Vec<(i32, &str)> = chosen.iter().map(|(r, o)| (*r, o.as_str())).collect();
        let mut kept = Kept::in_parts(&columns(&read, &named), part);
        let (mut want_rows, mut want_chosen) = (read, chosen);
        assert_eq!(kept.parts.len(), 21, "1,050 rows in parts of 50");

        let mut seed = 7_u64;
        for round in 0..40 {
            // A few respondents, some of them new (ids up to 260).
            let who: Vec<i32> = (0..3)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    (seed >> 33) as i32 % 260
                })
                .collect();
            let now_rows: Vec<Row> = (who.iter())
                .flat_map(|&r| (0..4).map(move |q| (r, q, Some(round as i16))))
                .collect();
            let now_chosen: Vec<(i32, String)> =
                who.iter().map(|&r| (r, format!("n{round}-{r}"))).collect();
            let named: Vec<(i32, &str)> =
                (now_chosen.iter()).map(|(r, o)| (*r, o.as_str())).collect();
            let set = IdSet::of(who.iter().copied());

            let (theirs, next) = kept.replaced(&set, &columns(&now_rows, &named));

            let gone: Vec<Row> = want_rows
                .iter()
                .copied()
                .filter(|r| set.contains(r.0))
                .collect();
            assert_eq!(listed(&theirs).0, gone, "round {round}");
            want_rows.retain(|r| !set.contains(r.0));
            want_rows.extend(now_rows);
            want_chosen.retain(|c| !set.contains(c.0));
            want_chosen.extend(now_chosen);
            assert_eq!(
                rows(&next),
                (want_rows.clone(), want_chosen.clone()),
                "round {round}"
            );
            assert_eq!(next.rows(), want_rows.len() + want_chosen.len());

            // A part shared with no changed respondent is copied only when joined to a
            // changed or new one beside it: at most two for each changed part, and one
            // joined to the new rows.
            let touched = kept.parts.iter().filter(|p| p.holds_any_of(&set)).count();
            let copied = (kept.parts.iter())
                .filter(|p| !p.holds_any_of(&set))
                .filter(|p| !next.parts.iter().any(|n| Arc::ptr_eq(p, n)))
                .count();
            assert!(
                copied <= 2 * touched + 1,
                "round {round}: {copied} copied, {touched} touched"
            );
            let full = next.rows().div_ceil(part);
            assert!(
                next.parts.len() <= 2 * full + 1,
                "round {round}: {} parts",
                next.parts.len()
            );
            assert!(next.parts.iter().all(|p| p.rows() <= part));
            kept = next;
        }
    }
}
