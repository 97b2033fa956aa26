namespace Ory.Identity.Tests;

public class SmokeTests
{
    [Fact]
    public void Identity_state_defaults_to_active() => default(IdentityState).Should().Be(IdentityState.Active);
}
