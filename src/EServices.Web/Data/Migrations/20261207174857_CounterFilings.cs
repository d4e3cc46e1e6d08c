using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CounterFilings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "cnib",
                table: "AspNetUsers",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "counter_filings",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    clerk_id = table.Column<string>(type: "text", nullable: false),
                    cnib = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    confirmation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_counter_filings", x => x.request_id);
                    table.ForeignKey(
                        name: "fk_counter_filings_asp_net_users_clerk_id",
                        column: x => x.clerk_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_counter_filings_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_users_cnib",
                table: "AspNetUsers",
                column: "cnib",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_counter_filings_clerk_id_started_at",
                table: "counter_filings",
                columns: new[] { "clerk_id", "started_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "counter_filings");

            migrationBuilder.DropIndex(
                name: "ix_asp_net_users_cnib",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "cnib",
                table: "AspNetUsers");
        }
    }
}
