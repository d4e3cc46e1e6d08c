using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CompetitionsAfterClosing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "convocations_requested_at",
                table: "competitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "numbered_at",
                table: "competitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "results_imported_at",
                table: "competitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "results_published_at",
                table: "competitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "admitted",
                table: "candidacies",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "birth_date",
                table: "candidacies",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "candidate_name",
                table: "candidacies",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "convocation_id",
                table: "candidacies",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "exam_number",
                table: "candidacies",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "name_key",
                table: "candidacies",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "room",
                table: "candidacies",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "seat",
                table: "candidacies",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_candidacies_admitted_name_key",
                table: "candidacies",
                column: "name_key",
                filter: "admitted")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_candidacies_convocation_due",
                table: "candidacies",
                column: "competition_id",
                filter: "exam_number IS NOT NULL AND convocation_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_candidacies_convocation_id",
                table: "candidacies",
                column: "convocation_id");

            migrationBuilder.CreateIndex(
                name: "ix_candidacies_exam_number",
                table: "candidacies",
                column: "exam_number",
                unique: true,
                filter: "exam_number IS NOT NULL");

            migrationBuilder.AddForeignKey(
                name: "fk_candidacies_issued_documents_convocation_id",
                table: "candidacies",
                column: "convocation_id",
                principalTable: "issued_documents",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_candidacies_issued_documents_convocation_id",
                table: "candidacies");

            migrationBuilder.DropIndex(
                name: "ix_candidacies_admitted_name_key",
                table: "candidacies");

            migrationBuilder.DropIndex(
                name: "ix_candidacies_convocation_due",
                table: "candidacies");

            migrationBuilder.DropIndex(
                name: "ix_candidacies_convocation_id",
                table: "candidacies");

            migrationBuilder.DropIndex(
                name: "ix_candidacies_exam_number",
                table: "candidacies");

            migrationBuilder.DropColumn(
                name: "convocations_requested_at",
                table: "competitions");

            migrationBuilder.DropColumn(
                name: "numbered_at",
                table: "competitions");

            migrationBuilder.DropColumn(
                name: "results_imported_at",
                table: "competitions");

            migrationBuilder.DropColumn(
                name: "results_published_at",
                table: "competitions");

            migrationBuilder.DropColumn(
                name: "admitted",
                table: "candidacies");

            migrationBuilder.DropColumn(
                name: "birth_date",
                table: "candidacies");

            migrationBuilder.DropColumn(
                name: "candidate_name",
                table: "candidacies");

            migrationBuilder.DropColumn(
                name: "convocation_id",
                table: "candidacies");

            migrationBuilder.DropColumn(
                name: "exam_number",
                table: "candidacies");

            migrationBuilder.DropColumn(
                name: "name_key",
                table: "candidacies");

            migrationBuilder.DropColumn(
                name: "room",
                table: "candidacies");

            migrationBuilder.DropColumn(
                name: "seat",
                table: "candidacies");
        }
    }
}
