using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ory.Identity;

/// <content>The walk's checks of types, <c>enum</c>/<c>const</c>, strings and numbers.</content>
internal sealed partial class FastTraitsValidator
{
    private readonly partial struct Walker
    {
        private static bool TypeMatches(JsonTypes types, JsonElement instance, JsonValueKind kind)
        {
            if (types == JsonTypes.All)
            {
                return true;
            }

            return kind switch
            {
                JsonValueKind.Null => (types & JsonTypes.Null) != 0,
                JsonValueKind.True or JsonValueKind.False => (types & JsonTypes.Boolean) != 0,
                JsonValueKind.Object => (types & JsonTypes.Object) != 0,
                JsonValueKind.Array => (types & JsonTypes.Array) != 0,
                JsonValueKind.String => (types & JsonTypes.String) != 0,

                // A plain integer literal is an integer for every reading; 1.0 or 1e2 are left to JsonSchema.Net.
                JsonValueKind.Number => (types & JsonTypes.Number) != 0
                                        || ((types & JsonTypes.Integer) != 0 && instance.TryGetInt64(out _)),
                _ => false,
            };
        }

        private static bool MatchesEnumOrConst(Node node, JsonElement instance)
        {
            if (node.Const is { } constant && !SurelyEqual(instance, constant))
            {
                return false;
            }

            if (node.Enum is { } values)
            {
                foreach (var value in values)
                {
                    if (SurelyEqual(instance, value))
                    {
                        return true;
                    }
                }

                return false;
            }

            return true;
        }

        // Equal for any sensible reading (scalars only: enum/const with objects or arrays get no fast path).
        private static bool SurelyEqual(JsonElement instance, JsonElement expected) => instance.ValueKind switch
        {
            JsonValueKind.String => expected.ValueKind == JsonValueKind.String && instance.ValueEquals(expected.GetString()),
            JsonValueKind.Number => expected.ValueKind == JsonValueKind.Number
                                    && JsonMarshal.GetRawUtf8Value(instance).SequenceEqual(JsonMarshal.GetRawUtf8Value(expected)),
            JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => instance.ValueKind == expected.ValueKind,
            _ => false,
        };

        private static bool ValidateString(Node node, JsonElement instance, string? text)
        {
            if (!node.NeedsString)
            {
                return true;
            }

            text ??= instance.GetString()!;
            if ((node.MinLength >= 0 || node.MaxLength >= 0) && !LengthWithin(text, node.MinLength, node.MaxLength))
            {
                return false;
            }

            if (node.Pattern is { } pattern && !IsMatch(pattern, text))
            {
                return false;
            }

            return node.StringFormat is not { } predicate || predicate(text);
        }

        // A pattern that runs too long is left to JsonSchema.Net (which matches without a timeout).
        private static bool IsMatch(Regex pattern, string text)
        {
            try
            {
                return pattern.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        // Within the bounds whether length counts UTF-16 units, code points or text elements.
        private static bool LengthWithin(string text, long min, long max)
        {
            if (System.Text.Ascii.IsValid(text))
            {
                return Within(text.Length, min, max);
            }

            var runes = 0;
            foreach (var _ in text.EnumerateRunes())
            {
                runes++;
            }

            var elements = 0;
            for (var i = 0; i < text.Length; i += StringInfo.GetNextTextElementLength(text, i))
            {
                elements++;
            }

            return Within(text.Length, min, max) && Within(runes, min, max) && Within(elements, min, max);
        }

        private static bool Within(long length, long min, long max) => length >= min && (max < 0 || length <= max);

        private static bool ValidateNumber(Node node, JsonElement instance)
        {
            if (node.Minimum is null && node.Maximum is null && node.ExclusiveMinimum is null && node.ExclusiveMaximum is null)
            {
                return true;
            }

            if (!instance.TryGetDouble(out var d) || !instance.TryGetDecimal(out var m))
            {
                return false;
            }

            return (node.Minimum is not { } min || (d >= min.Double && m >= min.Decimal))
                   && (node.Maximum is not { } max || (d <= max.Double && m <= max.Decimal))
                   && (node.ExclusiveMinimum is not { } emin || (d > emin.Double && m > emin.Decimal))
                   && (node.ExclusiveMaximum is not { } emax || (d < emax.Double && m < emax.Decimal));
        }
    }
}
