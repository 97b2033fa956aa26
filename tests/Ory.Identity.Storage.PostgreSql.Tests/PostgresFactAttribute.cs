namespace Ory.Identity.Storage.PostgreSql.Tests;

/// <summary>A fact that needs PostgreSQL: skipped with a clear reason when none is available (never when <c>CI=true</c>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when PostgreSQL is not available.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresServer.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
