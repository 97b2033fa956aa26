namespace Ory.Identity.Storage;

/// <summary>Which self-service flow a <see cref="SelfServiceFlowRecord"/> is.</summary>
public enum SelfServiceFlowKind
{
    /// <summary>A login flow.</summary>
    Login,

    /// <summary>A settings flow.</summary>
    Settings,
}
