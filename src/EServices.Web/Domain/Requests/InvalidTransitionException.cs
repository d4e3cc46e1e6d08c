namespace EServices.Web.Domain.Requests;

/// <summary>Thrown when a request is asked to make a move its state does not allow. The message is French,
/// shown to the user as it is.</summary>
public sealed class InvalidTransitionException : Exception
{
    public InvalidTransitionException()
        : base("Cette action n'est pas possible dans l'état actuel de la demande.")
    {
    }

    public InvalidTransitionException(string message)
        : base(message)
    {
    }

    public InvalidTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
