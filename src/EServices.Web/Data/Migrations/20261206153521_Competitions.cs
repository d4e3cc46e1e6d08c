using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Competitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "competition_sessions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    procedure_id = table.Column<int>(type: "integer", nullable: false),
                    max_applications_per_candidate = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_competition_sessions", x => x.id);
                    table.CheckConstraint("ck_competition_sessions_max_applications", "max_applications_per_candidate >= 1");
                    table.ForeignKey(
                        name: "fk_competition_sessions_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "competitions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    session_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    corps = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    job = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    places = table.Column<int>(type: "integer", nullable: false),
                    minimum_diploma = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    minimum_age = table.Column<int>(type: "integer", nullable: true),
                    maximum_age = table.Column<int>(type: "integer", nullable: true),
                    age_reference_date = table.Column<DateOnly>(type: "date", nullable: false),
                    burkinabe_only = table.Column<bool>(type: "boolean", nullable: false),
                    fee_xof = table.Column<int>(type: "integer", nullable: false),
                    opens_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closes_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    exam_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    required_documents = table.Column<string[]>(type: "text[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_competitions", x => x.id);
                    table.ForeignKey(
                        name: "fk_competitions_competition_sessions_session_id",
                        column: x => x.session_id,
                        principalTable: "competition_sessions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exam_centres",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    competition_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    capacity = table.Column<int>(type: "integer", nullable: false),
                    room_size = table.Column<int>(type: "integer", nullable: false),
                    taken = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exam_centres", x => x.id);
                    table.CheckConstraint("ck_exam_centres_room_size", "room_size >= 1");
                    table.CheckConstraint("ck_exam_centres_taken", "taken >= 0 AND taken <= capacity");
                    table.ForeignKey(
                        name: "fk_exam_centres_competitions_competition_id",
                        column: x => x.competition_id,
                        principalTable: "competitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "candidacies",
                columns: table => new
                {
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    competition_id = table.Column<int>(type: "integer", nullable: false),
                    applicant_id = table.Column<string>(type: "text", nullable: false),
                    cnib = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    centre_id = table.Column<int>(type: "integer", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_candidacies", x => x.request_id);
                    table.ForeignKey(
                        name: "fk_candidacies_competitions_competition_id",
                        column: x => x.competition_id,
                        principalTable: "competitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_candidacies_exam_centres_centre_id",
                        column: x => x.centre_id,
                        principalTable: "exam_centres",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_candidacies_requests_request_id",
                        column: x => x.request_id,
                        principalTable: "requests",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_candidacies_applicant_id_competition_id",
                table: "candidacies",
                columns: new[] { "applicant_id", "competition_id" });

            migrationBuilder.CreateIndex(
                name: "ix_candidacies_centre_id",
                table: "candidacies",
                column: "centre_id");

            migrationBuilder.CreateIndex(
                name: "ux_candidacies_competition_cnib",
                table: "candidacies",
                columns: new[] { "competition_id", "cnib" },
                unique: true,
                filter: "cnib IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_competition_sessions_procedure_id",
                table: "competition_sessions",
                column: "procedure_id");

            migrationBuilder.CreateIndex(
                name: "ix_competitions_closes_at",
                table: "competitions",
                column: "closes_at");

            migrationBuilder.CreateIndex(
                name: "ix_competitions_code",
                table: "competitions",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_competitions_session_id",
                table: "competitions",
                column: "session_id");

            migrationBuilder.CreateIndex(
                name: "ix_exam_centres_competition_id_name",
                table: "exam_centres",
                columns: new[] { "competition_id", "name" },
                unique: true);

            // A centre's places taken follow its candidacies whoever writes them (a choice, a change, a draft deleted by
            // its candidate, the expiry or an erasure); the check constraint refuses the one beyond capacity. A change of
            // centre locks both centres in one order first: two candidates crossing over between the same two centres
            // would otherwise each hold the centre the other waits for (a deadlock, a second lost, and a failed save
            // inside a transaction; tested in CentreTests).
            migrationBuilder.Sql("""
                CREATE FUNCTION candidacies_hold_places() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'UPDATE' AND OLD.centre_id <> NEW.centre_id THEN
                    PERFORM FROM exam_centres WHERE id IN (OLD.centre_id, NEW.centre_id) ORDER BY id FOR NO KEY UPDATE;
                  END IF;
                  IF TG_OP <> 'INSERT' AND OLD.centre_id IS NOT NULL AND (TG_OP = 'DELETE' OR NEW.centre_id IS DISTINCT FROM OLD.centre_id) THEN
                    UPDATE exam_centres SET taken = taken - 1 WHERE id = OLD.centre_id;
                  END IF;
                  IF TG_OP <> 'DELETE' AND NEW.centre_id IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.centre_id IS DISTINCT FROM OLD.centre_id) THEN
                    UPDATE exam_centres SET taken = taken + 1 WHERE id = NEW.centre_id;
                  END IF;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER candidacies_hold_places AFTER INSERT OR UPDATE OF centre_id OR DELETE ON candidacies
                  FOR EACH ROW EXECUTE FUNCTION candidacies_hold_places();
                """);

            // The registration form now takes the competition and its centre from the competition's pages (text answers)
            // and asks the nationality and the documents a competition may require: a new published version where the
            // seeded one is still in place.
            migrationBuilder.Sql($"""
                WITH p AS (
                  SELECT pr.id FROM procedures pr JOIN form_versions f ON f.id = pr.published_form_version_id
                  WHERE pr.slug = 'inscription-concours-direct' AND f.definition->'steps'->0->'fields'->1->>'type' = 'choice'),
                v AS (
                  INSERT INTO form_versions (procedure_id, number, definition, published_at)
                  SELECT p.id, (SELECT max(number) + 1 FROM form_versions WHERE procedure_id = p.id), '{RegistrationForm.Replace("'", "''", StringComparison.Ordinal)}'::jsonb, now() FROM p
                  RETURNING id, procedure_id)
                UPDATE procedures SET published_form_version_id = v.id FROM v WHERE procedures.id = v.procedure_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS candidacies_hold_places ON candidacies; DROP FUNCTION IF EXISTS candidacies_hold_places();");
            migrationBuilder.DropTable(
                name: "candidacies");

            migrationBuilder.DropTable(
                name: "exam_centres");

            migrationBuilder.DropTable(
                name: "competitions");

            migrationBuilder.DropTable(
                name: "competition_sessions");
        }
    
        private const string RegistrationForm = """
            {"steps": [{"title": "Le concours", "fields": [{"key": "info_frais", "type": "info", "label": "Frais de participation", "help": "Le montant est fixé par le concours choisi. Les frais sont payés à la fin du formulaire, par mobile money (Orange Money, Moov Money) ou au guichet du Trésor avec le code de paiement qui vous sera donné. Votre inscription est enregistrée dès que le paiement est confirmé."}, {"key": "concours", "type": "text", "label": "Concours", "help": "Le concours choisi sur la liste des concours ouverts.", "required": true, "maxLength": 200}, {"key": "centre_composition", "type": "text", "label": "Centre de composition", "help": "Ville dans laquelle vous passerez les épreuves écrites, parmi les centres du concours.", "required": true, "maxLength": 150}]}, {"title": "Votre identité", "fields": [{"key": "nom_declare", "type": "text", "label": "Nom", "help": "Exactement comme sur votre CNIB.", "required": true, "maxLength": 60}, {"key": "prenoms_declares", "type": "text", "label": "Prénoms", "help": "Exactement comme sur votre CNIB.", "required": true, "maxLength": 100}, {"key": "sexe", "type": "choice", "label": "Sexe", "required": true, "options": [{"value": "feminin", "label": "Féminin"}, {"value": "masculin", "label": "Masculin"}]}, {"key": "date_naissance", "type": "date", "label": "Date de naissance", "help": "L'âge limite dépend du concours ; il est fixé par le communiqué.", "required": true, "max": "today"}, {"key": "lieu_naissance", "type": "text", "label": "Lieu de naissance", "required": true, "maxLength": 100}, {"key": "nationalite", "type": "choice", "label": "Nationalité", "required": true, "options": [{"value": "burkinabe", "label": "Burkinabè"}, {"value": "autre", "label": "Autre nationalité"}]}, {"key": "numero_cnib", "type": "cnib", "label": "Numéro de la CNIB", "help": "Une lettre suivie de 7 à 9 chiffres (ex. B12345678).", "required": true}, {"key": "telephone", "type": "phone", "label": "Téléphone", "required": true}, {"key": "email", "type": "email", "label": "Adresse e-mail", "required": false}]}, {"title": "Votre diplôme", "fields": [{"key": "diplome", "type": "choice", "label": "Diplôme le plus élevé", "help": "Le diplôme exigé pour le concours choisi.", "required": true, "options": [{"value": "cepe", "label": "CEP (certificat d'études primaires)"}, {"value": "bepc", "label": "BEPC"}, {"value": "cap-bep", "label": "CAP ou BEP"}, {"value": "baccalaureat", "label": "Baccalauréat"}, {"value": "bts-dut", "label": "BTS, DUT ou équivalent (bac + 2)"}, {"value": "licence", "label": "Licence (bac + 3)"}, {"value": "master", "label": "Master ou diplôme d'ingénieur (bac + 5)"}, {"value": "doctorat", "label": "Doctorat"}, {"value": "autre", "label": "Autre diplôme"}]}, {"key": "diplome_autre", "type": "text", "label": "Précisez le diplôme", "required": true, "maxLength": 150, "showWhen": {"field": "diplome", "equalTo": "autre"}}, {"key": "diplome_specialite", "type": "text", "label": "Spécialité ou option", "required": false, "maxLength": 150}, {"key": "diplome_annee", "type": "integer", "label": "Année d'obtention", "required": true, "min": "1970", "max": "2100"}]}, {"title": "Pièces justificatives", "intro": "Formats acceptés : PDF, JPEG ou PNG. Un document scanné ou photographié lisiblement suffit.", "fields": [{"key": "piece_cnib", "type": "file", "label": "Copie de la CNIB", "required": true}, {"key": "piece_diplome", "type": "file", "label": "Copie du diplôme", "help": "Ou l'attestation de réussite si le diplôme n'est pas encore délivré.", "required": true}, {"key": "piece_naissance", "type": "file", "label": "Extrait d'acte de naissance", "help": "Si le concours choisi le demande.", "required": false}, {"key": "piece_nationalite", "type": "file", "label": "Certificat de nationalité", "help": "Si le concours choisi le demande.", "required": false}, {"key": "piece_casier", "type": "file", "label": "Extrait de casier judiciaire", "help": "Si le concours choisi le demande.", "required": false}, {"key": "piece_medical", "type": "file", "label": "Certificat médical", "help": "Si le concours choisi le demande.", "required": false}]}]}
            """;
    }
}
