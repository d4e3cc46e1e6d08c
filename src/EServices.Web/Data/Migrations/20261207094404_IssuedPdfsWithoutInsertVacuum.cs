using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IssuedPdfsWithoutInsertVacuum : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The PDFs' TOAST table only grows (a document is never updated): a vacuum triggered by its inserts would read
            // every new page again (2.5 GB per 100 000 convocations) to set visibility bits no query uses. Vacuums for
            // deleted rows and against wraparound still run.
            migrationBuilder.Sql("ALTER TABLE issued_documents SET (toast.autovacuum_vacuum_insert_threshold = -1);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE issued_documents RESET (toast.autovacuum_vacuum_insert_threshold);");
        }
    }
}
