using EServices.Tests.Features.Accounts;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>ASVS V2.2.1 (account enumeration), review of issue 16 finding 1: the page of a password reset by SMS code answers a
/// number with an account and one without alike, whatever the password and the code typed.</summary>
[Collection(WebCollection.Name)]
public sealed class SmsPasswordResetEnumerationTests(HostFixture host)
{
    [Fact]
    public async Task A_reset_by_code_answers_alike_whether_or_not_the_number_has_an_account()
    {
        using var owner = host.NewSession();
        var (known, _) = await TestUsers.SignUpByPhoneAsync(owner);
        var unknown = TestSms.NewPhone();
        using var stranger = host.NewSession();
        var forgot = await stranger.GetAsync("/compte/mot-de-passe-oublie");
        var forKnown = await stranger.SubmitAsync(forgot, "Recevoir le lien ou le code", [("Email", known)]);
        var forUnknown = await stranger.SubmitAsync(forgot, "Recevoir le lien ou le code", [("Email", unknown)]);
        var code = TestUsers.CodeIn((await TestSms.LastToAsync(host, known)).Text);
        var wrong = code == "000000" ? "111111" : "000000";
        const string Good = "une phrase assez longue";
        (string Code, string Password, string Confirm)[] tries =
        [
            (wrong, "111111111111", "111111111111"), // in the list of common passwords
            (code, "111111111111", "111111111111"), // the right code does not tell either
            (wrong, "court", "court"),
            (wrong, Good, "une autre phrase longue"),
            ("12345", Good, Good),
            (wrong, Good, Good),
        ];
        foreach (var (typed, password, confirm) in tries)
        {
            var withAccount = await stranger.SubmitAsync(forKnown, "Valider le code", [("Code", typed), ("Password", password), ("ConfirmPassword", confirm)]);
            var without = await stranger.SubmitAsync(forUnknown, "Valider le code", [("Code", typed), ("Password", password), ("ConfirmPassword", confirm)]);
            Assert.Equal(without.Status, withAccount.Status);
            Assert.Equal((without.ErrorFor("Code"), without.ErrorFor("Password"), without.ErrorFor("ConfirmPassword")),
                (withAccount.ErrorFor("Code"), withAccount.ErrorFor("Password"), withAccount.ErrorFor("ConfirmPassword")));
            Assert.Equal(AccountsByPhoneTests.Comparable(without, unknown), AccountsByPhoneTests.Comparable(withAccount, known));
        }
    }
}
