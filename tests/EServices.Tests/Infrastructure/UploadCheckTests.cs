using System.Text;
using EServices.Web.Infrastructure.Storage;

namespace EServices.Tests.Infrastructure;

public sealed class UploadCheckTests
{
    [Fact]
    public void The_type_comes_from_the_first_bytes()
    {
        Assert.Equal("application/pdf", UploadCheck.ContentTypeOf(TestFiles.Pdf().Content));
        Assert.Equal("image/png", UploadCheck.ContentTypeOf(TestFiles.Png().Content));
        Assert.Equal("image/jpeg", UploadCheck.ContentTypeOf([0xFF, 0xD8, 0xFF, 0xE0, 0, 0]));
        Assert.Null(UploadCheck.ContentTypeOf(TestFiles.ExecutableNamedPdf().Content));
        Assert.Null(UploadCheck.ContentTypeOf(Encoding.UTF8.GetBytes("<svg xmlns='http://www.w3.org/2000/svg'/>")));
        Assert.Null(UploadCheck.ContentTypeOf([]));
    }

    [Fact]
    public void Files_that_hide_code_or_an_archive_are_refused_and_plain_scans_are_not()
    {
        static string? Hidden(Upload upload) => UploadCheck.HiddenContent(upload.Content, UploadCheck.ContentTypeOf(upload.Content)!);
        Assert.Equal("le fichier contient du code (HTML ou script)", Hidden(TestFiles.PngWithHtml()));
        Assert.Equal("le fichier contient du code (HTML ou script)", Hidden(TestFiles.JpegWithScript()));
        Assert.Equal("le fichier contient une archive cachée", Hidden(TestFiles.PngWithZip()));
        Assert.StartsWith("le PDF contient du contenu actif", Hidden(TestFiles.PdfWithJavaScript()), StringComparison.Ordinal);
        Assert.Null(Hidden(TestFiles.Pdf()));
        Assert.Null(Hidden(TestFiles.Png()));
        // A name that merely starts like an action is not one.
        Assert.Null(UploadCheck.HiddenContent(PdfForge.Document(PdfForge.OnePage("/JSON (x) /Lang (fr)")), "application/pdf"));
        Assert.Null(UploadCheck.HiddenContent(PdfForge.Document(PdfForge.OnePage("/Title (a < b and c > d)")), "application/pdf"));
    }

    [Theory]
    [InlineData("../../etc/passwd", "application/pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\awa\\CNIB recto.JPG", "image/jpeg", "CNIB recto.JPG")]
    [InlineData("bulletin<script>.pdf", "application/pdf", "bulletin_script_.pdf")]
    [InlineData("photo.pdf", "image/png", "photo.pdf.png")]
    [InlineData("", "application/pdf", "document.pdf")]
    public void File_names_are_cleaned_for_display_and_keep_the_real_extension(string name, string type, string expected) =>
        Assert.Equal(expected, UploadCheck.SafeFileName(name, type));
}
