using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Payments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "awaiting_payment_since",
                table: "requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "fee_due",
                table: "requests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "payment_code",
                table: "requests",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "payment_id",
                table: "requests",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fee_by_choice",
                table: "procedures",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'{}'::jsonb");

            migrationBuilder.AddColumn<string>(
                name: "fee_field_key",
                table: "procedures",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "fee_kind",
                table: "procedures",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    transaction_id = table.Column<string>(type: "character varying(25)", maxLength: 25, nullable: false),
                    provider = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    service_id = table.Column<int>(type: "integer", nullable: false),
                    procedure_id = table.Column<int>(type: "integer", nullable: false),
                    applicant_id = table.Column<string>(type: "text", nullable: true),
                    amount = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    flag = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    payment_url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    provider_token = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    paid_amount = table.Column<int>(type: "integer", nullable: true),
                    paid_currency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    payer_phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_answer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_check_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    checks = table.Column<int>(type: "integer", nullable: false),
                    check_until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by_id = table.Column<string>(type: "text", nullable: true),
                    refunded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    refunded_by_id = table.Column<string>(type: "text", nullable: true),
                    refund_note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_payments_asp_net_users_applicant_id",
                        column: x => x.applicant_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_payments_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payments_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_payments_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_requests_awaiting_payment_since",
                table: "requests",
                column: "awaiting_payment_since",
                filter: "awaiting_payment_since IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_requests_payment_code",
                table: "requests",
                column: "payment_code",
                unique: true,
                filter: "payment_code IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_requests_payment_id",
                table: "requests",
                column: "payment_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_applicant_id",
                table: "payments",
                column: "applicant_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_next_check_at",
                table: "payments",
                column: "next_check_at",
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_payments_procedure_id",
                table: "payments",
                column: "procedure_id");

            migrationBuilder.CreateIndex(
                name: "ix_payments_provider_reference",
                table: "payments",
                columns: new[] { "provider", "reference" },
                unique: true,
                filter: "provider = 'guichet'");

            migrationBuilder.CreateIndex(
                name: "ix_payments_request_id",
                table: "payments",
                column: "request_id",
                filter: "request_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_payments_service_id_created_at",
                table: "payments",
                columns: new[] { "service_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_payments_transaction_id",
                table: "payments",
                column: "transaction_id",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_requests_payments_payment_id",
                table: "requests",
                column: "payment_id",
                principalTable: "payments",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_requests_payments_payment_id",
                table: "requests");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropIndex(
                name: "ix_requests_awaiting_payment_since",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "ix_requests_payment_code",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "ix_requests_payment_id",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "awaiting_payment_since",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "fee_due",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "payment_code",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "payment_id",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "fee_by_choice",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "fee_field_key",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "fee_kind",
                table: "procedures");
        }
    }
}
