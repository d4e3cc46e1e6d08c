using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Opinions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "opinions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    asked_by_id = table.Column<string>(type: "text", nullable: false),
                    asked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    question = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    expert_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    expert_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    expert_phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    expert_user_id = table.Column<string>(type: "text", nullable: true),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    file_content_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    file_size = table.Column<long>(type: "bigint", nullable: true),
                    file_storage_key = table.Column<string>(type: "text", nullable: true),
                    file_sha256 = table.Column<string>(type: "text", nullable: true),
                    reminded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_opinions", x => x.id);
                    table.ForeignKey(
                        name: "fk_opinions_asp_net_users_asked_by_id",
                        column: x => x.asked_by_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_opinions_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_opinions_asked_by_id",
                table: "opinions",
                column: "asked_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_opinions_due_on",
                table: "opinions",
                column: "due_on",
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_opinions_request_id",
                table: "opinions",
                column: "request_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "opinions");
        }
    }
}
