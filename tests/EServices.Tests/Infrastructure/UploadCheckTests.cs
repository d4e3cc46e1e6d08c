using System.Text;
using EServices.Web.Features.Verification;
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

    [Theory]
    [InlineData("../../etc/passwd", "application/pdf", "passwd.pdf")]
    [InlineData("C:\\Users\\awa\\CNIB recto.JPG", "image/jpeg", "CNIB recto.JPG")]
    [InlineData("bulletin<script>.pdf", "application/pdf", "bulletin_script_.pdf")]
    [InlineData("photo.pdf", "image/png", "photo.pdf.png")]
    [InlineData("", "application/pdf", "document.pdf")]
    public void File_names_are_cleaned_for_display_and_keep_the_real_extension(string name, string type, string expected) =>
        Assert.Equal(expected, UploadCheck.SafeFileName(name, type));

    [Fact]
    public void Holder_names_are_masked_on_the_public_check_page() =>
        Assert.Equal("A** O********", VerificationController.Mask("Awa OUÉDRAOGO"));
}
