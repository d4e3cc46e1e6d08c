using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReleaseUnheldCandidacies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A draft held its candidate's CNIB from the identity step and a seat from the choice of a centre: anybody could
            // block other people's numbers or fill a centre without paying. From now on « Payer et déposer » takes both
            // (Candidacies.HoldAsync); the drafts already written give them back (those awaiting their payment keep them,
            // as a new one does; the applications already rejected or closed free them too, as from now on). Clearing
            // centre_id fires candidacies_hold_places, which frees each seat.
            migrationBuilder.Sql("""
                UPDATE candidacies c SET cnib = NULL, centre_id = NULL
                FROM requests r
                WHERE r.id = c.request_id AND (c.cnib IS NOT NULL OR c.centre_id IS NOT NULL)
                  AND ((r.status = 'Draft' AND r.awaiting_payment_since IS NULL) OR r.status IN ('Rejected', 'ClosedWithoutFollowUp'));
                """);

            // An application that ends without a seat gives back its CNIB and its seat, whoever ends it: an agent's rejection
            // or closing in the back-office (one by one or in bulk), AGRE's « Libérer un numéro CNIB », a hand-written
            // statement of a later step; and a draft awaiting its payment that goes back to its form holds nothing any
            // more. A trigger on the request's status rather than a line in each of those paths: none can forget it. The
            // answers keep what the candidate declared; the request's history says what was given back (an event after
            // the decision's, without an author: the database wrote it). A deleted draft (its candidate, the unpaid-draft
            // expiry, an erasure) takes its candidacy row with it, and candidacies_hold_places frees the seat.
            migrationBuilder.Sql("""
                CREATE FUNCTION requests_release_candidacy() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE candidacies SET cnib = NULL, centre_id = NULL, updated_at = NEW.updated_at
                  WHERE request_id = NEW.id AND (cnib IS NOT NULL OR centre_id IS NOT NULL);
                  IF FOUND THEN
                    INSERT INTO request_events (request_id, at, actor_id, "from", "to", comment)
                    VALUES (NEW.id, NEW.updated_at, NULL, NEW.status, NEW.status,
                            'Numéro de CNIB et place au centre d''examen libérés : ils peuvent servir à une autre candidature.');
                  END IF;
                  RETURN NULL;
                END $$;
                CREATE TRIGGER requests_release_candidacy AFTER UPDATE OF status, awaiting_payment_since ON requests
                  FOR EACH ROW
                  WHEN ((NEW.status IN ('Rejected', 'ClosedWithoutFollowUp') AND OLD.status IS DISTINCT FROM NEW.status)
                     OR (NEW.status = 'Draft' AND OLD.awaiting_payment_since IS NOT NULL AND NEW.awaiting_payment_since IS NULL))
                  EXECUTE FUNCTION requests_release_candidacy();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The CNIB numbers and seats given back are not taken again: other candidates may hold them now.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS requests_release_candidacy ON requests; DROP FUNCTION IF EXISTS requests_release_candidacy();");
        }
    }
}
