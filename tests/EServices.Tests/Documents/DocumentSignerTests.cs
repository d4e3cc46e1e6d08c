using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EServices.Web.Documents;
using Microsoft.AspNetCore.WebUtilities;

namespace EServices.Tests.Documents;

public sealed partial class DocumentSignerTests
{
    private const string Base = "https://eservices.example.bf";
    private static readonly SignedFacts Facts = new(DocumentKind.Certificate, "ATT-2027-000001", "Awa OUÉDRAOGO", new DateOnly(2027, 3, 26));
    private static readonly CheckedFacts Checked = new(DocumentKind.Certificate, "ATT-2027-000001", new DateOnly(2027, 3, 26), "A** O********");

    [Fact]
    public void A_signed_address_is_written_for_the_QR_alphanumeric_mode_and_gives_back_its_facts()
    {
        using var signer = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        var url = VerificationLink.Signed(signer, Base, Facts);

        Assert.Matches(@"^HTTPS://ESERVICES\.EXAMPLE\.BF/V/C/ATT-2027-000001/20270326/A3\.O9/[A-Z2-7]{103}$", url);
        Assert.Equal(Checked, Read(signer, url));
    }

    [Fact]
    public void One_changed_character_breaks_the_signature()
    {
        using var signer = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        var url = VerificationLink.Signed(signer, Base, Facts);
        var signature = url.Split('/')[^1];

        Assert.Null(Read(signer, url.Replace("000001", "000002", StringComparison.Ordinal)));
        Assert.Null(Read(signer, url.Replace("/C/", "/R/", StringComparison.Ordinal)));
        Assert.Null(Read(signer, url.Replace("20270326", "20270327", StringComparison.Ordinal)));
        Assert.Null(Read(signer, url.Replace("A3.O9", "A3.O8", StringComparison.Ordinal)));
        Assert.Null(Read(signer, url.Replace(signature, (signature[0] == 'A' ? "B" : "A") + signature[1..], StringComparison.Ordinal)));
        Assert.Null(Read(signer, url.Replace(signature, signature[..^1], StringComparison.Ordinal)));
        Assert.Null(Read(signer, url.Replace(signature, "pas-une-signature", StringComparison.Ordinal)));
        Assert.Null(Read(signer, url.Replace("A3.O9", "A3.O", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_address_signed_with_another_key_is_refused_and_the_public_key_alone_verifies()
    {
        using var ours = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        using var theirs = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        Assert.Null(Read(ours, VerificationLink.Signed(theirs, Base, Facts)));

        using var published = new DocumentSigner(ours.PublicKeyPem);
        Assert.Equal(Checked, Read(published, VerificationLink.Signed(ours, Base, Facts)));
        Assert.ThrowsAny<CryptographicException>(() => VerificationLink.Signed(published, Base, Facts));
    }

    [Fact]
    public void A_name_outside_the_Latin_alphabet_and_a_path_base_keep_the_address_right()
    {
        using var signer = new DocumentSigner(DocumentSigner.NewPrivateKeyPem());
        var url = VerificationLink.Signed(signer, "http://127.0.0.1:5000/eservices", Facts with { Holder = "ирина Ouédraogo" });

        // The initial is percent-encoded (capitals and digits: still the alphanumeric mode); the path base keeps its case.
        Assert.StartsWith("HTTP://127.0.0.1:5000/eservices/V/C/ATT-2027-000001/20270326/%D0%985.O9/", url, StringComparison.Ordinal);
        Assert.Equal(Checked with { MaskedHolder = "И**** O********" }, Read(signer, url));
    }

    [Fact]
    public void A_format_1_token_of_a_document_issued_before_still_verifies_with_its_holder_masked()
    {
        var pem = DocumentSigner.NewPrivateKeyPem();
        using var signer = new DocumentSigner(pem);
        var token = Format1Token(pem, "Certificate|ATT-2027-000001|Awa OUÉDRAOGO|2027-03-26|0123456789abcdef");

        Assert.Equal(Checked, signer.VerifyFormat1(token));
        Assert.Null(signer.VerifyFormat1(token[..5] + (token[5] == 'A' ? 'B' : 'A') + token[6..]));
        Assert.Null(signer.VerifyFormat1("pas-un-jeton"));
        Assert.Null(signer.VerifyFormat1(token + "."));
        Assert.Null(new DocumentSigner(DocumentSigner.NewPrivateKeyPem()).VerifyFormat1(token));
    }

    [Fact]
    public void Names_are_masked_to_initials_and_lengths()
    {
        Assert.Equal("A** O********", HolderMask.Of("Awa OUÉDRAOGO"));
        Assert.Equal("A3.O9", HolderMask.Code(" awa  Ouédraogo "));
        Assert.Equal("-", HolderMask.Code(" "));
        Assert.Equal("", HolderMask.Show("-"));
        Assert.Null(HolderMask.Show("A0"));
        Assert.Null(HolderMask.Show("A3..O9"));
        Assert.Null(HolderMask.Show("A999"));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_follows_the_test_vectors_of_RFC_4648(string bytes, string text)
    {
        Assert.Equal(text, Base32.Encode(Encoding.ASCII.GetBytes(bytes)));
        Assert.Equal(bytes, Encoding.ASCII.GetString(Base32.Decode(text)!));
    }

    [Fact]
    public void Base32_refuses_what_no_bytes_encode_to()
    {
        Assert.Null(Base32.Decode("MZ")); // left-over bits that are not zero
        Assert.Null(Base32.Decode("MZX")); // a character too many
        Assert.Null(Base32.Decode("mzxw6")); // lower case
        Assert.Null(Base32.Decode("MZXW1"));
    }

    [Fact]
    public void Templates_fill_known_placeholders_and_list_them()
    {
        const string template = "{{nom}}, matricule {{ matricule }}, le {{date}}.";
        Assert.Equal(["nom", "matricule", "date"], CertificateTemplate.Placeholders(template));
        Assert.Equal("Awa, matricule 212345A, le .", CertificateTemplate.Fill(template, new Dictionary<string, string> { ["nom"] = "Awa", ["matricule"] = "212345A" }));
    }

    /// <summary>Reads an address as the check page's route does: path segments after /V/, percent-decoded.</summary>
    private static CheckedFacts? Read(DocumentSigner signer, string url) =>
        SignedPath().Match(url) is { Success: true } m
            ? VerificationLink.Read(signer, m.Groups[1].Value, Uri.UnescapeDataString(m.Groups[2].Value), m.Groups[3].Value, Uri.UnescapeDataString(m.Groups[4].Value), m.Groups[5].Value)
            : throw new ArgumentException($"Not a format 2 address: {url}", nameof(url));

    /// <summary>A token as issued before format 2: "facts.signature", both base64url.</summary>
    public static string Format1Token(string privateKeyPem, string facts)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(privateKeyPem);
        var data = Encoding.UTF8.GetBytes(facts);
        var signature = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{WebEncoders.Base64UrlEncode(data)}.{WebEncoders.Base64UrlEncode(signature)}";
    }

    [GeneratedRegex("/V/([^/]+)/([^/]+)/([^/]+)/([^/]+)/([^/]+)$")]
    private static partial Regex SignedPath();
}
