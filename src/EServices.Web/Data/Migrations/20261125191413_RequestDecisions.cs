using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RequestDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "assignee_id",
                table: "requests",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "correction_deadline",
                table: "requests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string[]>(
                name: "correction_fields",
                table: "requests",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "correction_message",
                table: "requests",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "decided_at",
                table: "requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "decision_reason",
                table: "requests",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "paused_since",
                table: "requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "paused_working_days",
                table: "requests",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "assignee_id",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "correction_deadline",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "correction_fields",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "correction_message",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "decided_at",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "decision_reason",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "paused_since",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "paused_working_days",
                table: "requests");
        }
    }
}
