//! A country's sheet (`/countries/{CC}`, `hub export sheet CC`): its partner areas, its
//! registry, its survey highlights, its most frequent sub-codes with one public quote
//! each and its examples of cooperation, as one HTML page whose charts are inline SVG.
//! The sheet is public: it shows aggregates (small groups suppressed) and public quotes
//! only, whoever asks.

use analytics::{Filter, Grouping};
use dashboard::{
    ChartName, Lang,
    pages::{self, AreaFacts, ChartSlot, CountrySheet, Quote, RegistryFacts, Shell, SubCodeLine},
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    access::VISIBILITY_PUBLIC,
    domain::translate,
    entity::{collaboration, finding, interview, region, respondent, sub_code},
    error::{Error, Result},
    service::{
        blocking,
        charts::{self, View},
        frames::{Frames, today},
    },
};

/// How many sub-codes the sheet lists.
pub const SUB_CODES_SHOWN: usize = 5;

/// The sheet of country `code` as HTML in `shell`'s language; `offline` leaves out the
/// download links, for a file that opens without the hub.
pub async fn sheet(
    db: &DatabaseConnection,
    frames: &Frames,
    code: &str,
    k: u64,
    shell: &Shell,
    offline: bool,
) -> Result<String> {
    let code = code.trim().to_ascii_uppercase();
    let lang = shell.lang;
    let known = &frames.labels.countries;
    if !known.contains(&code) {
        return Err(Error::not_found(
            "country",
            format!("{code} (valid: {})", known.join(", ")),
        ));
    }
    let regions = region::Entity::find()
        .filter(region::Column::CountryCode.eq(code.as_str()))
        .order_by_asc(region::Column::Code)
        .all(db)
        .await?;
    let region_ids: Vec<i32> = regions.iter().map(|r| r.id).collect();
    let areas = regions
        .iter()
        .map(|r| AreaFacts {
            name: r.name.clone(),
            population: r.population,
            source: (r.population_source.clone()).map(|s| match r.population_year {
                Some(y) => format!("{s}, {y}"),
                None => s,
            }),
            municipalities: r.municipalities,
            languages: (r.languages.as_array().into_iter().flatten())
                .filter_map(|l| l.as_str().map(str::to_owned))
                .collect(),
        })
        .collect();
    let respondents = sea_orm::PaginatorTrait::count(
        respondent::Entity::find().filter(respondent::Column::RegionId.is_in(region_ids.clone())),
        db,
    )
    .await?;
    let Figures {
        registry,
        findings,
        counts,
        registry_charts,
        survey_charts,
    } = figures(frames, &code, lang, k).await?;
    let names: std::collections::HashMap<String, serde_json::Value> =
        (sub_code::Entity::find().all(db).await?.into_iter())
            .map(|s| (s.code, s.name))
            .collect();
    let interviews: Vec<i32> = interview::Entity::find()
        .filter(interview::Column::RegionId.is_in(region_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.id)
        .collect();
    let mut sub_codes = Vec::new();
    for (theme, sub, count, total) in counts {
        let quote = finding::Entity::find()
            .filter(finding::Column::SubCode.eq(sub.as_str()))
            .filter(finding::Column::InterviewId.is_in(interviews.clone()))
            .filter(finding::Column::Visibility.eq(VISIBILITY_PUBLIC))
            .order_by_asc(finding::Column::Id)
            .one(db)
            .await?
            .map(|f| Quote {
                quote: f.quote,
                language: f.language,
                translation: f.translation,
                sub_code: f.sub_code,
            });
        let theme_name = (frames.labels.themes.get(&theme))
            .map_or_else(|| theme.clone(), |t| translate(t, lang));
        sub_codes.push(SubCodeLine {
            theme: theme_name,
            name: names
                .get(&sub)
                .map_or_else(|| sub.clone(), |n| translate(n, lang)),
            count,
            share: count as f64 / total.max(1) as f64,
            quote,
        });
    }
    let collaborations = collaboration::Entity::find()
        .filter(collaboration::Column::RegionId.is_in(region_ids))
        .order_by_asc(collaboration::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|c| {
            let title = c
                .text_in("title", lang.code())
                .0
                .unwrap_or_default()
                .to_owned();
            let years = match (c.start_year, c.end_year) {
                (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
                (Some(a), _) => a.to_string(),
                _ => String::new(),
            };
            (title, c.municipality.clone(), years)
        })
        .collect();
    let sheet = CountrySheet {
        code,
        areas,
        registry,
        respondents,
        findings,
        registry_charts,
        survey_charts,
        sub_codes,
        collaborations,
    };
    Ok(pages::country_sheet(shell, &sheet, offline).into_string())
}

/// (theme, sub-code, findings with it, findings in the country).
type SubCodeCount = (String, String, u64, u64);

/// What the frames give the sheet.
struct Figures {
    registry: Option<RegistryFacts>,
    findings: u64,
    counts: Vec<SubCodeCount>,
    registry_charts: Vec<ChartSlot>,
    survey_charts: Vec<ChartSlot>,
}

/// The registry's numbers, the findings and the most frequent sub-codes, and the charts
/// of the country (polars and drawing, off the async workers).
async fn figures(frames: &Frames, code: &str, lang: Lang, k: u64) -> Result<Figures> {
    let (frames, code) = (frames.clone(), code.to_owned());
    blocking(move || {
        let inputs = &frames.inputs;
        let registry = (inputs
            .registry_stats(&[Grouping::Country], today())?
            .into_iter())
        .find(|r| r.keys.country.as_deref() == Some(code.as_str()))
        .map(|r| RegistryFacts {
            organisations: r.organisations,
            active: r.active,
            closed: r.closed,
            per_10k: r.active_per_10k,
        });
        let filter = Filter {
            countries: vec![code.clone()],
            ..Filter::default()
        };
        let rows: Vec<_> = (inputs
            .theme_frequency(&[Grouping::Country], &filter)?
            .into_iter())
        .filter(|r| r.keys.country.as_deref() == Some(code.as_str()))
        .collect();
        let findings = rows.first().map_or(0, |r| r.group_total);
        let mut counts: Vec<SubCodeCount> = (rows.into_iter())
            .filter_map(|r| r.sub_code.map(|s| (r.theme, s, r.count, r.group_total)))
            .collect();
        counts.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
        counts.truncate(SUB_CODES_SHOWN);
        let view = View {
            lang,
            countries: vec![code.clone()],
            ..View::default()
        };
        let made = charts::now();
        let draw = |names: &[ChartName]| -> Result<Vec<ChartSlot>> {
            let mut slots = Vec::new();
            for name in names {
                let chart_view = view.for_chart(*name);
                let (chart, context) = charts::make(&frames, *name, &chart_view, k, made.clone())?;
                slots.push(ChartSlot {
                    name: name.slug(),
                    id: name.slug().to_owned(),
                    svg: chart.svg_with_id(&context, name.slug())?,
                    params: chart_view.filters(),
                });
            }
            Ok(slots)
        };
        let registry_charts = draw(&[ChartName::RegistryYears])?;
        let survey_charts = draw(&[ChartName::ThemeScores, ChartName::RoleGap])?;
        Ok(Figures {
            registry,
            findings,
            counts,
            registry_charts,
            survey_charts,
        })
    })
    .await
}
