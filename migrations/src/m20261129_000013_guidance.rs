//! What the project concludes and proposes: conclusions, recommendations, toolkit items
//! and roadmap steps (one table, `kind` tells which), with their texts per language, and
//! the links from each to the themes it answers and the evidence it rests on, and a
//! toolkit item's attached file.

use sea_orm_migration::{prelude::*, schema::*};

use crate::util::{create_indexes, drop_tables, fk, index, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("guidance")
                    .col(pk_auto("id"))
                    // The file's id, e.g. `R1`.
                    .col(string_len("external_id", 100))
                    // RECOMMENDATION, TOOLKIT_ITEM, CONCLUSION or ROADMAP_STEP.
                    .col(string_len("kind", 20))
                    // DRAFT or PUBLISHED; the public reads published ones only.
                    .col(string_len("status", 12))
                    // Its place in the file, the order of the pages.
                    .col(integer("position"))
                    // {lang: text}; English always there.
                    .col(json("title"))
                    .col(json("body"))
                    // Recommendations: MUNICIPALITIES, ORGANISATIONS or POLICY_MAKERS.
                    .col(string_len_null("audience", 20))
                    // Toolkit items: GUIDE, TEMPLATE, CHECKLIST or CONTACT_POINT.
                    .col(string_len_null("toolkit_kind", 20))
                    // Toolkit items: a web address, or an attached file's name (its bytes
                    // in `guidance_attachment`, so that lists never read them).
                    .col(text_null("link"))
                    .col(string_len_null("attachment_name", 200))
                    // Roadmap steps: when (e.g. `2027 Q1`), who, and which recommendation.
                    .col(string_len_null("due", 40))
                    .col(text_null("who"))
                    .col(integer_null("recommendation_id"))
                    .foreign_key(&mut fk(
                        "guidance",
                        "recommendation_id",
                        "guidance",
                        "id",
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("guidance_link")
                    .col(integer("guidance_id"))
                    .col(integer("position"))
                    // THEME, SUB_CODE, FINDING, COLLABORATION or FIGURE; one target each.
                    .col(string_len("target", 16))
                    .col(string_len_null("theme_code", 64))
                    .col(string_len_null("sub_code", 64))
                    .col(integer_null("finding_id"))
                    .col(integer_null("collaboration_id"))
                    // A named analytics figure, e.g. `ROLE_GAP PROCESSES_BUREAUCRACY LV`.
                    .col(string_len_null("figure", 200))
                    .primary_key(Index::create().col("guidance_id").col("position"))
                    .foreign_key(&mut fk(
                        "guidance_link",
                        "guidance_id",
                        "guidance",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "guidance_link",
                        "finding_id",
                        "finding",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "guidance_link",
                        "collaboration_id",
                        "collaboration",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("guidance_attachment")
                    .col(integer("guidance_id").primary_key())
                    .col(blob("bytes"))
                    .foreign_key(&mut fk(
                        "guidance_attachment",
                        "guidance_id",
                        "guidance",
                        "id",
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        create_indexes(
            manager,
            vec![
                unique("guidance", &["external_id"]),
                index("guidance", &["kind", "position"]),
                index("guidance_link", &["theme_code"]),
                index("guidance_link", &["sub_code"]),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_tables(
            manager,
            &["guidance_attachment", "guidance_link", "guidance"],
        )
        .await
    }
}
