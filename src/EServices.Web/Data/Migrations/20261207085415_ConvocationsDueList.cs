using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConvocationsDueList : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "convocations_due",
                columns: table => new
                {
                    competition_id = table.Column<int>(type: "integer", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_convocations_due", x => new { x.competition_id, x.request_id });
                });

            // The work list as the job left it: the numbered candidates of the competitions whose convocations were asked for.
            migrationBuilder.Sql("""
                INSERT INTO convocations_due (competition_id, request_id)
                SELECT c.competition_id, c.request_id FROM candidacies c JOIN competitions k ON k.id = c.competition_id
                WHERE k.convocations_requested_at IS NOT NULL AND c.exam_number IS NOT NULL AND c.convocation_id IS NULL
                """);

            migrationBuilder.DropForeignKey(
                name: "fk_candidacies_issued_documents_convocation_id",
                table: "candidacies");

            migrationBuilder.DropIndex(
                name: "ix_candidacies_convocation_due",
                table: "candidacies");

            migrationBuilder.DropIndex(
                name: "ix_candidacies_convocation_id",
                table: "candidacies");

            migrationBuilder.DropColumn(
                name: "convocation_id",
                table: "candidacies");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "convocations_due");

            migrationBuilder.AddColumn<Guid>(
                name: "convocation_id",
                table: "candidacies",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_candidacies_convocation_due",
                table: "candidacies",
                column: "competition_id",
                filter: "exam_number IS NOT NULL AND convocation_id IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_candidacies_convocation_id",
                table: "candidacies",
                column: "convocation_id");

            migrationBuilder.AddForeignKey(
                name: "fk_candidacies_issued_documents_convocation_id",
                table: "candidacies",
                column: "convocation_id",
                principalTable: "issued_documents",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }
    }
}
