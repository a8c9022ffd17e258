using System.Collections;
using System.Globalization;
using System.Numerics;
using Pipeline.Connect.Api;
using Pipeline.Connect.Api.Config;
using Pipeline.Connect.Api.Data;
using Pipeline.Connect.Api.Errors;

namespace Pipeline.Connect.Runtime.Transforms;

/// <summary>
/// Kafka's <c>MaskField</c>: replaces the listed fields with their type's empty value (0, false,
/// "", the epoch for dates and times, 0 for decimals, empty arrays and maps) or, with
/// <c>replacement</c>, with that text parsed as the field's numeric type (strings take it as is).
/// The struct keeps its schema; tombstones pass through.
/// </summary>
public abstract class MaskField : KeyOrValueTransformation
{
    public const string FieldsConfig = "fields";
    public const string ReplacementConfig = "replacement";
    public const string ReplaceNullWithDefaultConfig = "replace.null.with.default";
    private const string Purpose = "mask fields";

    private static readonly ConfigDef Definition = new ConfigDef()
        .Define(FieldsConfig, ConfigType.List, ConfigDef.NoDefault, TransformValidators.NonEmptyList, Importance.High, "Names of fields to mask.")
        .Define(ReplacementConfig, ConfigType.String, null, TransformValidators.NullOrNonEmptyString, Importance.Low, "Custom value replacement, that will be applied to all 'fields' values (numeric or non-empty string values only).")
        .Define(ReplaceNullWithDefaultConfig, ConfigType.Boolean, true, null, Importance.Medium, "Whether to replace fields that have a default value and that are null to the default value. When set to true, the default value is used, otherwise null is used.");

    private HashSet<string> _maskedFields = [];
    private string? _replacement;
    private bool _replaceNullWithDefault = true;

    private protected MaskField(bool operatesOnKey)
        : base(operatesOnKey)
    {
    }

    public override ConfigDef Config => Definition;

    public override void Configure(IReadOnlyDictionary<string, string> configs)
    {
        var config = TransformValidators.Parse(Definition, configs);
        _maskedFields = new HashSet<string>(config.GetList(FieldsConfig), StringComparer.Ordinal);
        _replacement = config.GetString(ReplacementConfig);
        _replaceNullWithDefault = config.GetBoolean(ReplaceNullWithDefaultConfig);
    }

    public override ConnectRecord? Apply(ConnectRecord record)
    {
        var value = OperatingValue(record);
        if (value is null)
        {
            return record;
        }

        if (OperatingSchema(record) is null)
        {
            var updated = Requirements.CopyMap(Requirements.RequireMap(value, Purpose));
            foreach (var field in _maskedFields)
            {
                if (updated.TryGetValue(field, out var fieldValue))
                {
                    updated[field] = Masked(fieldValue);
                }
            }

            return NewRecord(record, null, updated);
        }

        var input = Requirements.RequireStruct(value, Purpose);
        var masked = new Struct(input.Schema);
        foreach (var field in input.Schema.Fields)
        {
            var fieldValue = _replaceNullWithDefault ? input.Get(field) : input.GetWithoutDefault(field.Name);
            masked.Put(field, _maskedFields.Contains(field.Name) ? Masked(fieldValue) : fieldValue);
        }

        return NewRecord(record, input.Schema, masked);
    }

    private object? Masked(object? value) => value is null ? null : _replacement is null ? NullValueOf(value) : Replacement(value, _replacement);

    private static object NullValueOf(object value) => value switch
    {
        bool => false,
        sbyte => (sbyte)0,
        short => (short)0,
        int => 0,
        long => 0L,
        float => 0f,
        double => 0d,
        decimal => 0m,
        BigInteger => BigInteger.Zero,
        string => "",
        DateOnly => DateOnly.FromDayNumber(new DateOnly(1970, 1, 1).DayNumber),
        TimeOnly => TimeOnly.MinValue,
        DateTimeOffset => DateTimeOffset.UnixEpoch,
        DateTime => DateTime.UnixEpoch,
        byte[] => throw CannotMask(value),
        IDictionary => new Dictionary<string, object?>(),
        IList => new List<object?>(),
        _ => throw CannotMask(value),
    };

    private static object Replacement(object value, string replacement)
    {
        var inv = CultureInfo.InvariantCulture;
        try
        {
            return value switch
            {
                string => replacement,
                sbyte => sbyte.Parse(replacement, NumberStyles.AllowLeadingSign, inv),
                short => short.Parse(replacement, NumberStyles.AllowLeadingSign, inv),
                int => int.Parse(replacement, NumberStyles.AllowLeadingSign, inv),
                long => long.Parse(replacement, NumberStyles.AllowLeadingSign, inv),
                float => float.Parse(replacement, NumberStyles.Float, inv),
                double => double.Parse(replacement, NumberStyles.Float, inv),
                decimal => decimal.Parse(replacement, NumberStyles.Float, inv),
                BigInteger => BigInteger.Parse(replacement, NumberStyles.AllowLeadingSign, inv),
                _ => throw new DataException($"Cannot mask value of type {value.GetType()} with custom replacement."),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new DataException($"Unable to convert {replacement} ({typeof(string)}) to number", e);
        }
    }

    private static DataException CannotMask(object value) => new($"Cannot mask value of type: {value.GetType()}");
}
