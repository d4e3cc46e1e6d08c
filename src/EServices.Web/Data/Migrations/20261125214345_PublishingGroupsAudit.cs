using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublishingGroupsAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "group_id",
                table: "requests",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_test",
                table: "requests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "procedures",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "draft_form_version_id",
                table: "procedures",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "refusal_letter_body",
                table: "procedures",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "routing_field_key",
                table: "procedures",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "published_at",
                table: "form_versions",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone");

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "text", nullable: true),
                    action = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    target_type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    target_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    target_label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "email_templates",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    procedure_id = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_email_templates", x => x.id);
                    table.ForeignKey(
                        name: "fk_email_templates_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_groups",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    service_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_groups", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_groups_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "group_members",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    group_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_group_members", x => new { x.user_id, x.group_id });
                    table.ForeignKey(
                        name: "fk_group_members_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_group_members_service_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "service_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "routing_rules",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    procedure_id = table.Column<int>(type: "integer", nullable: false),
                    field_value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    group_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_routing_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_routing_rules_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_routing_rules_service_groups_group_id",
                        column: x => x.group_id,
                        principalTable: "service_groups",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_requests_group_id",
                table: "requests",
                column: "group_id");

            migrationBuilder.CreateIndex(
                name: "ix_procedures_draft_form_version_id",
                table: "procedures",
                column: "draft_form_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_target_type_target_id",
                table: "audit_entries",
                columns: new[] { "target_type", "target_id" });

            migrationBuilder.CreateIndex(
                name: "ix_email_templates_procedure_id_status",
                table: "email_templates",
                columns: new[] { "procedure_id", "status" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_group_members_group_id",
                table: "group_members",
                column: "group_id");

            migrationBuilder.CreateIndex(
                name: "ix_routing_rules_group_id",
                table: "routing_rules",
                column: "group_id");

            migrationBuilder.CreateIndex(
                name: "ix_routing_rules_procedure_id_field_value",
                table: "routing_rules",
                columns: new[] { "procedure_id", "field_value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_groups_service_id",
                table: "service_groups",
                column: "service_id",
                unique: true,
                filter: "is_default");

            migrationBuilder.CreateIndex(
                name: "ix_service_groups_service_id_name",
                table: "service_groups",
                columns: new[] { "service_id", "name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_procedures_form_versions_draft_form_version_id",
                table: "procedures",
                column: "draft_form_version_id",
                principalTable: "form_versions",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_requests_service_groups_group_id",
                table: "requests",
                column: "group_id",
                principalTable: "service_groups",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_procedures_form_versions_draft_form_version_id",
                table: "procedures");

            migrationBuilder.DropForeignKey(
                name: "fk_requests_service_groups_group_id",
                table: "requests");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "email_templates");

            migrationBuilder.DropTable(
                name: "group_members");

            migrationBuilder.DropTable(
                name: "routing_rules");

            migrationBuilder.DropTable(
                name: "service_groups");

            migrationBuilder.DropIndex(
                name: "ix_requests_group_id",
                table: "requests");

            migrationBuilder.DropIndex(
                name: "ix_procedures_draft_form_version_id",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "group_id",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "is_test",
                table: "requests");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "draft_form_version_id",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "refusal_letter_body",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "routing_field_key",
                table: "procedures");

            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "published_at",
                table: "form_versions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)),
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone",
                oldNullable: true);
        }
    }
}
