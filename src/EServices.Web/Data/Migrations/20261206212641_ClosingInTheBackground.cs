using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClosingInTheBackground : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "numbering_requested_at",
                table: "competitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "numbering_requested_by",
                table: "competitions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "validation_requested_at",
                table: "competitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "validation_requested_by",
                table: "competitions",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "numbering_requested_at",
                table: "competitions");

            migrationBuilder.DropColumn(
                name: "numbering_requested_by",
                table: "competitions");

            migrationBuilder.DropColumn(
                name: "validation_requested_at",
                table: "competitions");

            migrationBuilder.DropColumn(
                name: "validation_requested_by",
                table: "competitions");
        }
    }
}
