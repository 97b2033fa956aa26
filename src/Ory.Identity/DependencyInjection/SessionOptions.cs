using Microsoft.Extensions.Configuration;

namespace Ory.Identity;

/// <summary><c>session</c>: how long sessions live and the session cookie (Kratos's driver/config/config.go).</summary>
public sealed class SessionOptions
{
    /// <summary><c>session.lifespan</c>: how long a session lasts after each (re-)authentication (Go duration). Default <c>24h</c>.</summary>
    [ConfigurationKeyName("lifespan")]
    public string Lifespan { get; set; } = "24h";

    /// <summary>
    /// <c>session.earliest_possible_extend</c>: an extension changes a session only once its remaining lifetime is below
    /// this (Go duration). Unset (default): <c>session.lifespan</c>, so every extension takes effect.
    /// </summary>
    [ConfigurationKeyName("earliest_possible_extend")]
    public string? EarliestPossibleExtend { get; set; }

    /// <summary><c>session.cookie</c>: the session cookie; unset attributes fall back to <c>cookies</c>.</summary>
    [ConfigurationKeyName("cookie")]
    public SessionCookieOptions Cookie { get; set; } = new();
}
