//! The statistics the comparisons need: means with t intervals, Welch's difference of
//! means, and the Kruskal–Wallis test with its effect size.

use statrs::distribution::{ChiSquared, ContinuousCDF, StudentsT};

/// Mean, sample standard deviation and two-sided 95 % t interval of a sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Sample size.
    pub n: usize,
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation (n − 1); `None` for n < 2.
    pub sd: Option<f64>,
    /// Lower end of the 95 % interval of the mean; `None` for n < 2.
    pub ci_low: Option<f64>,
    /// Upper end of the 95 % interval of the mean; `None` for n < 2.
    pub ci_high: Option<f64>,
}

/// The 97.5th percentile of Student's t with `df` degrees of freedom.
pub fn t_975(df: f64) -> Option<f64> {
    StudentsT::new(0.0, 1.0, df)
        .ok()
        .map(|t| t.inverse_cdf(0.975))
}

/// Mean, standard deviation and t interval from the count, sum and sum of squares.
pub fn summarise(n: usize, sum: f64, sum_squares: f64) -> Option<Summary> {
    if n == 0 {
        return None;
    }
    let nf = n as f64;
    let mean = sum / nf;
    if n < 2 {
        return Some(Summary {
            n,
            mean,
            sd: None,
            ci_low: None,
            ci_high: None,
        });
    }
    // Centred form of the variance, clamped against rounding below zero.
    let variance = ((sum_squares - nf * mean * mean) / (nf - 1.0)).max(0.0);
    let sd = variance.sqrt();
    let half = t_975(nf - 1.0).map(|t| t * sd / nf.sqrt());
    Some(Summary {
        n,
        mean,
        sd: Some(sd),
        ci_low: half.map(|h| mean - h),
        ci_high: half.map(|h| mean + h),
    })
}

/// Mean, standard deviation and t interval of `values`.
pub fn summary(values: &[f64]) -> Option<Summary> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let squares: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
    summarise(n, mean * n as f64, squares + n as f64 * mean * mean)
}

/// The difference of two means with Welch's 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Difference {
    /// First mean minus second mean.
    pub difference: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
    /// Lower end of the 95 % interval.
    pub ci_low: f64,
    /// Upper end of the 95 % interval.
    pub ci_high: f64,
}

/// Welch's interval for `a.mean − b.mean`; `None` unless both have n ≥ 2 and some spread.
pub fn welch(a: &Summary, b: &Summary) -> Option<Difference> {
    let (sa, sb) = (a.sd?, b.sd?);
    let (va, vb) = (sa * sa / a.n as f64, sb * sb / b.n as f64);
    let se2 = va + vb;
    if se2 <= 0.0 {
        return None;
    }
    let df = se2 * se2 / (va * va / (a.n as f64 - 1.0) + vb * vb / (b.n as f64 - 1.0));
    let half = t_975(df)? * se2.sqrt();
    let difference = a.mean - b.mean;
    Some(Difference {
        difference,
        df,
        ci_low: difference - half,
        ci_high: difference + half,
    })
}

/// The result of a Kruskal–Wallis test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KruskalWallis {
    /// H, corrected for ties.
    pub h: f64,
    /// Degrees of freedom: groups − 1.
    pub df: usize,
    /// p-value from the chi-squared approximation.
    pub p: f64,
    /// Effect size ε² = H / (N − 1).
    pub epsilon_squared: f64,
    /// Observations.
    pub n: usize,
}

/// Kruskal–Wallis H test across `groups` (empty groups are left out), with mid-ranks
/// for ties and the tie correction, as `scipy.stats.kruskal` computes it.
pub fn kruskal_wallis(groups: &[Vec<f64>]) -> Option<KruskalWallis> {
    let weighted: Vec<(f64, usize, u64)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, values)| values.iter().map(move |v| (*v, g, 1)))
        .collect();
    kruskal_wallis_weighted(weighted, groups.len())
}

/// Kruskal–Wallis from `(value, group, count)` triples: the same test as
/// [`kruskal_wallis`], in time that grows with the distinct values, not the people.
pub fn kruskal_wallis_weighted(
    mut observations: Vec<(f64, usize, u64)>,
    groups: usize,
) -> Option<KruskalWallis> {
    observations.retain(|o| o.2 > 0);
    let mut sizes = vec![0u64; groups];
    for o in &observations {
        sizes[o.1] += o.2;
    }
    let present = sizes.iter().filter(|s| **s > 0).count();
    if present < 2 {
        return None;
    }
    observations.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n: u64 = sizes.iter().sum();
    let mut rank_sums = vec![0.0; groups];
    let mut ties = 0.0;
    let mut below = 0u64;
    let mut i = 0;
    while i < observations.len() {
        let mut j = i;
        let mut tied = observations[i].2;
        while j + 1 < observations.len() && observations[j + 1].0 == observations[i].0 {
            j += 1;
            tied += observations[j].2;
        }
        // The tied observations hold ranks below+1 ..= below+tied and share their mean.
        let rank = below as f64 + (tied as f64 + 1.0) / 2.0;
        for o in &observations[i..=j] {
            rank_sums[o.1] += rank * o.2 as f64;
        }
        let t = tied as f64;
        ties += t * t * t - t;
        below += tied;
        i = j + 1;
    }
    let nf = n as f64;
    let h: f64 = 12.0 / (nf * (nf + 1.0))
        * sizes
            .iter()
            .zip(&rank_sums)
            .filter(|(size, _)| **size > 0)
            .map(|(size, r)| r * r / *size as f64)
            .sum::<f64>()
        - 3.0 * (nf + 1.0);
    let correction = 1.0 - ties / (nf * nf * nf - nf);
    if correction <= 0.0 {
        // Every observation is the same: no evidence of any difference.
        return None;
    }
    let h = h / correction;
    let df = present - 1;
    let p = ChiSquared::new(df as f64).ok()?.sf(h);
    Some(KruskalWallis {
        h,
        df,
        p,
        epsilon_squared: h / (nf - 1.0),
        n: n as usize,
    })
}

/// Median of sorted `values` (the mean of the middle two for an even count).
pub fn median_sorted(values: &[f64]) -> Option<f64> {
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn a_mean_interval_matches_the_hand_computation() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32/7. The half-width
        // t(7, 0.975) * sd / sqrt(8), from
        // python3 -c "from scipy.stats import t; import math; print(t.ppf(0.975,7)*math.sqrt(32/7)/math.sqrt(8))"
        // is 1.7874879182362104.
        let s = summary(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]).expect("a summary");
        assert_eq!(s.n, 8);
        assert!(close(s.mean, 5.0, 1e-12));
        assert!(close(
            s.sd.unwrap_or_default(),
            (32.0f64 / 7.0).sqrt(),
            1e-12
        ));
        assert!(close(
            s.ci_low.unwrap_or_default(),
            5.0 - 1.787_487_918_236_210_4,
            1e-9
        ));
        assert!(close(
            s.ci_high.unwrap_or_default(),
            5.0 + 1.787_487_918_236_210_4,
            1e-9
        ));
    }

    #[test]
    fn one_value_has_a_mean_but_no_spread() {
        let s = summary(&[3.0]).expect("a summary");
        assert_eq!((s.mean, s.sd, s.ci_low), (3.0, None, None));
        assert!(summary(&[]).is_none());
    }

    #[test]
    fn welch_matches_scipy() {
        // a = 1,2,3,4,5 (mean 3, var 2.5); b = 2,4,6 (mean 4, var 4); by hand
        // se² = 2.5/5 + 4/3 and df = se⁴ / ((2.5/5)²/4 + (4/3)²/2) = 3.532846715.
        // python3 -c "from scipy.stats import ttest_ind; r = ttest_ind([1,2,3,4,5],[2,4,6],
        //   equal_var=False); print(r.df, r.confidence_interval(0.95))"
        // 3.532846715328467 ConfidenceInterval(low=-4.963725522186273, high=2.963725522186273)
        let a = summary(&[1.0, 2.0, 3.0, 4.0, 5.0]).expect("a");
        let b = summary(&[2.0, 4.0, 6.0]).expect("b");
        let d = welch(&a, &b).expect("a difference");
        assert!(close(d.difference, -1.0, 1e-12));
        assert!(close(d.df, 3.532_846_715_328_467, 1e-9), "df {}", d.df);
        assert!(
            close(d.ci_low, -4.963_725_522_186_273, 1e-9),
            "{}",
            d.ci_low
        );
        assert!(
            close(d.ci_high, 2.963_725_522_186_273, 1e-9),
            "{}",
            d.ci_high
        );
    }

    #[test]
    fn kruskal_wallis_matches_scipy() {
        // python3 -c "from scipy.stats import kruskal; print(kruskal([1,2,3,4,5],[2,3,4,5,5],[4,5,5,5,3]))"
        // KruskalResult(statistic=2.5124031007751912, pvalue=0.2847335209314566)
        let groups = vec![
            vec![1.0, 2.0, 3.0, 4.0, 5.0],
            vec![2.0, 3.0, 4.0, 5.0, 5.0],
            vec![4.0, 5.0, 5.0, 5.0, 3.0],
        ];
        let kw = kruskal_wallis(&groups).expect("a test");
        assert!(close(kw.h, 2.512_403_100_775_191_2, 1e-9), "H {}", kw.h);
        assert!(close(kw.p, 0.284_733_520_931_456_6, 1e-9), "p {}", kw.p);
        assert_eq!((kw.df, kw.n), (2, 15));
        assert!(close(kw.epsilon_squared, kw.h / 14.0, 1e-12));
    }

    #[test]
    fn kruskal_wallis_without_ties_matches_the_textbook_formula() {
        // Ranks: a = 1,2,3 (sum 6), b = 4,5,6 (sum 15); H = 12/42 * (36/3 + 225/3) - 21 = 3.857143.
        let kw = kruskal_wallis(&[vec![1.0, 2.0, 3.0], vec![4.0, 5.0, 6.0]]).expect("a test");
        assert!(close(kw.h, 3.857_142_857, 1e-8));
        // python3 -c "from scipy.stats import kruskal; print(kruskal([1,2,3],[4,5,6]))"
        // KruskalResult(statistic=3.857142857142854, pvalue=0.049534613435626915)
        assert!(close(kw.p, 0.049_534_613_435_626_915, 1e-9), "p {}", kw.p);
    }

    #[test]
    fn counted_observations_give_the_same_test_as_listed_ones() {
        let listed = kruskal_wallis(&[
            vec![1.0, 2.0, 3.0, 4.0, 5.0],
            vec![2.0, 3.0, 4.0, 5.0, 5.0],
            vec![4.0, 5.0, 5.0, 5.0, 3.0],
        ]);
        let counted = kruskal_wallis_weighted(
            vec![
                (1.0, 0, 1),
                (2.0, 0, 1),
                (3.0, 0, 1),
                (4.0, 0, 1),
                (5.0, 0, 1),
                (2.0, 1, 1),
                (3.0, 1, 1),
                (4.0, 1, 1),
                (5.0, 1, 2),
                (3.0, 2, 1),
                (4.0, 2, 1),
                (5.0, 2, 3),
            ],
            3,
        );
        let (a, b) = (listed.expect("listed"), counted.expect("counted"));
        assert!(close(a.h, b.h, 1e-12) && close(a.p, b.p, 1e-12) && a.n == b.n);
    }

    #[test]
    fn identical_values_give_no_test() {
        assert!(kruskal_wallis(&[vec![3.0, 3.0], vec![3.0, 3.0]]).is_none());
        assert!(kruskal_wallis(&[vec![1.0, 2.0]]).is_none());
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median_sorted(&[1.0, 2.0, 4.0, 5.0]), Some(3.0));
        assert_eq!(median_sorted(&[1.0, 2.0, 4.0]), Some(2.0));
        assert_eq!(median_sorted(&[]), None);
    }
}
