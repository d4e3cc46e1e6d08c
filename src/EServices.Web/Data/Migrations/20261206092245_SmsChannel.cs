using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SmsChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "sms",
                table: "email_templates",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "notices",
                table: "AspNetUsers",
                type: "integer",
                nullable: false,
                defaultValue: 1); // accounts made before issue 16 are told by e-mail, as they were

            migrationBuilder.CreateTable(
                name: "incoming_sms",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    from = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    gateway_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incoming_sms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_sms",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    to = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    text = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    coding = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    parts = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    delivery = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    delivery_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outbox_sms", x => x.id);
                    table.ForeignKey(
                        name: "fk_outbox_sms_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "phone_codes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    purpose = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    code_hash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: true),
                    client_address = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    tries = table.Column<int>(type: "integer", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_phone_codes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_users_phone_number",
                table: "AspNetUsers",
                column: "phone_number",
                unique: true,
                filter: "phone_number_confirmed");

            migrationBuilder.CreateIndex(
                name: "ix_incoming_sms_from_received_at",
                table: "incoming_sms",
                columns: new[] { "from", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_incoming_sms_gateway_id",
                table: "incoming_sms",
                column: "gateway_id",
                unique: true,
                filter: "gateway_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_sms_next_attempt_at",
                table: "outbox_sms",
                column: "next_attempt_at",
                filter: "sent_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_sms_request_id",
                table: "outbox_sms",
                column: "request_id",
                filter: "request_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_phone_codes_client_address_created_at",
                table: "phone_codes",
                columns: new[] { "client_address", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_phone_codes_phone_created_at",
                table: "phone_codes",
                columns: new[] { "phone", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incoming_sms");

            migrationBuilder.DropTable(
                name: "outbox_sms");

            migrationBuilder.DropTable(
                name: "phone_codes");

            migrationBuilder.DropIndex(
                name: "ix_asp_net_users_phone_number",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "sms",
                table: "email_templates");

            migrationBuilder.DropColumn(
                name: "notices",
                table: "AspNetUsers");
        }
    }
}
