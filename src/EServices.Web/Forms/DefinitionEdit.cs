namespace EServices.Web.Forms;

/// <summary>
/// The form builder's changes to a definition, as pure functions: each returns a new definition and leaves the
/// given one untouched. A field is found by its key; a column of a repeatable block by the block's key and its own.
/// </summary>
public static class DefinitionEdit
{
    public static FormDefinition AddStep(FormDefinition form, string title) =>
        form with { Steps = [.. form.Steps, new FormStep { Title = title }] };

    public static FormDefinition UpdateStep(FormDefinition form, int index, string title, string? intro) =>
        form with { Steps = Replace(form.Steps, index, form.Steps[index] with { Title = title, Intro = intro }) };

    public static FormDefinition MoveStep(FormDefinition form, int index, int by) =>
        form with { Steps = Move(form.Steps, index, by) };

    public static FormDefinition RemoveStep(FormDefinition form, int index) =>
        form with { Steps = [.. form.Steps.Where((_, i) => i != index)] };

    /// <summary>The step holding a top-level field, or -1.</summary>
    public static int StepOf(FormDefinition form, string key)
    {
        for (var i = 0; i < form.Steps.Count; i++)
        {
            if (form.Steps[i].Fields.Any(f => f.Key == key))
            {
                return i;
            }
        }

        return -1;
    }

    public static FormField? Find(FormDefinition form, string key, string? block) =>
        block is null ? form.Find(key) : form.Find(block)?.Fields?.FirstOrDefault(f => f.Key == key);

    /// <summary>Replaces the field <paramref name="oldKey"/> (keeping its place), or adds <paramref name="field"/> at the end
    /// of step <paramref name="step"/> (or of the block) when <paramref name="oldKey"/> is null. A block keeps its columns.</summary>
    public static FormDefinition PutField(FormDefinition form, int step, string? block, string? oldKey, FormField field)
    {
        if (block is not null)
        {
            var owner = form.Find(block)!;
            return PutField(form, StepOf(form, block), null, block, owner with { Fields = Put(owner.Fields ?? [], oldKey, field) });
        }

        if (oldKey is not null)
        {
            var existing = form.Find(oldKey)!;
            field = field.Type == FieldType.Repeat ? field with { Fields = existing.Fields ?? field.Fields } : field with { Fields = null };
            step = StepOf(form, oldKey);
        }

        return form with { Steps = Replace(form.Steps, step, form.Steps[step] with { Fields = Put(form.Steps[step].Fields, oldKey, field) }) };
    }

    /// <summary>Moves a field up (-1) or down (+1); past the top or bottom of its step it goes to the end of the
    /// previous step or the start of the next one.</summary>
    public static FormDefinition MoveField(FormDefinition form, string key, string? block, int by)
    {
        var step = block is null ? StepOf(form, key) : -1;
        if (step >= 0)
        {
            var fields = form.Steps[step].Fields;
            var to = IndexOf(fields, key) + by;
            var next = step + Math.Sign(by);
            if ((to < 0 || to >= fields.Count) && next >= 0 && next < form.Steps.Count)
            {
                var field = fields.First(f => f.Key == key);
                var target = form.Steps[next].Fields;
                var steps = Replace(form.Steps, step, form.Steps[step] with { Fields = [.. fields.Where(f => f.Key != key)] });
                steps = Replace(steps, next, form.Steps[next] with { Fields = by < 0 ? [.. target, field] : [field, .. target] });
                return form with { Steps = steps };
            }
        }

        return MapFields(form, key, block, fields => Move(fields, IndexOf(fields, key), by));
    }

    public static FormDefinition RemoveField(FormDefinition form, string key, string? block) =>
        MapFields(form, key, block, fields => [.. fields.Where(f => f.Key != key)]);

    private static FormDefinition MapFields(FormDefinition form, string key, string? block, Func<IReadOnlyList<FormField>, IReadOnlyList<FormField>> change)
    {
        if (block is not null)
        {
            var owner = form.Find(block)!;
            return PutField(form, StepOf(form, block), null, block, owner with { Fields = change(owner.Fields ?? []) });
        }

        var step = StepOf(form, key);
        return form with { Steps = Replace(form.Steps, step, form.Steps[step] with { Fields = change(form.Steps[step].Fields) }) };
    }

    private static List<FormField> Put(IReadOnlyList<FormField> fields, string? oldKey, FormField field) =>
        oldKey is null ? [.. fields, field] : Replace(fields, IndexOf(fields, oldKey), field);

    private static int IndexOf(IReadOnlyList<FormField> fields, string key) => fields.ToList().FindIndex(f => f.Key == key);

    private static List<T> Replace<T>(IReadOnlyList<T> items, int index, T item) => [.. items.Select((x, i) => i == index ? item : x)];

    private static List<T> Move<T>(IReadOnlyList<T> items, int index, int by)
    {
        var list = items.ToList();
        var to = Math.Clamp(index + by, 0, list.Count - 1);
        var item = list[index];
        list.RemoveAt(index);
        list.Insert(to, item);
        return list;
    }
}
