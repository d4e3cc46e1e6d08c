using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImplicitDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "decided_by_silence",
                table: "requests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "silence",
                table: "requests",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<DateOnly>(
                name: "silence_on",
                table: "requests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "silence",
                table: "procedures",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<int>(
                name: "silence_delay_days",
                table: "procedures",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "deadline_digests",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deadline_digests", x => new { x.user_id, x.day });
                    table.ForeignKey(
                        name: "fk_deadline_digests_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_requests_silence_due",
                table: "requests",
                column: "silence_on",
                filter: "silence <> 'None' AND status IN ('Submitted', 'UnderReview')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deadline_digests");

            migrationBuilder.DropIndex(
                name: "ix_requests_silence_due",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "decided_by_silence",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "silence",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "silence_on",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "silence",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "silence_delay_days",
                table: "procedures");
        }
    }
}
