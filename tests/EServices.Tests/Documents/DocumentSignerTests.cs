using System.Security.Cryptography;
using EServices.Web.Documents;

namespace EServices.Tests.Documents;

public sealed class DocumentSignerTests
{
    private static readonly SignedFacts Facts = new(DocumentKind.Certificate, "ATT-2027-000001", "Awa OUÉDRAOGO", new DateOnly(2027, 3, 26), "0123456789abcdef");

    [Fact]
    public void A_signed_payload_verifies_and_gives_back_its_facts()
    {
        using var signer = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        Assert.Equal(Facts, signer.Verify(signer.Sign(Facts)));
    }

    [Fact]
    public void One_changed_character_breaks_the_signature()
    {
        using var signer = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        var token = signer.Sign(Facts);
        var forged = signer.Sign(Facts with { Holder = "Issa KABORÉ" }).Split('.')[0] + "." + token.Split('.')[1];
        var flipped = token[..5] + (token[5] == 'A' ? 'B' : 'A') + token[6..];

        Assert.Null(signer.Verify(forged));
        Assert.Null(signer.Verify(flipped));
        Assert.Null(signer.Verify("pas-un-jeton"));
        Assert.Null(signer.Verify(token + "."));
    }

    [Fact]
    public void A_payload_signed_with_another_key_is_refused_and_the_public_key_alone_verifies()
    {
        using var ours = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        using var theirs = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        Assert.Null(ours.Verify(theirs.Sign(Facts)));

        using var published = ECDsa.Create();
        published.ImportFromPem(ours.PublicKeyPem);
        Assert.Equal(Facts, DocumentSigner.Verify(ours.Sign(Facts), published));
    }

    [Fact]
    public void Templates_fill_known_placeholders_and_list_them()
    {
        const string template = "{{nom}}, matricule {{ matricule }}, le {{date}}.";
        Assert.Equal(["nom", "matricule", "date"], CertificateTemplate.Placeholders(template));
        Assert.Equal("Awa, matricule 212345A, le .", CertificateTemplate.Fill(template, new Dictionary<string, string> { ["nom"] = "Awa", ["matricule"] = "212345A" }));
    }
}
