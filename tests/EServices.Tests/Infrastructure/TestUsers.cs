namespace EServices.Tests.Infrastructure;

public sealed record TestUser(string Email, string Password, string FirstNames, string LastName)
{
    public string? AuthenticatorKey { get; init; }
}

public static class TestUsers
{
    public const string Password = "une phrase de passe solide";

    /// <summary>Signs up a new applicant through the sign-up page; the session is then signed in.</summary>
    public static async Task<TestUser> SignUpAsync(WebSession session, string firstNames = "Awa", string lastName = "Ouédraogo")
    {
        var email = $"usager-{Guid.NewGuid():N}@exemple.bf";
        var page = await session.GetAsync("/compte/inscription");
        var result = await session.SubmitAsync(page, "Créer mon compte",
        [
            ("LastName", lastName), ("FirstNames", firstNames), ("Email", email), ("Phone", "70 12 34 56"),
            ("Password", Password), ("ConfirmPassword", Password),
        ]);
        if (!result.Text.Contains("Votre compte est créé", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Sign-up failed: " + result.Text);
        }

        return new TestUser(email, Password, firstNames, lastName);
    }
}
