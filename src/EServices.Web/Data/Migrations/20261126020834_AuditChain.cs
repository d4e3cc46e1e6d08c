using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "chain_hash",
                table: "request_events",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "chain_no",
                table: "request_events",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "chain_previous",
                table: "request_events",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "chain_hash",
                table: "audit_entries",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "chain_no",
                table: "audit_entries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "chain_previous",
                table: "audit_entries",
                type: "bytea",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_chain_heads",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    last_no = table.Column<long>(type: "bigint", nullable: false),
                    last_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    sealed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_chain_heads", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "audit_chain_heads",
                columns: new[] { "id", "last_hash", "last_no", "sealed_at" },
                values: new object[] { 1, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 0L, null });

            migrationBuilder.CreateIndex(
                name: "ix_request_events_chain_no",
                table: "request_events",
                column: "chain_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_request_events_unsealed",
                table: "request_events",
                column: "id",
                filter: "chain_no IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_chain_no",
                table: "audit_entries",
                column: "chain_no",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_unsealed",
                table: "audit_entries",
                column: "id",
                filter: "chain_no IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_chain_heads");

            migrationBuilder.DropIndex(
                name: "ix_request_events_chain_no",
                table: "request_events");

            migrationBuilder.DropIndex(
                name: "ix_request_events_unsealed",
                table: "request_events");

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_chain_no",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_unsealed",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "chain_hash",
                table: "request_events");

            migrationBuilder.DropColumn(
                name: "chain_no",
                table: "request_events");

            migrationBuilder.DropColumn(
                name: "chain_previous",
                table: "request_events");

            migrationBuilder.DropColumn(
                name: "chain_hash",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "chain_no",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "chain_previous",
                table: "audit_entries");
        }
    }
}
