using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>feature_flags</c>: Kratos's switches between older and newer behaviour.</summary>
public sealed class FeatureFlagsOptions
{
    /// <summary>
    /// <c>use_continue_with_transitions</c>: flows answer JSON and API clients with <c>continue_with</c> items (the
    /// session token, the settings flow to show) instead of a 422 <c>browser_location_change_required</c>. Default
    /// <b>true</b>, unlike Kratos (false): without it a native client cannot receive the session token of a recovery.
    /// </summary>
    [ConfigurationKeyName("use_continue_with_transitions")]
    public bool UseContinueWithTransitions { get; set; } = true;

    /// <summary><c>faster_session_extend</c>: extending a session over HTTP answers 204 without a body. Default false.</summary>
    [ConfigurationKeyName("faster_session_extend")]
    public bool FasterSessionExtend { get; set; }
}
