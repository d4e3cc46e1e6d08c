using EServices.Tests.Infrastructure;

namespace EServices.BrowserTests.Infrastructure;

/// <summary>A temporary folder holding the files an applicant picks in the file chooser; deleted afterwards.</summary>
public sealed class ScratchFolder : IDisposable
{
    private const string SmallPhoto =
        "iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAACt0lEQVR42g3Moc6uIACA4XMlfzQajUaj0fAGo9HoTCRnIDgSiRkIjkRiBoIjkZzB4PWc77mA59/fTDFTzlQz9Uwz0850M/3MMDPOTDNiZp3ZZvTMPnPM+Jlz5prJM8/MN/PvT1AISkElqAWNoBV0gl4wCEbBJBCCVbAJtGAXHAIvOAWXIAsewSd+0UKxUC5UC/VCs9AudAv9wrAwLkwLYmFd2Bb0wr5wLPiFc+FayAvPwrf8IkkhKSWVpJY0klbSSXrJIBklk0RIVskm0ZJdcki85JRckix5JJ/8RYpCUSoqRa1oFK2iU/SKQTEqJoVQrIpNoRW74lB4xam4FFnxKD71izSFptRUmlrTaFpNp+k1g2bUTBqhWTWbRmt2zaHxmlNzabLm0Xz6FxkKQ2moDLWhMbSGztAbBsNomAzCsBo2gzbshsPgDafhMmTDY/jML7IUltJSWWpLY2ktnaW3DJbRMlmEZbVsFm3ZLYfFW07LZcmWx/LZX+QoHKWjctSOxtE6OkfvGByjY3IIx+rYHNqxOw6Hd5yOy5Edj+Nzv8hTeEpP5ak9jaf1dJ7eM3hGz+QRntWzebRn9xwe7zk9lyd7Hs/nf1GgCJSBKlAHmkAb6AJ9YAiMgSkgAmtgC+jAHjgCPnAGrkAOPIEv/KJIESkjVaSONJE20kX6yBAZI1NERNbIFtGRPXJEfOSMXJEceSJf/EWJIlEmqkSdaBJtokv0iSExJqaESKyJLaETe+JI+MSZuBI58SS+9IsyRabMVJk602TaTJfpM0NmzEwZkVkzW0Zn9syR8Zkzc2Vy5sl8+RfdFDflTXVT3zQ37U13098MN+PNdCNu1pvtRt/sN8eNvzlvrpt889x89y96KV7Kl+qlfmle2pfupX8ZXsaX6UW8rC/bi37ZX44X/3K+XC/55Xn5Xv4DQlM1n1Z05eUAAAAASUVORK5CYII=";

    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"eservices-browser-{Guid.NewGuid():N}")).FullName;

    /// <summary>Writes a small file that is a PDF by its first bytes ("%PDF-") and returns its path.</summary>
    public string Pdf(string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, TestFiles.Pdf(name).Content);
        return path;
    }

    /// <summary>Writes a real 24 × 16 PNG image (a CNIB photographed with a phone, in miniature) and returns its path.</summary>
    public string Png(string name)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, Convert.FromBase64String(SmallPhoto));
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
