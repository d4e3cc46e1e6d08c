namespace EServices.Web.Domain.Forms;

/// <summary>The field types the form engine knows. Stored by these names in the definition.</summary>
public enum FieldType
{
    Text,
    LongText,
    Integer,
    Amount,
    Date,
    Email,
    Phone,
    YesNo,
    Choice,
    MultiChoice,
    Cnib,
    Matricule,
    Region,
    File,
    Info,
    Repeat,
}
