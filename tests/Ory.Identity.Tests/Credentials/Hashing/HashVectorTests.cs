using Ory.Identity.Tests.Support;

namespace Ory.Identity.Tests.Credentials.Hashing;

/// <summary>
/// Every vector of TestData/hash-vectors.json (145: 50 verify, 95 do not; each names the Kratos test it comes from:
/// hash/hasher_test.go, hash/hash_limits_test.go or identity/handler_test.go) gives Kratos's result at verification and import.
/// </summary>
public sealed class HashVectorTests
{
    private static readonly string[] FullyParsedFamilies = ["bcrypt", "argon2id", "argon2i", "pbkdf2", "scrypt", "firescrypt"];

    public static TheoryData<int> Vectors()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Load().Count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Fact]
    public void The_file_holds_145_vectors_50_of_which_verify()
    {
        var vectors = Load();
        vectors.Should().HaveCount(145);
        vectors.Count(v => v.Valid).Should().Be(50);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_verifies_exactly_when_Kratos_does(int index)
    {
        var v = Load()[index];
        PasswordHashVerifier.Verify(v.Password, v.Hash).Should().Be(v.Valid, "vector {0} ({1}): {2}", index, v.Format, v.Note);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_import_check_gives_Kratos_text(int index)
    {
        var v = Load()[index];
        PasswordHashImport.Validate(v.Hash).Should().Be(ExpectedImportError(v), "vector {0} ({1}): {2}", index, v.Format, v.Note);
    }

    private static string? ExpectedImportError(HashVector v)
    {
        if (v.Format == "unrecognized")
        {
            return PasswordHashImport.UnknownFormat;
        }

        if (v.Note.Contains("exceed bounds", StringComparison.Ordinal))
        {
            return PasswordHashImport.OutOfBounds;
        }

        var fullyParsed = FullyParsedFamilies.Any(f => v.Format.StartsWith(f, StringComparison.Ordinal));
        return fullyParsed && v.Note.Contains("rejected: malformed", StringComparison.Ordinal) ? PasswordHashImport.Unparsable : null;
    }

    private static IReadOnlyList<HashVector> Load() => HashVectors.All;
}
