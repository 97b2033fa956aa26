using System.Globalization;
using System.Numerics;
using System.Text;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Ory.Identity.AspNetCore.Internal;
using Ory.Identity.Tests.Support;

namespace Ory.Identity.AspNetCore.Tests;

/// <summary>
/// Properties of <see cref="KratosQuery"/>, the Go <c>net/url</c> and <c>strconv</c> look-alikes: <c>Atoi</c> and
/// <c>TryParseLong</c> accept exactly what Go's 64-bit <c>strconv</c> accepts and otherwise fail with Go's texts as a 400;
/// <c>Escape</c> is Go's <c>url.QueryEscape</c> of the UTF-8 bytes and <c>Encode</c> round-trips through a query
/// parser; <c>GoFormat.Quote</c> never lets a control character through; and any <c>Accept</c> or <c>Content-Type</c> gets an
/// answer, never an exception.
/// </summary>
public sealed class KratosQueryProperties
{
    private static readonly Gen<string> Numbers = NearValidText.Around(Gen.Frequency<string>(
        (3, Gen.Long.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.Int.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("+5", "-0", "007", "2147483647", "-2147483648", "9223372036854775807", "-9223372036854775808"))));

    private static readonly Gen<string> QueryText = Gen.Frequency<string>(
        (3, Gen.String[Gen.Char[' ', '~'], 0, 16]),
        (2, Gen.String[Gen.Char, 0, 8]),
        (1, Gen.OneOf("", "a b", "a+b", "%", "%zz", "\u00E9", "\uD83D\uDE00", "\uD800", "x\uDC00y", "&=?#")));

    [Fact]
    public void Atoi_accepts_exactly_what_gos_strconv_atoi_accepts_and_words_every_failure_as_go_does() =>
        PropertyCheck.Run(Numbers, text =>
        {
            // Go's int has 64 bits on the servers Kratos runs on; every caller clamps, so Atoi saturates to int.
            var (expected, error) = GoParse(text, long.MinValue, long.MaxValue);
            if (error is null)
            {
                Assert.Equal((int)BigInteger.Clamp(expected, int.MinValue, int.MaxValue), KratosQuery.Atoi(text));
                return;
            }

            var thrown = Assert.Throws<InvalidRequestException>(() => KratosQuery.Atoi(text));
            Assert.Equal(400, thrown.StatusCode);
            Assert.Equal($"strconv.Atoi: parsing {GoFormat.Quote(text)}: {error}", thrown.Error.Reason);
        }, seed: "0QueryAtoi01", iterations: 10_000);

    [Fact]
    public void TryParseLong_accepts_exactly_what_gos_strconv_parseint_accepts() =>
        PropertyCheck.Run(Numbers, text =>
        {
            var (expected, error) = GoParse(text, long.MinValue, long.MaxValue);
            Assert.Equal(error is null ? (long)expected : null, KratosQuery.TryParseLong(text));
        }, seed: "0QueryLong01", iterations: 10_000);

    [Fact]
    public void Escape_is_gos_query_escape_of_the_utf8_bytes() =>
        PropertyCheck.Run(QueryText, text => Assert.Equal(GoQueryEscape(text), KratosQuery.Escape(text)), seed: "0QueryEsc001", iterations: 10_000);

    [Fact]
    public void Encoded_values_parse_back_to_the_same_values() =>
        PropertyCheck.Run(Gen.Select(QueryText.Where(k => k.Length > 0), QueryText.List[1, 3], (key, values) => (key, values)).Array[1, 4], entries =>
        {
            var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (key, list) in entries)
            {
                values[Replaced(key)] = [.. list.Select(Replaced)];
            }

            var parsed = QueryHelpers.ParseQuery("?" + KratosQuery.Encode(values));
            Assert.Equal(values.Keys.Order(StringComparer.Ordinal), parsed.Keys.Order(StringComparer.Ordinal));
            foreach (var (key, list) in values)
            {
                Assert.Equal(list, parsed[key].ToArray());
            }
        }, seed: "0QueryEnc001", iterations: 1_000);

    [Fact]
    public void GoQuote_lets_no_control_character_through_and_keeps_plain_text_as_is() =>
        PropertyCheck.Run(QueryText, text =>
        {
            var quoted = GoFormat.Quote(text);
            Assert.True(quoted.Length >= 2 && quoted[0] == '"' && quoted[^1] == '"');
            Assert.DoesNotContain(quoted, char.IsControl);
            if (text.All(c => c is >= ' ' and <= '~' and not ('"' or '\\')))
            {
                Assert.Equal("\"" + text + "\"", quoted);
            }
        }, seed: "0QueryQuote1", iterations: 5_000);

    [Fact]
    public void Any_accept_or_content_type_header_gets_an_answer() =>
        PropertyCheck.Run(Gen.Select(
            NearValidText.Around(["text/html", "application/json", "application/json; q=0.9, text/html;q=0.8", "*/*;q=0", "text/*", "application/*;q=NaN"]),
            NearValidText.Around(["application/json", "application/json; charset=utf-8", "text/plain"]),
            (accept, contentType) => (accept, contentType)), sample =>
        {
            var context = new DefaultHttpContext();
            context.Request.Headers.Accept = sample.accept;
            context.Request.ContentType = sample.contentType;
            var json = KratosQuery.IsJsonRequest(context.Request);
            if (sample.contentType == "application/json")
            {
                Assert.True(json);
            }
        }, seed: "0QueryAccpt1", iterations: 5_000);

    /// <summary>
    /// Go's <c>strconv.ParseInt(s, 10, bits)</c>: one optional sign, then one or more ASCII digits and nothing else;
    /// "invalid syntax" otherwise, "value out of range" past the bounds.
    /// </summary>
    private static (BigInteger Value, string? Error) GoParse(string text, BigInteger min, BigInteger max)
    {
        var digits = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return (0, "invalid syntax");
        }

        var value = BigInteger.Parse(digits, CultureInfo.InvariantCulture) * (text[0] == '-' ? -1 : 1);
        return value < min || value > max ? (0, "value out of range") : (value, null);
    }

    /// <summary>Go's <c>url.QueryEscape</c> of the text's UTF-8 bytes (a lone surrogate encodes as U+FFFD).</summary>
    private static string GoQueryEscape(string text)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                builder.Append((char)b);
            }
            else if (b == (byte)' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>The text as it comes out of a decoded query: a lone surrogate is U+FFFD.</summary>
    private static string Replaced(string text) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
}
