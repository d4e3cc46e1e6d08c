using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Filing;

/// <summary>The "Attestation de travail" form, filled as an applicant would, step by step.</summary>
public static class AttestationJourney
{
    public static readonly (string, string)[] Identity =
        [("matricule", "212345 a"), ("nom_declare", "Ouédraogo"), ("prenoms_declares", "Awa"), ("date_naissance", "1988-05-14"), ("telephone", "70123456")];

    public static readonly (string, string)[] Employment =
    [
        ("ministere", "Ministère de la Santé"), ("structure", "CHU Yalgado Ouédraogo"), ("emploi", "Infirmière d'État"),
        ("date_prise_service", "2015-02-01"), ("motif_demande", "dossier-bancaire"),
    ];

    public static async Task<Page> StartAsync(WebSession session)
    {
        var sheet = await session.GetAsync("/demarches/attestation-de-travail");
        return await session.SubmitAsync(sheet, "Commencer la démarche");
    }

    /// <summary>Fills the identity and employment steps and stops on the documents step (the third).</summary>
    public static async Task<Page> ToDocumentsStepAsync(WebSession session)
    {
        var step1 = await StartAsync(session);
        var step2 = await session.SubmitAsync(step1, "Continuer", Identity);
        return await session.SubmitAsync(step2, "Continuer", Employment);
    }

    /// <summary>Fills every step with valid answers and stops on the review page.</summary>
    public static async Task<Page> FillAsync(WebSession session)
    {
        var step3 = await ToDocumentsStepAsync(session);
        return await session.SubmitAsync(step3, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
        {
            ["cnib"] = TestFiles.Pdf("ma cnib.pdf"),
            ["bulletin"] = TestFiles.Png("bulletin-mars.png"),
        });
    }

    /// <summary>Files a complete request and returns its tracking number.</summary>
    public static async Task<string> FileAsync(WebSession session)
    {
        var review = await FillAsync(session);
        var filed = await session.SubmitAsync(review, "Déposer ma demande", [("declaration", "oui")]);
        return filed.Url.Split('/').Last();
    }
}
