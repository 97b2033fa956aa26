using NodaTime;

namespace Ory.Identity;

/// <summary>The clock chosen with <see cref="OryIdentityBuilder.UseClock"/>, if any.</summary>
internal sealed class OryIdentityClockOptions
{
    public IClock? Clock { get; set; }
}
