using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InboxIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_requests_assignee_id_status",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "ix_requests_procedure_id_status_due_on",
                table: "requests");

            migrationBuilder.CreateIndex(
                name: "ix_requests_assignee_id_status_due_on_submitted_at",
                table: "requests",
                columns: new[] { "assignee_id", "status", "due_on", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_requests_inbox",
                table: "requests",
                columns: new[] { "status", "due_on", "submitted_at" },
                filter: "status <> 'Draft'");

            migrationBuilder.CreateIndex(
                name: "ix_requests_inbox_decided",
                table: "requests",
                columns: new[] { "due_on", "submitted_at" },
                filter: "status IN ('Accepted', 'Rejected', 'ClosedWithoutFollowUp')");

            migrationBuilder.CreateIndex(
                name: "ix_requests_inbox_open",
                table: "requests",
                columns: new[] { "due_on", "submitted_at" },
                filter: "status IN ('Submitted', 'UnderReview')");

            migrationBuilder.CreateIndex(
                name: "ix_requests_procedure_id_status_due_on",
                table: "requests",
                columns: new[] { "procedure_id", "status", "due_on" })
                .Annotation("Npgsql:IndexInclude", new[] { "group_id", "assignee_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_requests_assignee_id_status_due_on_submitted_at",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "ix_requests_inbox",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "ix_requests_inbox_decided",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "ix_requests_inbox_open",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "ix_requests_procedure_id_status_due_on",
                table: "requests");

            migrationBuilder.CreateIndex(
                name: "ix_requests_assignee_id_status",
                table: "requests",
                columns: new[] { "assignee_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_requests_procedure_id_status_due_on",
                table: "requests",
                columns: new[] { "procedure_id", "status", "due_on" });
        }
    }
}
