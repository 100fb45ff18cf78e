//! Disclosure control: groups of fewer than k people are withheld (primary
//! suppression), and so are further groups wherever a withheld one could be recovered
//! by subtraction from a total or from the other groups (secondary suppression).

use std::collections::BTreeMap;

/// A cell of a grouped table: its key along each grouping dimension and its n.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// One key per dimension.
    pub keys: Vec<Option<String>>,
    /// People in the group.
    pub n: u64,
}

/// Which cells to withhold.
///
/// Primary: n < k. Secondary: the cells that share all keys but one form a line whose
/// total is published elsewhere (the same comparison grouped by one key fewer), so a
/// line must never hold exactly one withheld cell; while one does, the smallest other
/// cell of that line is withheld too, until no line does.
pub fn suppress(cells: &[Cell], k: u64) -> Vec<bool> {
    let mut hidden: Vec<bool> = cells.iter().map(|c| c.n < k).collect();
    let dimensions = cells.first().map_or(0, |c| c.keys.len());
    loop {
        let mut changed = false;
        for d in 0..dimensions {
            let mut lines: BTreeMap<Vec<Option<String>>, Vec<usize>> = BTreeMap::new();
            for (i, cell) in cells.iter().enumerate() {
                let mut rest = cell.keys.clone();
                rest.remove(d);
                lines.entry(rest).or_default().push(i);
            }
            for members in lines.values() {
                let withheld = members.iter().filter(|i| hidden[**i]).count();
                if withheld != 1 || members.len() < 2 {
                    continue;
                }
                let partner = members.iter().filter(|i| !hidden[**i]).min_by(|a, b| {
                    cells[**a]
                        .n
                        .cmp(&cells[**b].n)
                        .then(cells[**a].keys.cmp(&cells[**b].keys))
                });
                if let Some(partner) = partner {
                    hidden[*partner] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            return hidden;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(keys: &[&str], n: u64) -> Cell {
        Cell {
            keys: keys.iter().map(|k| Some((*k).to_owned())).collect(),
            n,
        }
    }

    #[test]
    fn a_group_smaller_than_k_is_withheld() {
        let cells = [
            cell(&["SE"], 4),
            cell(&["LV"], 5),
            cell(&["LT"], 30),
            cell(&["PT"], 9),
        ];
        // SE is withheld; otherwise SE = total - (LV + LT + PT), so the smallest other
        // group, LV, is withheld too.
        assert_eq!(suppress(&cells, 5), vec![true, true, false, false]);
    }

    #[test]
    fn nothing_is_withheld_when_every_group_is_large_enough() {
        let cells = [cell(&["SE"], 5), cell(&["LV"], 6)];
        assert_eq!(suppress(&cells, 5), vec![false, false]);
    }

    #[test]
    fn two_small_groups_protect_each_other() {
        let cells = [cell(&["SE"], 2), cell(&["LV"], 3), cell(&["LT"], 30)];
        assert_eq!(suppress(&cells, 5), vec![true, true, false]);
    }

    #[test]
    fn secondary_suppression_runs_along_every_dimension() {
        // country x role:
        //            OFFICIAL  ORG
        //   SE          3       40
        //   LV         20       30
        //   LT         25       35
        // SE/OFFICIAL is withheld. Its row (SE) then needs SE/ORG withheld, its column
        // (OFFICIAL) needs LV/OFFICIAL (the smaller of 20 and 25), and then the LV row
        // needs LV/ORG, which leaves every line with zero or two withheld cells.
        let cells = [
            cell(&["SE", "OFFICIAL"], 3),
            cell(&["SE", "ORG"], 40),
            cell(&["LV", "OFFICIAL"], 20),
            cell(&["LV", "ORG"], 30),
            cell(&["LT", "OFFICIAL"], 25),
            cell(&["LT", "ORG"], 35),
        ];
        assert_eq!(
            suppress(&cells, 5),
            vec![true, true, true, true, false, false]
        );
    }

    #[test]
    fn a_lone_cell_is_not_a_line() {
        assert_eq!(suppress(&[cell(&["SE"], 2)], 5), vec![true]);
    }
}
