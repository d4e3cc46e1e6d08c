using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CertificateTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "certificate_body",
                table: "procedures",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "certificate_prefix",
                table: "procedures",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "certificate_title",
                table: "procedures",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "certificate_body",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "certificate_prefix",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "certificate_title",
                table: "procedures");
        }
    }
}
