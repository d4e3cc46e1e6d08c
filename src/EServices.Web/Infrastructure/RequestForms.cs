namespace EServices.Web.Infrastructure;

public static class RequestForms
{
    /// <summary>The posted form, or null when the body is one no browser sends (a broken multipart, a cut-off body, a NUL
    /// character in a multipart name): the caller answers 400, never 500.</summary>
    public static async Task<IFormCollection?> ReadFormOrNullAsync(this HttpRequest request)
    {
        try
        {
            return await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception broken) when (broken is InvalidDataException or IOException or BadHttpRequestException)
        {
            return null;
        }
    }
}
