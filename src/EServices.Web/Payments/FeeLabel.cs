namespace EServices.Web.Payments;

/// <summary>A procedure's fee in words, as the catalogue sheet and the administration's journal say it.</summary>
public static class FeeLabel
{
    private const string HowToPay = "à payer en ligne par mobile money ou au guichet du Trésor";

    public static string Of(FeeKind kind, int feeXof, string feeByChoice)
    {
        var amounts = Fees.ByChoice(feeByChoice).Values.ToList();
        return kind switch
        {
            FeeKind.Fixed => $"{FieldRules.FormatAmount(feeXof)}, {HowToPay}",
            FeeKind.PerChoice when amounts.Count > 0 && amounts.Min() != amounts.Max() =>
                $"de {(amounts.Min() == 0 ? "0" : FieldRules.FormatAmount(amounts.Min()))} à {FieldRules.FormatAmount(amounts.Max())} selon votre demande, {HowToPay}",
            FeeKind.PerChoice when amounts.Count > 0 => $"{FieldRules.FormatAmount(amounts[0])}, {HowToPay}",
            _ => feeXof == 0 ? "Gratuit" : FieldRules.FormatAmount(feeXof),
        };
    }
}
