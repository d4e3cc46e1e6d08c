using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Tests.Payments;
using EServices.Web.Data.Seed;
using EServices.Web.Forms;

namespace EServices.Tests.Features.BackOffice;

/// <summary>
/// Issue 14, points 9 and 10: each e-service of the seed is filed with answers that differ from one field to the next,
/// accepted, and its certificate must print what an act of that kind states: the answers listed below, the holder,
/// and the document's own number (never replaced by an answer).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CertificateTextTests(HostFixture host)
{
    /// <summary>What the signatory checks on each document, by seeded procedure: the keys whose answers it must print.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Needed = new Dictionary<string, string[]>
    {
        ["attestation-de-travail"] = ["matricule", "date_naissance", "ministere", "structure", "emploi", "date_prise_service"],
        ["certificat-de-prise-de-service"] = ["matricule", "acte_numero", "acte_date", "ministere", "structure_accueil", "region_accueil", "emploi", "date_prise_service"],
        ["certificat-de-cessation-de-service"] = ["matricule", "ministere", "structure", "emploi", "date_cessation", "motif_demande", "acte_reference"],
        ["mise-en-disponibilite"] = ["matricule", "ministere", "structure", "emploi", "motif_demande", "duree_mois", "date_effet"],
        ["reintegration-apres-disponibilite"] = ["matricule", "emploi", "acte_disponibilite_reference", "acte_disponibilite_date", "date_fin"],
        ["detachement"] = ["matricule", "ministere", "structure", "emploi", "organisme_accueil", "type_organisme", "emploi_accueil", "duree_mois", "date_effet"],
        ["reconstitution-de-carriere"] = ["matricule", "emploi", "categorie", "actes.nature", "actes.numero_acte", "actes.date_acte"],
        ["etat-general-des-services"] = ["matricule", "date_naissance", "situation", "periode", "motif_demande"],
        ["inscription-concours-direct"] = ["concours", "centre_composition", "date_naissance", "lieu_naissance", "numero_cnib", "diplome", "diplome_annee"],
        ["rectification-identite-concours"] = ["numero_recepisse", "concours", "numero_cnib", "champ", "valeur_erronee", "valeur_correcte"],
        ["visa-contrat-de-travail"] = ["raison_sociale", "ifu", "rccm", "salarie_nom", "salarie_prenoms", "salarie_date_naissance", "salarie_cnib", "type_contrat", "date_debut", "emploi", "salaire_mensuel"],
        ["declaration-etablissement"] = ["raison_sociale", "ifu", "rccm", "activite", "adresse", "region", "effectif"],
        ["attestation-de-non-engagement"] = ["date_naissance", "lieu_naissance", "numero_cnib", "diplome", "diplome_annee"],
    };

    public static TheoryData<string> Certified()
    {
        var data = new TheoryData<string>();
        foreach (var p in CatalogueSeed.Load().Procedures.Where(p => p.Certificate is not null))
        {
            data.Add(p.Slug);
        }

        return data;
    }

    [Fact]
    public void Every_seeded_certificate_has_its_list_of_needed_answers() =>
        Assert.Equal(CatalogueSeed.Load().Procedures.Where(p => p.Certificate is not null).Select(p => p.Slug).Order(), Needed.Keys.Order());

    [Fact]
    public async Task Reconstitution_de_carriere_prints_the_acts_numbers_and_dates_beside_its_own_number()
    {
        var (number, text, answers) = await FileAndAcceptAsync("reconstitution-de-carriere");
        var act = answers["actes.numero_acte"];
        Assert.Matches(@"N° ARR-2027-\d{6}", text);
        Assert.Contains(Plain(act), Plain(text), StringComparison.Ordinal);
        Assert.Contains(Plain(answers["actes.date_acte"]), Plain(text), StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal); // the request's number, cited in the arrêté
    }

    [Theory]
    [MemberData(nameof(Certified))]
    public async Task Each_certificate_prints_the_answers_its_act_needs(string slug)
    {
        var (_, text, answers) = await FileAndAcceptAsync(slug);
        var prefix = CatalogueSeed.Load().Procedures.Single(p => p.Slug == slug).Certificate!.Prefix;
        Assert.Matches($@"N° {prefix}-2027-\d{{6}}", text);
        Assert.Contains("Issa KABORÉ", text, StringComparison.Ordinal);
        var missing = Needed[slug].Where(k => !Plain(text).Contains(Plain(answers[k]), StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{slug}: the certificate does not print {string.Join(", ", missing.Select(k => $"{k} = « {answers[k]} »"))}.\n{text}");
    }

    /// <summary>Files the procedure with distinct answers, has a DGFP/AGRE/DGT agent accept it, returns the request's
    /// number, the certificate's text and each answer as displayed (block columns as "block.column", first row).</summary>
    private async Task<(string Number, string Text, Dictionary<string, string> Answers)> FileAndAcceptAsync(string slug)
    {
        var seed = CatalogueSeed.Load();
        var procedure = seed.Procedures.Single(p => p.Slug == slug);
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant, "Issa", "Kaboré");
        var shown = new Dictionary<string, string>();
        var page = await applicant.SubmitAsync(await applicant.GetAsync($"/demarches/{slug}"), "Commencer la démarche");
        var n = 0;
        foreach (var step in procedure.Form!.Steps)
        {
            var values = new List<(string, string)>();
            foreach (var field in step.Fields.Where(f => f.Type is not (FieldType.Info or FieldType.File)))
            {
                if (field.Type == FieldType.Repeat)
                {
                    foreach (var column in field.Fields ?? [])
                    {
                        var v = Value(column, ++n);
                        values.Add((FormAnswersValidator.RowKey(field.Key, 0, column.Key), v));
                        shown[$"{field.Key}.{column.Key}"] = AnswerDisplay.Simple(column, v);
                    }

                    continue;
                }

                var value = Value(field, ++n);
                values.Add((field.Key, value));
                shown[field.Key] = field.Type == FieldType.MultiChoice ? AnswerDisplay.Many(field, [value]) : AnswerDisplay.Simple(field, value);
            }

            var files = step.Fields.Where(f => f.Type == FieldType.File).ToDictionary(f => f.Key, f => TestFiles.Pdf($"{f.Key}.pdf"));
            page = await applicant.SubmitAsync(page, "Continuer", values, files);
            Assert.True(page.SummaryErrors.Count == 0, $"{slug} / {step.Title}: {string.Join(" | ", page.SummaryErrors)}");
        }

        var filed = procedure.FeeKind == FeeKind.None
            ? await applicant.SubmitAsync(page, "Déposer ma demande", [("declaration", "oui")])
            : await host.PayAtCounterAsync(applicant, await applicant.SubmitAsync(page, "Payer et déposer", [("declaration", "oui")]), procedure.FeeXof);
        var number = filed.Url.Split('/').Last();

        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, procedure.Service);
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        var accepted = await agent.SubmitAsync(taken, "Accepter la demande");
        Assert.Contains($"Demande {number} : acceptée.", accepted.Text, StringComparison.Ordinal);
        var (status, pdf, _) = await applicant.DownloadAsync($"/mes-demandes/{number}/certificat");
        Assert.Equal(HttpStatusCode.OK, status);
        return (number, FilingTests.PdfText(pdf), shown);
    }

    /// <summary>An answer of the field's kind that no other field of the form shares.</summary>
    private static string Value(FormField field, int n) => field.Type switch
    {
        FieldType.Text when field.Pattern is { } pattern => new[] { "00012345A", "BF-OUA-2020-B-1234", "AB123" }.First(v => Regex.IsMatch(v, $"^(?:{pattern})$")),
        FieldType.Text => $"Réponse{n}-{field.Key}",
        FieldType.LongText => $"Exposé{n} des faits.",
        FieldType.Integer => Between(field, n),
        FieldType.Amount => (170_000 + n).ToString(CultureInfo.InvariantCulture),
        FieldType.Date => field.Min == "today" ? new DateOnly(2027, 4, 1).AddDays(n).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : new DateOnly(2000, 1, 1).AddDays(23 * n).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        FieldType.Email => $"contact{n}@exemple.bf",
        FieldType.Phone => "76 00 00 01",
        FieldType.YesNo => "non",
        FieldType.Choice or FieldType.Region or FieldType.MultiChoice => Choice(field, n),
        FieldType.Cnib => "B12345678",
        FieldType.Matricule => "212345A",
        _ => throw new InvalidOperationException($"No sample for {field.Type}"),
    };

    /// <summary>Another choice than the first when there is one, so that labels differ; never "autre", which asks for more.</summary>
    private static string Choice(FormField field, int n)
    {
        var choices = field.Choices.Where(c => c.Value != "autre").ToList();
        return choices[n % choices.Count].Value;
    }

    private static string Between(FormField field, int n)
    {
        var min = long.TryParse(field.Min, CultureInfo.InvariantCulture, out var a) ? a : 1;
        var max = long.TryParse(field.Max, CultureInfo.InvariantCulture, out var b) ? b : min + 100;
        return (min + ((n * 7) % (max - min + 1))).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Words break across lines and justification moves spaces: compare without them.</summary>
    private static string Plain(string text) => Regex.Replace(text, @"\s+", "");
}
