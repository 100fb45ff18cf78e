//! Surveys, their questions, respondents and answers.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_indexes, drop_tables, fk, index, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The codebook comes first: questions and findings refer to its themes.
        manager
            .create_table(
                Table::create()
                    .table("theme")
                    .col(string("code").primary_key())
                    .col(integer("position"))
                    .col(json("name"))
                    .col(json("description"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sub_code")
                    .col(string("code").primary_key())
                    .col(string("theme_code"))
                    .col(integer("position"))
                    .col(json("name"))
                    .foreign_key(&mut fk(
                        "sub_code",
                        "theme_code",
                        "theme",
                        "code",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("survey")
                    .col(pk_auto("id"))
                    .col(string_uniq("code"))
                    .col(json("title"))
                    .col(integer("year"))
                    .col(json("languages"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("question")
                    .col(pk_auto("id"))
                    .col(integer("survey_id"))
                    .col(string("code"))
                    .col(integer("position"))
                    .col(string_null("theme_code"))
                    .col(string("kind"))
                    .col(json("text"))
                    .col(json_null("scale_labels"))
                    .col(json_null("options"))
                    .foreign_key(&mut fk(
                        "question",
                        "survey_id",
                        "survey",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "question",
                        "theme_code",
                        "theme",
                        "code",
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("respondent")
                    .col(pk_auto("id"))
                    .col(integer("survey_id"))
                    .col(string("external_id"))
                    .col(integer("region_id"))
                    .col(string("role"))
                    .col(integer_null("organisation_id"))
                    .foreign_key(&mut fk(
                        "respondent",
                        "survey_id",
                        "survey",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "respondent",
                        "region_id",
                        "region",
                        "id",
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "respondent",
                        "organisation_id",
                        "organisation",
                        "id",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("answer")
                    .col(pk_auto("id"))
                    .col(integer("respondent_id"))
                    .col(integer("question_id"))
                    .col(small_integer_null("value"))
                    .col(json_null("choices"))
                    .col(text_null("text"))
                    .foreign_key(&mut fk(
                        "answer",
                        "respondent_id",
                        "respondent",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "answer",
                        "question_id",
                        "question",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                index("sub_code", &["theme_code"]),
                unique("question", &["survey_id", "code"]),
                index("question", &["theme_code"]),
                unique("respondent", &["survey_id", "external_id"]),
                index("respondent", &["region_id"]),
                index("respondent", &["role"]),
                index("respondent", &["organisation_id"]),
                unique("answer", &["respondent_id", "question_id"]),
                index("answer", &["question_id"]),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &[
                "answer",
                "respondent",
                "question",
                "survey",
                "sub_code",
                "theme",
            ],
        )
        .await
    }
}
