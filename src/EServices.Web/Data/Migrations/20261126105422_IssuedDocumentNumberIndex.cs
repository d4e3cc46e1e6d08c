using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IssuedDocumentNumberIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_number_kind",
                table: "issued_documents",
                columns: new[] { "number", "kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_issued_documents_number_kind",
                table: "issued_documents");
        }
    }
}
