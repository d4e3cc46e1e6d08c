using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class BackOffice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_requests_procedure_id_status",
                table: "requests");

            migrationBuilder.CreateTable(
                name: "service_members",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    service_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_members", x => new { x.user_id, x.service_id });
                    table.ForeignKey(
                        name: "fk_service_members_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_service_members_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_requests_assignee_id_status",
                table: "requests",
                columns: new[] { "assignee_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_requests_procedure_id_status_due_on",
                table: "requests",
                columns: new[] { "procedure_id", "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_requests_submitted_at",
                table: "requests",
                column: "submitted_at");

            migrationBuilder.CreateIndex(
                name: "ix_service_members_service_id",
                table: "service_members",
                column: "service_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "service_members");

            migrationBuilder.DropIndex(
                name: "ix_requests_assignee_id_status",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "ix_requests_procedure_id_status_due_on",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "ix_requests_submitted_at",
                table: "requests");

            migrationBuilder.CreateIndex(
                name: "ix_requests_procedure_id_status",
                table: "requests",
                columns: new[] { "procedure_id", "status" });
        }
    }
}
