using System.Net.Http.Headers;
using AngleSharp.Html.Dom;

namespace EServices.Tests.Infrastructure;

/// <summary>An upload as a browser sends it.</summary>
public sealed record Upload(string FileName, byte[] Content, string ContentType = "application/octet-stream");

/// <summary>What a browser posts when a form's button is pressed: every field the form holds (antiforgery token
/// included), the given values in place of theirs, the button's own name and value, the files. Shared by the tests'
/// WebSession and the benchmark's load client (linked there).</summary>
public static class FormPost
{
    /// <param name="button">The text a submit button starts with, or an input button's value.</param>
    public static (string Action, HttpContent Content) Press(
        IHtmlDocument html, string pageUrl, string button, IEnumerable<(string Name, string Value)>? values, IDictionary<string, Upload>? files)
    {
        var submit = html.QuerySelectorAll("button, input[type=submit]")
            .FirstOrDefault(b => b.TextContent.Trim().StartsWith(button, StringComparison.Ordinal) || (b as IHtmlInputElement)?.Value == button)
            ?? throw new InvalidOperationException($"No button \"{button}\" on {pageUrl}: {Excerpt(html)}");
        var form = submit.Closest("form") as IHtmlFormElement ?? throw new InvalidOperationException($"The button \"{button}\" on {pageUrl} is not in a form.");
        var fields = Fields(form);
        foreach (var group in (values ?? []).GroupBy(v => v.Name))
        {
            fields.RemoveAll(f => f.Name == group.Key);
            fields.AddRange(group);
        }

        if (submit.GetAttribute("name") is { } name)
        {
            fields.Add((name, submit.GetAttribute("value") ?? ""));
        }

        var action = submit.GetAttribute("formaction") ?? form.GetAttribute("action");
        return (string.IsNullOrEmpty(action) ? pageUrl : action, form.Enctype == "multipart/form-data" ? Multipart(fields, files) : new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
    }

    private static MultipartFormDataContent Multipart(List<(string Name, string Value)> fields, IDictionary<string, Upload>? files)
    {
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            multipart.Add(new StringContent(value), name);
        }

        foreach (var (name, upload) in files ?? new Dictionary<string, Upload>())
        {
            var file = new ByteArrayContent(upload.Content);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(upload.ContentType);
            multipart.Add(file, name, upload.FileName);
        }

        return multipart;
    }

    private static List<(string Name, string Value)> Fields(IHtmlFormElement form)
    {
        var fields = new List<(string Name, string Value)>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        fields.Add((name, input.Value));
                    }

                    break;
                case IHtmlInputElement input when input.Type is "file" or "submit" or "button":
                    break;
                case IHtmlInputElement input:
                    fields.Add((name, input.Value));
                    break;
                case IHtmlTextAreaElement textArea:
                    fields.Add((name, textArea.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add((name, (select.SelectedOptions.Length > 0 ? select.SelectedOptions[0].Value : null) ?? ""));
                    break;
            }
        }

        return fields;
    }

    private static string Excerpt(IHtmlDocument html)
    {
        var text = string.Join(' ', (html.Body?.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text[..Math.Min(text.Length, 500)];
    }
}
