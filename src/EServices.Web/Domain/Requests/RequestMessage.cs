namespace EServices.Web.Domain.Requests;

/// <summary>A message between the administration and the applicant about a request, or a private note
/// (<see cref="IsPrivateNote"/>) that only staff ever see.</summary>
public sealed class RequestMessage
{
    public long Id { get; set; }
    public Guid RequestId { get; set; }
    public required string AuthorId { get; set; }
    public bool FromStaff { get; set; }
    public bool IsPrivateNote { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Text { get; set; }

    public const int MaxLength = 2000;

    /// <summary>The French error for a text that cannot be sent, or null.</summary>
    public static string? Problem(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "Écrivez votre message avant de l'envoyer."
        : text.Length > MaxLength ? $"Le message doit contenir au plus {MaxLength} caractères."
        // A NUL or a direction override would make it read otherwise than stored (PostgreSQL refuses the NUL outright);
        // browsers end a textarea's lines with CR LF.
        : Forms.FieldRules.HasControlCharacters(text.Replace("\r\n", "\n", StringComparison.Ordinal), allowNewLines: true) ? "Le message contient des caractères non autorisés."
        : null;
}
