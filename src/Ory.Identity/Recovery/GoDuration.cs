using NodaTime;

namespace Ory.Identity;

// Placeholder replaced by the goduration branch.
#pragma warning disable CS1591
public static class GoDuration
{
    public static Duration Parse(string text) => throw new NotImplementedException();

    public static bool TryParse(string? text, out Duration duration) => throw new NotImplementedException();

    public static string Format(Duration duration) => throw new NotImplementedException();
}
