using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <summary>
    /// A PDF is compressed already: PostgreSQL's attempt to compress it again when it moves it out of line (TOAST) costs
    /// processor time for nothing, at every certificate, receipt and convocation (two million of those in a session).
    /// EXTERNAL keeps it out of line, uncompressed; rows written before keep their form.
    /// </summary>
    public partial class IssuedPdfsStoredUncompressed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE issued_documents ALTER COLUMN pdf SET STORAGE EXTERNAL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE issued_documents ALTER COLUMN pdf SET STORAGE EXTENDED;");
        }
    }
}
