namespace Ory.Identity.Tests.Errors;

/// <summary>
/// <see cref="GoFormat.Quote"/> gives what Go's <c>fmt.Sprintf("%q", s)</c> gives: every expected text below was printed
/// by Go (1.19; <c>strconv.Quote</c>'s rules are unchanged since) for the input beside it.
/// </summary>
public sealed class GoFormatTests
{
    public static TheoryData<string, string> GoOutputs => new()
    {
        { "plain", @"""plain""" },
        { "a\u0022b\u005Cc", @"""a\""b\\c""" },
        { "it's", @"""it's""" },
        { "\u00E9\u65E5\u672C\uD83D\uDE00", @"""é日本😀""" },
        { "\u0301", @"""́""" },
        { "\uFFFD", @"""�""" },
        { "\u00A0", @"""\u00a0""" },
        { "\u3000", @"""\u3000""" },
        { "\u00AD", @"""\u00ad""" },
        { "\u200B", @"""\u200b""" },
        { "\u2028", @"""\u2028""" },
        { "\uFEFF", @"""\ufeff""" },
        { "\uE000", @"""\ue000""" },
        { "\uDB40\uDC01", @"""\U000e0001""" },
        { "\u0378", @"""\u0378""" },
        { "\u0000", @"""\x00""" },
        { "\u0001", @"""\x01""" },
        { "\u0002", @"""\x02""" },
        { "\u0003", @"""\x03""" },
        { "\u0004", @"""\x04""" },
        { "\u0005", @"""\x05""" },
        { "\u0006", @"""\x06""" },
        { "\u0007", @"""\a""" },
        { "\u0008", @"""\b""" },
        { "\u0009", @"""\t""" },
        { "\u000A", @"""\n""" },
        { "\u000B", @"""\v""" },
        { "\u000C", @"""\f""" },
        { "\u000D", @"""\r""" },
        { "\u000E", @"""\x0e""" },
        { "\u000F", @"""\x0f""" },
        { "\u0010", @"""\x10""" },
        { "\u0011", @"""\x11""" },
        { "\u0012", @"""\x12""" },
        { "\u0013", @"""\x13""" },
        { "\u0014", @"""\x14""" },
        { "\u0015", @"""\x15""" },
        { "\u0016", @"""\x16""" },
        { "\u0017", @"""\x17""" },
        { "\u0018", @"""\x18""" },
        { "\u0019", @"""\x19""" },
        { "\u001A", @"""\x1a""" },
        { "\u001B", @"""\x1b""" },
        { "\u001C", @"""\x1c""" },
        { "\u001D", @"""\x1d""" },
        { "\u001E", @"""\x1e""" },
        { "\u001F", @"""\x1f""" },
        { "\u007F", @"""\x7f""" },
        { "\u0080", @"""\u0080""" },
        { "\u0081", @"""\u0081""" },
        { "\u0082", @"""\u0082""" },
        { "\u0083", @"""\u0083""" },
        { "\u0084", @"""\u0084""" },
        { "\u0085", @"""\u0085""" },
        { "\u0086", @"""\u0086""" },
        { "\u0087", @"""\u0087""" },
        { "\u0088", @"""\u0088""" },
        { "\u0089", @"""\u0089""" },
        { "\u008A", @"""\u008a""" },
        { "\u008B", @"""\u008b""" },
        { "\u008C", @"""\u008c""" },
        { "\u008D", @"""\u008d""" },
        { "\u008E", @"""\u008e""" },
        { "\u008F", @"""\u008f""" },
        { "\u0090", @"""\u0090""" },
        { "\u0091", @"""\u0091""" },
        { "\u0092", @"""\u0092""" },
        { "\u0093", @"""\u0093""" },
        { "\u0094", @"""\u0094""" },
        { "\u0095", @"""\u0095""" },
        { "\u0096", @"""\u0096""" },
        { "\u0097", @"""\u0097""" },
        { "\u0098", @"""\u0098""" },
        { "\u0099", @"""\u0099""" },
        { "\u009A", @"""\u009a""" },
        { "\u009B", @"""\u009b""" },
        { "\u009C", @"""\u009c""" },
        { "\u009D", @"""\u009d""" },
        { "\u009E", @"""\u009e""" },
        { "\u009F", @"""\u009f""" },
        { "x\u0000y\u0009y\u0085z\u0022", @"""x\x00y\ty\u0085z\""""" },
    };

    [Theory]
    [MemberData(nameof(GoOutputs))]
    public void Quote_matches_Go_percent_q(string text, string go) =>
        GoFormat.Quote(text).Should().Be(go);

    // Built at run time: a lone surrogate cannot survive in an attribute's string (it is stored as UTF-8).
    public static TheoryData<string, string> LoneSurrogates => new()
    {
        { new string((char)0xD800, 1), "\"\uFFFD\"" },
        { "a" + (char)0xDC00 + "b", "\"a\uFFFDb\"" },
        { string.Concat((char)0xDE00, (char)0xD83D), "\"\uFFFD\uFFFD\"" },
        { "x" + (char)0xD83D, "\"x\uFFFD\"" },
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates), DisableDiscoveryEnumeration = true)]
    public void A_lone_surrogate_shows_as_Go_shows_the_replacement_character_its_JSON_decoder_puts_there(string text, string expected) =>
        GoFormat.Quote(text).Should().Be(expected);
}
