using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EServices.Web.Data.Migrations
{
    /// <summary>
    /// Issue 14, points 9 and 10. A field key equal to a portal word (TemplateWords: nom, prenoms, motif, numero,
    /// date…) was hidden by that word in every certificate and e-mail; the form builder now refuses such keys. This
    /// renames them in every stored form version (keys, "show when" references, columns of repeatable blocks), in the
    /// answers of every draft and request, in attachments and in the fields a correction asks for; then it gives the
    /// seeded certificates that nobody edited their fuller texts. Existing templates keep their meaning: a reserved
    /// word in them always printed the portal's value. Not reversible: Down leaves the new keys.
    /// </summary>
    public partial class ReservedTemplateWords : Migration
    {
        /// <summary>Functions of this session (pg_temp) that rename reserved keys in a definition and in answers.</summary>
        public const string RenameFunctions = """
            CREATE FUNCTION pg_temp.portal_word_key(k text, taken text[]) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
              SELECT CASE
                WHEN k IS NULL OR NOT (k = ANY (ARRAY['nom', 'numero', 'date', 'demarche', 'service', 'numero_demande', 'motif', 'prenoms',
                                                     'lien', 'statut', 'depose_le', 'echeance', 'message', 'date_limite'])) THEN k
                WHEN t = ANY (coalesce(taken, ARRAY[]::text[])) THEN k || '_reponse'
                ELSE t
              END
              FROM (SELECT CASE k WHEN 'nom' THEN 'nom_declare' WHEN 'prenoms' THEN 'prenoms_declares' WHEN 'motif' THEN 'motif_demande'
                                  WHEN 'numero' THEN 'numero_acte' WHEN 'date' THEN 'date_acte' ELSE k || '_reponse' END AS t) AS target
            $f$;

            CREATE FUNCTION pg_temp.portal_word_keys(def jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE AS $f$
              SELECT coalesce(array_agg(f->>'key'), ARRAY[]::text[])
              FROM jsonb_array_elements(CASE WHEN jsonb_typeof(def->'steps') = 'array' THEN def->'steps' ELSE '[]' END) AS s,
                   jsonb_array_elements(CASE WHEN jsonb_typeof(s->'fields') = 'array' THEN s->'fields' ELSE '[]' END) AS f
            $f$;

            CREATE FUNCTION pg_temp.portal_word_field(f jsonb, taken text[]) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $f$
              SELECT f
                || jsonb_build_object('key', pg_temp.portal_word_key(f->>'key', taken))
                || CASE WHEN jsonb_typeof(f->'showWhen') = 'object'
                        THEN jsonb_build_object('showWhen', (f->'showWhen') || jsonb_build_object('field', pg_temp.portal_word_key(f->'showWhen'->>'field', taken)))
                        ELSE '{}' END
                || CASE WHEN jsonb_typeof(f->'fields') = 'array'
                        THEN jsonb_build_object('fields', (
                          SELECT coalesce(jsonb_agg(c || jsonb_build_object('key', pg_temp.portal_word_key(c->>'key', (SELECT array_agg(x->>'key') FROM jsonb_array_elements(f->'fields') AS x))) ORDER BY i), '[]')
                          FROM jsonb_array_elements(f->'fields') WITH ORDINALITY AS cs(c, i)))
                        ELSE '{}' END
            $f$;

            -- "answerFields" is a copy of the steps' fields that the portal writes beside them (and never reads back).
            CREATE FUNCTION pg_temp.portal_word_definition(def jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $f$
              SELECT CASE WHEN jsonb_typeof(def->'steps') <> 'array' THEN def ELSE jsonb_set(def, '{steps}', (
                SELECT coalesce(jsonb_agg(CASE WHEN jsonb_typeof(s->'fields') <> 'array' THEN s ELSE jsonb_set(s, '{fields}', (
                         SELECT coalesce(jsonb_agg(pg_temp.portal_word_field(f, pg_temp.portal_word_keys(def)) ORDER BY j), '[]')
                         FROM jsonb_array_elements(s->'fields') WITH ORDINALITY AS fs(f, j))) END ORDER BY i), '[]')
                FROM jsonb_array_elements(def->'steps') WITH ORDINALITY AS ss(s, i)))
                || CASE WHEN jsonb_typeof(def->'answerFields') = 'array' THEN jsonb_build_object('answerFields', (
                     SELECT coalesce(jsonb_agg(pg_temp.portal_word_field(f, pg_temp.portal_word_keys(def)) ORDER BY j), '[]')
                     FROM jsonb_array_elements(def->'answerFields') WITH ORDINALITY AS af(f, j))) ELSE '{}' END END
            $f$;

            -- The answers of a request, given the definition it was filed with (before its keys are renamed).
            CREATE FUNCTION pg_temp.portal_word_answers(answers jsonb, def jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $f$
            DECLARE
              taken text[] := pg_temp.portal_word_keys(def);
              fld jsonb;
              col jsonb;
              k text;
              ck text;
              r text;
              cols text[];
            BEGIN
              IF answers IS NULL OR jsonb_typeof(answers) <> 'object' OR jsonb_typeof(def->'steps') <> 'array' THEN
                RETURN answers;
              END IF;
              FOR fld IN SELECT f FROM jsonb_array_elements(def->'steps') AS s, jsonb_array_elements(s->'fields') AS f LOOP
                k := fld->>'key';
                IF jsonb_typeof(fld->'fields') = 'array' AND jsonb_typeof(answers->k) = 'array' THEN
                  SELECT array_agg(x->>'key') INTO cols FROM jsonb_array_elements(fld->'fields') AS x;
                  FOR col IN SELECT c FROM jsonb_array_elements(fld->'fields') AS c LOOP
                    ck := col->>'key';
                    r := pg_temp.portal_word_key(ck, cols);
                    IF r IS DISTINCT FROM ck THEN
                      answers := jsonb_set(answers, ARRAY[k], (
                        SELECT coalesce(jsonb_agg(CASE WHEN jsonb_typeof(rw) = 'object' AND rw ? ck THEN (rw - ck) || jsonb_build_object(r, rw->ck) ELSE rw END ORDER BY i), '[]')
                        FROM jsonb_array_elements(answers->k) WITH ORDINALITY AS rr(rw, i)));
                    END IF;
                  END LOOP;
                END IF;
                r := pg_temp.portal_word_key(k, taken);
                IF r IS DISTINCT FROM k AND answers ? k THEN
                  answers := (answers - k) || jsonb_build_object(r, answers->k);
                END IF;
              END LOOP;
              RETURN answers;
            END
            $f$;
            """;

        /// <summary>Applies the functions to the stored data: everything read through a definition first, the definitions last.</summary>
        public const string RenameStoredData = """
            UPDATE requests AS r SET answers = pg_temp.portal_word_answers(r.answers, v.definition)
            FROM form_versions AS v
            WHERE r.form_version_id = v.id AND r.answers IS DISTINCT FROM pg_temp.portal_word_answers(r.answers, v.definition);

            UPDATE attachments AS a SET field_key = pg_temp.portal_word_key(a.field_key, pg_temp.portal_word_keys(v.definition))
            FROM requests AS r JOIN form_versions AS v ON v.id = r.form_version_id
            WHERE a.request_id = r.id AND a.field_key IS DISTINCT FROM pg_temp.portal_word_key(a.field_key, pg_temp.portal_word_keys(v.definition));

            UPDATE requests AS r SET correction_fields = ARRAY(SELECT pg_temp.portal_word_key(x, pg_temp.portal_word_keys(v.definition)) FROM unnest(r.correction_fields) AS x)
            FROM form_versions AS v
            WHERE r.form_version_id = v.id AND cardinality(r.correction_fields) > 0
              AND r.correction_fields IS DISTINCT FROM ARRAY(SELECT pg_temp.portal_word_key(x, pg_temp.portal_word_keys(v.definition)) FROM unnest(r.correction_fields) AS x);

            UPDATE form_versions SET definition = pg_temp.portal_word_definition(definition)
            WHERE definition IS DISTINCT FROM pg_temp.portal_word_definition(definition);
            """;

        /// <summary>The seeded certificates whose text is still the first one get the text of catalogue.json (point 10).</summary>
        public const string FullerCertificates = """
            UPDATE procedures SET certificate_body = E'La Direction générale de la fonction publique certifie que {{nom}}, matricule {{matricule}}, né(e) le {{date_naissance}}, {{emploi}}, affecté(e) par l''acte n° {{acte_numero}} du {{acte_date}} au {{ministere}}, {{structure_accueil}} (région {{region_accueil}}), a effectivement pris service dans cette structure le {{date_prise_service}}.\n\nDemande n° {{numero_demande}}.\n\nEn foi de quoi le présent certificat est délivré à l''intéressé(e) pour servir et valoir ce que de droit.'
            WHERE slug = 'certificat-de-prise-de-service' AND certificate_body = E'Vu la demande n° {{numero_demande}} déposée par {{nom}}, matricule {{matricule}}, au titre de la démarche « {{demarche}} », examinée et acceptée par le service compétent,\n\nle présent document, « Certificat de prise de service », est délivré à {{nom}}, matricule {{matricule}} pour servir et valoir ce que de droit.';
            UPDATE procedures SET certificate_body = E'La Direction générale de la fonction publique certifie que {{nom}}, matricule {{matricule}}, né(e) le {{date_naissance}}, {{emploi}} au {{ministere}}, {{structure}}, a cessé ses fonctions dans cette structure le {{date_cessation}}.\n\nMotif de la cessation : {{motif_demande}}.\nRéférence de l''acte : {{acte_reference}}.\n\nDemande n° {{numero_demande}}.\n\nEn foi de quoi le présent certificat est délivré à l''intéressé(e) pour servir et valoir ce que de droit.'
            WHERE slug = 'certificat-de-cessation-de-service' AND certificate_body = E'Vu la demande n° {{numero_demande}} déposée par {{nom}}, matricule {{matricule}}, au titre de la démarche « {{demarche}} », examinée et acceptée par le service compétent,\n\nle présent document, « Certificat de cessation de service », est délivré à {{nom}}, matricule {{matricule}} pour servir et valoir ce que de droit.';
            UPDATE procedures SET certificate_body = E'Vu la loi n°081-2015/CNT du 24 novembre 2015 portant statut général de la fonction publique d''État, notamment ses dispositions relatives à la position de disponibilité ;\nVu la demande n° {{numero_demande}} de l''intéressé(e) et l''avis de son supérieur hiérarchique ;\n\nARRÊTE\n\nArticle 1er : {{nom}}, matricule {{matricule}}, {{emploi}} au {{ministere}}, {{structure}}, est placé(e) en position de disponibilité pour le motif suivant : {{motif_demande}}, pour une durée de {{duree_mois}} mois à compter du {{date_effet}}.\nArticle 2 : Pendant cette période, l''intéressé(e) cesse de percevoir sa rémunération et de bénéficier de ses droits à l''avancement et à la retraite. Au plus tard à son expiration, il ou elle sollicite sa réintégration ou le renouvellement de sa disponibilité.\nArticle 3 : Le présent arrêté, qui prend effet à la date indiquée à l''article 1er, sera notifié à l''intéressé(e) et communiqué partout où besoin sera.'
            WHERE slug = 'mise-en-disponibilite' AND certificate_body = E'Vu la demande n° {{numero_demande}} déposée par {{nom}}, matricule {{matricule}}, au titre de la démarche « {{demarche}} », examinée et acceptée par le service compétent,\n\nle présent document, « Arrêté de mise en disponibilité », est délivré à {{nom}}, matricule {{matricule}} pour servir et valoir ce que de droit.';
            UPDATE procedures SET certificate_body = E'Vu la loi n°081-2015/CNT du 24 novembre 2015 portant statut général de la fonction publique d''État, notamment ses dispositions relatives à la disponibilité et à la réintégration ;\nVu l''acte n° {{acte_disponibilite_reference}} du {{acte_disponibilite_date}} portant mise en disponibilité de l''intéressé(e) ;\nVu la demande n° {{numero_demande}} et le certificat médical d''aptitude produit ;\n\nARRÊTE\n\nArticle 1er : {{nom}}, matricule {{matricule}}, {{emploi}}, est réintégré(e) dans son emploi à compter du {{date_fin}}, date de fin de sa disponibilité (fin anticipée : {{fin_anticipee}}).\nArticle 2 : L''intéressé(e) sera affecté(e) selon les nécessités du service ; région souhaitée : {{region_souhaitee}}.\nArticle 3 : Le présent arrêté, qui prend effet à la date indiquée à l''article 1er, sera notifié à l''intéressé(e) et communiqué partout où besoin sera.'
            WHERE slug = 'reintegration-apres-disponibilite' AND certificate_body = E'Vu la demande n° {{numero_demande}} déposée par {{nom}}, matricule {{matricule}}, au titre de la démarche « {{demarche}} », examinée et acceptée par le service compétent,\n\nle présent document, « Arrêté de réintégration », est délivré à {{nom}}, matricule {{matricule}} pour servir et valoir ce que de droit.';
            UPDATE procedures SET certificate_body = E'Vu la loi n°081-2015/CNT du 24 novembre 2015 portant statut général de la fonction publique d''État, notamment ses dispositions relatives à la position de détachement ;\nVu la demande n° {{numero_demande}} de l''intéressé(e), l''accord de l''organisme d''accueil et l''avis de son supérieur hiérarchique ;\n\nARRÊTE\n\nArticle 1er : {{nom}}, matricule {{matricule}}, {{emploi}} au {{ministere}}, {{structure}}, est placé(e) en position de détachement auprès de {{organisme_accueil}} ({{type_organisme}}) pour y occuper l''emploi de {{emploi_accueil}}, pour une durée de {{duree_mois}} mois à compter du {{date_effet}}.\nArticle 2 : Pendant la durée du détachement, l''intéressé(e) est rémunéré(e) par l''organisme d''accueil et conserve ses droits à l''avancement et à la retraite dans son corps d''origine.\nArticle 3 : Le présent arrêté, qui prend effet à la date indiquée à l''article 1er, sera notifié à l''intéressé(e) et communiqué partout où besoin sera.'
            WHERE slug = 'detachement' AND certificate_body = E'Vu la demande n° {{numero_demande}} déposée par {{nom}}, matricule {{matricule}}, au titre de la démarche « {{demarche}} », examinée et acceptée par le service compétent,\n\nle présent document, « Arrêté de détachement », est délivré à {{nom}}, matricule {{matricule}} pour servir et valoir ce que de droit.';
            UPDATE procedures SET certificate_body = E'Vu la loi n°081-2015/CNT du 24 novembre 2015 portant statut général de la fonction publique d''État, notamment ses dispositions relatives à l''avancement et à la gestion des carrières ;\nVu la demande n° {{numero_demande}} de l''intéressé(e) et les actes produits ;\n\nARRÊTE\n\nArticle 1er : La carrière de {{nom}}, matricule {{matricule}}, {{emploi}}, {{categorie}}, en service au {{ministere}}, {{structure}}, est reconstituée sur la base des actes suivants :\n{{actes}}\nArticle 2 : Les droits à l''avancement et à la rémunération qui découlent de ces actes sont pris en compte à leurs dates d''effet.\nArticle 3 : Le présent arrêté sera notifié à l''intéressé(e) et communiqué partout où besoin sera.'
            WHERE slug = 'reconstitution-de-carriere' AND certificate_body = E'Vu la demande n° {{numero_demande}} déposée par {{nom}}, matricule {{matricule}}, au titre de la démarche « {{demarche}} », examinée et acceptée par le service compétent,\n\nle présent document, « Arrêté de reconstitution de carrière », est délivré à {{nom}}, matricule {{matricule}} pour servir et valoir ce que de droit.';
            UPDATE procedures SET certificate_body = E'La Direction générale de la fonction publique certifie, au vu des actes de carrière de l''intéressé(e), les services de {{nom}}, matricule {{matricule}}, né(e) le {{date_naissance}} :\n\nSituation : {{situation}} (admission à la retraite : {{date_retraite}}).\nPériode couverte : {{periode}} ; début : {{periode_debut}} ; fin : {{periode_fin}}.\nMotif de la demande : {{motif_demande}} (précision : {{motif_autre}}).\n\nDemande n° {{numero_demande}}.\n\nEn foi de quoi le présent état est délivré à l''intéressé(e) pour servir et valoir ce que de droit.'
            WHERE slug = 'etat-general-des-services' AND certificate_body = E'Vu la demande n° {{numero_demande}} déposée par {{nom}}, matricule {{matricule}}, au titre de la démarche « {{demarche}} », examinée et acceptée par le service compétent,\n\nle présent document, « État général des services », est délivré à {{nom}}, matricule {{matricule}} pour servir et valoir ce que de droit.';
            UPDATE procedures SET certificate_body = E'L''Agence générale de recrutement de l''État atteste que {{nom}}, né(e) le {{date_naissance}} à {{lieu_naissance}}, sexe : {{sexe}}, CNIB n° {{numero_cnib}}, est inscrit(e) au concours direct : {{concours}}, sous le numéro d''inscription {{numero_demande}}.\n\nCentre de composition : {{centre_composition}}.\nDiplôme déclaré : {{diplome}} (autre diplôme : {{diplome_autre}}), spécialité {{diplome_specialite}}, obtenu en {{diplome_annee}}.\n\nLe candidat ou la candidate se présente aux épreuves muni(e) de ce récépissé et de sa CNIB. L''inscription ne vaut admission à concourir que si les conditions du concours sont remplies.'
            WHERE slug = 'inscription-concours-direct' AND certificate_body = E'Vu la demande n° {{numero_demande}} déposée par {{nom}} au titre de la démarche « {{demarche}} », examinée et acceptée par le service compétent,\n\nle présent document, « Récépissé d''inscription au concours », est délivré à {{nom}} pour servir et valoir ce que de droit.';
            UPDATE procedures SET certificate_body = E'L''Agence générale de recrutement de l''État atteste que l''inscription n° {{numero_recepisse}} au concours {{concours}}, au nom de {{nom}}, CNIB n° {{numero_cnib}}, est rectifiée comme suit :\n\nInformation rectifiée : {{champ}}.\nValeur erronée : {{valeur_erronee}}.\nValeur correcte : {{valeur_correcte}}.\n\nLa valeur correcte remplace la valeur erronée dans le fichier des candidats. Demande n° {{numero_demande}}.\n\nEn foi de quoi la présente attestation est délivrée à l''intéressé(e) pour servir et valoir ce que de droit.'
            WHERE slug = 'rectification-identite-concours' AND certificate_body = E'Vu la demande n° {{numero_demande}} déposée par {{nom}} au titre de la démarche « {{demarche}} », examinée et acceptée par le service compétent,\n\nle présent document, « Attestation de rectification d''identité », est délivré à {{nom}} pour servir et valoir ce que de droit.';
            UPDATE procedures SET certificate_body = E'Vu la loi n°028-2008/AN du 13 mai 2008 portant code du travail au Burkina Faso, notamment ses dispositions relatives au visa du contrat de travail ;\n\nLa Direction générale du travail vise le contrat de travail ({{type_contrat}}) conclu entre :\n– l''employeur {{raison_sociale}}, IFU {{ifu}}, RCCM {{rccm}}, établi dans la région {{employeur_region}} ;\n– le salarié ou la salariée {{salarie_prenoms}} {{salarie_nom}}, né(e) le {{salarie_date_naissance}}, CNIB n° {{salarie_cnib}}.\n\nEmploi : {{emploi}} ; catégorie professionnelle : {{categorie_professionnelle}}.\nDate de début : {{date_debut}} ; durée en mois (contrat à durée déterminée) : {{duree_mois}}.\nSalaire mensuel brut : {{salaire_mensuel}}.\n\nDemande n° {{numero_demande}}, déposée par {{nom}}.'
            WHERE slug = 'visa-contrat-de-travail' AND certificate_body = E'Vu la demande n° {{numero_demande}} déposée par {{nom}} au titre de la démarche « {{demarche}} », examinée et acceptée par le service compétent,\n\nle présent document, « Visa de contrat de travail », est délivré à {{nom}} pour servir et valoir ce que de droit.';
            UPDATE procedures SET certificate_body = E'Vu la loi n°028-2008/AN du 13 mai 2008 portant code du travail au Burkina Faso, notamment ses dispositions relatives à la déclaration d''établissement ;\n\nLa Direction générale du travail atteste que l''entreprise {{raison_sociale}}, IFU {{ifu}}, RCCM {{rccm}}, dont l''activité principale est : {{activite}}, a déclaré l''établissement situé {{adresse}}, région {{region}}.\n\nOuverture d''un nouvel établissement : {{ouverture}} ; date d''ouverture : {{date_ouverture}}.\nEffectif salarié déclaré : {{effectif}}.\n\nDemande n° {{numero_demande}}, déposée par {{nom}}.\n\nEn foi de quoi la présente attestation est délivrée à l''intéressé(e) pour servir et valoir ce que de droit.'
            WHERE slug = 'declaration-etablissement' AND certificate_body = E'Vu la demande n° {{numero_demande}} déposée par {{nom}} au titre de la démarche « {{demarche}} », examinée et acceptée par le service compétent,\n\nle présent document, « Attestation de déclaration d''établissement », est délivré à {{nom}} pour servir et valoir ce que de droit.';
            UPDATE procedures SET certificate_body = E'La Direction générale de la fonction publique atteste qu''au vu des fichiers de la fonction publique d''État, {{nom}}, né(e) le {{date_naissance}} à {{lieu_naissance}}, sexe : {{sexe}}, CNIB n° {{numero_cnib}}, titulaire du diplôme {{diplome}} (autre diplôme : {{diplome_autre}}) obtenu en {{diplome_annee}}, n''est pas engagé(e) dans la fonction publique d''État à la date de la présente attestation.\n\nUsage déclaré de l''attestation : {{motif_demande}}.\nDemande n° {{numero_demande}}.\n\nEn foi de quoi la présente attestation est délivrée à l''intéressé(e) pour servir et valoir ce que de droit.'
            WHERE slug = 'attestation-de-non-engagement' AND certificate_body = E'Vu la demande n° {{numero_demande}} déposée par {{nom}} au titre de la démarche « {{demarche}} », examinée et acceptée par le service compétent,\n\nle présent document, « Attestation de non-engagement », est délivré à {{nom}} pour servir et valoir ce que de droit.';
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(RenameFunctions + RenameStoredData + FullerCertificates
                + "DROP FUNCTION pg_temp.portal_word_answers(jsonb, jsonb); DROP FUNCTION pg_temp.portal_word_definition(jsonb); "
                + "DROP FUNCTION pg_temp.portal_word_field(jsonb, text[]); DROP FUNCTION pg_temp.portal_word_keys(jsonb); "
                + "DROP FUNCTION pg_temp.portal_word_key(text, text[]);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Keys stay renamed: the old names were the bug.
        }
    }
}
