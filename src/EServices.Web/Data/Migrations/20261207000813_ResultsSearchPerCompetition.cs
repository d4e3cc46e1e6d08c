using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResultsSearchPerCompetition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_candidacies_admitted_name_key",
                table: "candidacies");

            migrationBuilder.CreateIndex(
                name: "ix_candidacies_admitted_name_key",
                table: "candidacies",
                columns: new[] { "competition_id", "name_key", "exam_number" },
                filter: "admitted")
                .Annotation("Npgsql:IndexOperators", new[] { "int4_ops", "text_pattern_ops", "text_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_candidacies_admitted_name_key",
                table: "candidacies");

            migrationBuilder.CreateIndex(
                name: "ix_candidacies_admitted_name_key",
                table: "candidacies",
                column: "name_key",
                filter: "admitted")
                .Annotation("Npgsql:IndexOperators", new[] { "text_pattern_ops" });
        }
    }
}
