//! `/imports`: editors upload the importers' files. The form, and after an upload the
//! summary of what was written or the table of the file's problems (nothing written).

use maud::{Markup, html};

use super::{Shell, page};
use crate::i18n::Texts;

/// One problem of an uploaded file, located as the importer located it.
#[derive(Debug, Clone)]
pub struct UploadProblem {
    /// Row in the file (the header is row 1).
    pub row: Option<usize>,
    /// Column name.
    pub column: Option<String>,
    /// The cell as found.
    pub value: Option<String>,
    /// The problem's code, e.g. `foreign-key`.
    pub code: String,
    /// What is wrong and what is valid.
    pub message: String,
}

/// What an upload did.
#[derive(Debug, Clone)]
pub enum UploadResult {
    /// Written: new, changed, unchanged and removed records.
    Written([u64; 4]),
    /// Refused: the problems listed, and how many more there were.
    Refused(Vec<UploadProblem>, usize),
}

/// The upload page: `kinds` are the text keys of the files the viewer may upload,
/// `limit_mb` the largest file; `done` the file name and result of an upload just made.
pub fn imports(
    shell: &Shell,
    kinds: &[&'static str],
    csrf: &str,
    limit_mb: u64,
    done: Option<(&str, &UploadResult)>,
) -> Markup {
    let lang = shell.lang;
    page(
        shell,
        lang.t("imports"),
        html! {
            @if let Some((file, result)) = done {
                section.card aria-labelledby="upload-result" {
                    @match result {
                        UploadResult::Written(counts) => {
                            h2 id="upload-result" { (lang.t("import_written")) ": " (file) }
                            dl {
                                @for (key, n) in ["inserted", "updated", "unchanged", "removed"].iter().zip(counts) {
                                    dt { (lang.t(key)) } dd { (n) }
                                }
                            }
                        }
                        UploadResult::Refused(problems, more) => {
                            h2 id="upload-result" { (lang.t("import_refused")) ": " (file) }
                            div.scroll tabindex="0" role="region" aria-labelledby="upload-result" {
                                table {
                                    thead { tr {
                                        th scope="col" { (lang.t("row")) }
                                        th scope="col" { (lang.t("column")) }
                                        th scope="col" { (lang.t("value")) }
                                        th scope="col" { (lang.t("problem_code")) }
                                        th scope="col" { (lang.t("problem")) }
                                    } }
                                    tbody { @for p in problems {
                                        tr {
                                            td { @if let Some(r) = p.row { (r) } }
                                            td { (p.column.as_deref().unwrap_or("")) }
                                            td { (p.value.as_deref().unwrap_or("")) }
                                            td { code { (p.code) } }
                                            td { (p.message) }
                                        }
                                    } }
                                }
                            }
                            @if *more > 0 { p { (lang.t("more_problems")) ": " (more) } }
                        }
                    }
                }
            }
            form.edit method="post" enctype="multipart/form-data" action=(shell.link("/imports", &[])) {
                input type="hidden" name="csrf" value=(csrf);
                p id="upload-limit" { (lang.t("upload_limit")) " " (limit_mb) }
                div.field {
                    label for="upload-kind" { (lang.t("file_kind")) }
                    select id="upload-kind" name="kind" {
                        @for kind in kinds { option value=(kind) { (lang.t(kind)) } }
                    }
                }
                div.field {
                    label for="upload-file" { (lang.t("file")) }
                    input type="file" id="upload-file" name="file" required
                        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                        aria-describedby="upload-limit";
                }
                div { button type="submit" { (lang.t("upload")) } }
            }
        },
    )
}
