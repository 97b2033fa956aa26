namespace Ory.Identity.Tests.Passwords;

public sealed class IdentifierSimilarityTests
{
    [Theory]
    // Kratos's own cases (selfservice/strategy/password/validator_test.go).
    [InlineData("l3f9toh1uaf81n21", "l3f9toh1uaf81n21", true)]
    [InlineData("hello@example.com", "hello@example.com12345", true)]
    [InlineData("hello@example.com", "123hello@example.com123", true)]
    [InlineData("hello@example.com", "hello@exam", true)]
    [InlineData("hello@example.com", "HELLO@EXAMPLE.COM", true)]
    [InlineData("hello@example.com", "HELLO@example.com", true)]
    [InlineData("hello@exam", "hello@example.com", true)]
    [InlineData("hello@example.com", "h3ll0@example", true)]
    [InlineData("bosqwfaxee", "bosqwfaxee", true)]
    [InlineData("abcd", "9d3c8a1b", false)]
    [InlineData("a", "kjOklafe", false)]
    [InlineData("ab", "0000ab0000123", false)]
    [InlineData("d4f6090b-5a84", "d4f6090b-5a84-2184-4404-8d1b-8da3eb00ebbe", false)]
    [InlineData("asdflasdflasdf", "asdflasdflpiuhefnciluaksdzuföfhg", false)]
    [InlineData("", "hello@example.com", false)]
    // The thresholds. Distance 4 is too close (the shared run is exactly half the password, not over it); 5 is far enough.
    [InlineData("zzzz", "zzzzzzzz", true)]
    [InlineData("zzz", "zzzzzzzz", false)]
    // Distance 5 both times: a shared run of half the password passes, one character more is too similar.
    [InlineData("abcde12345", "abcdeVWXYZ", false)]
    [InlineData("abcdef12345", "abcdefWXYZ", true)]
    public void Too_similar_when_the_distance_is_under_5_or_the_shared_run_is_over_half_the_password(string identifier, string password, bool tooSimilar)
    {
        IdentifierSimilarity.IsTooSimilar(identifier, password).Should().Be(tooSimilar);
    }

    [Fact]
    public void Levenshtein_distance_counts_insertions_deletions_and_substitutions_per_character()
    {
        static int Distance(string a, string b) =>
            IdentifierSimilarity.LevenshteinDistance([.. a.EnumerateRunes().Select(r => r.Value)], [.. b.EnumerateRunes().Select(r => r.Value)]);

        Distance("kitten", "sitting").Should().Be(3);
        Distance("", "abc").Should().Be(3);
        Distance("abc", "").Should().Be(3);
        Distance("abc", "abc").Should().Be(0);
        Distance("äöü", "aou").Should().Be(3);
        Distance("😀a", "a").Should().Be(1, "a character outside the BMP is one character");
    }

    [Fact]
    public void Longest_common_substring_follows_Kratos_byte_offsets()
    {
        IdentifierSimilarity.LongestCommonSubstring("xabcdy", "zabcdw").Should().Be(4);
        IdentifierSimilarity.LongestCommonSubstring("abc", "xyz").Should().Be(0);
        IdentifierSimilarity.LongestCommonSubstring("ää", "ää").Should().Be(1, "Kratos continues a run only from the byte before, so a run stops after a multi-byte character");
        IdentifierSimilarity.LongestCommonSubstring("äab", "äab").Should().Be(2, "the run after the two-byte character is counted on its own");
    }
}
