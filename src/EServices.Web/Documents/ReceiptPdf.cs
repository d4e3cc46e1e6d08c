using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Drawing.Layout;

namespace EServices.Web.Documents;

public sealed record ReceiptContent(
    string Number,
    string ProcedureTitle,
    string ServiceName,
    string ApplicantName,
    DateTimeOffset FiledAt,
    IReadOnlyList<(string Label, string FileName, long Size)> Documents,
    DateOnly? DueOn,
    CheckAddress Check,
    PaidFee? Fee = null);

/// <summary>A fee paid for a request, as its receipt prints it: the amount, the means ("Orange Money", "Quittance du
/// Trésor") and the provider's reference.</summary>
public sealed record PaidFee(int Amount, string Means, string? Reference);

/// <summary>The filing receipt (récépissé): the one place its layout lives.</summary>
public static class ReceiptPdf
{
    private const double Margin = 50;

    public static byte[] Render(ReceiptContent receipt)
    {
        using var document = PdfPages.NewDocument($"Récépissé {receipt.Number}");
        var page = document.AddA4Page();
        using var gfx = XGraphics.FromPdfPage(page);
        var width = page.WidthInside(Margin);
        var family = PdfFonts.FamilyFor(
            [receipt.Number, receipt.ProcedureTitle, receipt.ServiceName, receipt.ApplicantName, receipt.Check.Printed, Letterhead.Ministry,
             .. receipt.Documents.SelectMany(d => new[] { d.Label, d.FileName })]);
        var y = Letterhead.Draw(gfx, page, receipt.ServiceName, family);

        var title = new XFont(family, 16, XFontStyleEx.Bold);
        gfx.DrawString("RÉCÉPISSÉ DE DÉPÔT", title, XBrushes.Black, new XRect(Margin, y, width, 24), XStringFormats.TopCenter);
        y += 36;

        var label = new XFont(family, 10, XFontStyleEx.Bold);
        var text = new XFont(family, 10, XFontStyleEx.Regular);
        var formatter = new XTextFormatter(gfx);
        void Line(string name, string value)
        {
            gfx.DrawString(name, label, XBrushes.Black, new XRect(Margin, y, 170, 14), XStringFormats.TopLeft);
            var height = Math.Max(14, 14 * Math.Ceiling(value.Length / 60.0));
            formatter.DrawString(value, text, XBrushes.Black, new XRect(Margin + 175, y, width - 175, height), XStringFormats.TopLeft);
            y += height + 6;
        }

        var filedAt = receipt.FiledAt.ToUniversalTime();
        Line("Numéro de suivi :", receipt.Number);
        Line("Démarche :", receipt.ProcedureTitle);
        Line("Demandeur :", receipt.ApplicantName);
        Line("Déposée le :", filedAt.ToString("dd/MM/yyyy 'à' HH:mm", CultureInfo.InvariantCulture) + " (heure de Ouagadougou)");
        if (receipt.Fee is { } fee)
        {
            Line("Frais payés :", $"{FieldRules.FormatAmount(fee.Amount)} par {fee.Means}");
            Line("Référence du paiement :", fee.Reference ?? "—");
        }

        Line("Décision attendue :", receipt.DueOn is { } due ? $"au plus tard le {due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}" : "immédiate : ce récépissé vaut inscription");

        y += 8;
        gfx.DrawString("Pièces jointes", label, XBrushes.Black, new XRect(Margin, y, width, 14), XStringFormats.TopLeft);
        y += 18;
        if (receipt.Documents.Count == 0)
        {
            gfx.DrawString("Aucune", text, XBrushes.Black, new XRect(Margin + 10, y, width, 14), XStringFormats.TopLeft);
            y += 16;
        }

        foreach (var (docLabel, fileName, size) in receipt.Documents)
        {
            formatter.DrawString($"• {docLabel} : {fileName} ({FormatSize(size)})", text, XBrushes.Black, new XRect(Margin + 10, y, width - 10, 28), XStringFormats.TopLeft);
            y += 16 * Math.Ceiling((docLabel.Length + fileName.Length + 20) / 85.0);
        }

        y = Math.Max(y + 20, 560);
        QrCodes.Draw(page, receipt.Check.Signed, Margin, y, 120);
        var small = new XFont(family, 9, XFontStyleEx.Regular);
        formatter.DrawString(
            "Conservez ce récépissé : il prouve le dépôt de votre demande. Son authenticité se vérifie en scannant ce code ou à l'adresse :\n" + receipt.Check.Printed,
            small, XBrushes.Black, new XRect(Margin + 135, y + 10, width - 135, 100), XStringFormats.TopLeft);

        return document.ToBytes();
    }

    public static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} octets",
        < 1024 * 1024 => $"{Math.Ceiling(bytes / 1024.0)} Ko",
        _ => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.GetCultureInfo("fr-FR")) + " Mo",
    };
}
