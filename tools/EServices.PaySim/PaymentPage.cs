using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace EServices.PaySim;

/// <summary>
/// The payment page the portal sends the payer to: a plain form in French (no script), where the person testing picks the
/// operator and what happens. On a choice the transaction is settled, the merchant notified, and the browser sent back
/// to return_url with ?transaction_id=…&amp;token=… (a GET redirect: works with JavaScript off).
/// </summary>
public static class PaymentPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly (string Value, string Label)[] Methods = [("OM", "Orange Money"), ("MOOV", "Moov Money")];

    private static readonly (string Value, Outcome Outcome, string Label)[] Choices =
    [
        ("succes", Outcome.Paid, "Succès : le paiement est accepté"),
        ("echec", Outcome.Failed, "Échec : le paiement est refusé (solde insuffisant)"),
        ("abandon", Outcome.Abandoned, "Abandon : le payeur annule"),
        ("lent", Outcome.Slow, "Réponse lente : en attente du payeur, puis accepté"),
    ];

    public static IResult Show(string token, SimStore store) =>
        store.FindByToken(token) is { } tx ? Page(tx, null, null, null, [], StatusCodes.Status200OK) : NotFound();

    public static async Task<IResult> ChooseAsync(string token, HttpContext http, SimStore store, Settlement settlement)
    {
        if (store.FindByToken(token) is not { } tx)
        {
            return NotFound();
        }
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        string? One(string key) => form[key].Count == 1 ? form[key][0] : null;
        var method = One("moyen");
        var choice = Choices.FirstOrDefault(c => c.Value == One("issue"));
        var phone = new string((One("telephone") ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        var errors = new Dictionary<string, string>();
        if (!Methods.Any(m => m.Value == method))
        {
            errors["moyen"] = "Choisissez Orange Money ou Moov Money.";
        }
        if (phone.Length != 8 || !phone.All(char.IsAsciiDigit))
        {
            errors["telephone"] = "Saisissez un numéro à 8 chiffres, par exemple 70 12 34 56.";
        }
        if (choice.Value is null)
        {
            errors["issue"] = "Choisissez ce qui se passe.";
        }
        if (errors.Count > 0)
        {
            return Page(tx, method, One("telephone"), One("issue"), errors, StatusCodes.Status400BadRequest);
        }
        await settlement.SettleAsync(tx, choice.Outcome, method!, phone);
        var separator = tx.ReturnUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return Results.Redirect($"{tx.ReturnUrl}{separator}transaction_id={Uri.EscapeDataString(tx.TransactionId)}&token={tx.Token}");
    }

    private static IResult NotFound() =>
        Results.Content(Layout("Paiement introuvable", "<h1>Paiement introuvable</h1><p>Ce lien de paiement n’existe pas.</p>"),
            "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);

    private static IResult Page(SimTransaction tx, string? method, string? phone, string? choice, Dictionary<string, string> errors, int status)
    {
        var amount = tx.Amount.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"));
        var html = new StringBuilder();
        html.Append($"<h1>Payer {amount} F CFA</h1><p>{E(tx.Description)}<br>Transaction {E(tx.TransactionId)}</p>");
        if (tx.IsFinal)
        {
            html.Append($"<p>Cette transaction est déjà traitée ({E(tx.Message)}).</p><p><a href=\"{E(tx.ReturnUrl)}\">Retour au site du marchand</a></p>");
            return Results.Content(Layout("Paiement déjà traité", html.ToString()), "text/html; charset=utf-8", statusCode: status);
        }
        if (errors.Count > 0)
        {
            html.Append("<div role=\"alert\"><h2>Le choix est incomplet</h2><ul>");
            foreach (var (field, message) in errors)
            {
                html.Append($"<li><a href=\"#{field}\">{E(message)}</a></li>");
            }
            html.Append("</ul></div>");
        }
        html.Append($"<form method=\"post\" action=\"/paiement/{E(tx.Token)}\">");
        Radios(html, "moyen", "Moyen de paiement", Methods.Select(m => (m.Value, m.Label)), method, errors);
        html.Append($"<p><label for=\"telephone\">Numéro du payeur (8 chiffres)</label>{Error(errors, "telephone")}<br>")
            .Append($"<input id=\"telephone\" name=\"telephone\" type=\"tel\" inputmode=\"numeric\" autocomplete=\"tel-national\" value=\"{E(phone ?? "70 12 34 56")}\"")
            .Append(errors.ContainsKey("telephone") ? " aria-invalid=\"true\" aria-describedby=\"telephone-erreur\"" : "").Append("></p>");
        Radios(html, "issue", "Ce qui se passe (simulateur)", Choices.Select(c => (c.Value, c.Label)), choice, errors);
        html.Append("<p><button type=\"submit\">Valider</button></p></form>");
        return Results.Content(Layout((errors.Count > 0 ? "Erreur : " : "") + "Paiement par mobile money", html.ToString()), "text/html; charset=utf-8", statusCode: status);
    }

    private static void Radios(StringBuilder html, string name, string legend, IEnumerable<(string Value, string Label)> options, string? chosen, Dictionary<string, string> errors)
    {
        var described = errors.ContainsKey(name) ? $" aria-describedby=\"{name}-erreur\"" : "";
        html.Append($"<fieldset id=\"{name}\"{described}><legend>{legend}</legend>{Error(errors, name)}");
        foreach (var (value, label) in options)
        {
            var check = value == chosen ? " checked" : "";
            html.Append($"<p><input type=\"radio\" id=\"{name}-{value}\" name=\"{name}\" value=\"{value}\"{check}> <label for=\"{name}-{value}\">{E(label)}</label></p>");
        }
        html.Append("</fieldset>");
    }

    private static string Error(Dictionary<string, string> errors, string field) =>
        errors.TryGetValue(field, out var message) ? $"<br><strong id=\"{field}-erreur\" class=\"erreur\">{E(message)}</strong>" : "";

    private static string Layout(string title, string body) =>
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{E(title)} – simulateur CinetPay</title><style>body{{font-family:sans-serif;max-width:32rem;margin:1rem auto;padding:0 1rem;line-height:1.5}}" +
        "fieldset{margin:1rem 0}input[type=tel]{font-size:1.1rem;padding:.4rem;max-width:100%}button{font-size:1.1rem;padding:.5rem 1.5rem}" +
        ".erreur,[role=alert]{color:#a00}</style></head><body><main>" +
        "<p><small>Simulateur de paiement CinetPay (développement et tests) : aucun argent n’est débité.</small></p>" + body + "</main></body></html>";

    private static string E(string text) => Html.Encode(text);
}
